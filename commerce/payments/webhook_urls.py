"""Stripe's webhook endpoint; mounted at the site root."""

urlpatterns = []
