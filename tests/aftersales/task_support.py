"""Thank-you and question tasks as the queue holds them, made without the placement task."""

from decimal import Decimal

from django.contrib.auth.models import Group

from aftersales.customers import customer_for
from aftersales.models import Task, TierChoice
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS, ensure_staff_groups
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory, UserFactory


def thank_you_task(
    tier=TierChoice.CARD, status=Task.Status.OPEN, language="nl", email="sanne@example.test", **fields
) -> Task:
    """A task for a paid order of a "Bureaulamp" (€ 30) to Sanne de Vries, Oudegracht 12, Utrecht."""
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=100)
    order = paid_order([(lamp, 1)], language=language, email=email)
    fields.setdefault("due_on", amsterdam_today())
    return Task.objects.create(order=order, customer=customer_for(order), tier=tier, status=status, **fields)


def staff_member(first_name="Anouk", manager=False):
    """A member of the After-sales group (or its managers), with a Wagtail admin login."""
    ensure_staff_groups()
    user = UserFactory(
        first_name=first_name, last_name="Jansen", email=f"{first_name.lower()}@winkelier.test"
    )
    user.groups.add(Group.objects.get(name=AFTER_SALES_MANAGERS if manager else AFTER_SALES))
    return user
