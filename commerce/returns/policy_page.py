"""The returns policy page (/retourbeleid/): generated from the shop's settings and the product
classes in use, so it always says what the shop really does (W1–W14). Linked from the footer,
from product pages with a W13 exception and from the order confirmation e-mail."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.returns import wording
from commerce.returns.policy import window_days
from home.models import ShopSettings

ProductClass = get_model("catalogue", "ProductClass")


def exceptions_in_use(days: int) -> list[dict]:
    """W13: each exception at least one product class with products carries, naming those
    classes as the example, in the order of the law's letters."""
    classes = (
        ProductClass.objects.exclude(withdrawal_exception=WithdrawalException.NONE)
        .filter(products__isnull=False)
        .distinct()
        .order_by("withdrawal_exception", "name")
    )
    by_letter: dict[str, list[str]] = {}
    for product_class in classes:
        by_letter.setdefault(product_class.withdrawal_exception, []).append(product_class.name)
    return [
        {
            "letter": letter,
            "label": WithdrawalException(letter).label,
            "classes": names,
            "text": wording.exception_text(letter, days),
        }
        for letter, names in by_letter.items()
    ]


def sells_services() -> bool:
    return ProductClass.objects.filter(requires_shipping=False, products__isnull=False).exists()


def policy(shop) -> dict:
    """The page's parts, in the active language."""
    days = window_days(shop)
    return {
        "window_days": days,
        "window": wording.window(shop),
        "window_start": wording.window_start(),
        "window_example": wording.window_example(shop),
        "service_window_start": wording.service_window_start() if sells_services() else "",
        "notice_in_time": wording.notice_in_time(),
        "other_statement": wording.other_statement(shop),
        "handling": wording.handling(),
        "return_shipping": wording.return_shipping(shop),
        "refund": wording.refund(),
        "refund_goal": wording.refund_goal(),
        "delivery_cost_back": wording.delivery_cost_back(),
        "exceptions": exceptions_in_use(days),
    }


@require_GET
def returns_policy(request):
    shop = ShopSettings.for_request(request)
    context = {"shop": shop, "breadcrumb_title": _("Retourbeleid"), **policy(shop)}
    return render(request, "commerce/returns/policy.html", context)
