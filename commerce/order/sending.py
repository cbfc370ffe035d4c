"""E-mails about an order that go out once, with no database transaction open while they are sent.

A short transaction claims the send (OrderEmail: a second worker finds the claim and stops);
the message is built and sent with no lock held; a second short write marks it sent. A send
that fails releases its claim and raises; one cut short by a crash keeps its claim until it
expires. `send_pending_emails` (scheduled every few minutes) sends both later, up to
MAX_ATTEMPTS times. A crash after sending but before marking may send the e-mail twice: once
too often is better than never.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from commerce.order.emails import send_order_email
from commerce.order.models import Order, OrderEmail

# Longer than any e-mail takes to build and send (EMAIL_TIMEOUT is 20 s at scale).
CLAIM_FOR = timedelta(minutes=5)
MAX_ATTEMPTS = 12

Build = Callable[[], tuple[dict, list]]


def claim(order: Order, name: str, reference: str = "") -> OrderEmail | None:
    """The send, claimed for CLAIM_FOR; None when it was sent already or another worker has it."""
    now = timezone.now()
    with transaction.atomic():
        send, _created = OrderEmail.objects.select_for_update().get_or_create(
            order=order, name=name, reference=reference
        )
        if send.sent_at is not None or (send.claimed_until is not None and send.claimed_until > now):
            return None
        send.claimed_until = now + CLAIM_FOR
        send.attempts += 1
        send.save(update_fields=["claimed_until", "attempts"])
    return send


def send_once(order: Order, name: str, build: Build, reference: str = "", to: str = "") -> bool:
    """Send e-mail `name` about `order` unless it went out already; True when this call sent it.

    build() returns (context, attachments); it runs after the claim, outside any transaction.
    `to`: the recipient when not the order's e-mail address.
    """
    send = claim(order, name, reference)
    if send is None:
        return False
    try:
        context, attachments = build()
        send_order_email(order, name, context, attachments, to=to)
    except Exception:
        OrderEmail.objects.filter(pk=send.pk).update(claimed_until=None)
        raise
    OrderEmail.objects.filter(pk=send.pk).update(sent_at=timezone.now(), claimed_until=None)
    return True


def pending(now=None):
    """Sends not done and not being done: failed, or claimed by a worker that never finished."""
    now = now or timezone.now()
    unclaimed = OrderEmail.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    return unclaimed.exclude(claimed_until__gt=now).select_related("order").order_by("pk")
