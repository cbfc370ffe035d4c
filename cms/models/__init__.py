"""Wagtail content models, one module per kind of content."""

from cms.models.content import ContentPage
from cms.models.images import LicenceType, LicensedImage, LicensedRendition
from cms.models.products import ProductIndexPage, ProductPage, ProductPageImage

__all__ = [
    "ContentPage",
    "LicenceType",
    "LicensedImage",
    "LicensedRendition",
    "ProductIndexPage",
    "ProductPage",
    "ProductPageImage",
]
