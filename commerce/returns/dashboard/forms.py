"""The staff's forms on returns: the list's filters and one form per action. They check the
input's shape only; the rules (may this return move, is a deduction allowed) are the core's."""

from datetime import datetime, time

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.returns.models import Channel, ReturnLine, State
from home.clock import AMSTERDAM, amsterdam_today

# The list's "Terugbetaling" filter: the names are commerce/returns/queues.py's.
REFUND_FILTERS = [
    ("", _("Alle")),
    ("due", _("Te betalen")),
    ("today", _("Doel vandaag")),
    ("overdue", _("Over het doel (4 werkdagen)")),
    ("escalated", _("Geëscaleerd")),
]


class ReturnFilterForm(forms.Form):
    q = forms.CharField(label=_("Retour- of bestelnummer"), required=False, max_length=40)
    state = forms.ChoiceField(label=_("Status"), choices=[("", _("Alle")), *State.choices], required=False)
    refund = forms.ChoiceField(label=_("Terugbetaling"), choices=REFUND_FILTERS, required=False)


class ActionForm(forms.Form):
    """One action's form on a return's page; field ids carry the action's name, since several
    forms with the same field names share that page."""

    action = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.action}_%s")
        super().__init__(*args, **kwargs)


class NoteForm(ActionForm):
    action = "approve"
    note = forms.CharField(label=_("Notitie (optioneel)"), required=False, max_length=500)


class RejectForm(ActionForm):
    action = "reject"
    rule = forms.ChoiceField(
        label=_("Regel"),
        choices=[(value, label) for value, label in WithdrawalException.choices if value],
    )
    reason = forms.CharField(
        label=_("Waarom deze regel geldt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("De klant krijgt de regel en deze uitleg per e-mail."),
    )


class ReceiveForm(ActionForm):
    """Per line that comes back: resellable (stock back) or not; and the day it arrived."""

    action = "receive"

    received_on = forms.DateField(
        label=_("Ontvangen op"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = amsterdam_today()
        choices = [
            (ReturnLine.Disposition.RESELLABLE, ReturnLine.Disposition.RESELLABLE.label),
            (ReturnLine.Disposition.NOT_RESELLABLE, ReturnLine.Disposition.NOT_RESELLABLE.label),
        ]
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = forms.ChoiceField(
                label=f"{line.quantity_to_come_back} × {line.order_line.title}",
                choices=choices,
                initial=ReturnLine.Disposition.RESELLABLE,
            )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > amsterdam_today():
            raise forms.ValidationError(_("Die datum ligt in de toekomst."))
        return received_on

    def resellable(self) -> dict[int, bool]:
        return {
            line.pk: self.cleaned_data[f"line_{line.pk}"] == ReturnLine.Disposition.RESELLABLE
            for line in self.lines
        }


class DeductionForm(ActionForm):
    action = "deduction"
    amount = forms.DecimalField(label=_("Inhouding (€)"), max_digits=12, decimal_places=2, localize=True)
    # Not required here: the rule (W7: a reason; W5: none at all) speaks in the core's words.
    reason = forms.CharField(label=_("Reden"), required=False, max_length=255)


class RefundForm(ActionForm):
    action = "refund"  # nothing to fill in: the amount follows from the rules (W8)


class BankTransferForm(ActionForm):
    action = "bank_transfer"
    reference = forms.CharField(label=_("Referentie van de overboeking"), max_length=120)


class OrderNumberForm(forms.Form):
    order = forms.CharField(label=_("Bestelnummer"), max_length=128)


# Staff register statements that reached the shop another way than the button (W4).
STAFF_CHANNELS = [Channel.EMAIL, Channel.PHONE, Channel.LETTER]


class RegisterWithdrawalForm(forms.Form):
    """A withdrawal received by e-mail, phone or letter: when it was sent (W3), by whom, and
    which lines and quantities (default: everything still withdrawable)."""

    channel = forms.ChoiceField(
        label=_("Ontvangen via"), choices=[(c.value, c.label) for c in STAFF_CHANNELS]
    )
    notice_on = forms.DateField(
        label=_("Datum van de herroeping"),
        help_text=_("Wanneer de klant de e-mail of brief verstuurde of belde."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notice_time = forms.TimeField(
        label=_("Tijd (optioneel)"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    name = forms.CharField(label=_("Naam van de klant"), max_length=255)
    email = forms.EmailField(label=_("E-mailadres voor de bevestiging"))
    note = forms.CharField(label=_("Notitie (optioneel)"), required=False, max_length=500)

    def __init__(self, *args, placed_at: datetime, withdrawable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.placed_at = placed_at
        self.withdrawable = [(line, left) for line, left in withdrawable if left]
        for line, left in self.withdrawable:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=line.title, min_value=0, max_value=left, initial=left, help_text=_("van %d") % left
            )

    def line_fields(self):
        return [self[f"line_{line.pk}"] for line, _left in self.withdrawable]

    def clean(self):
        cleaned = super().clean()
        if self.withdrawable and not any(cleaned.get(f"line_{line.pk}") for line, _left in self.withdrawable):
            raise forms.ValidationError(_("Kies ten minste één artikel om te herroepen."))
        if not cleaned.get("notice_on"):
            return cleaned
        if cleaned["notice_on"] > amsterdam_today() or self.notice_at() > timezone.now():
            self.add_error("notice_on", _("De herroeping kan niet in de toekomst verstuurd zijn."))
        elif self.notice_at() < self.placed_at:
            self.add_error(
                "notice_on",
                _("De bestelling is geplaatst op %s; de herroeping kan niet van eerder zijn.")
                % formats.date_format(self.placed_at.astimezone(AMSTERDAM), "DATETIME_FORMAT"),
            )
        return cleaned

    def notice_at(self) -> datetime:
        """When the notice was sent, in Amsterdam: without a time, the end of that day (it
        counts on that day, W3), and never later than now."""
        notice_on = self.cleaned_data["notice_on"]
        at = self.cleaned_data.get("notice_time")
        if at is not None:
            return datetime.combine(notice_on, at, tzinfo=AMSTERDAM)
        return min(datetime.combine(notice_on, time(23, 59, 59), tzinfo=AMSTERDAM), timezone.now())

    def quantities(self) -> list[tuple]:
        return [
            (line, self.cleaned_data[f"line_{line.pk}"])
            for line, _left in self.withdrawable
            if self.cleaned_data[f"line_{line.pk}"]
        ]
