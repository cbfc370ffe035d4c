import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "commerce.checkout"

    def ready(self):
        super().ready()
        self.billing_address_view = get_class("checkout.views", "BillingAddressView")

    def get_urls(self):
        """Oscar's steps plus the billing address of an order that ships nothing (N3)."""
        billing = path("billing-address/", self.billing_address_view.as_view(), name="billing-address")
        return [*super().get_urls(), *self.post_process_urls([billing])]
