"""Checkout address step: Dutch postcode and house number, other EU countries (issue 4 item 1).

Bad input gets a clear message and changes nothing: no address is stored in the checkout.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.checkout.address_rules import is_house_number, normalise_dutch_postcode
from commerce.payments.placement import address
from tests.factories import ProductFactory
from tests.stripe_support import dutch_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1234ab", "1234 AB"),
        ("1234 AB", "1234 AB"),
        (" 3511  ab ", "3511 AB"),
        ("0123AB", None),
        ("1234SS", None),
        ("12345", None),
        ("1234A", None),
    ],
)
def test_dutch_postcode_is_written_1234_AB(typed, stored):
    assert normalise_dutch_postcode(typed) == stored


@pytest.mark.parametrize(
    ("typed", "valid"),
    [
        ("12", True),
        ("12a", True),
        ("12-2", True),
        ("7 II", True),
        ("a12", False),
        ("", False),
        ("twaalf", False),
    ],
)
def test_house_number_with_optional_addition(typed, valid):
    assert is_house_number(typed) is valid


def address_form(**overrides):
    """The shipping address form as the shopper fills it in."""
    return {**dutch_address(), "phone_number": "", "notes": "", **overrides}


@pytest.fixture
def guest_at_address_step(client):
    product = ProductFactory(price=Decimal("20.00"))
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "sanne@example.test", "options": "anonymous"})
    return client


def stored_address(client):
    return client.session.get("checkout_data", {}).get("shipping", {}).get("new_address_fields")


def test_the_eu_countries_are_offered_with_the_netherlands_first(guest_at_address_step):
    page = guest_at_address_step.get(reverse("checkout:shipping-address")).content.decode()
    options = page.split('name="country"')[1].split("</select>")[0]
    assert options.index('value="NL"') < options.index('value="BE"') < options.index('value="SE"')
    assert options.count("<option") == 27
    assert "Huisnummer + toevoeging" in page


def test_dutch_postcode_typed_loosely_is_stored_as_1234_AB(guest_at_address_step):
    response = guest_at_address_step.post(
        reverse("checkout:shipping-address"), address_form(postcode="3511ab")
    )
    assert response.status_code == 302
    assert stored_address(guest_at_address_step)["postcode"] == "3511 AB"
    assert stored_address(guest_at_address_step)["line2"] == "12"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "351 AB", "Vul een geldige Nederlandse postcode in, bijvoorbeeld 1234 AB."),
        ("line2", "", "Vul uw huisnummer in."),
        ("line2", "bij de kerk", "Vul een huisnummer in, eventueel met toevoeging, bijvoorbeeld 12a."),
    ],
)
def test_bad_dutch_address_is_refused_with_a_message_and_nothing_is_stored(
    guest_at_address_step, field, value, message
):
    response = guest_at_address_step.post(
        reverse("checkout:shipping-address"), address_form(**{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_address(guest_at_address_step) is None
    # What the shopper typed is still in the form.
    assert 'value="Oudegracht"' in response.content.decode()


def test_belgian_address_uses_belgian_postcode_rules_and_needs_no_separate_house_number(
    guest_at_address_step,
):
    belgian = address_form(country="BE", postcode="1000", line1="Rue Neuve 5", line2="", line4="Brussel")
    response = guest_at_address_step.post(reverse("checkout:shipping-address"), belgian)
    assert response.status_code == 302
    assert stored_address(guest_at_address_step)["country_id"] == "BE"


def test_german_postcode_with_letters_is_refused(guest_at_address_step):
    german = address_form(country="DE", postcode="1234 AB", line4="Berlin")
    response = guest_at_address_step.post(reverse("checkout:shipping-address"), german)
    assert response.status_code == 200
    assert stored_address(guest_at_address_step) is None


def test_order_addresses_read_like_a_dutch_parcel_label():
    """Street and house number on one line, postcode before the city (order pages, e-mails)."""
    shipping = address(get_model("order", "ShippingAddress"), dutch_address())
    assert shipping.active_address_fields() == [
        "Sanne de Vries",
        "Oudegracht 12",
        "3511 AB Utrecht",
        "Nederland",
    ]
