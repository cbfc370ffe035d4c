"""The checkout from basket to thank-you page through the Django test client, paying at a real
localstripe (issue 4 items 1, 2, 4). The browser's Stripe.js step is done server-side here with
`confirm_with_card`, as the benchmark shopper does; tests/e2e/test_checkout_payment.py does it
in Chromium.
"""

from decimal import Decimal

import pytest
import requests
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.invoices.documents import customer_details
from commerce.order.guest_links import order_token
from commerce.payments.models import CheckoutPayment
from tests.commerce.test_checkout_address import address_form
from tests.factories import ProductClassFactory, ProductFactory, UserFactory
from tests.stripe_support import PUBLISHABLE_KEY, confirm_with_card, dutch_address

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def typed_address():
    return address_form(postcode="3511ab")  # typed loosely: stored as "3511 AB"


def fill_basket(client, items):
    for product, quantity in items:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


def to_payment_page(client, items, email="sanne@example.test", delivery="standaard"):
    """Basket -> who are you (guest e-mail, unless logged in) -> address -> delivery -> pay page;
    a basket that ships nothing gives its billing address instead (N3)."""
    fill_basket(client, items)
    if email:
        client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    if any(product.get_product_class().requires_shipping for product, _quantity in items):
        assert client.post(reverse("checkout:shipping-address"), typed_address()).status_code == 302
        assert client.post(reverse("checkout:shipping-method"), {"method_code": delivery}).status_code == 302
    else:  # on through the delivery method step, which records "nothing to ship"
        client.post(reverse("checkout:billing-address"), typed_address(), follow=True)
    response = client.get(reverse("checkout:payment-details"))
    assert response.status_code == 200
    return response


def pay_by_card(client, card="pm_card_visa"):
    started = client.post(reverse("checkout-pay"), {"method": "card"})
    assert started.status_code == 200, started.content
    confirm_with_card(started.json()["payment_intent"], card)
    return client.get(reverse("checkout-paid"), {"payment_intent": started.json()["payment_intent"]})


def test_guest_checkout_places_one_order_and_shows_the_thank_you_page(client, stripe_api):
    product = ProductFactory(price=Decimal("20.00"), num_in_stock=5)
    to_payment_page(client, [(product, 2)])

    response = pay_by_card(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.guest_email == "sanne@example.test"
    assert order.total_incl_tax == Decimal("44.95")  # € 40,00 goods + € 4,95 standard delivery
    assert order.shipping_address.postcode == "3511 AB"
    assert order.shipping_address.line2 == "12"
    thank_you = client.get(response["Location"]).content.decode()
    assert order.number in thank_you
    assert "44,95 betaald met Creditcard." in thank_you
    # A guest follows the order on the signed order page (shipments, delivery dates, invoices).
    assert reverse("order-guest-detail", kwargs={"token": order_token(order)}) in thank_you
    # The shopper's basket became the order: the basket page is empty again.
    assert client.get(reverse("basket:summary")).context["basket"].is_empty


def test_checkout_with_an_account_keeps_the_user_on_the_order(client, stripe_api):
    user = UserFactory()
    client.force_login(user)
    to_payment_page(client, [(ProductFactory(price=Decimal("60.00")), 1)], email=None)

    pay_by_card(client)

    order = Order.objects.get()
    assert order.user == user
    assert order.guest_email == ""
    assert order.shipping_incl_tax == Decimal("0.00")  # standard delivery free from € 50,00


def test_delivery_step_offers_standard_and_express_with_their_prices(client):
    fill_basket(client, [(ProductFactory(price=Decimal("20.00")), 1)])
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), typed_address())
    page = client.get(reverse("checkout:shipping-method")).content.decode().replace("\xa0", " ")
    assert "Standaard" in page
    assert "€ 4,95" in page
    assert "Express" in page
    assert "€ 9,95" in page


@pytest.mark.rule("W8")
def test_express_price_is_kept_on_the_order_w8(client, stripe_api):
    to_payment_page(client, [(ProductFactory(price=Decimal("60.00")), 1)], delivery="express")
    pay_by_card(client)
    order = Order.objects.get()
    assert (order.shipping_code, order.shipping_incl_tax) == ("express", Decimal("9.95"))
    assert order.refundable_shipping_incl_tax == Decimal("0.00")  # standard would have been free


