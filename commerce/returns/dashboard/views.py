"""Staff views on returns ("Retouren" in Oscar's dashboard). Thin: each action is one call of
the returns core; a refusal (ReturnRefused) comes back as a message on the page, with what was
typed kept, never as a 500. Oscar's permission decorator guards every URL (apps.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from commerce.returns import decisions, policy, queues, receiving, refunds, withdrawing
from commerce.returns.dashboard.access import returns_for
from commerce.returns.dashboard.forms import (
    ActionForm,
    BankTransferForm,
    DeductionForm,
    NoteForm,
    ReceiveForm,
    RefundForm,
    RejectForm,
    ReturnFilterForm,
)
from commerce.returns.models import Refund, State
from commerce.returns.transitions import ReturnRefused
from home.clock import amsterdam_today

PER_PAGE = 25
# A refusal is the staff's input or the return's state (400), except these.
REFUSAL_STATUS = {refunds.RefundInProgress: 409, refunds.RefundFailed: 503}


@require_safe
def return_list(request):
    form = ReturnFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "oscar/dashboard/returns/return_list.html", {"form": form}, status=400)
    returns = returns_for(request.user).select_related("order", "refund")
    search, state, refund_filter = (form.cleaned_data[name] for name in ("q", "state", "refund"))
    if search:
        returns = returns.filter(Q(number__icontains=search) | Q(order__number__icontains=search))
    if state:
        returns = returns.filter(state=state)
    if refund_filter:
        returns = returns.filter(queues.named(refund_filter, amsterdam_today()))
    page = Paginator(returns, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "returns": page.object_list, "page_obj": page, "paginator": page.paginator}
    return render(request, "oscar/dashboard/returns/return_list.html", context)


def get_return(request, number: str):
    return get_object_or_404(returns_for(request.user).select_related("order", "refund"), number=number)


def lines_to_come_back(return_request) -> list:
    return [line for line in return_request.lines.all() if line.quantity_to_come_back]


def render_detail(request, return_request, bound: dict | None = None, status: int = 200):
    """The return's page with its actions' forms; `bound` replaces one with what was posted."""
    state = return_request.state
    refund = getattr(return_request, "refund", None)
    lines = list(return_request.lines.select_related("order_line__product__product_class"))
    to_receive = [line for line in lines if line.quantity_to_come_back and not line.received_at]
    # Goods arrive once authorised or sent, or after a refund on proof of sending (W10).
    arrival_expected = policy.w17_may_move(state, State.RECEIVED) or state == State.REFUNDED
    action_forms = {
        "approve": NoteForm(),
        "reject": RejectForm(),
        "receive": ReceiveForm(lines=to_receive),
        "deduction": DeductionForm(
            initial={"amount": return_request.deduction, "reason": return_request.deduction_reason}
        ),
        "bank_transfer": BankTransferForm(),
        **(bound or {}),
    }
    context = {
        "return_request": return_request,
        "order": return_request.order,
        "lines": lines,
        "events": return_request.events.select_related("actor"),
        "refund": refund,
        "credit_notes": refund.credit_notes.all() if refund else [],
        "forms": action_forms,
        "may_approve": policy.w17_may_move(state, State.AUTHORISED),
        "may_reject": policy.w17_may_move(state, State.REJECTED),
        "may_receive": bool(to_receive) and arrival_expected,
        "may_deduct": refund is None and state not in queues.SETTLED,
        "may_refund": refund.status == Refund.Status.DUE if refund else policy.w17_may_refund(state),
        "pays_by_stripe": bool(refunds.payment_intent_of(return_request.order)),
    }
    return render(request, "oscar/dashboard/returns/return_detail.html", context, status=status)


@require_safe
def return_detail(request, number: str):
    return render_detail(request, get_return(request, number))


def act(request, return_request, form: ActionForm, do):
    """Run `do(cleaned_data)` (it returns the success message) and go back to the return; bad
    input or a refusal shows the page again with the message and the form as posted."""
    if not form.is_valid():
        messages.error(request, _("Controleer wat je hebt ingevuld."))
        return render_detail(request, return_request, {form.action: form}, status=400)
    try:
        done = do(form.cleaned_data)
    except ReturnRefused as refusal:
        messages.error(request, str(refusal))
        status = REFUSAL_STATUS.get(type(refusal), 400)
        fresh = get_return(request, return_request.number)  # e.g. the refund's error, just stored
        return render_detail(request, fresh, {form.action: form}, status=status)
    messages.success(request, done)
    return redirect("returns_dashboard:return-detail", number=return_request.number)


@require_POST
def approve(request, number: str):
    return_request = get_return(request, number)

    def do(data):
        decisions.approve(return_request, request.user, data["note"])
        return _("Retour %s is goedgekeurd.") % return_request.number

    return act(request, return_request, NoteForm(request.POST), do)


@require_POST
def reject(request, number: str):
    return_request = get_return(request, number)

    def do(data):
        with translation.override(return_request.language):  # the customer reads the rule
            rule = withdrawing.refusal_reason(data["rule"])
        decisions.reject(return_request, f"{rule} {data['reason'].strip()}", request.user)
        return _("Retour %s is afgewezen; de klant krijgt de regel en je uitleg per e-mail.") % (
            return_request.number
        )

    return act(request, return_request, RejectForm(request.POST), do)


@require_POST
def receive(request, number: str):
    return_request = get_return(request, number)
    form = ReceiveForm(request.POST, lines=lines_to_come_back(return_request))

    def do(data):
        receiving.receive(return_request, form.resellable(), request.user, data["received_on"])
        return _("Retour %s is ontvangen.") % return_request.number

    return act(request, return_request, form, do)


@require_POST
def deduction(request, number: str):
    return_request = get_return(request, number)

    def do(data):
        decisions.set_deduction(return_request, data["amount"], data["reason"], request.user)
        return _("Inhouding van € %s vastgelegd.") % data["amount"]

    return act(request, return_request, DeductionForm(request.POST), do)


@require_POST
def refund(request, number: str):
    return_request = get_return(request, number)

    def do(_data):
        made = refunds.make(return_request, request.user)
        return _("€ %s terugbetaald.") % made.amount

    return act(request, return_request, RefundForm(request.POST), do)


@require_POST
def bank_transfer(request, number: str):
    return_request = get_return(request, number)

    def do(data):
        made = refunds.record_bank_transfer(return_request, data["reference"], request.user)
        return _("Overboeking van € %s vastgelegd.") % made.amount

    return act(request, return_request, BankTransferForm(request.POST), do)
