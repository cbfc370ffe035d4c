"""Template access to the columns that mention a product: {% columns_mentioning page as columns %}."""

from django import template

from cms.columns import columns_mentioning as _columns_mentioning

register = template.Library()


@register.simple_tag
def columns_mentioning(product_page):
    return _columns_mentioning(product_page)
