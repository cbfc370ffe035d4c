"""Staff of each group and tasks for them, for the after-sales tests and the queue benchmark:
orders placed the checkout's way, tasks decided by placement or written as the queue holds
them, questions asked, and cheap copies of one order when a page needs many (each copy its own
order number, shipping address and lines)."""

from datetime import timedelta
from decimal import Decimal

from oscar.core.loading import get_model

from aftersales import deciding, questions
from aftersales.customers import customer_for
from aftersales.models import Customer, Task, TierChoice
from home.clock import amsterdam_today
from home.staff_groups import AFTER_SALES
from tests.commerce.fulfilment_support import paid_order
from tests.factories import ProductFactory, UserFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")


def staff_member(group_name=AFTER_SALES, first_name="Anouk", email=None, last_name="Jansen"):
    """A member of `group_name` (home/staff_groups.py) with a Wagtail admin login."""
    return UserFactory(
        first_name=first_name,
        last_name=last_name,
        email=email or f"{first_name.lower()}@winkelier.test",
        groups=[group_name],
    )


def log_in_staff(client, group_name=AFTER_SALES):
    """A member of `group_name`, logged in on `client`."""
    user = staff_member(group_name, email=f"{group_name[:5].lower()}@winkelier.test")
    client.force_login(user)
    return user


def product(title="Bureaulamp"):
    return ProductFactory(title=title, price=Decimal("30.00"), num_in_stock=1000)


def placed_order(title="Bureaulamp", email="sanne@example.test", language="nl", **address):
    """A paid order of one product (€ 30), shipped to Sanne de Vries, Oudegracht 12, 3511 AB
    Utrecht unless `address` says otherwise."""
    order = paid_order([(product(title), 1)], email=email, language=language)
    if address:
        ShippingAddress.objects.filter(pk=order.shipping_address_id).update(**address)
        order.refresh_from_db()
    return order


def task_for(order, **fields) -> Task:
    """An open card task for `order`, due today, unless `fields` say otherwise."""
    values = {"tier": TierChoice.CARD, "due_on": amsterdam_today(), **fields}
    return Task.objects.create(order=order, customer=customer_for(order), **values)


def thank_you_task(email="sanne@example.test", language="nl", **fields) -> Task:
    """A thank-you as the queue holds it (an open card, due today, unless `fields` say otherwise)."""
    return task_for(placed_order(email=email, language=language), **fields)


def decided_task(email="sanne@example.test", language="nl", key_account=False) -> Task:
    """A first order's thank-you as placement decides it (a card; a key account's personal gift)."""
    if key_account:
        Customer.objects.get_or_create(email=email, defaults={"key_account": True})
    return deciding.decide(placed_order(email=email, language=language).pk)


def question_task(email="sanne@example.test", language="nl", body="Waar blijft mijn pakket?") -> Task:
    order = placed_order(email=email, language=language)
    return questions.ask(order, "delivery", body, channel="phone", phone="06 12345678").task


def copies_of(order, count: int) -> list:
    """`count` copies of the placed `order`, bulk-inserted: numbers C<order pk>-1, -2, ..."""
    addresses = ShippingAddress.objects.bulk_create([fresh(order.shipping_address) for _ in range(count)])
    orders = []
    for n, address in enumerate(addresses, 1):
        clone = fresh(order)
        clone.number, clone.shipping_address, clone.guest_email = (
            f"C{order.pk}-{n}",
            address,
            f"klant{n}@example.test",
        )
        orders.append(clone)
    orders = Order.objects.bulk_create(orders)
    lines = list(order.lines.all())
    Line.objects.bulk_create(
        [clone_line for clone in orders for clone_line in (fresh(line, order=clone) for line in lines)]
    )
    return orders


def tasks_on(
    orders, statuses=(Task.Status.OPEN,), days=range(-3, 4), tiers=(TierChoice.CARD,), assignees=(None,)
):
    """A task per order, its customer new; status, due day (from today), tier and assignee
    each taken in turn from their sequence."""
    customers = Customer.objects.bulk_create(Customer(email=order.email.lower()) for order in orders)
    today = amsterdam_today()
    return Task.objects.bulk_create(
        Task(
            order=order,
            customer=customer,
            tier=tiers[n % len(tiers)],
            status=statuses[n % len(statuses)],
            due_on=today + timedelta(days=days[n % len(days)]),
            assignee=assignees[n % len(assignees)],
        )
        for n, (order, customer) in enumerate(zip(orders, customers, strict=True))
    )


def fresh(instance, **fields):
    """An unsaved copy of `instance` (no primary key) with `fields` changed."""
    model = type(instance)
    values = {
        f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    clone = model(**values)
    for name, value in fields.items():
        setattr(clone, name, value)
    return clone
