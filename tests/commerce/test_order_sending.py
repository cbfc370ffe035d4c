"""Order e-mails go out once with no database transaction open while they are sent
(commerce/order/sending.py), and the ones that failed or were cut short are sent later by
`send_pending_emails`.

Transactional tests: in the usual test transaction every statement runs inside an atomic block,
so "no transaction open while sending" can only be seen with real commits.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from commerce.invoices.sending import email_invoice
from commerce.order import shipments
from commerce.order.models import OrderEmail
from commerce.order.sending import MAX_ATTEMPTS
from commerce.order.tasks import CONFIRMATION, confirm
from tests.commerce.fulfilment_support import invoice_mails, paid_order
from tests.factories import ProductFactory

# serialized_rollback: the flush after each test would also remove the site that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

sent_inside_a_transaction: list[bool] = []


class WatchingBackend(EmailBackend):
    """The test outbox, noting for each message whether a database transaction was open."""

    failing = False

    def send_messages(self, messages):
        if WatchingBackend.failing:
            raise ConnectionRefusedError("SMTP server unreachable")
        sent_inside_a_transaction.extend(connection.in_atomic_block for _ in messages)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def watching_backend(settings, shop):
    settings.EMAIL_BACKEND = "tests.commerce.test_order_sending.WatchingBackend"
    settings.WAGTAILADMIN_BASE_URL = "http://testserver.winkelier"
    sent_inside_a_transaction.clear()
    WatchingBackend.failing = False
    yield
    WatchingBackend.failing = False


@pytest.fixture
def order():
    return paid_order([(ProductFactory(price=Decimal("12.10")), 1)])


def confirmations():
    return [message for message in mail.outbox if not message.attachments]  # invoices carry their PDF


def test_the_confirmation_and_the_invoice_are_sent_with_no_transaction_open(order):
    invoice = shipments.dispatch(order, [(line, line.quantity) for line in order.lines.all()])[1]

    assert len(confirmations()) == 1
    assert len(invoice_mails()) == 1
    assert email_invoice(invoice.pk) == f"{invoice.number} already sent"
    assert sent_inside_a_transaction == [False, False]


def test_a_confirmation_goes_out_once_however_often_it_is_asked_for(order):
    assert confirm(order) is False  # placing the order sent it already

    assert len(confirmations()) == 1
    assert OrderEmail.objects.get(order=order, name=CONFIRMATION).sent_at is not None


def test_a_send_claimed_by_another_worker_is_left_to_it_until_its_claim_expires():
    WatchingBackend.failing = True
    order = paid_order([(ProductFactory(), 1)])  # the confirmation fails: nothing sent
    WatchingBackend.failing = False
    # Another worker claimed it and is sending (or crashed while sending).
    OrderEmail.objects.filter(order=order).update(claimed_until=timezone.now() + timedelta(minutes=4))

    assert confirm(order) is False
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert confirmations() == []

    OrderEmail.objects.filter(order=order).update(claimed_until=timezone.now() - timedelta(seconds=1))
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(confirmations()) == 1


def test_a_failed_send_is_sent_by_the_next_run_of_send_pending_emails(capsys):
    WatchingBackend.failing = True
    order = paid_order([(ProductFactory(), 1)])
    send = OrderEmail.objects.get(order=order, name=CONFIRMATION)
    assert send.sent_at is None
    assert send.claimed_until is None  # released at once: the next run may try again

    call_command("send_pending_emails")
    assert "0 e-mail(s) sent, 1 failed" in capsys.readouterr().out

    WatchingBackend.failing = False
    call_command("send_pending_emails")
    assert "1 e-mail(s) sent, 0 failed" in capsys.readouterr().out
    assert len(confirmations()) == 1
    assert sent_inside_a_transaction == [False]


def test_an_email_that_keeps_failing_is_given_up_after_its_attempts(capsys):
    WatchingBackend.failing = True
    order = paid_order([(ProductFactory(), 1)])
    for _ in range(MAX_ATTEMPTS + 2):
        call_command("send_pending_emails")

    assert OrderEmail.objects.get(order=order, name=CONFIRMATION).attempts == MAX_ATTEMPTS
    assert "0 e-mail(s) sent, 0 failed" in capsys.readouterr().out.splitlines()[-1]
