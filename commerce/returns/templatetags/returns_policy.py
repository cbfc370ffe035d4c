"""The W13 notice on the product page, in the words of the returns policy (wording.py)."""

from django import template

from commerce.returns import wording
from commerce.returns.policy import window_days
from home.models import ShopSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def withdrawal_exception_text(context, letter: str) -> str:
    return wording.exception_text(letter, window_days(ShopSettings.for_request(context["request"])))
