"""The storefront's forms of after-sales: "Vraag over je bestelling" on the order pages (A7), and
the newsletter sign-up and the account's marketing e-mail setting (A6)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from aftersales.models import Customer, Question

# Answered by calling or messaging: then we need a number to do it.
NEEDS_PHONE = (Question.Channel.PHONE, Question.Channel.WHATSAPP)


class QuestionForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("Waar gaat je vraag over?"),
        choices=[("", _("Kies een onderwerp")), *Question.Subject.choices],
        widget=forms.Select(attrs={"class": "form-control"}),
        error_messages={
            "required": _("Kies waar je vraag over gaat."),
            "invalid_choice": _("Kies een van de onderwerpen uit de lijst."),
        },
    )
    body = forms.CharField(
        label=_("Je vraag"),
        max_length=Question._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
        error_messages={
            "required": _("Schrijf je vraag op."),
            "max_length": _("Je vraag is te lang: houd het bij %(limit_value)d tekens."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Hoe wil je antwoord?"),
        choices=Question.Channel.choices,
        initial=Question.Channel.EMAIL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": _("Kies hoe je antwoord wilt."),
            "invalid_choice": _("Kies e-mail, telefoon of WhatsApp."),
        },
    )
    phone = PhoneNumberField(
        label=_("Je telefoonnummer"),
        region="NL",
        required=False,
        help_text=_("Alleen nodig als we je mogen bellen of appen."),
        widget=forms.TextInput(attrs={"class": "form-control", "type": "tel", "autocomplete": "tel"}),
        error_messages={"invalid": _("Dit telefoonnummer klopt niet; kijk het even na.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") in NEEDS_PHONE and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Vul je telefoonnummer in, dan kunnen we je bellen of appen."))
        return cleaned

    def phone_number(self) -> str:
        """The number in international format (+31612345678), or "" when none was given."""
        phone = self.cleaned_data.get("phone")
        return phone.as_e164 if phone else ""


class NewsletterForm(forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=Customer._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit e-mailadres klopt niet; kijk het even na."),
            "max_length": _("Dit e-mailadres is te lang: houd het bij %(limit_value)d tekens."),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AccountConsentForm(forms.Form):
    marketing_consent = forms.BooleanField(
        label=_("Ja, stuur me af en toe nieuws, tips en aanbiedingen per e-mail."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
