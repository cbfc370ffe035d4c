"""Background work for orders: the confirmation e-mail, sent once per order."""

from django.db import transaction
from django.utils import translation
from django_tasks import task
from oscar.core.loading import get_model

from commerce.order import confirmation
from commerce.order.emails import has_sent, send_order_email, shop_settings

Order = get_model("order", "Order")

CONFIRMATION = "order_confirmation"


@task()
def send_order_confirmation(order_number: str) -> bool:
    """Send the confirmation unless the log shows it went out already (retries, duplicate signals)."""
    with transaction.atomic():
        # The row lock makes a second worker wait, then see the logged event and stop.
        order = Order.objects.select_for_update().get(number=order_number)
        if has_sent(order, CONFIRMATION):
            return False
        # The policy paragraphs are translated while the context is built, so in the order's language.
        with translation.override(order.language):
            context = confirmation.context(order, shop_settings())
        send_order_email(order, CONFIRMATION, context)
    return True
