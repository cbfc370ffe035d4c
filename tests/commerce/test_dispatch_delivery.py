"""Dispatch and delivery (issue 4 item 8): several shipments per order, delivery dates per
shipment from the dashboard and the carrier, order status, and the W2 withdrawal start."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.invoices.models import Invoice, InvoiceCounter
from commerce.order import shipments
from commerce.returns import windows
from home.staff_groups import EDITORS
from tests.commerce.carrier_support import CARRIER_SECRET, carrier_post
from tests.commerce.fulfilment_support import invoice_mails, mixed_vat_products, paid_order
from tests.factories import ProductClassFactory, ProductFactory, UserFactory

ShippingEvent = get_model("order", "ShippingEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def order():
    lamp, chocolate = mixed_vat_products()
    return paid_order([(lamp, 2), (chocolate, 1)])


def lines_of(order):
    lamp_line, chocolate_line = order.lines.order_by("pk")
    return lamp_line, chocolate_line


@pytest.fixture
def order_manager(client, order_manager_user):
    client.force_login(order_manager_user)
    return order_manager_user


def dispatched_on(shipment, day: date):
    """Move a shipment's dispatch moment to `day` (17:30 in Amsterdam), as if shipped then."""
    ShippingEvent.objects.filter(pk=shipment.pk).update(
        date_created=datetime(day.year, day.month, day.day, 17, 30, tzinfo=AMSTERDAM)
    )


@pytest.mark.rule("N3")
def test_one_order_ships_in_two_parcels_each_with_its_own_invoice(order, django_capture_on_commit_callbacks):
    lamp_line, chocolate_line = lines_of(order)

    with django_capture_on_commit_callbacks(execute=True):
        first, first_invoice = shipments.dispatch(order, [(lamp_line, 1)], tracking_code="3SWKL0001")
    order.refresh_from_db()
    assert order.status == "Betaald"  # one lamp and the chocolate are still in the warehouse
    assert {line.title: left for line, left in shipments.left_to_ship(order).items()} == {
        "Bureaulamp": 1,
        "Chocoladereep": 1,
    }
    # Dispatch consumes the allocation: the lamp left the warehouse.
    lamp_stock = StockRecord.objects.get(product=lamp_line.product)
    assert (lamp_stock.num_in_stock, lamp_stock.num_allocated) == (9, 1)

    with django_capture_on_commit_callbacks(execute=True):
        second, second_invoice = shipments.dispatch(
            order, [(lamp_line, 1), (chocolate_line, 1)], tracking_code="3SWKL0002"
        )
    order.refresh_from_db()
    assert order.status == "Verzonden"
    assert (first.tracking_code, second.tracking_code) == ("3SWKL0001", "3SWKL0002")
    # N3: each parcel its invoice; the delivery charge (€ 4,95) only on the first one.
    assert [line["description"] for line in first_invoice.snapshot["lines"]] == [
        "Bureaulamp",
        "Verzendkosten: Standaard (1–3 werkdagen)",
    ]
    assert first_invoice.snapshot["total_incl_tax"] == "17.05"
    assert [line["description"] for line in second_invoice.snapshot["lines"]] == [
        "Bureaulamp",
        "Chocoladereep",
    ]
    assert second_invoice.snapshot["total_incl_tax"] == "17.55"
    assert Decimal("17.05") + Decimal("17.55") == order.total_incl_tax
    assert [email.subject.split()[1] for email in invoice_mails()] == [
        first_invoice.number,
        second_invoice.number,
    ]


@pytest.mark.rule("N3")
def test_shipping_more_than_is_left_is_refused_and_writes_nothing(order):
    lamp_line, chocolate_line = lines_of(order)
    shipments.dispatch(order, [(lamp_line, 2)])
    before = (
        ShippingEvent.objects.count(),
        Invoice.objects.count(),
        InvoiceCounter.objects.get().last_sequence,
    )

    with pytest.raises(shipments.ShipmentRefused) as refused:
        shipments.dispatch(order, [(chocolate_line, 1), (lamp_line, 1)])

    assert "“Bureaulamp”: nog 0 te verzenden, niet 1." in str(refused.value)
    after = (
        ShippingEvent.objects.count(),
        Invoice.objects.count(),
        InvoiceCounter.objects.get().last_sequence,
    )
    assert after == before
    assert StockRecord.objects.get(product=chocolate_line.product).num_in_stock == 10


