"""The guest's order page, reached through the signed link in the confirmation e-mail."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from commerce.order.guest_links import order_number_from_token

Order = get_model("order", "Order")


@require_GET
def guest_order_detail(request, token):
    number = order_number_from_token(token)
    if number is None:
        raise Http404("invalid order link")
    order = get_object_or_404(Order, number=number)
    return render(
        request,
        "oscar/customer/order/guest_order_detail.html",
        {"order": order, "token": token},
    )
