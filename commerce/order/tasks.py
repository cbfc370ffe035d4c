"""Background work for orders: the confirmation e-mail, sent once per order."""

from django.utils import translation
from django_tasks import task

from commerce.order import confirmation
from commerce.order.emails import shop_settings
from commerce.order.models import Order
from commerce.order.sending import send_once

CONFIRMATION = "order_confirmation"


def confirm(order: Order) -> bool:
    """Send the order confirmation unless it went out already (retries, duplicate signals)."""

    def build():
        # The policy paragraphs are translated while the context is built: the order's language.
        with translation.override(order.language):
            return confirmation.context(order, shop_settings()), []

    return send_once(order, CONFIRMATION, build)


@task()
def send_order_confirmation(order_number: str) -> bool:
    return confirm(Order.objects.get(number=order_number))
