"""The withdrawal function's forms (W18): the footer's order lookup, the withdrawal (what, and
the optional questions: the seal for W13 e/i, W6's reason, W16's pick-up day) and the return
parcel's tracking code (W10)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commerce.catalogue.withdrawal_exceptions import SEAL_DEPENDENT
from commerce.returns import withdrawing
from commerce.returns.models import Reason
from commerce.returns.policy import Eligibility
from commerce.returns.receiving import TRACKING_CODE_MAX

# A line's fields are named after its id; anything posted under such a name is checked.
LINE_FIELD = re.compile(r"^line-(\d+)-(quantity|seal)$")
SEAL_ANSWERS = {"yes": True, "no": False}


def radios() -> forms.RadioSelect:
    return forms.RadioSelect(attrs={"class": "form-check-input"})


class LookupForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Bestelnummer"),
        max_length=128,
        error_messages={"required": gettext_lazy("Vul je bestelnummer in.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres waarmee je bestelde"),
        error_messages={
            "required": gettext_lazy("Vul het e-mailadres in waarmee je bestelde."),
            "invalid": gettext_lazy("Dit e-mailadres klopt niet; kijk het even na."),
        },
    )


class TrackingForm(forms.Form):
    tracking_code = forms.CharField(
        label=gettext_lazy("Track & trace-code van je retourpakket"),
        max_length=TRACKING_CODE_MAX,
        error_messages={
            "required": gettext_lazy("Vul de track & trace-code in die je van de vervoerder kreeg."),
            "max_length": gettext_lazy("Die track & trace-code is te lang."),
        },
    )


@dataclass(frozen=True)
class Row:
    """One order line on the form: how many may still be withdrawn, and why not (W13)."""

    line: Any
    left: int
    refusal: str  # the rule that refuses the line, named; "" when it may be withdrawn
    asks_seal: bool  # W13 (e)/(i): "is the seal intact?"

    @property
    def quantity_name(self) -> str:
        return f"line-{self.line.pk}-quantity"

    @property
    def seal_name(self) -> str:
        return f"line-{self.line.pk}-seal"

    @property
    def open(self) -> bool:
        return self.left > 0 and not self.refusal


def rows_of(order) -> list[Row]:
    rows = []
    for line, left in withdrawing.withdrawable(order).items():
        exception = withdrawing.exception_of(line)
        refused = withdrawing.eligibility_of(line, None) == Eligibility.REFUSED
        rows.append(
            Row(
                line=line,
                left=left,
                refusal=withdrawing.refusal_reason(exception) if refused else "",
                asks_seal=exception in SEAL_DEPENDENT,
            )
        )
    return rows


def customer_name(order) -> str:
    address = order.shipping_address or order.billing_address
    if address and address.name:
        return address.name
    return order.user.get_full_name() if order.user_id else ""


def quantity_field(row: Row) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Hoeveel “%(title)s” herroep je? (hoogstens %(left)d)")
        % {"title": row.line.title, "left": row.left},
        min_value=0,
        max_value=row.left,
        initial=row.left,
        widget=forms.NumberInput(attrs={"class": "form-control withdraw-line__quantity"}),
        error_messages={
            "required": _("Vul een aantal in; 0 als je dit artikel houdt."),
            "invalid": _("Vul het aantal in als getal, bijvoorbeeld 1."),
            "min_value": _("Een aantal kan niet kleiner zijn dan 0."),
            "max_value": _("Je kunt hiervan nog hoogstens %(limit_value)s herroepen."),
        },
    )


def seal_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Is de verzegeling nog intact?"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        required=False,
        widget=radios(),
        error_messages={"invalid_choice": _("Kies ja of nee, of laat de vraag open.")},
    )


def pickup_field(days: list[date]) -> forms.TypedChoiceField:
    offered = [(day.isoformat(), date_format(day, "l j F")) for day in days]
    return forms.TypedChoiceField(
        label=_("Haal het bij mij op"),
        choices=[("", _("Nee, ik stuur het zelf op")), *offered],
        coerce=date.fromisoformat,
        empty_value=None,
        required=False,
        initial="",
        widget=radios(),
        error_messages={"invalid_choice": _("Kies een van de dagen die we aanbieden.")},
    )


class WithdrawalForm(forms.Form):
    """W18 asks only the name, the order (in the URL) and the e-mail address for the
    confirmation; everything else here has a default or may stay open."""

    name = forms.CharField(
        label=gettext_lazy("Je naam"),
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
        error_messages={"required": gettext_lazy("Vul je naam in.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres voor de bevestiging"),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Vul het e-mailadres in waarop je de bevestiging wilt krijgen."),
            "invalid": gettext_lazy("Dit e-mailadres klopt niet; kijk het even na."),
        },
    )
    # W6: never required and never labelled so; "" is "Zeg ik liever niet".
    reason = forms.ChoiceField(
        label=gettext_lazy("We horen graag waarom"),
        help_text=gettext_lazy("Alleen als je wilt: je herroeping telt ook zonder reden."),
        choices=Reason.choices,
        required=False,
        initial=Reason.NONE,
        widget=radios(),
        error_messages={"invalid_choice": gettext_lazy("Kies een van de antwoorden, of laat de vraag open.")},
    )

    def __init__(self, order, data=None, pickup_days: list[date] | None = None):
        super().__init__(data, initial={"name": customer_name(order), "email": order.email})
        self.order = order
        self.rows = rows_of(order)
        for row in self.rows:
            if row.open:
                self.fields[row.quantity_name] = quantity_field(row)
                if row.asks_seal:
                    self.fields[row.seal_name] = seal_field()
        if pickup_days:
            self.fields["pickup_on"] = pickup_field(pickup_days)

    @property
    def reason_label(self) -> str:
        """The answer to the optional question, as shown to the customer ("" when left open)."""
        reason = self.cleaned_data.get("reason")
        return str(Reason(reason).label) if reason else ""

    @property
    def anything_open(self) -> bool:
        return any(row.open for row in self.rows)

    @property
    def shown_rows(self) -> list[dict]:
        """Each row with its bound fields, for the template."""
        return [
            {
                "row": row,
                "quantity": self[row.quantity_name] if row.quantity_name in self.fields else None,
                "seal": self[row.seal_name] if row.seal_name in self.fields else None,
            }
            for row in self.rows
        ]

    def clean(self):
        self.refuse_other_lines()
        if not self.errors and not self.choices():
            raise forms.ValidationError(
                _("Kies wat je wilt herroepen: zet bij minstens één artikel een aantal.")
            )
        return self.cleaned_data

    def refuse_other_lines(self) -> None:
        """Something posted for a line that is not on the form: another order's, one refused
        by W13, or one withdrawn in full already (a second click on the confirm button)."""
        rows = {row.line.pk: row for row in self.rows}
        for name in self.data:
            match = LINE_FIELD.match(name)
            if not match or name in self.fields:
                continue
            row = rows.get(int(match.group(1)))
            if row is None:
                raise forms.ValidationError(_("Die regel hoort niet bij deze bestelling."))
            if row.refusal:
                raise forms.ValidationError(f"“{row.line.title}”: {row.refusal}")
            raise forms.ValidationError(
                _("“%(title)s” heb je al helemaal herroepen.") % {"title": row.line.title}
            )

    def choices(self) -> list[withdrawing.LineChoice]:
        data = self.cleaned_data
        return [
            withdrawing.LineChoice(
                row.line, data[row.quantity_name], SEAL_ANSWERS.get(data.get(row.seal_name) or "")
            )
            for row in self.rows
            if data.get(row.quantity_name)
        ]

    def carried(self) -> list[tuple[str, str]]:
        """The answers as (name, value) pairs, carried to the confirmation step unchanged."""
        carried = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value is None:
                value = ""
            carried.append((name, value.isoformat() if isinstance(value, date) else str(value)))
        return carried
