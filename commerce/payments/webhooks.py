"""Stripe's webhook endpoint: verify, store once, hand over to a task, answer at once.

Stripe waits for our answer and retries on anything but 2xx, so the endpoint does no payment
work itself: the task places the order (and re-reads the PaymentIntent from Stripe).
"""

import logging

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commerce.payments import event_shape, events
from commerce.payments.tasks import process_stripe_event

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        # Never verify against an empty key: anyone could sign with it.
        logger.error("Stripe webhook received but STRIPE_WEBHOOK_SECRET is not set")
        return HttpResponse(status=503)
    signature = request.headers.get("Stripe-Signature")
    if not signature:
        logger.warning("Stripe webhook without a Stripe-Signature header refused")
        return HttpResponseBadRequest("missing signature")
    if len(request.body) > event_shape.MAX_BODY_BYTES:
        logger.warning("Stripe webhook with a body of %d bytes refused", len(request.body))
        return HttpResponse(f"payload larger than {event_shape.MAX_BODY_BYTES} bytes", status=413)
    try:
        payload = request.body.decode("utf-8")
        # Only ASCII can match: Stripe's comparison raises TypeError on other characters.
        if not signature.isascii():
            raise stripe.SignatureVerificationError("non-ASCII characters in the header", signature)
        stripe.WebhookSignature.verify_header(payload, signature, secret, stripe.Webhook.DEFAULT_TOLERANCE)
        event = event_shape.parse_event(payload)
    except UnicodeDecodeError as error:
        logger.warning("Stripe webhook with an unreadable body refused: %s", error)
        return HttpResponseBadRequest("invalid payload: not UTF-8")
    except stripe.SignatureVerificationError as error:
        logger.warning("Stripe webhook with a wrong signature refused: %s", error)
        return HttpResponseBadRequest("invalid signature")
    except event_shape.MalformedEvent as error:
        # Signed by Stripe but not an event we can read: tell it (the dashboard shows the answer).
        logger.warning("Stripe webhook with a malformed event refused: %s", error)
        return HttpResponseBadRequest(str(error))
    stored, created = events.record(event)
    if created:
        transaction.on_commit(lambda: process_stripe_event.enqueue(stored.event_id))
    else:
        logger.info("Stripe event %s received again; ignored", stored.event_id)
    return HttpResponse(status=200)
