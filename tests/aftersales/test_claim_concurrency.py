"""A3 acceptance on PostgreSQL: two staff members claim the same task at the same moment; one
gets it, the other is told who has it."""

from datetime import date
from functools import partial

import pytest

from aftersales import working
from aftersales.customers import customer_for
from aftersales.models import Task, TierChoice
from tests.commerce.fulfilment_support import paid_order
from tests.concurrency import run_together
from tests.factories import ProductFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("default_site"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.rule("A3"),
]

ROUNDS = 5


def test_a3_two_people_claiming_one_task_at_once_leave_one_assignee():
    anouk = UserFactory(email="anouk@winkelier.test", first_name="Anouk", last_name="")
    bram = UserFactory(email="bram@winkelier.test", first_name="Bram", last_name="")
    lamp = ProductFactory(title="Bureaulamp", num_in_stock=100)
    for _round in range(ROUNDS):
        order = paid_order([(lamp, 1)])
        # Placement may have decided a thank-you already (on commit, by the immediate task backend).
        card = {"customer": customer_for(order), "tier": TierChoice.CARD, "status": Task.Status.OPEN}
        task, _created = Task.objects.update_or_create(
            order=order,
            kind=Task.Kind.THANK_YOU,
            defaults=card,
            create_defaults={**card, "due_on": date(2030, 1, 2)},
        )

        outcomes = run_together(partial(working.claim, task.pk, anouk), partial(working.claim, task.pk, bram))

        won = [outcome for outcome in outcomes if isinstance(outcome, Task)]
        refused = [outcome for outcome in outcomes if isinstance(outcome, working.TaskRefused)]
        assert len(won) == 1, outcomes
        assert len(refused) == 1, outcomes
        task.refresh_from_db()
        assert task.assignee == won[0].assignee
        assert task.status == Task.Status.CLAIMED
        winner = task.assignee.first_name
        assert str(refused[0]) == f"{winner} heeft deze taak al opgepakt."
