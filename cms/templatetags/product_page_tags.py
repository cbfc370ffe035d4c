"""Template tags of the product pages and of product thumbnails elsewhere (basket, checkout)."""

from django import template

from cms.product_pages import MAIN_SPEC, attach_pages, index_entries, main_image_of

register = template.Library()


def product_of(item):
    """A product, or the product of a basket/order line or of a line's form."""
    item = getattr(item, "instance", item)
    return getattr(item, "product", item)


@register.simple_tag
def with_product_pages(items):
    """``items`` (products, lines or line forms) as a list whose products have their pages loaded.

    {% with_product_pages order.lines.all as lines %}: then every line's product link and
    thumbnail cost no queries (two or three for the whole list, whatever its length).
    """
    items = list(items)
    attach_pages([product_of(item) for item in items])
    return items


@register.simple_tag
def product_thumbnail(product):
    """The product page's main image as a thumbnail (url, width, height), or None."""
    return main_image_of(product)


@register.simple_tag
def product_card_picture(product):
    """A product card's image: the product page's main image (url, width, height), or None.

    The lists of cards load the pages' galleries up front (the home page through
    ``with_product_pages``, Oscar's listings in their search backend).
    """
    return main_image_of(product, MAIN_SPEC)


@register.simple_tag
def product_index_entries(index_page):
    """The live product pages of the index with product, stock and thumbnail (constant queries)."""
    return index_entries(index_page)
