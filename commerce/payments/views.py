"""The two checkout endpoints around Stripe: start paying, and come back from paying.

POST /checkout/pay/ (form fields `method` = card|ideal, `bank` for iDEAL, `performance_consent`
= basket line references to start at once, W13 a/m, `marketing_consent` = the A6 box) answers JSON:
card -> {client_secret, payment_intent, return_url} for Stripe.js' confirmCardPayment;
iDEAL -> {redirect_url} (the bank). Errors: {"error": message} with 400 (bad input or an
unfinished checkout), 402 (refused), 503 (Stripe unreachable; nothing charged, retry works).

GET /checkout/paid/?payment_intent=pi_... places the order (exactly once, placement.py) and
shows the thank-you page, but only to the session that paid: anyone else gets a neutral page.
"""

import logging

from django import http
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_class

from commerce.checkout.forms import PaymentForm
from commerce.checkout.session import CheckoutSessionMixin
from commerce.payments import gateway
from commerce.payments.ideal import start_ideal
from commerce.payments.models import CheckoutPayment, PaymentMethod
from commerce.payments.placement import OrderRefused, PaymentNotComplete, place_order
from commerce.payments.preparation import CheckoutIncomplete, start_payment
from commerce.payments.refusals import refusal_message, unavailable_message

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
FailedPreCondition = get_class("checkout.exceptions", "FailedPreCondition")

logger = logging.getLogger(__name__)

# PaymentIntents this browser session started: only they may show their order afterwards.
SESSION_INTENTS = "checkout_payment_intents"


def remember_intent(request, intent_id: str):
    started = request.session.get(SESSION_INTENTS, [])
    if intent_id not in started:
        request.session[SESSION_INTENTS] = [*started[-19:], intent_id]


def belongs_to_session(request, payment: CheckoutPayment) -> bool:
    if payment.payment_intent_id in request.session.get(SESSION_INTENTS, []):
        return True
    if request.user.is_authenticated and payment.user_id == request.user.pk:
        return True
    return request.basket.id is not None and payment.source_basket_id == request.basket.id


def error(message, status: int):
    return http.JsonResponse({"error": str(message)}, status=status)


class PayView(CheckoutSessionMixin, View):
    http_method_names = ["post"]
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def dispatch(self, request, *args, **kwargs):
        # Oscar's mixin answers a failed pre-condition with a redirect; a JSON client gets 400.
        self.checkout_session = CheckoutSessionData(request)
        try:
            self.check_pre_conditions(request)
        except FailedPreCondition as failed:
            message = " ".join(str(m) for m in failed.messages) or _("Uw bestelling is nog niet compleet.")
            return http.JsonResponse({"error": message, "redirect_url": failed.url}, status=400)
        return View.dispatch(self, request, *args, **kwargs)

    def post(self, request):
        form = PaymentForm(request.POST, basket=request.basket)
        if not form.is_valid():
            return error(" ".join(e for errors in form.errors.values() for e in errors), 400)
        basket, user = request.basket, request.user
        # W13 a/m: the lines to start at once go with the payment, so the order gets them too;
        # so does the marketing consent box (A6), recorded once the order is placed.
        data = {
            **self.checkout_data(),
            "performance_consent": sorted(form.cleaned_data["performance_consent"]),
            "marketing_consent": form.cleaned_data["marketing_consent"],
        }
        return_url = request.build_absolute_uri(reverse("checkout-paid"))
        try:
            if form.cleaned_data["method"] == PaymentMethod.IDEAL:
                url = start_ideal(basket, user, data, form.cleaned_data["bank"], return_url)
                return http.JsonResponse({"redirect_url": url})
            payment, intent = start_payment(basket, user, data, PaymentMethod.CARD)
        except CheckoutIncomplete:
            logger.info("Pay pressed for an incomplete checkout (basket %s)", basket.id)
            return error(_("Uw bestelling is nog niet compleet. Controleer uw adres en bezorgwijze."), 400)
        except gateway.PaymentRefused as refused:
            return error(refusal_message(refused.code), 402)
        except gateway.PaymentUnavailable:
            return error(unavailable_message(), 503)
        remember_intent(request, payment.payment_intent_id)
        return http.JsonResponse(
            {"client_secret": intent.client_secret, "payment_intent": intent.id, "return_url": return_url}
        )


class PaidView(View):
    http_method_names = ["get"]

    def get(self, request):
        payment = CheckoutPayment.objects.filter(
            payment_intent_id=request.GET.get("payment_intent", "")
        ).first()
        if payment is None:
            raise http.Http404(_("Deze betaling kennen we niet."))
        own = belongs_to_session(request, payment)
        try:
            placed = place_order(payment.payment_intent_id)
        except PaymentNotComplete as incomplete:
            return self.not_complete(request, incomplete.status)
        except OrderRefused as refused:
            return self.refused(request, refused)
        except gateway.PaymentUnavailable:
            return render(request, "oscar/checkout/paid_waiting.html", {"unavailable": True}, status=503)
        if not own:
            return render(request, "oscar/checkout/paid_elsewhere.html")
        request.session["checkout_order_id"] = placed.order.pk
        CheckoutSessionData(request).flush()
        return redirect("checkout:thank-you")

    def not_complete(self, request, status: str):
        if status == "processing":
            return render(request, "oscar/checkout/paid_waiting.html", {"unavailable": False})
        messages.error(
            request, _("De betaling is niet afgerond. Er is niets afgeschreven; probeer het opnieuw.")
        )
        return redirect("checkout:payment-details")

    def refused(self, request, refused: OrderRefused):
        if refused.reason == "capture_failed":
            messages.error(
                request,
                _(
                    "Uw bank heeft de betaling niet doorgezet, dus we hebben de bestelling geannuleerd. "
                    "Er is niets afgeschreven; uw winkelmand is bewaard, probeer het opnieuw."
                ),
            )
            return redirect("basket:summary")
        if refused.reason == "sold_out":
            message = _(
                "Net voordat uw betaling rond was, is dit uitverkocht: %(titles)s. We hebben geen "
                "bestelling geplaatst en niets afgeschreven (een eventuele betaling wordt teruggestort). "
                "Pas uw winkelmand aan om verder te gaan."
            ) % {"titles": ", ".join(refused.titles) or _("een product uit uw winkelmand")}
        else:
            message = _(
                "Uw winkelmand of de prijs is tijdens het betalen veranderd. We hebben geen bestelling "
                "geplaatst en niets afgeschreven (een eventuele betaling wordt teruggestort). Controleer uw "
                "winkelmand en betaal opnieuw."
            )
        messages.error(request, message)
        return redirect("basket:summary")
