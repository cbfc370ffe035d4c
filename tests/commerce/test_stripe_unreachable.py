"""ACCEPTANCE (issue 4): Stripe unreachable (localstripe stopped) -> the checkout shows a clear
error, the basket is intact, nothing is charged or stored; with Stripe back, paying again works."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.payments.models import CheckoutPayment
from tests.commerce.test_checkout_flow import to_payment_page
from tests.factories import ProductFactory
from tests.stripe_support import PUBLISHABLE_KEY, SECRET_KEY, LocalStripe, confirm_with_card

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_localstripe(settings):
    """A localstripe of this test's own, so stopping it cannot disturb other tests."""
    server = LocalStripe()
    server.start()
    settings.STRIPE_API_BASE = server.base
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_TIMEOUT_SECONDS = 2
    yield server
    server.stop()


def test_stripe_unreachable_shows_the_error_keeps_the_basket_and_retry_works(client, own_localstripe):
    product = ProductFactory(price=Decimal("20.00"))
    to_payment_page(client, [(product, 2)])
    own_localstripe.stop()

    response = client.post(reverse("checkout-pay"), {"method": "card"})

    assert response.status_code == 503
    assert response.json()["error"] == (
        "Betalen lukt nu even niet doordat onze betaalpartner niet bereikbaar is. "
        "Er is niets afgeschreven en uw winkelmand is bewaard; probeer het zo opnieuw."
    )
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [(line.product, line.quantity) for line in basket.all_lines()] == [(product, 2)]
    assert CheckoutPayment.objects.count() == 0
    assert Order.objects.count() == 0
    # The payment page still opens with everything chosen so far.
    assert client.get(reverse("checkout:payment-details")).status_code == 200

    own_localstripe.start()
    retried = client.post(reverse("checkout-pay"), {"method": "card"})

    assert retried.status_code == 200
    confirm_with_card(retried.json()["payment_intent"])
    paid = client.get(reverse("checkout-paid"), {"payment_intent": retried.json()["payment_intent"]})
    assert paid["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().total_incl_tax == Decimal("44.95")


@pytest.mark.rule("N1")
def test_pay_in_english_gets_the_message_in_english(client, own_localstripe):
    client.cookies.load({"django_language": "en"})
    to_payment_page(client, [(ProductFactory(), 1)])
    own_localstripe.stop()

    response = client.post(reverse("checkout-pay"), {"method": "card"})

    assert response.status_code == 503
    assert response.json()["error"].startswith("Paying is not possible right now")
