import oscar.apps.customer.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    """Oscar's accounts app with registration confirmed by e-mail (commerce/customer/registration.py)."""

    name = "commerce.customer"

    def ready(self):
        super().ready()
        self.registration_sent_view = get_class("customer.views", "RegistrationSentView")
        self.registration_confirm_view = get_class("customer.views", "RegistrationConfirmView")

    def get_urls(self):
        urls = [
            path("register/sent/", self.registration_sent_view.as_view(), name="register-sent"),
            path(
                "register/confirm/<str:token>/",
                self.registration_confirm_view.as_view(),
                name="register-confirm",
            ),
        ]
        return super().get_urls() + self.post_process_urls(urls)
