"""Routes mounted at the site root (see config/urls.py)."""

from django.urls import path

from commerce.order.account_views import guest_order_detail

urlpatterns = [
    path("bestelling/<str:token>/", guest_order_detail, name="order-guest-detail"),
]
