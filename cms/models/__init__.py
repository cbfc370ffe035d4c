"""Wagtail content models, one module per kind of content."""

from cms.models.columns import Author, ColumnAuthor, ColumnIndexPage, ColumnPage, ColumnProductMention
from cms.models.content import ContentPage
from cms.models.images import ImageLicenceReminder, LicenceType, LicensedImage, LicensedRendition
from cms.models.products import ProductIndexPage, ProductPage, ProductPageImage

__all__ = [
    "Author",
    "ColumnAuthor",
    "ColumnIndexPage",
    "ColumnPage",
    "ColumnProductMention",
    "ContentPage",
    "ImageLicenceReminder",
    "LicenceType",
    "LicensedImage",
    "LicensedRendition",
    "ProductIndexPage",
    "ProductPage",
    "ProductPageImage",
]
