"""A6 acceptance on PostgreSQL: two workers send the same due follow-ups at the same moment; each
customer gets each step once."""

import threading

import pytest
from django.core import mail
from django.db import connection

from aftersales import followups
from aftersales.models import FollowUp
from tests.aftersales.followup_support import DELIVERED_ON, at, delivered_order, shelf_product

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("default_site"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.rule("A6"),
]

WORKERS = 2
ORDERS = 6


def send_together(moment) -> list:
    """send_due in WORKERS threads (each its own connection), released at once; their outcomes."""
    barrier = threading.Barrier(WORKERS)
    outcomes: list = [None] * WORKERS

    def work(index):
        try:
            barrier.wait(timeout=60)
            outcomes[index] = followups.send_due(moment)
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(index,)) for index in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return outcomes


def test_a6_two_workers_sending_the_same_due_steps_send_each_one_once():
    teapot = shelf_product()
    orders = [delivered_order(teapot, email=f"klant{n}@example.test") for n in range(ORDERS)]
    mail.outbox.clear()

    outcomes = send_together(at(DELIVERED_ON))

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert sum(outcome.get(FollowUp.Status.SENT, 0) for outcome in outcomes) == ORDERS
    assert sorted(message.to[0] for message in mail.outbox) == sorted(order.email for order in orders)
    sent = FollowUp.objects.filter(status=FollowUp.Status.SENT)
    assert sent.count() == ORDERS
