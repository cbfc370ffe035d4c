"""A6 acceptance on PostgreSQL: two workers send the same due follow-ups at the same moment; each
customer gets each step once."""

from functools import partial

import pytest
from django.core import mail

from aftersales import followups
from aftersales.models import FollowUp
from tests.aftersales.followup_support import DELIVERED_ON, at, delivered_order, shelf_product
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("default_site"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.rule("A6"),
]

WORKERS = 2
ORDERS = 6


def test_a6_two_workers_sending_the_same_due_steps_send_each_one_once():
    teapot = shelf_product()
    orders = [delivered_order(teapot, email=f"klant{n}@example.test") for n in range(ORDERS)]
    mail.outbox.clear()

    outcomes = run_together(*[partial(followups.send_due, at(DELIVERED_ON))] * WORKERS)

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert sum(outcome.get(FollowUp.Status.SENT, 0) for outcome in outcomes) == ORDERS
    assert sorted(message.to[0] for message in mail.outbox) == sorted(order.email for order in orders)
    sent = FollowUp.objects.filter(status=FollowUp.Status.SENT)
    assert sent.count() == ORDERS
