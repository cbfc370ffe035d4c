"""The returns on Oscar's dashboard home (what needs doing today, W14) and on its order page."""

from django import template

from commerce.returns import cancelling, queues
from commerce.returns.dashboard.access import returns_for
from home.clock import amsterdam_today

register = template.Library()


@register.simple_tag(takes_context=True)
def return_counts(context) -> dict[str, int]:
    """{"today": refunds due today by the shop's goal, "escalated": escalated returns}."""
    return queues.counts(returns_for(context["request"].user), amsterdam_today())


@register.simple_tag
def order_returns(order) -> dict:
    return {"returns": order.returns.all(), "may_cancel": cancelling.may_cancel(order)}
