"""Basket limits and input (issue 9): at most WINKELIER_MAX_LINE_QUANTITY units of a product and a total
of at most WINKELIER_MAX_BASKET_AMOUNT (never above what one card payment may be), told where
the shopper adds or changes quantities, and refused again when paying."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from commerce.basket import limits
from tests.factories import ProductClassFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    """A service without stock at € 119,00: 10,000 of them were once accepted (€ 1,19 mln)."""
    return ProductFactory(
        title="Cloudback-up 1 TB", price=Decimal("119.00"), product_class=ProductClassFactory(service=True)
    )


@pytest.fixture
def cable():
    return ProductFactory(title="Kabelbinder", price=Decimal("1.99"), num_in_stock=10_000)


def add(client, product, quantity):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def basket_of(client):
    basket = client.get(reverse("basket:summary")).context["basket"]
    return {line.product.title: line.quantity for line in basket.all_lines()}


def test_limits_default_to_99_units_and_10000_euros_below_stripes_card_maximum(settings):
    assert limits.max_line_quantity() == 99
    assert limits.max_basket_amount() == Decimal("10000.00")
    settings.WINKELIER_MAX_BASKET_AMOUNT = Decimal("5000000")
    assert limits.max_basket_amount() == Decimal("999999.99")  # Stripe's maximum charge


def test_adding_10000_units_of_a_service_is_refused_with_a_message(client, service):
    response = add(client, service, 10_000)
    assert response.status_code == 302
    assert flashed(response) == [
        "Je kunt hoogstens 99 stuks van “Cloudback-up 1 TB” in één keer bestellen. "
        "Wil je er meer? Neem contact met ons op."
    ]
    assert basket_of(client) == {}


def test_units_already_in_the_basket_count_towards_the_line_maximum(client, cable):
    add(client, cable, 60)
    response = add(client, cable, 40)
    assert "hoogstens 99 stuks" in flashed(response)[-1]
    assert basket_of(client) == {"Kabelbinder": 60}
    add(client, cable, 39)
    assert basket_of(client) == {"Kabelbinder": 99}


def test_adding_beyond_the_maximum_amount_is_refused_with_both_amounts(client, service):
    add(client, service, 84)  # € 9.996,00
    response = add(client, service, 1)
    assert flashed(response)[-1] == (
        "Een bestelling kan hoogstens €\xa010.000,00 kosten; je winkelmand zou €\xa010.115,00 worden. "
        "Verlaag een aantal of neem contact met ons op voor een grote bestelling."
    )
    assert basket_of(client) == {"Cloudback-up 1 TB": 84}


def test_limit_messages_in_english(client, service):
    client.cookies.load({"django_language": "en"})
    response = add(client, service, 100)
    assert flashed(response) == [
        "You can order at most 99 units of “Cloudback-up 1 TB” at once. Need more? Get in touch with us."
    ]
    add(client, service, 84)
    assert flashed(add(client, service, 1))[-1].startswith("An order can cost at most €10,000.00;")


def basket_update(client, quantities):
    """POST the basket page's formset with new quantities, in line order."""
    lines = client.get(reverse("basket:summary")).context["formset"].forms
    data = {"form-TOTAL_FORMS": len(lines), "form-INITIAL_FORMS": len(lines), "form-MIN_NUM_FORMS": 0}
    for index, (form, quantity) in enumerate(zip(lines, quantities, strict=True)):
        data[f"form-{index}-id"] = form.instance.pk
        data[f"form-{index}-quantity"] = quantity
    return client.post(reverse("basket:summary"), data, follow=True)


def test_changing_a_quantity_beyond_the_line_maximum_is_refused_on_the_basket_page(client, cable):
    add(client, cable, 5)
    page = basket_update(client, [100]).content.decode()
    assert "Je kunt hoogstens 99 stuks van “Kabelbinder” in één keer bestellen." in page
    assert basket_of(client) == {"Kabelbinder": 5}
    assert 'max="99"' in client.get(reverse("basket:summary")).content.decode()


def test_raising_two_lines_at_once_beyond_the_maximum_amount_is_refused(client, service, cable, settings):
    settings.WINKELIER_MAX_BASKET_AMOUNT = Decimal("1000.00")
    add(client, service, 1)  # € 119,00
    add(client, cable, 1)  # € 1,99
    # Alone, 8 services (€ 952,00 + € 1,99) or 90 cable ties would fit; together they don't.
    page = basket_update(client, [8, 90]).content.decode()
    assert (
        "Een bestelling kan hoogstens €\xa01.000,00 kosten; je winkelmand zou €\xa01.131,10 worden." in page
    )
    assert basket_of(client) == {"Cloudback-up 1 TB": 1, "Kabelbinder": 1}
    # Lowering one while raising the other is judged on the result.
    basket_update(client, [8, 1])
    assert basket_of(client) == {"Cloudback-up 1 TB": 8, "Kabelbinder": 1}


def test_paying_for_an_over_limit_basket_is_refused_with_400_and_the_reason(client, service, settings):
    add(client, service, 50)  # € 5.950,00: fine when added
    settings.WINKELIER_MAX_BASKET_AMOUNT = Decimal("5000.00")  # the owner lowers the limit
    response = client.post(reverse("checkout-pay"), {"method": "card"})
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Een bestelling kan hoogstens €\xa05.000,00 kosten; je winkelmand zou €\xa05.950,00 worden. "
        "Verlaag een aantal of neem contact met ons op voor een grote bestelling."
    )
    assert response.json()["redirect_url"] == reverse("basket:summary")
    assert basket_of(client) == {"Cloudback-up 1 TB": 50}  # the basket is kept


def test_checkout_steps_send_an_over_limit_basket_back_to_the_basket(client, cable, settings):
    add(client, cable, 99)
    settings.WINKELIER_MAX_LINE_QUANTITY = 50
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("basket:summary")
    assert "hoogstens 50 stuks van “Kabelbinder”" in flashed(response)[-1]


def test_a_basket_post_without_the_optional_management_fields_is_answered(client, cable):
    """Found by the fuzz test: Oscar's basket page read MIN_NUM_FORMS from the POST (500)."""
    add(client, cable, 2)
    line = client.get(reverse("basket:summary")).context["formset"].forms[0].instance
    data = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 1, "form-0-id": line.pk, "form-0-quantity": 3}
    response = client.post(reverse("basket:summary"), data)
    assert response.status_code == 302
    assert basket_of(client) == {"Kabelbinder": 3}
