"""The customer's parcel on its way back and its arrival (W10, W17): per line resellable (stock
back exactly once) or not, the refund goal set (W14) and, when the shop says so, the refund."""

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.order.emails import shop_settings
from commerce.returns import after_commit, policy
from commerce.returns.models import Return, ReturnLine, State
from commerce.returns.transitions import CARRIER, ReturnRefused, locked, move, record

StockRecord = get_model("partner", "StockRecord")
TRACKING_CODE_MAX = 64  # Return.tracking_code
Line = get_model("order", "Line")


def mark_sent(return_request: Return, tracking_code: str, actor, sent_on: date | None = None) -> None:
    """The customer sent the goods back; a tracking code is proof of sending (W10)."""
    tracking_code = tracking_code.strip()
    if len(tracking_code) > TRACKING_CODE_MAX:
        raise ReturnRefused(_("Die track & trace-code is te lang."))
    with transaction.atomic():
        return_request = locked(return_request)
        if return_request.state == State.SENT:
            return_request.tracking_code = tracking_code or return_request.tracking_code
            return_request.save(update_fields=["tracking_code"])
            return
        move(return_request, State.SENT, actor, tracking_code)
        return_request.tracking_code = tracking_code
        return_request.sent_on = sent_on or timezone.localdate()
        return_request.save(update_fields=["tracking_code", "sent_on"])


def receive(
    return_request: Return, resellable: dict[int, bool], actor, received_on: date | None = None
) -> Return:
    """The parcel arrived: {return line id: resellable?} for every line that comes back.

    Stock goes back for resellable lines exactly once (restocked_at under the row lock), the
    order lines are marked returned (no longer a purchase for the recommendations) and the
    refund goal is set; with the shop's "refund on receipt" the refund follows after commit.
    """
    received_on = received_on or timezone.localdate()
    with transaction.atomic():
        return_request = locked(return_request)
        lines = [
            line for line in return_request.lines.select_related("order_line") if line.quantity_to_come_back
        ]
        if {line.pk for line in lines} != set(resellable):
            raise ReturnRefused(_("Geef voor elke regel aan of hij weer verkoopbaar is."))
        if any(line.received_at for line in lines):
            raise ReturnRefused(_("Retour %s is al ontvangen.") % return_request.number)
        now = timezone.now()
        for line in lines:
            line.received_at = now
            line.disposition = (
                ReturnLine.Disposition.RESELLABLE
                if resellable[line.pk]
                else ReturnLine.Disposition.NOT_RESELLABLE
            )
            if resellable[line.pk]:
                restock(line)
                line.restocked_at = now
            line.save(update_fields=["received_at", "disposition", "restocked_at"])
            mark_returned(line)
        if return_request.state == State.REFUNDED:  # refunded on proof of sending (W10)
            move(return_request, State.CLOSED, actor, _("Goederen ontvangen."))
        else:
            move(return_request, State.RECEIVED, actor, _("Goederen ontvangen."))
        shop = shop_settings()
        start_refund_goal(return_request, received_on, shop)
        if (
            return_request.state == State.RECEIVED
            and shop.refund_on_receipt
            and all(resellable.values())
            and not return_request.deduction
        ):
            after_commit.refund(return_request)
    return return_request


def start_refund_goal(return_request: Return, arrived_on: date, shop) -> None:
    """W14: the goal counts from the day the goods arrived; a day the carrier reported earlier
    stays the arrival day when staff unpack the parcel later."""
    return_request.received_on = return_request.received_on or arrived_on
    return_request.refund_goal_on = policy.w14_refund_goal(return_request.received_on, shop.closing_days())
    return_request.save(update_fields=["received_on", "refund_goal_on"])


def restock(return_line: ReturnLine) -> None:
    stockrecord_id = return_line.order_line.stockrecord_id
    if (
        stockrecord_id
        and return_line.order_line.product
        and return_line.order_line.product.get_product_class().track_stock
    ):
        StockRecord.objects.filter(pk=stockrecord_id).update(
            num_in_stock=F("num_in_stock") + return_line.quantity_to_come_back
        )


def mark_returned(return_line: ReturnLine) -> None:
    """The order line's status once all of it came back (statuses.LINE_RETURNED)."""
    line = return_line.order_line
    back = sum(
        other.quantity_to_come_back
        for other in ReturnLine.objects.filter(order_line=line, received_at__isnull=False)
    )
    if back + sum(r.unshipped_quantity for r in line.return_lines.all()) >= line.quantity:
        Line.objects.filter(pk=line.pk).update(status=statuses.LINE_RETURNED)


def returns_on_their_way(tracking_code: str):
    """The returns a carrier's delivery report may be about (the shop's own parcels come first)."""
    return Return.objects.filter(tracking_code=tracking_code, state__in=[State.SENT, State.REFUNDED])


def parcel_arrived(return_request: Return, arrived_on: date, today: date | None = None) -> Return:
    """The carrier delivered the return parcel to the shop: the W14 goal counts from that day;
    staff still judge each line (receive). A repeated report changes nothing."""
    if arrived_on > (today or timezone.localdate()):
        raise ReturnRefused(_("De leverdatum %s ligt in de toekomst.") % arrived_on.isoformat())
    with transaction.atomic():
        return_request = locked(return_request)
        if return_request.received_on is not None:
            return return_request
        start_refund_goal(return_request, arrived_on, shop_settings())
        note = _("Retourpakket afgeleverd op %s.") % arrived_on.isoformat()
        record(return_request, return_request.state, CARRIER, note)
    return return_request
