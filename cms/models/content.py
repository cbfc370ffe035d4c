"""Plain information pages: about us, customer service, delivery and returns."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtailseo.models import SeoMixin


class ContentPage(SeoMixin, Page):
    """A plain information page: about us, customer service, delivery and returns."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("Kop"))),
            ("paragraph", blocks.RichTextBlock(label=_("Tekst"))),
            ("image", ImageChooserBlock(label=_("Afbeelding"))),
        ],
        blank=True,
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    promote_panels = SeoMixin.seo_panels
    parent_page_types = ["home.HomePage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("informatiepagina")