@pytest.mark.rule("N3")
def test_order_manager_dispatches_from_the_dashboard(
    client, order_manager, order, django_capture_on_commit_callbacks
):
    lamp_line, chocolate_line = lines_of(order)
    url = f"/dashboard/orders/{order.number}/"
    form = {
        "line_action": "create_shipping_event",
        "shipping_event_type": "dispatched",
        "reference": "3SWKL0100",
        "selected_line": [lamp_line.pk, chocolate_line.pk],
        f"selected_line_qty_{lamp_line.pk}": "2",
        f"selected_line_qty_{chocolate_line.pk}": "1",
    }
    page = client.get(url).content.decode()
    assert "Verzenden en factureren" in page
    assert "Nog te verzenden" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form, follow=True)

    page = response.content.decode()
    invoice = order.invoices.get()
    assert invoice.get_absolute_url() in page
    assert "3SWKL0100" in page
    order.refresh_from_db()
    assert order.status == "Verzonden"
    assert [message.attachments[0][0] for message in invoice_mails()] == [invoice.filename]

    # The same again would ship what already left: refused with the reason, nothing written.
    response = client.post(url, form, follow=True)
    assert "nog 0 te verzenden, niet 2" in response.content.decode()
    assert order.shipping_events.count() == 1
    assert order.invoices.count() == 1


def test_delivery_is_not_entered_as_a_bare_line_event(client, order_manager, order):
    lamp_line, _chocolate_line = lines_of(order)
    response = client.post(
        f"/dashboard/orders/{order.number}/",
        {
            "line_action": "create_shipping_event",
            "shipping_event_type": "delivered",
            "selected_line": [lamp_line.pk],
            f"selected_line_qty_{lamp_line.pk}": "1",
        },
        follow=True,
    )
    assert "Vul de leverdatum in bij de zending" in response.content.decode()
    assert not order.shipping_events.exists()


@pytest.mark.rule("W2")
def test_w2_delivery_dates_per_shipment_from_the_dashboard_form(client, order_manager, order):
    lamp_line, chocolate_line = lines_of(order)
    first, _ = shipments.dispatch(order, [(lamp_line, 2)], tracking_code="3SWKL0201")
    second, _ = shipments.dispatch(order, [(chocolate_line, 1)], tracking_code="3SWKL0202")
    dispatched_on(first, date(2026, 3, 30))
    dispatched_on(second, date(2026, 3, 31))

    def deliver(shipment, day):
        url = f"/dashboard/orders/{order.number}/shipments/{shipment.pk}/delivered/"
        return client.post(url, {"delivered_on": day}, follow=True).content.decode()

    deliver(first, "2026-03-31")
    order.refresh_from_db()
    assert order.status == "Verzonden"  # the chocolate is still on its way
    assert windows.withdrawal_starts_on(order) is None

    page = deliver(second, "2026-04-01")
    order.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.delivered_on, second.delivered_on) == (date(2026, 3, 31), date(2026, 4, 1))
    assert order.status == "Afgeleverd"
    # W2: delivered 1 April (the last parcel) → the window starts 2 April, last day 15 April.
    assert windows.withdrawal_starts_on(order) == date(2026, 4, 2)
    assert windows.withdrawal_ends_on(order) == date(2026, 4, 15)
    assert "02-04-2026" in page
    # Each delivery is also an Oscar "delivered" event for that parcel's lines.
    delivered = order.shipping_events.filter(event_type__code="delivered")
    assert sorted(event.line_quantities.get().quantity for event in delivered) == [1, 2]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (lambda today: today + timedelta(days=1), "ligt in de toekomst"),
        (lambda today: today - timedelta(days=10), "ligt vóór de verzenddatum"),
        (lambda today: "31-02-2026", "Vul een geldige leverdatum in"),
    ],
)
def test_a_delivery_date_in_the_future_or_before_dispatch_changes_nothing(
    client, order_manager, order, day, message
):
    lamp_line, chocolate_line = lines_of(order)
    shipment, _ = shipments.dispatch(order, [(lamp_line, 2), (chocolate_line, 1)])
    dispatched_on(shipment, timezone.localdate() - timedelta(days=2))
    url = f"/dashboard/orders/{order.number}/shipments/{shipment.pk}/delivered/"

    response = client.post(url, {"delivered_on": day(timezone.localdate())}, follow=True)

    assert message in response.content.decode()
    shipment.refresh_from_db()
    order.refresh_from_db()
    assert shipment.delivered_on is None
    assert order.status == "Verzonden"
    assert not order.shipping_events.filter(event_type__code="delivered").exists()


