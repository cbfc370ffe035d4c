"""The storefront's routes of after-sales (see config/urls.py): a question about an order (A7),
posted from the account's order page or from the guest's signed link; the newsletter sign-up,
the unsubscribe link of marketing e-mail and the account's setting for it (A6)."""

from django.urls import path

from aftersales import consent_views, views

urlpatterns = [
    path("bestelling/<str:token>/vraag/", views.ask_as_guest, name="order-question-guest"),
    # Next to Oscar's account order page (/accounts/orders/<number>/), which it posts from.
    path("accounts/orders/<str:order_number>/vraag/", views.ask_as_customer, name="order-question"),
    path("accounts/nieuwsbrief/", consent_views.account_setting, name="account-newsletter"),
    path("nieuwsbrief/", consent_views.sign_up, name="newsletter"),
    path("nieuwsbrief/verstuurd/", consent_views.signed_up, name="newsletter-sent"),
    path("nieuwsbrief/bevestigen/<str:token>/", consent_views.confirm, name="newsletter-confirm"),
    path("afmelden/<str:token>/", consent_views.unsubscribe, name="unsubscribe"),
]
