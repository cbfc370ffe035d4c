"""Stripe's webhook endpoint; mounted at the site root."""

from django.urls import path

from commerce.payments.webhooks import stripe_webhook

urlpatterns = [
    path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
]
