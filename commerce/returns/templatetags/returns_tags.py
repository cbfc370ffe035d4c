"""The withdrawal button and the order's returns on the order pages (account and guest), which
Oscar's views and ours render: `{% order_withdrawal order token as withdrawal %}`."""

from django import template
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.returns import access, customer, policy, windows
from commerce.returns.models import Return, ReturnLine
from home.models import ShopSettings

register = template.Library()

Line = get_model("order", "Line")


@register.simple_tag(takes_context=True)
def order_withdrawal(context, order, token=""):
    """W18: whether the button shows (the whole window long), the ref its links carry, and the
    order's returns. Reads the lines and returns in a fixed number of queries, however many."""
    prefetch_related_objects(
        [order],
        Prefetch(
            "lines",
            queryset=Line.objects.select_related("product__product_class", "product__parent__product_class"),
        ),
        Prefetch(
            "returns",
            queryset=Return.objects.prefetch_related(
                Prefetch("lines", queryset=ReturnLine.objects.select_related("order_line").order_by("pk"))
            ),
        ),
    )
    shop = ShopSettings.for_request(context["request"])
    ends_on = windows.withdrawal_ends_on(order, shop)
    return {
        "may_withdraw": windows.in_time(order, timezone.now(), ends_on),
        "ends_on": ends_on,
        "window_days": policy.window_days(shop),
        "ref": access.ref_for(order, token or None),
        "returns": [customer.of(return_request) for return_request in order.returns.all()],
    }
