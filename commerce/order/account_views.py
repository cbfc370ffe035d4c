"""The guest's order page, reached through the signed link in the confirmation e-mail."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from commerce.order.guest_links import order_number_from_token

Order = get_model("order", "Order")


def guest_order_or_404(token: str):
    """The order a guest link opens; 404 for a link that is not ours, like for an unknown order."""
    number = order_number_from_token(token)
    if number is None:
        raise Http404("invalid order link")
    return get_object_or_404(Order, number=number)


def guest_order_page(request, order, token: str, extra: dict | None = None, status: int = 200):
    """The page itself; `extra` for what a form posted from it shows again (errors, values)."""
    context = {"order": order, "token": token, **(extra or {})}
    return render(request, "oscar/customer/order/guest_order_detail.html", context, status=status)


@require_GET
def guest_order_detail(request, token):
    return guest_order_page(request, guest_order_or_404(token), token)
