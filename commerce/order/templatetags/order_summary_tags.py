"""Order page data for templates rendered by Oscar's own views as well as ours."""

from django import template

from commerce.order import confirmation, summary

register = template.Library()


@register.simple_tag
def order_vat_by_rate(order):
    return summary.vat_by_rate(order)


@register.simple_tag
def order_shipments(order):
    return summary.shipments(order)


@register.simple_tag
def order_page_path(order):
    return confirmation.order_page_path(order)
