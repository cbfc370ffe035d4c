"""Checkout forms: Oscar's, with Dutch address rules on the shipping and billing address."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403 - Oscar's fork pattern
from oscar.apps.checkout.forms import GatewayForm as OscarGatewayForm
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm
from oscar.apps.payment.forms import BillingAddressForm as OscarBillingAddressForm

from commerce.checkout.address_rules import is_house_number, normalise_dutch_postcode
from commerce.checkout.consent import consent_choices
from commerce.payments.ideal import IDEAL_BANKS
from commerce.payments.models import PaymentMethod

NETHERLANDS = "NL"


class DutchAddressRules:
    """Street and house number in separate fields (Oscar's line2 is the house number); a Dutch
    address needs a house number and a postcode written "1234 AB". Other EU countries keep
    Oscar's postcode check per country."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("line3", "state"):
            self.fields.pop(name, None)
        self.fields["line1"].label = _("Straat")
        self.fields["line2"].label = _("Huisnummer + toevoeging")
        self.fields["line2"].help_text = _("Verplicht voor een adres in Nederland, bijvoorbeeld 12 of 12a.")
        self.fields["line4"].label = _("Plaats")
        self.fields["postcode"].label = _("Postcode")

    def country_code(self):
        country = self.cleaned_data.get("country") or getattr(self.instance, "country", None)
        return country.iso_3166_1_a2 if country else ""

    def clean(self):
        cleaned = super().clean()
        if self.country_code() != NETHERLANDS:
            return cleaned
        postcode = cleaned.get("postcode")
        if postcode:
            normalised = normalise_dutch_postcode(postcode)
            if normalised is None:
                self.add_error(
                    "postcode", _("Vul een geldige Nederlandse postcode in, bijvoorbeeld 1234 AB.")
                )
            else:
                cleaned["postcode"] = normalised
        house_number = cleaned.get("line2", "")
        if not house_number:
            self.add_error("line2", _("Vul uw huisnummer in."))
        elif not is_house_number(house_number):
            self.add_error("line2", _("Vul een huisnummer in, eventueel met toevoeging, bijvoorbeeld 12a."))
        return cleaned


class ShippingAddressForm(DutchAddressRules, OscarShippingAddressForm):
    """The delivery address."""


class BillingAddressForm(DutchAddressRules, OscarBillingAddressForm):
    """The name and address on the invoice of an order that ships nothing (N3)."""


class GatewayForm(OscarGatewayForm):
    """Oscar's "who are you?" step without "A user with that email address already exists",
    which told anyone with a basket which addresses have an account. A guest may use any
    address (OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT); "create an account" goes on to the
    registration, which answers alike for every address (commerce/customer/registration.py)."""

    def clean(self):
        if self.is_new_account_checkout():
            self.errors.pop("password", None)
            return self.cleaned_data
        return super().clean()


class PaymentForm(forms.Form):
    """What the payment page posts to /checkout/pay/: card or iDEAL (with a bank), the basket
    lines the customer wants started at once (W13 a/m, commerce/checkout/consent.py) and the
    consent for marketing e-mail (A6)."""

    method = forms.ChoiceField(
        label=_("Betaalmethode"),
        choices=PaymentMethod.choices,
        widget=forms.RadioSelect,
        initial=PaymentMethod.CARD,
    )
    bank = forms.ChoiceField(
        label=_("Uw bank"),
        required=False,
        choices=[("", _("Kies uw bank")), *sorted(IDEAL_BANKS.items(), key=lambda bank: bank[1].lower())],
    )
    performance_consent = forms.MultipleChoiceField(
        label=_("Direct beginnen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # A6: never ticked beforehand; recorded as consent (source "checkout") once the order is
    # placed (aftersales/consent.py). Unticked says nothing: it withdraws no earlier consent.
    marketing_consent = forms.BooleanField(
        label=_("Ja, stuur me af en toe nieuws, tips en aanbiedingen per e-mail. Afmelden kan altijd."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, basket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["performance_consent"].choices = consent_choices(basket)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == PaymentMethod.IDEAL and not cleaned.get("bank"):
            self.add_error("bank", _("Kies uw bank om met iDEAL te betalen."))
        return cleaned
