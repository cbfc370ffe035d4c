"""Oscar's checkout session mixin, plus what a payment needs to place the order later.

`checkout_data()` turns the session's choices into the plain dict `CheckoutPayment` stores,
so the order can be placed by the webhook when the shopper's browser never comes back.
A basket that ships nothing asks the customer's name and billing address instead of a delivery
address: the invoice needs them (N3).
"""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions, session

from commerce.basket import limits

ADDRESS_FIELDS = ("title", "first_name", "last_name", "line1", "line2", "line3", "line4", "state", "postcode")
SHIPPING_ONLY_FIELDS = ("phone_number", "notes")


def address_fields(address, extra=()) -> dict | None:
    """An unsaved Oscar address as a JSON-safe dict (country as its ISO code), or None."""
    if address is None:
        return None
    fields = {
        name: str(getattr(address, name)) for name in ADDRESS_FIELDS + tuple(extra) if getattr(address, name)
    }
    fields["country"] = address.country.iso_3166_1_a2
    return fields


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def check_basket_is_valid(self, request):
        """Oscar's check (every line still for sale), then the shop's basket limits: every
        checkout step sends an over-limit basket back to the basket page with the reason, and
        /checkout/pay/ answers it with 400 (issue 9)."""
        super().check_basket_is_valid(request)
        problems = limits.basket_problems(request.basket)
        if problems:
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), messages=problems)

    def check_shipping_data_is_captured(self, request):
        """Oscar's check, and for a basket that ships nothing: a billing address (N3)."""
        if not request.basket.is_shipping_required() and not self.checkout_session.is_billing_address_set():
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:billing-address"),
                message=_("Vul je naam en factuuradres in: die komen op je factuur."),
            )
        super().check_shipping_data_is_captured(request)

    def skip_unless_basket_requires_shipping(self, request):
        """The delivery address step: a basket that ships nothing goes to its billing address."""
        if not request.basket.is_shipping_required():
            raise exceptions.PassedSkipCondition(url=reverse("checkout:billing-address"))

    def skip_if_basket_requires_shipping(self, request):
        """The billing address step: goods are invoiced to their delivery address."""
        if request.basket.is_shipping_required():
            raise exceptions.PassedSkipCondition(url=reverse("checkout:shipping-address"))

    def checkout_data(self) -> dict:
        basket = self.request.basket
        user = self.request.user
        shipping_address = self.get_shipping_address(basket)
        return {
            "email": user.email if user.is_authenticated else self.checkout_session.get_guest_email(),
            "shipping_address": address_fields(shipping_address, SHIPPING_ONLY_FIELDS),
            "billing_address": address_fields(self.get_billing_address(shipping_address)),
            "shipping_method": self.checkout_session.shipping_method_code(basket),
            "language": get_language() or "nl",
        }
