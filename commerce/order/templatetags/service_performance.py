"""Dashboard order page: the lines of services (W13 a) and digital content (m)."""

from django import template

from commerce.order.performance import is_performable

register = template.Library()


@register.simple_tag
def performable_lines(order) -> list:
    lines = order.lines.select_related("product__product_class", "product__parent__product_class")
    return [line for line in lines if is_performable(line)]
