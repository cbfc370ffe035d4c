"""Order managers in the "Retouren" dashboard, and the returns they act on, for the staff tests."""

from django.urls import reverse

from commerce.returns import withdrawing
from home.clock import amsterdam_today
from home.staff_groups import ORDER_MANAGERS, ensure_staff_groups
from tests.factories import PartnerFactory, UserFactory


def order_manager(client, email: str = "orders@winkelier.test"):
    """An Order manager (a partner user, not staff) logged in on `client`."""
    ensure_staff_groups()
    manager = UserFactory(email=email, first_name="Olga", last_name="Oosterhuis", groups=[ORDER_MANAGERS])
    PartnerFactory().users.add(manager)  # the partner every test stock record belongs to
    client.force_login(manager)
    return manager


def withdraw(order, *quantities, seal_intact=None):
    """A withdrawal by the button of (line, quantity) pairs; every line in full when none given."""
    pairs = quantities or [(line, line.quantity) for line in order.lines.order_by("pk")]
    return withdrawing.withdraw(
        order,
        [withdrawing.LineChoice(line, quantity, seal_intact) for line, quantity in pairs],
        name="Sanne de Vries",
        email=order.email,
    )


def return_url(return_request, action: str = "detail") -> str:
    return reverse(f"returns_dashboard:return-{action}", kwargs={"number": return_request.number})


def receive_data(return_request, disposition: str = "resellable", received_on=None) -> dict:
    """The receive form as posted: every line that comes back with `disposition`."""
    data = {
        f"line_{line.pk}": disposition for line in return_request.lines.all() if line.quantity_to_come_back
    }
    return {**data, "received_on": (received_on or amsterdam_today()).isoformat()}
