"""Staff cancel a paid order before dispatch: everything is refunded, delivery included, the
stock reservation released and the customer e-mailed; a credit note follows when an invoice
exists. Recorded as a return of every line (channel "cancellation") so the refund takes the
same once-only path as a withdrawal."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.order import shipments, statuses
from commerce.returns import after_commit, policy
from commerce.returns.models import Channel, Return, ReturnLine, State
from commerce.returns.transitions import ReturnRefused, record
from commerce.returns.withdrawing import authorise, next_number, withdrawable
from home.clock import amsterdam_date

Order = get_model("order", "Order")


def may_cancel(order) -> bool:
    """Paid and nothing dispatched yet: staff may still cancel it (the dashboard offers it then)."""
    return order.status == statuses.PAID and not shipments.dispatches(order).exists()


def cancel_order(order, actor, note: str = "") -> Return:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if not may_cancel(order):
            raise ReturnRefused(
                _("Alleen een betaalde bestelling waarvan nog niets is verzonden kan worden geannuleerd.")
            )
        lines = {line: quantity for line, quantity in withdrawable(order).items() if quantity}
        if not lines:
            raise ReturnRefused(_("Alles van deze bestelling is al herroepen."))
        now = timezone.now()
        legal_deadline = policy.w8_legal_refund_deadline(amsterdam_date(now))
        return_request = Return.objects.create(
            number=next_number(order),
            order=order,
            channel=Channel.CANCELLATION,
            notice_at=now,
            customer_name=order.shipping_address.name if order.shipping_address else order.email,
            email=order.email,
            language=order.language,
            legal_refund_deadline=legal_deadline,
            escalate_on=policy.w14_escalation_on(legal_deadline),
        )
        record(
            return_request,
            State.REQUESTED,
            actor,
            note or _("Bestelling geannuleerd door de winkel."),
            from_state="",
        )
        ReturnLine.objects.bulk_create(
            ReturnLine(return_request=return_request, order_line=line, quantity=quantity)
            for line, quantity in lines.items()
        )
        authorise(return_request, actor, _("Annulering: alles wordt terugbetaald."))
        after_commit.email(return_request, after_commit.CANCELLED)
    return return_request
