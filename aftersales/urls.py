"""The storefront's routes of after-sales (see config/urls.py): a question about an order (A7),
posted from the account's order page or from the guest's signed link."""

from django.urls import path

from aftersales import views

urlpatterns = [
    path("bestelling/<str:token>/vraag/", views.ask_as_guest, name="order-question-guest"),
    # Next to Oscar's account order page (/accounts/orders/<number>/), which it posts from.
    path("accounts/orders/<str:order_number>/vraag/", views.ask_as_customer, name="order-question"),
]
