"""What the order confirmation says: amounts, links and the withdrawal policy (W1–W5, W8–W13).

The policy is built as a list of paragraphs so the text and HTML e-mail print the same words,
from commerce/returns/wording.py, which the returns policy page reads too.
Without it in the confirmation the withdrawal window grows by twelve months (W5), so every
confirmation carries it, tailored to the products in this order.
"""

from django.urls import reverse

from commerce.catalogue.withdrawal_exceptions import WithdrawalException
from commerce.order import summary
from commerce.order.emails import public_root_url
from commerce.order.guest_links import order_token
from commerce.order.performance import PERFORMED_EXCEPTIONS
from commerce.recommendations.models import Placement
from commerce.recommendations.service import placement_shown, recommendations_for
from commerce.returns import wording
from commerce.returns.policy import window_days

EMAIL_RECOMMENDATIONS = 3


def absolute(path: str) -> str:
    return f"{public_root_url()}{path}"


def order_page_path(order) -> str:
    """The customer's own order page, or the signed guest link when there is no account."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse("order-guest-detail", kwargs={"token": order_token(order)})


def order_page_url(order) -> str:
    return absolute(order_page_path(order))


def model_form_url() -> str:
    return absolute(reverse("withdrawal-model-form"))


def returns_policy_url() -> str:
    return absolute(reverse("returns-policy"))


def exception_note(exception: WithdrawalException, shop) -> str:
    """What the exception means for the customer, after its legal label (W13)."""
    return f"{exception.label}. {wording.exception_text(exception, window_days(shop))}"


def exception_notes(lines, shop) -> list[dict]:
    """W13: per line whose product class excludes or limits withdrawal, what applies; for a
    service or digital content, whether the customer asked to start at once."""
    notes = []
    for line in lines:
        product = line.product
        letter = product.get_product_class().withdrawal_exception if product else ""
        if not letter:
            continue
        exception = WithdrawalException(letter)
        if exception in PERFORMED_EXCEPTIONS:
            consent = wording.consent_given(letter, bool(line.performance_consent_at), window_days(shop))
            text = f"{exception.label}. {consent}"
        else:
            text = exception_note(exception, shop)
        notes.append({"title": line.title, "text": text})
    return notes


def withdrawal_policy(shop, lines) -> list[str]:
    """The policy paragraphs, in the active language, for this order and shop."""
    paragraphs = [wording.window(shop), wording.window_start()]
    if any(line.product and not line.product.is_shipping_required for line in lines):
        paragraphs.append(wording.service_window_start())
    paragraphs += [
        wording.notice_in_time(),
        wording.how_to_withdraw(shop),
        wording.refund(),
        wording.delivery_cost_back(),
        *wording.return_shipping(shop),
    ]
    return paragraphs


def context(order, shop) -> dict:
    lines = list(order.lines.select_related("product__product_class", "product__parent__product_class"))
    return {
        "shop": shop,
        "lines": lines,
        "vat_by_rate": summary.vat_by_rate(order),
        "withdrawal_policy": withdrawal_policy(shop, lines),
        "withdrawal_exceptions": exception_notes(lines, shop),
        "model_form_url": model_form_url(),
        "returns_policy_url": returns_policy_url(),
        "order_url": order_page_url(order),
        "recommendations": recommendations(order),
    }


def recommendations(order) -> list[dict]:
    """At most three products that go with this order, linked with the e-mail's placement."""
    if not placement_shown(Placement.EMAIL):
        return []
    products = recommendations_for(order, Placement.EMAIL, limit=EMAIL_RECOMMENDATIONS)
    return [
        {"title": product.get_title(), "url": absolute(product.recommendation_url)} for product in products
    ]
