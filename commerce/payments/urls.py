"""Checkout payment routes (start a payment, return from Stripe); mounted at the site root,
before Oscar's /checkout/ so they sit next to its steps."""

from django.conf import settings
from django.urls import path

from commerce.payments import localstripe_bridge, views

urlpatterns = [
    path("checkout/pay/", views.PayView.as_view(), name="checkout-pay"),
    path("checkout/paid/", views.PaidView.as_view(), name="checkout-paid"),
]

if settings.STRIPE_API_BASE:
    # Development and tests only (localstripe has no card confirmation; see the module).
    urlpatterns.append(
        path("checkout/localstripe/confirm/", localstripe_bridge.confirm_card, name="localstripe-confirm")
    )
