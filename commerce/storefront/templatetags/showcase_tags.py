"""The storefront's showcase for templates: the home page loads its products here, so the
home app's page model does not import commerce."""

from django import template

from commerce.storefront import showcase

register = template.Library()


@register.simple_tag(takes_context=True)
def featured_products(context, limit=8):
    """`{% featured_products as products %}`: the newest public products (see showcase)."""
    return showcase.featured_products(context.get("request"), limit=limit)
