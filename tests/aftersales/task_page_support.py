"""Staff members of each group and tasks to work on, for the after-sales admin page tests."""

from decimal import Decimal

from aftersales import deciding, questions
from aftersales.models import Customer, Task
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory, UserFactory


def staff_member(group_name: str, first_name: str, email: str):
    return UserFactory(email=email, first_name=first_name, last_name="", groups=[group_name])


def product():
    return ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=1000)


def thank_you_task(email="sanne@example.test", language="nl", key_account=False) -> Task:
    """A first order's thank-you as placement decides it (a card; a key account's personal gift)."""
    if key_account:
        Customer.objects.get_or_create(email=email, defaults={"key_account": True})
    order = paid_order([(product(), 1)], email=email, language=language)
    return deciding.decide(order.pk)


def question_task(email="sanne@example.test", language="nl", body="Waar blijft mijn pakket?") -> Task:
    order = paid_order([(product(), 1)], email=email, language=language)
    return questions.ask(order, "delivery", body, channel="phone", phone="06 12345678").task
