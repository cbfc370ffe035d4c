"""The small forms of the after-sales admin pages: one per action on a task (A3, A7) and on a
customer (notes, key account, marketing consent). Each only checks what was typed; the rules are the domain's
(working.py, questions.py)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.messages import unknown_fields
from aftersales.models import Answer, CustomerNote, Task


class AmountField(forms.DecimalField):
    """Euros as staff type them: "12,50" (Dutch comma, "1.234,50" too) or "12.50", whatever
    language the admin is in; at most two decimals, not negative."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Vul een bedrag in, zoals 12,50.")}

    def __init__(self, **kwargs):
        super().__init__(max_digits=10, decimal_places=2, min_value=Decimal("0"), **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").strip()
            if "," in value:  # Dutch: the comma is the decimal sign, points group thousands
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class NoFieldsForm(forms.Form):
    """Claim, unassign, start: the button says it all."""


class SentForm(forms.Form):
    what = forms.CharField(
        label=_("Wat heb je verstuurd?"), max_length=Task._meta.get_field("sent_what").max_length
    )
    cost = AmountField(label=_("Kosten in € (incl. btw)"))


class SkipForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom sla je deze taak over?"), max_length=Task._meta.get_field("skip_reason").max_length
    )


class ApproveForm(forms.Form):
    budget = AmountField(label=_("Budget in € (incl. btw)"))


class MessageForm(forms.Form):
    """The card's text for this customer; merge fields in braces. Empty: the tier's template."""

    message = forms.CharField(
        label=_("Tekst op het kaartje"),
        required=False,
        max_length=Task._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Alleen voor deze klant. De invulvelden hieronder worden voor deze klant ingevuld. "
            "Maak je het veld leeg, dan krijgt deze klant weer de standaardtekst."
        ),
    )

    def clean_message(self):
        message = self.cleaned_data["message"].replace("\r\n", "\n")  # browsers send CRLF
        unknown = unknown_fields(message)
        if unknown:
            raise forms.ValidationError(
                _("Onbekende invulvelden: %(fields)s.") % {"fields": ", ".join(unknown)}
            )
        return message


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Je antwoord (per e-mail)"),
        max_length=Answer._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class KeyAccountForm(forms.Form):
    """Sets the flag to the value the button shows, so a double click changes nothing more."""

    key_account = forms.BooleanField(required=False)


class MarketingConsentForm(forms.Form):
    """A6: what the customer told staff (a reply to the List-Unsubscribe mailto:, a phone call).
    Like the key account: the value the button shows."""

    marketing_consent = forms.BooleanField(required=False)


class NoteForm(forms.ModelForm):
    class Meta:
        model = CustomerNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("Nieuwe notitie")}
