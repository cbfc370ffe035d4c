"""Oscar's checkout views; the payment step is "review and pay" (Stripe card or iDEAL).

Oscar's separate preview step is folded into the payment page: the review (lines, delivery,
addresses, VAT per rate, total) is shown next to the payment form, and the order is placed by
/checkout/paid/ once Stripe says the payment succeeded (commerce/payments/views.py). A basket
that ships nothing has a billing address step instead of the delivery steps (N3).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views import generic
from oscar.apps.checkout import views
from oscar.apps.checkout.views import *  # noqa: F403 - Oscar's fork pattern

from commerce.checkout.forms import BillingAddressForm, PaymentForm
from commerce.checkout.review import vat_by_rate
from commerce.checkout.session import CheckoutSessionMixin
from commerce.payments.refusals import messages_for_browser

# An address book entry as the billing address form's initial data.
BILLING_FIELDS = ("first_name", "last_name", "line1", "line2", "line4", "postcode", "country")


def billing_details(data: dict) -> dict:
    """Stripe.js' billing_details from the checkout (billing address, else shipping address)."""
    address = data["billing_address"] or data["shipping_address"] or {}
    details = {"email": data["email"]}
    if address:
        details["name"] = f"{address.get('first_name', '')} {address.get('last_name', '')}".strip()
        details["address"] = {
            "line1": f"{address.get('line1', '')} {address.get('line2', '')}".strip(),
            "postal_code": address.get("postcode", ""),
            "city": address.get("line4", ""),
            "country": address["country"],
        }
    return details


class IndexView(views.IndexView):
    """The "who are you?" step. Its "returning customer" password is a login like any other,
    so the form gets the request: django-axes throttles it and refuses to authenticate
    without one (commerce/users/login_throttle.py)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class BillingAddressView(CheckoutSessionMixin, generic.FormView):
    """N3: the name and address on the invoice of an order that ships nothing (services only);
    a basket with goods uses its delivery address and skips this step."""

    template_name = "oscar/checkout/billing_address.html"
    form_class = BillingAddressForm
    success_url = reverse_lazy("checkout:shipping-method")  # which moves on: nothing to ship
    pre_conditions = ["check_basket_is_not_empty", "check_basket_is_valid", "check_user_email_is_captured"]
    skip_conditions = ["skip_if_basket_requires_shipping"]

    def get_initial(self):
        """What was typed before in this checkout, else the customer's default address."""
        stored = self.checkout_session.new_billing_address_fields()
        if stored:
            initial = {name: value for name, value in stored.items() if name != "country_id"}
            initial["country"] = stored.get("country_id")
            return initial
        user = self.request.user
        address = (
            user.addresses.order_by("-is_default_for_billing", "-is_default_for_shipping").first()
            if user.is_authenticated
            else None
        )
        if address is None:
            return {"country": "NL"}
        return {name: getattr(address, name) for name in BILLING_FIELDS}

    def form_valid(self, form):
        fields = {name: value for name, value in form.instance.__dict__.items() if not name.startswith("_")}
        self.checkout_session.bill_to_new_address(fields)
        return super().form_valid(form)


class PaymentDetailsView(views.PaymentDetailsView):
    # Payment is always taken here; Oscar's "skip when free" would send us to the preview,
    # which now leads back here.
    def get_skip_conditions(self, request):
        return []

    def get(self, request, *args, **kwargs):
        if self.preview:
            return redirect("checkout:payment-details")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # Paying goes through /checkout/pay/ (JSON), never through Oscar's place-order POST.
        return redirect("checkout:payment-details")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["vat_rates"] = vat_by_rate(ctx["basket"], ctx["shipping_method"], ctx["shipping_charge"])
        ctx["payment_form"] = PaymentForm(initial={"method": "card"}, basket=ctx["basket"])
        ctx["stripe_js_url"] = (
            f"{settings.STRIPE_API_BASE}/js.stripe.com/v3/"
            if settings.STRIPE_API_BASE
            else "https://js.stripe.com/v3/"
        )
        ctx["localstripe"] = bool(settings.STRIPE_API_BASE)
        ctx["payment_config"] = {
            "publishableKey": settings.STRIPE_PUBLISHABLE_KEY,
            "messages": messages_for_browser(),
            "billingDetails": billing_details(self.checkout_data()),
        }
        return ctx