@pytest.mark.rule("N3")
def test_service_only_basket_asks_the_name_and_billing_address_for_the_invoice_n3(client, stripe_api):
    backup = ProductFactory(price=Decimal("4.99"), product_class=ProductClassFactory(service=True))
    fill_basket(client, [(backup, 1)])
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})

    # Nothing to deliver: the address step asks for the billing address, and paying waits for it.
    address_step = client.get(reverse("checkout:shipping-address"), follow=True)
    assert address_step.redirect_chain[-1][0] == reverse("checkout:billing-address")
    assert "Naam en factuuradres" in address_step.content.decode()
    assert client.get(reverse("checkout:payment-details"))["Location"] == reverse("checkout:billing-address")
    early = client.post(reverse("checkout-pay"), {"method": "card"})
    assert early.status_code == 400
    assert "factuuradres" in early.json()["error"]
    # The Dutch address rules hold here too; a mistake keeps what was typed.
    mistake = client.post(reverse("checkout:billing-address"), address_form(postcode="3511ab", line2=""))
    assert mistake.status_code == 200
    assert "Vul uw huisnummer in." in mistake.content.decode()
    assert 'value="Oudegracht"' in mistake.content.decode()
    assert client.post(reverse("checkout:billing-address"), typed_address()).status_code == 302

    review = client.get(reverse("checkout:payment-details"), follow=True)
    assert review.redirect_chain[-1][0] == reverse("checkout:payment-details")
    assert "Sanne de Vries" in review.content.decode()
    pay_by_card(client)
    order = Order.objects.get()
    assert order.shipping_address is None
    assert order.total_incl_tax == Decimal("4.99")
    assert customer_details(order) == {
        "name": "Sanne de Vries",
        "address": ["Oudegracht 12", "3511 AB Utrecht", "Nederland"],
        "email": "sanne@example.test",
    }


@pytest.mark.rule("N3")
def test_a_customer_with_an_address_book_finds_the_billing_address_filled_in(client):
    user = UserFactory()
    fields = dutch_address(first_name="Bas")
    fields["country"] = Country.objects.get(iso_3166_1_a2=fields["country"])
    UserAddress.objects.create(user=user, is_default_for_billing=True, **fields)
    client.force_login(user)
    backup = ProductFactory(price=Decimal("4.99"), product_class=ProductClassFactory(service=True))
    fill_basket(client, [(backup, 1)])

    form = client.get(reverse("checkout:billing-address")).context["form"]

    assert (form.initial["first_name"], form.initial["postcode"], form.initial["country"].pk) == (
        "Bas",
        "3511 AB",
        "NL",
    )


@pytest.mark.rule("N2", "S4")
def test_review_shows_vat_per_rate_incl_delivery_n2(client):
    speaker = ProductFactory(price=Decimal("30.25"))  # 21 %: € 5,25 VAT
    book = ProductFactory(
        price=Decimal("10.90"), product_class=ProductClassFactory(books=True)
    )  # 9 %: € 0,90

    response = to_payment_page(client, [(speaker, 1), (book, 1)])

    rates = {row["rate"]: row for row in response.context["vat_rates"]}
    # € 41,15 goods + € 4,95 delivery; delivery follows the highest rate of the goods (21 %): € 0,86 VAT.
    assert rates[Decimal("21")]["gross"] == Decimal("35.20")
    assert rates[Decimal("21")]["vat"] == Decimal("6.11")
    assert rates[Decimal("9")]["gross"] == Decimal("10.90")
    assert rates[Decimal("9")]["vat"] == Decimal("0.90")
    page = response.content.decode().replace("\xa0", " ")
    assert "21% btw" in page
    assert "9% btw" in page
    assert "incl. btw" in page
    assert "€ 46,10" in page  # total
    assert '<meta name="robots" content="noindex' in page  # S4


