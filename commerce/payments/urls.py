"""Checkout payment routes (start a payment, return from Stripe); mounted at the site root."""

urlpatterns = []
