"""Oscar's checkout views; the payment step is "review and pay" (Stripe card or iDEAL).

Oscar's separate preview step is folded into the payment page: the review (lines, delivery,
addresses, VAT per rate, total) is shown next to the payment form, and the order is placed by
/checkout/paid/ once Stripe says the payment succeeded (commerce/payments/views.py).
"""

from django.conf import settings
from django.shortcuts import redirect
from oscar.apps.checkout import views
from oscar.apps.checkout.views import *  # noqa: F403 - Oscar's fork pattern

from commerce.checkout.forms import PaymentForm
from commerce.checkout.review import vat_by_rate
from commerce.payments.refusals import messages_for_browser


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
        ctx["payment_form"] = PaymentForm(initial={"method": "card"})
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