def test_pressing_pay_twice_reuses_the_payment_intent(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    first = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    second = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    assert first["payment_intent"] == second["payment_intent"]
    assert first["client_secret"].startswith(first["payment_intent"] + "_secret_")
    assert CheckoutPayment.objects.count() == 1


def test_paid_twice_places_exactly_one_order(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    started = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    confirm_with_card(started["payment_intent"])
    for _attempt in range(2):
        response = client.get(reverse("checkout-paid"), {"payment_intent": started["payment_intent"]})
        assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_pay_before_the_checkout_is_complete_answers_400(client, stripe_api):
    fill_basket(client, [(ProductFactory(), 1)])
    response = client.post(reverse("checkout-pay"), {"method": "card"})
    assert response.status_code == 400
    assert response.json()["error"]
    assert CheckoutPayment.objects.count() == 0


def test_ideal_without_a_bank_is_refused_with_a_message(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    response = client.post(reverse("checkout-pay"), {"method": "ideal", "bank": ""})
    assert response.status_code == 400
    assert response.json()["error"] == "Kies uw bank om met iDEAL te betalen."


def card_token(stripe_api, number):
    """What localstripe's Stripe.js stand-in does with the typed card (publishable key only)."""
    form = {
        "card[number]": number,
        "card[exp_month]": "12",
        "card[exp_year]": "2030",
        "card[cvc]": "123",
        "key": PUBLISHABLE_KEY,
    }
    return requests.post(f"{stripe_api.base}/v1/tokens", data=form, timeout=5).json()["id"]


def test_declined_card_places_no_order_keeps_the_basket_and_retry_works(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    started = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    bridge = reverse("localstripe-confirm")

    declined = client.post(
        bridge,
        {"client_secret": started["client_secret"], "token": card_token(stripe_api, "4000000000000002")},
    ).json()

    assert declined["error"]["code"] == "card_declined"
    assert declined["error"]["message"].startswith("Uw kaart is geweigerd. Er is niets afgeschreven.")
    response = client.get(reverse("checkout-paid"), {"payment_intent": started["payment_intent"]})
    assert response["Location"] == reverse("checkout:payment-details")
    assert Order.objects.count() == 0
    assert not client.get(reverse("basket:summary")).context["basket"].is_empty
    # Paying again uses the same PaymentIntent; a good card goes through.
    again = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    assert again["payment_intent"] == started["payment_intent"]
    paid = client.post(
        bridge, {"client_secret": again["client_secret"], "token": card_token(stripe_api, "4242424242424242")}
    ).json()
    assert paid["paymentIntent"]["status"] == "requires_capture"
    response = client.get(reverse("checkout-paid"), {"payment_intent": started["payment_intent"]})
    assert response["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1


def test_the_localstripe_bridge_refuses_a_payment_of_another_session(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    started = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    client.cookies.clear()
    response = client.post(
        reverse("localstripe-confirm"),
        {"client_secret": started["client_secret"], "token": card_token(stripe_api, "4242424242424242")},
    )
    assert response.status_code == 400


def test_order_placed_by_the_webhook_is_not_shown_to_another_browser(client, stripe_api):
    to_payment_page(client, [(ProductFactory(), 1)])
    started = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    confirm_with_card(started["payment_intent"])
    client.cookies.clear()  # the shopper's session is gone (another browser, expired cookie)

    response = client.get(reverse("checkout-paid"), {"payment_intent": started["payment_intent"]})

    assert response.status_code == 200
    page = response.content.decode()
    order = Order.objects.get()
    assert "Uw bestelling is geplaatst" in page
    assert order.number not in page
    assert "Oudegracht" not in page


def test_unknown_payment_intent_is_404(client):
    assert client.get(reverse("checkout-paid"), {"payment_intent": "pi_unknown"}).status_code == 404


def test_sold_out_while_paying_sends_the_shopper_to_the_basket_naming_the_product(client, stripe_api):
    last_one = ProductFactory(title="Lamp Nova", price=Decimal("25.00"), num_in_stock=1)
    other_shopper = Client()
    to_payment_page(other_shopper, [(last_one, 1)], email="ander@example.test")
    to_payment_page(client, [(last_one, 1)])
    started = client.post(reverse("checkout-pay"), {"method": "card"}).json()
    confirm_with_card(started["payment_intent"])
    pay_by_card(other_shopper)  # takes the last unit first

    response = client.get(
        reverse("checkout-paid"), {"payment_intent": started["payment_intent"]}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    message = " ".join(str(m) for m in response.context["messages"])
    assert "Lamp Nova" in message
    assert "niets afgeschreven" in message
    assert Order.objects.count() == 1


@pytest.mark.rule("N1")
def test_review_and_pay_page_in_english_n1(client):
    client.cookies.load({"django_language": "en"})
    response = to_payment_page(client, [(ProductFactory(), 1)])
    page = response.content.decode()
    assert "Review and pay" in page
    assert "VAT per rate" in page
    assert "21% VAT" in page
    assert "Card details" in page
    assert ">Pay<" in page
