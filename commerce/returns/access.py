"""Who may withdraw from an order and see its returns: the account that placed it, or whoever
holds its signed link (the confirmation e-mail's, or the one the footer's lookup leads to).

The withdrawal URLs carry a `ref`: the signed token (commerce/order/guest_links.py), or for a
logged-in customer the plain order number, which opens only their own orders (404 otherwise).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.order.guest_links import order_number_from_token
from commerce.returns.models import Return

Order = get_model("order", "Order")


class LoginNeeded(Exception):
    """A plain order number without a logged-in customer: log in first."""


def order_for(request, ref: str):
    """The order `ref` opens for this request; Http404 for anyone else's, LoginNeeded when a
    plain number is used without logging in."""
    number = order_number_from_token(ref)
    if number is not None:
        return get_object_or_404(Order, number=number)
    if not request.user.is_authenticated:
        raise LoginNeeded
    return get_object_or_404(Order, number=ref, user=request.user)


def ref_for(order, token: str | None) -> str:
    """The ref for links from an order page: its signed token on the guest page, else the number."""
    return token or order.number


def is_token(ref: str) -> bool:
    return order_number_from_token(ref) is not None


def return_of(order, number: str) -> Return:
    try:
        return order.returns.get(number=number)
    except Return.DoesNotExist as error:
        raise Http404("no such return") from error


def order_page(order, ref: str) -> str:
    """Back to the order page the customer came from: the guest link, or the account page."""
    if is_token(ref):
        return reverse("order-guest-detail", kwargs={"token": ref})
    return reverse("customer:order", kwargs={"order_number": order.number})


def return_path(return_request: Return, ref: str, view: str = "returns:return") -> str:
    """A return's page (or its slip, "returns:slip"; its actions) under the order's ref."""
    return reverse(view, kwargs={"ref": ref, "number": return_request.number})
