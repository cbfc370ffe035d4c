"""What follows a change to a return once its transaction commits: e-mails and the refund run
as background tasks, never inside the transaction that decided them. Returns written as history
(`as_history()`, the demo shop) queue nothing: their e-mails went out and their refunds were
recorded long ago."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

# The e-mails about a return (templates/commerce/emails/<name>_*.txt/html).
ACKNOWLEDGEMENT = "withdrawal_acknowledgement"  # W4/W18: at once, on a durable medium
REJECTED = "return_rejected"
REFUNDED = "return_refunded"
EXCHANGED = "return_exchanged"  # settled by the exchange order: nothing paid out
CANCELLED = "order_cancelled"

_writing_history = ContextVar("writing_return_history", default=False)


@contextmanager
def as_history() -> Iterator[None]:
    token = _writing_history.set(True)
    try:
        yield
    finally:
        _writing_history.reset(token)


def email(return_request, name: str) -> None:
    if _writing_history.get():
        return
    from commerce.returns.tasks import send_return_email  # noqa: PLC0415 - the tasks import the flow

    pk = return_request.pk
    transaction.on_commit(lambda: send_return_email.enqueue(pk, name))


def refund(return_request) -> None:
    if _writing_history.get():
        return
    from commerce.returns.tasks import refund_return  # noqa: PLC0415

    pk = return_request.pk
    transaction.on_commit(lambda: refund_return.enqueue(pk))