def test_staff_outside_the_order_team_cannot_record_deliveries(client, order):
    lamp_line, chocolate_line = lines_of(order)
    shipment, _ = shipments.dispatch(order, [(lamp_line, 2), (chocolate_line, 1)])
    client.force_login(UserFactory(groups=[EDITORS]))
    url = f"/dashboard/orders/{order.number}/shipments/{shipment.pk}/delivered/"
    assert client.post(url, {"delivered_on": timezone.localdate().isoformat()}).status_code == 404
    shipment.refresh_from_db()
    assert shipment.delivered_on is None


@pytest.mark.rule("W2")
def test_signed_carrier_callback_records_the_delivery(client, settings, order):
    settings.CARRIER_CALLBACK_SECRET = CARRIER_SECRET
    lamp_line, chocolate_line = lines_of(order)
    shipment, _ = shipments.dispatch(order, [(lamp_line, 2), (chocolate_line, 1)], tracking_code="3SWKL0300")
    today = timezone.localdate()

    forged = carrier_post(client, {"tracking_code": "3SWKL0300", "delivered_on": today.isoformat()}, "wrong")
    assert forged.status_code == 403
    shipment.refresh_from_db()
    assert shipment.delivered_on is None  # nothing changed

    response = carrier_post(client, {"tracking_code": "3SWKL0300", "delivered_on": today.isoformat()})
    assert response.status_code == 200
    assert response.json() == {"order": order.number, "delivered_on": today.isoformat()}
    shipment.refresh_from_db()
    order.refresh_from_db()
    assert shipment.delivered_on == today
    assert order.status == "Afgeleverd"
    assert windows.withdrawal_starts_on(order) == today + timedelta(days=1)

    # Carriers retry (signed anew): the same report again changes nothing and adds no second
    # delivery event.
    again = carrier_post(
        client, {"tracking_code": "3SWKL0300", "delivered_on": today.isoformat()}, signed_ago=30
    )
    assert again.status_code == 200
    assert order.shipping_events.filter(event_type__code="delivered").count() == 1

    tomorrow = (today + timedelta(days=1)).isoformat()
    refused = carrier_post(client, {"tracking_code": "3SWKL0300", "delivered_on": tomorrow})
    assert refused.status_code == 400
    assert "toekomst" in refused.json()["error"]
    assert (
        carrier_post(client, {"tracking_code": "ONBEKEND", "delivered_on": today.isoformat()}).status_code
        == 404
    )
    assert carrier_post(client, {"tracking_code": "3SWKL0300"}).status_code == 400


def test_carrier_callback_is_off_without_a_secret(client, settings):
    settings.CARRIER_CALLBACK_SECRET = ""
    assert carrier_post(client, {"tracking_code": "X", "delivered_on": "2026-04-01"}, "").status_code == 404


@pytest.mark.rule("W2")
def test_w2_services_start_the_day_after_the_order_was_placed():
    service = ProductFactory(price=Decimal("30.00"), product_class=ProductClassFactory(service=True))
    order = paid_order([(service, 1)])
    assert windows.withdrawal_starts_on(order) == timezone.localdate(order.date_placed) + timedelta(days=1)
