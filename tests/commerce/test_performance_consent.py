"""W13 (a)/(m): the express consent to start a service or digital content at once (issue 11
item 7): asked at checkout with an unticked box, stored with its time on the order line through
the real checkout (browser return or webhook), marked "volledig uitgevoerd" by staff, and only
then ending the right of withdrawal."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment
from commerce.returns import withdrawing
from commerce.returns.models import State
from commerce.returns.transitions import ReturnRefused
from home.clock import amsterdam_today
from home.staff_groups import EDITORS
from tests.commerce.test_checkout_flow import to_payment_page
from tests.factories import ProductClassFactory, ProductFactory, UserFactory
from tests.stripe_support import confirm_with_card, post_event, stripe_event

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

SERVICE_CONSENT = (
    "Ik wil dat jullie direct beginnen en weet dat mijn herroepingsrecht vervalt zodra de dienst "
    "volledig is uitgevoerd"
)


def installation():
    """A service (W13 a): fully performed with consent, no right of withdrawal any more."""
    services = ProductClassFactory(
        service=True, name="Installatie aan huis", withdrawal_exception=WithdrawalException.SERVICE_PERFORMED
    )
    return ProductFactory(title="Zonnepaneel installeren", price=Decimal("120.00"), product_class=services)


def consent_choices(response) -> list[tuple[str, str]]:
    return list(response.context["payment_form"].fields["performance_consent"].choices)


def pay(client, consent=()):
    """Press "pay" with the consent boxes `consent` ticked and confirm the card at localstripe."""
    started = client.post(reverse("checkout-pay"), {"method": "card", "performance_consent": list(consent)})
    assert started.status_code == 200, started.content
    confirm_with_card(started.json()["payment_intent"])
    return started.json()["payment_intent"]


def service_line(order):
    return order.lines.get(product__product_class__withdrawal_exception=WithdrawalException.SERVICE_PERFORMED)


@pytest.mark.rule("W13")
def test_w13_checkout_asks_the_consent_unticked_per_service_and_digital_line(client):
    ebooks = ProductClassFactory(
        name="E-books",
        requires_shipping=False,
        track_stock=False,
        withdrawal_exception=WithdrawalException.DIGITAL_CONTENT,
    )
    ebook = ProductFactory(title="Polderjaar (e-book)", price=Decimal("9.99"), product_class=ebooks)
    lamp = ProductFactory(title="Bureaulamp", price=Decimal("30.00"))

    response = to_payment_page(client, [(installation(), 1), (ebook, 1), (lamp, 1)])

    labels = [label for _reference, label in consent_choices(response)]
    assert labels == [
        f"Zonnepaneel installeren: {SERVICE_CONSENT}",
        "Polderjaar (e-book): Ik wil dat jullie direct beginnen en weet dat mijn herroepingsrecht vervalt "
        "zodra de levering is begonnen",
    ]
    page = response.content.decode()
    assert page.count('name="performance_consent"') == 2
    assert "checked" not in page[page.index("performance-consent") : page.index('id="payment-errors"')]
    assert "zonder vinkje heb je gewoon 14 dagen bedenktijd" in page


@pytest.mark.rule("W13")
def test_w13_a_basket_without_services_asks_no_consent(client):
    response = to_payment_page(client, [(ProductFactory(), 1)])
    assert consent_choices(response) == []
    assert "performance-consent" not in response.content.decode()


@pytest.mark.rule("W13")
def test_w13_the_ticked_consent_goes_with_the_payment_and_the_webhook_places_it_on_the_line(
    client, stripe_api, django_capture_on_commit_callbacks
):
    response = to_payment_page(client, [(installation(), 1), (ProductFactory(title="Bureaulamp"), 1)])
    [(reference, _label)] = consent_choices(response)

    intent_id = pay(client, consent=[reference])
    # The shopper never comes back: the webhook places the order from the stored checkout data.
    payment = CheckoutPayment.objects.get(payment_intent_id=intent_id)
    assert payment.checkout_data["performance_consent"] == [reference]
    payload = stripe_event("payment_intent.amount_capturable_updated", gateway.retrieve_intent(intent_id))
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, payload).status_code == 200

    order = Order.objects.get()
    consented = service_line(order)
    assert consented.performance_consent_at == payment.created_at
    assert timezone.now() - timedelta(minutes=5) < consented.performance_consent_at <= order.date_placed
    assert order.lines.get(title="Bureaulamp").performance_consent_at is None
    # The confirmation (a durable medium) repeats the consent and what it means.
    confirmation = mail.outbox[-1].body.replace("\xa0", " ")
    assert (
        "Zonnepaneel installeren: (a) Dienst volledig uitgevoerd met uitdrukkelijke toestemming. Je hebt "
        "gevraagd om direct te beginnen en weet dat je herroepingsrecht vervalt zodra de dienst volledig is "
        "uitgevoerd." in confirmation
    )


@pytest.mark.rule("W13")
def test_w13_without_the_box_the_line_has_no_consent(client, stripe_api):
    to_payment_page(client, [(installation(), 1)])
    intent_id = pay(client)
    client.get(reverse("checkout-paid"), {"payment_intent": intent_id})

    assert service_line(Order.objects.get()).performance_consent_at is None


def test_a_consent_for_a_line_that_is_not_in_the_basket_is_refused_with_a_message(client, stripe_api):
    to_payment_page(client, [(installation(), 1)])

    response = client.post(reverse("checkout-pay"), {"method": "card", "performance_consent": ["nope"]})

    assert response.status_code == 400
    assert "nope" in response.json()["error"]
    assert not CheckoutPayment.objects.exists()


# --- staff mark the service performed; only with consent does that end the right ---------------


def bought_service(client, consent: bool):
    """A service bought through the real checkout, with or without the consent box ticked."""
    response = to_payment_page(client, [(installation(), 1)])
    [(reference, _label)] = consent_choices(response)
    intent_id = pay(client, consent=[reference] if consent else [])
    client.get(reverse("checkout-paid"), {"payment_intent": intent_id})
    client.logout()
    return Order.objects.get()


def mark_performed(client, order, line, day):
    url = reverse("line-performed", kwargs={"number": order.number, "line_id": line.pk})
    return client.post(url, {"performed_on": day.isoformat()}, follow=True)


def withdraw(order, notice_at=None):
    line = service_line(order)
    return withdrawing.withdraw(
        order,
        [withdrawing.LineChoice(line, 1)],
        name="Sanne de Vries",
        email=order.email,
        notice_at=notice_at,
    )


@pytest.mark.rule("W13", "W2")
def test_w13_service_bought_without_consent_can_be_withdrawn_within_its_14_days(
    client, stripe_api, shop, order_manager_user
):
    order = bought_service(client, consent=False)
    client.force_login(order_manager_user)

    page = mark_performed(client, order, service_line(order), amsterdam_today())

    # Performing it without consent ends nothing: staff are told, nothing is recorded.
    assert "niet gevraagd om direct te beginnen" in page.content.decode()
    assert service_line(order).performed_on is None
    # W2: a service's window runs from the day after the order; its 14th day still counts.
    return_request = withdraw(order, notice_at=order.date_placed + timedelta(days=14))
    assert return_request.state == State.AUTHORISED
    assert return_request.lines.get().quantity_to_come_back == 0  # a service is never sent back


@pytest.mark.rule("W13", "W2")
def test_w13_service_without_consent_cannot_be_withdrawn_after_its_14_days(client, stripe_api, shop):
    order = bought_service(client, consent=False)
    with pytest.raises(ReturnRefused, match="bedenktijd"):
        withdraw(order, notice_at=order.date_placed + timedelta(days=15))


@pytest.mark.rule("W13")
def test_w13_service_with_consent_marked_fully_performed_is_refused_naming_w13_a(
    client, stripe_api, shop, order_manager_user
):
    order = bought_service(client, consent=True)
    client.force_login(order_manager_user)
    detail = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert 'id="service-performance"' in detail

    page = mark_performed(client, order, service_line(order), amsterdam_today())

    assert "is volledig uitgevoerd" in page.content.decode()
    assert service_line(order).performed_on == amsterdam_today()
    with pytest.raises(ReturnRefused) as refused:
        withdraw(order)
    assert "W13 (a)" in str(refused.value)
    assert not order.returns.exists()


@pytest.mark.rule("W13")
def test_w13_consent_alone_does_not_end_the_right_before_the_service_is_performed(client, stripe_api, shop):
    order = bought_service(client, consent=True)
    assert withdraw(order).state == State.AUTHORISED


def test_only_order_managers_mark_a_service_performed_and_bad_dates_change_nothing(
    client, stripe_api, shop, order_manager_user
):
    order = bought_service(client, consent=True)
    line = service_line(order)
    editor = UserFactory(email="redactie@winkelier.test")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert mark_performed(client, order, line, amsterdam_today()).status_code == 404
    client.logout()
    assert mark_performed(client, order, line, amsterdam_today()).status_code == 404

    client.force_login(order_manager_user)
    url = reverse("line-performed", kwargs={"number": order.number, "line_id": line.pk})
    assert (
        "Vul een geldige datum in"
        in client.post(url, {"performed_on": "gisteren"}, follow=True).content.decode()
    )
    future = mark_performed(client, order, line, amsterdam_today() + timedelta(days=2))
    assert "tussen de bestelling en vandaag" in future.content.decode()
    assert client.get(url).status_code == 405
    assert service_line(order).performed_on is None
