"""Card confirmation for localstripe (development and tests only; 404 with real Stripe).

Why this exists: in production the browser loads the real Stripe.js from js.stripe.com, whose
`confirmCardPayment` sends the card to Stripe, confirms the PaymentIntent and runs 3-D Secure.
Here there is no internet, and localstripe's Stripe.js stand-in cannot do that: its
`confirmCardPayment` only shows its 3-D Secure dialog and expects the PaymentIntent to be
confirmed already, and localstripe accepts only /v1/tokens from the browser (publishable key).
So static/js/localstripe-bridge.js, loaded only when STRIPE_API_BASE is set, makes
`confirmCardPayment` tokenise the card in the browser and post the token here; this view does,
with the secret key, what real Stripe.js would have done at Stripe: attach the card (a customer
with the token as source; localstripe declines 4000 0000 0000 0002 here) and confirm. It answers
like Stripe.js: {paymentIntent} or {error: {code, decline_code, message}}; for `requires_action`
the bridge then calls the stand-in's own confirmCardPayment for its 3-D Secure dialog.
"""

from django import http
from django.conf import settings
from django.views.decorators.http import require_POST

from commerce.payments import gateway
from commerce.payments.models import CheckoutPayment
from commerce.payments.refusals import refusal_message
from commerce.payments.views import belongs_to_session


def stripe_js_error(code: str, decline_code: str = ""):
    return http.JsonResponse(
        {
            "error": {
                "code": code,
                "decline_code": decline_code,
                "message": refusal_message(code, decline_code),
            }
        }
    )


@require_POST
def confirm_card(request):
    if not settings.STRIPE_API_BASE:
        raise http.Http404("localstripe is not in use")
    client_secret = request.POST.get("client_secret", "")
    token = request.POST.get("token", "")
    intent_id = client_secret.split("_secret_")[0]
    payment = CheckoutPayment.objects.filter(payment_intent_id=intent_id).first()
    if payment is None or not belongs_to_session(request, payment) or not token.startswith("tok_"):
        return http.JsonResponse(
            {"error": {"code": "invalid_request", "message": "unknown payment"}}, status=400
        )
    stripe = gateway.client().v1
    try:
        intent = gateway.retrieve_intent(intent_id)
        if intent.client_secret != client_secret:
            return http.JsonResponse(
                {"error": {"code": "invalid_request", "message": "bad secret"}}, status=400
            )
        customer = gateway.call(stripe.customers.create, params={"source": token})
        # The token's card became the customer's default source: the PaymentIntent pays with it.
        params = {"payment_method": customer.default_source, "customer": customer.id}
        gateway.call(stripe.payment_intents.update, intent_id, params=params)
        intent = gateway.confirm_intent(intent_id)
    except gateway.PaymentRefused as refused:
        return stripe_js_error(refused.code)
    except gateway.PaymentUnavailable:
        return stripe_js_error("processing_error")
    return http.JsonResponse(
        {
            "paymentIntent": {
                "id": intent.id,
                "status": intent.status,
                "last_payment_error": intent.last_payment_error,
            }
        }
    )
