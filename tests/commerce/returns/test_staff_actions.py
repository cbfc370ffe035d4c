"""The staff's actions on a return, through the dashboard views (issue 11 items 3, 4, 5, 7): each a
POST calling the core, a refusal shown on the page (never a 500), nothing changed by it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.order import statuses
from commerce.returns.models import Channel, Refund, Return, ReturnEvent, State
from home.clock import AMSTERDAM, amsterdam_today
from tests.commerce.fulfilment_support import paid_order
from tests.commerce.returns.returns_support import refunded_at_stripe, ship_everything, stripe_paid_order
from tests.commerce.returns.staff_support import order_manager, receive_data, return_url, withdraw
from tests.factories import ProductClassFactory, ProductFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, shop):
    return order_manager(client)


def delivered(*items):
    return ship_everything(
        paid_order(list(items) or [(ProductFactory(title="Bureaulamp", price=Decimal("30.00")), 1)])
    )


@pytest.fixture
def in_review(manager):
    """Sealed software whose seal the customer did not confirm (W13 i): staff decide."""
    game = ProductFactory(title="Spel (verzegeld)", product_class=ProductClassFactory(sealed_software=True))
    return_request = withdraw(delivered((game, 1)))
    assert return_request.state == State.REVIEW
    return return_request


def shown(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.rule("W17")
def test_approve_authorises_and_records_who(client, manager, in_review):
    response = client.post(return_url(in_review, "approve"), {"note": "Seal gecontroleerd op de foto."})

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.state == State.AUTHORISED
    event = in_review.events.last()
    assert (event.from_state, event.to_state, event.actor, event.note) == (
        State.REVIEW,
        State.AUTHORISED,
        manager,
        "Seal gecontroleerd op de foto.",
    )
    assert "Seal gecontroleerd op de foto." in client.get(return_url(in_review)).content.decode()


@pytest.mark.rule("W13", "W17")
def test_reject_names_the_rule_in_the_e_mail_to_the_customer(client, manager, in_review, committed):
    without_reason = client.post(return_url(in_review, "reject"), {"rule": "i", "reason": ""})
    assert without_reason.status_code == 400
    in_review.refresh_from_db()
    assert in_review.state == State.REVIEW

    with committed():
        response = client.post(
            return_url(in_review, "reject"), {"rule": "i", "reason": "De verzegeling is verbroken."}
        )

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.state == State.REJECTED
    rejection = mail.outbox[-1]
    assert rejection.to == [in_review.email]
    assert in_review.number in rejection.subject
    assert "(i) Verzegelde audio, video of software, na openen" in rejection.body
    assert "De verzegeling is verbroken." in rejection.body


@pytest.mark.rule("W17")
def test_a_refused_move_is_a_message_on_the_page(client, manager, in_review):
    client.post(return_url(in_review, "approve"))

    again = client.post(return_url(in_review, "reject"), {"rule": "i", "reason": "Toch niet."})

    assert again.status_code == 400
    assert "kan niet naar “Afgewezen”" in shown(again)
    in_review.refresh_from_db()
    assert in_review.state == State.AUTHORISED


@pytest.mark.rule("W17")
def test_received_resellable_goes_back_to_stock_once_even_when_posted_twice(client, manager):
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5)
    return_request = withdraw(delivered((mug, 2)))
    arrived_on = amsterdam_today() - timedelta(days=1)

    first = client.post(
        return_url(return_request, "receive"), receive_data(return_request, received_on=arrived_on)
    )
    second = client.post(return_url(return_request, "receive"), receive_data(return_request))

    assert first.status_code == 302
    assert second.status_code == 400
    assert f"Retour {return_request.number} is al ontvangen." in shown(second)
    assert StockRecord.objects.get(product=mug).num_in_stock == 5  # 5 - 2 shipped + 2 back
    return_request.refresh_from_db()
    assert return_request.state == State.RECEIVED
    assert return_request.received_on == arrived_on
    assert return_request.refund_goal_on > arrived_on  # W14: 4 working days later
    assert {line.disposition for line in return_request.lines.all()} == {"resellable"}


def test_not_resellable_stays_out_of_stock(client, manager):
    mug = ProductFactory(title="Mok", num_in_stock=5)
    return_request = withdraw(delivered((mug, 1)))

    client.post(return_url(return_request, "receive"), receive_data(return_request, "not_resellable"))

    assert StockRecord.objects.get(product=mug).num_in_stock == 4


@pytest.mark.rule("W7")
def test_a_deduction_needs_a_reason(client, manager):
    return_request = withdraw(delivered())
    client.post(return_url(return_request, "receive"), receive_data(return_request, "not_resellable"))

    refused = client.post(return_url(return_request, "deduction"), {"amount": "4,50", "reason": ""})

    assert refused.status_code == 400
    assert "W7: een inhouding voor waardevermindering heeft een reden nodig." in shown(refused)
    assert refused.context["forms"]["deduction"]["amount"].value() == "4,50"  # kept as typed
    return_request.refresh_from_db()
    assert return_request.deduction == 0

    done = client.post(
        return_url(return_request, "deduction"), {"amount": "4,50", "reason": "Krassen op de voet"}
    )

    assert done.status_code == 302
    return_request.refresh_from_db()
    assert (return_request.deduction, return_request.deduction_reason) == (
        Decimal("4.50"),
        "Krassen op de voet",
    )
    assert "Waardevermindering € 4.50: Krassen op de voet" in return_request.events.last().note


@pytest.mark.rule("W5", "W7")
def test_no_deduction_when_the_customer_was_not_told_about_the_right_of_withdrawal(client, manager):
    order = delivered()
    Order.objects.filter(pk=order.pk).update(withdrawal_info_given=False)
    return_request = withdraw(order)
    assert return_request.w5_applies

    refused = client.post(return_url(return_request, "deduction"), {"amount": "4,50", "reason": "Krassen"})

    assert refused.status_code == 400
    assert "W5: geen inhouding" in shown(refused)
    return_request.refresh_from_db()
    assert return_request.deduction == 0


@pytest.mark.rule("W8", "W9")
def test_refund_through_stripe_from_the_return_page(client, manager, stripe_api, committed):
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    mug = ProductFactory(title="Mok", price=Decimal("12.50"), num_in_stock=5)
    order = ship_everything(stripe_paid_order([(lamp, 1), (mug, 2)]))
    mug_line = order.lines.get(product=mug)
    return_request = withdraw(order, (mug_line, 1))
    client.post(return_url(return_request, "receive"), receive_data(return_request, "not_resellable"))

    with committed():
        response = client.post(return_url(return_request, "refund"))

    assert response.status_code == 302
    refund = Refund.objects.get(return_request=return_request)
    assert (refund.status, refund.amount) == (Refund.Status.SUCCEEDED, Decimal("12.50"))
    assert refunded_at_stripe(order) == [1250]
    assert refund.credit_notes.count() == 1
    assert mail.outbox[-1].to == [order.email]
    page = client.get(return_url(return_request)).content.decode()
    assert refund.stripe_refund_id in page
    assert refund.credit_notes.get().number in page


@pytest.mark.rule("W9")
def test_an_order_paid_without_stripe_is_refunded_by_a_recorded_bank_transfer(client, manager):
    return_request = withdraw(delivered())
    client.post(return_url(return_request, "receive"), receive_data(return_request, "not_resellable"))
    page = client.get(return_url(return_request)).content.decode()
    assert "Overboeking vastleggen" in page
    assert "Terugbetalen via Stripe" not in page

    assert client.post(return_url(return_request, "bank-transfer"), {"reference": ""}).status_code == 400
    response = client.post(return_url(return_request, "bank-transfer"), {"reference": "NL-2027-0042"})

    assert response.status_code == 302
    refund = Refund.objects.get(return_request=return_request)
    assert (refund.status, refund.method, refund.bank_reference) == (
        Refund.Status.SUCCEEDED,
        Refund.Method.BANK_TRANSFER,
        "NL-2027-0042",
    )
    assert "NL-2027-0042" in client.get(return_url(return_request)).content.decode()


@pytest.mark.rule("W3", "W4")
def test_staff_register_a_withdrawal_that_came_by_letter(client, manager, committed):
    order = delivered(
        (ProductFactory(title="Bureaulamp", price=Decimal("30.00")), 1),
        (ProductFactory(title="Mok", price=Decimal("12.50")), 2),
    )
    Order.objects.filter(pk=order.pk).update(date_placed=order.date_placed - timedelta(days=3))
    lamp_line, mug_line = order.lines.order_by("pk")
    url = reverse("returns_dashboard:return-register") + f"?order={order.number}"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"]["email"].value() == order.email
    sent_on = amsterdam_today() - timedelta(days=1)
    data = {
        "channel": Channel.LETTER,
        "notice_on": sent_on.isoformat(),
        "notice_time": "",
        "name": "Sanne de Vries",
        "email": order.email,
        f"line_{lamp_line.pk}": "0",
        f"line_{mug_line.pk}": "1",
    }

    for wrong_day in (amsterdam_today() + timedelta(days=1), amsterdam_today() - timedelta(days=5)):
        refused = client.post(url, {**data, "notice_on": wrong_day.isoformat()})  # future; before the order
        assert refused.status_code == 400
        assert refused.context["form"].errors["notice_on"]
    with committed():
        response = client.post(url, data)

    return_request = Return.objects.get(order=order)
    assert response.status_code == 302
    assert response["Location"] == return_url(return_request)
    assert return_request.channel == Channel.LETTER
    assert return_request.notice_at.astimezone(AMSTERDAM).date() == sent_on  # W3: when it was sent
    assert return_request.legal_refund_deadline == sent_on + timedelta(days=14)
    assert [(line.order_line, line.quantity) for line in return_request.lines.all()] == [(mug_line, 1)]
    assert return_request.events.first().actor == manager
    acknowledgement = mail.outbox[-1]
    assert acknowledgement.to == [order.email]
    assert return_request.number in acknowledgement.subject


def test_registering_for_an_unknown_order_says_so(client, manager):
    response = client.get(reverse("returns_dashboard:return-register"), {"order": "999999"})

    assert response.status_code == 404
    assert "Geen bestelling met nummer 999999." in response.content.decode()


@pytest.mark.rule("W8", "W9")
def test_staff_cancel_a_paid_order_before_dispatch_and_everything_is_refunded(
    client, manager, stripe_api, committed
):
    """ACCEPTANCE (issue 11): the full amount back at Stripe, delivery included; the stock
    allocation released; the customer e-mailed."""
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    order = stripe_paid_order([(lamp, 2)])
    assert StockRecord.objects.get(product=lamp).num_allocated == 2
    url = reverse("returns_dashboard:order-cancel", kwargs={"number": order.number})
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Bestelling annuleren en volledig terugbetalen" in confirm.content.decode()
    assert not Return.objects.exists()  # asking to confirm changes nothing

    with committed():
        response = client.post(url)

    assert response.status_code == 302
    assert refunded_at_stripe(order) == [int(order.total_incl_tax * 100)]
    assert order.total_incl_tax == Decimal("60.00") + order.shipping_incl_tax
    stock = StockRecord.objects.get(product=lamp)
    assert (stock.num_in_stock, stock.num_allocated) == (5, 0)
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    cancellation = mail.outbox[-1]
    assert cancellation.to == [order.email]
    assert order.number in cancellation.subject
    assert ReturnEvent.objects.filter(actor=manager).exists()


def test_setting_a_paid_order_to_cancelled_in_oscars_dashboard_refunds_it_the_same_way(
    client, manager, stripe_api, committed
):
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"), num_in_stock=5)
    order = stripe_paid_order([(lamp, 1)])

    with committed():
        response = client.post(
            reverse("dashboard:order-detail", kwargs={"number": order.number}),
            {"order_action": "change_order_status", "new_status": statuses.CANCELLED},
        )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert refunded_at_stripe(order) == [int(order.total_incl_tax * 100)]
    assert StockRecord.objects.get(product=lamp).num_allocated == 0
    assert order.number in mail.outbox[-1].subject


def test_an_order_already_dispatched_cannot_be_cancelled(client, manager):
    order = delivered()

    response = client.post(reverse("returns_dashboard:order-cancel", kwargs={"number": order.number}))

    assert response.status_code == 400
    assert "Alleen een betaalde bestelling waarvan nog niets is verzonden" in shown(response)
    assert not Return.objects.exists()
