"""Staff views that start from an order: register a withdrawal received by e-mail, phone or
letter (W4), and cancel a paid order before dispatch (issue 11 item 7). Both create a return and
go to its page; a refusal (ReturnRefused) is a message on the form, never a 500."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oscar.apps.dashboard.orders.views import get_order_for_user_or_404, queryset_orders_for_user

from commerce.returns import cancelling, withdrawing
from commerce.returns.dashboard.forms import OrderNumberForm, RegisterWithdrawalForm
from commerce.returns.transitions import ReturnRefused
from home.clock import amsterdam_today


def to_new_return(request, make, success: str):
    """make() creates a return: then the success message (with its "return" and "order" numbers)
    and the return's page; after a refusal the message and None (the caller shows its form again)."""
    try:
        return_request = make()
    except ReturnRefused as refusal:
        messages.error(request, str(refusal))
        return None
    numbers = {"return": return_request.number, "order": return_request.order.number}
    messages.success(request, success % numbers)
    return redirect("returns_dashboard:return-detail", number=return_request.number)


@require_http_methods(["GET", "POST"])
def register_withdrawal(request):
    """A withdrawal that came by e-mail, phone or letter (W4): first the order, then what."""
    number = request.GET.get("order", "").strip()
    if not number:
        return render(request, "oscar/dashboard/returns/register_order.html", {"form": OrderNumberForm()})
    order = queryset_orders_for_user(request.user).filter(number=number).first()
    if order is None:
        form = OrderNumberForm(request.GET)
        form.add_error("order", _("Geen bestelling met nummer %s.") % number)
        return render(request, "oscar/dashboard/returns/register_order.html", {"form": form}, status=404)
    initial = {"name": customer_name(order), "email": order.email, "notice_on": amsterdam_today()}
    form = RegisterWithdrawalForm(
        request.POST or None,
        placed_at=order.date_placed,
        withdrawable=withdrawing.withdrawable(order).items(),
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        status = 400
        done = form.is_valid() and to_new_return(
            request,
            lambda: withdraw(order, form, request.user),
            _("Herroeping %(return)s geregistreerd; de klant krijgt de bevestiging per e-mail."),
        )
        if done:
            return done
    context = {"order": order, "form": form}
    return render(request, "oscar/dashboard/returns/register_withdrawal.html", context, status=status)


def customer_name(order) -> str:
    address = order.billing_address or order.shipping_address
    return address.name if address else (order.user.get_full_name() if order.user else "")


def withdraw(order, form: RegisterWithdrawalForm, actor):
    data = form.cleaned_data
    return withdrawing.withdraw(
        order,
        [withdrawing.LineChoice(line, quantity) for line, quantity in form.quantities()],
        name=data["name"],
        email=data["email"],
        notice_at=form.notice_at(),
        channel=data["channel"],
        actor=actor,
        note=data["note"],
    )


@require_http_methods(["GET", "POST"])
def cancel_order(request, number: str):
    """Staff cancel a paid order before dispatch: asked to confirm first (GET), then done (POST)."""
    order = get_order_for_user_or_404(request.user, number)
    status = 200
    if request.method == "POST":
        done = to_new_return(
            request,
            lambda: cancelling.cancel_order(order, request.user),
            _("Bestelling %(order)s is geannuleerd: alles gaat terug naar de klant, die een e-mail krijgt."),
        )
        if done:
            return done
        status = 400
    context = {"order": order, "may_cancel": cancelling.may_cancel(order)}
    return render(request, "oscar/dashboard/returns/cancel_order.html", context, status=status)
