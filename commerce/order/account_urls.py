"""Routes mounted at the site root (see config/urls.py)."""

from django.urls import path

from commerce.order.account_views import guest_order_detail
from commerce.order.withdrawal_form import model_withdrawal_form

urlpatterns = [
    path("bestelling/<str:token>/", guest_order_detail, name="order-guest-detail"),
    path("herroepen/modelformulier/", model_withdrawal_form, name="withdrawal-model-form"),
]
