"""The shop's own product pages: content in Wagtail, the transaction data in Oscar.

A ProductPage owns the title, texts, specifications, media and SEO of one Oscar product
and is that product's only public URL (domain.md S2). Price, stock, VAT class, variants
and the supplier's text stay on the Oscar product.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailseo.models import SeoMixin

from cms.product_pages import product_page_context
from cms.uniqueness_panel import UniquenessPanel
from commerce.recommendations.editor_panel import RecommendationsPanel


class ProductIndexPage(SeoMixin, Page):
    """The parent of every product page ("/producten/")."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = SeoMixin.seo_panels
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cms.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("productoverzicht")


class SpecificationBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Eigenschap"), max_length=80)
    value = blocks.CharBlock(label=_("Waarde"), max_length=255)

    class Meta:
        icon = "list-ul"
        label = _("Specificatie")


class UsageTipBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tip"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Gebruikstip")


class ProductPage(SeoMixin, Page):
    """One Oscar product, presented in the shop's own words."""

    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="page",
        # Variants are sold through their parent's page.
        limit_choices_to={"parent__isnull": True},
    )
    intro = models.TextField(
        _("korte introductie"), blank=True, help_text=_("Eén of twee zinnen boven de koopknop.")
    )
    description = RichTextField(
        _("onze beschrijving"),
        blank=True,
        help_text=_("In eigen woorden: Google beloont unieke tekst, niet de tekst van de leverancier."),
    )
    specifications = StreamField(
        [("specification", SpecificationBlock())], blank=True, verbose_name=_("specificaties")
    )
    experience = StreamField(
        [("video", EmbedBlock(label=_("Video"))), ("usage_tip", UsageTipBlock())],
        blank=True,
        verbose_name=_("beleving"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("product"),
        FieldPanel("intro"),
        FieldPanel("description"),
        UniquenessPanel(heading=_("Uniciteit")),
        FieldPanel("specifications"),
        InlinePanel("gallery_images", label=_("Galerij")),
        FieldPanel("experience"),
        RecommendationsPanel(heading=_("Aanbevelingen")),
        InlinePanel(
            "recommendation_exclusions",
            label=_("Niet aanbevelen naast dit product"),
            help_text=_(
                "Deze producten worden nooit naast dit product aanbevolen, ook niet als ze handmatig "
                "gekozen zijn. Geldt zodra je de pagina publiceert."
            ),
        ),
    ]
    promote_panels = SeoMixin.seo_panels
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("description"),
        index.RelatedFields("product", [index.SearchField("title"), index.SearchField("upc")]),
    ]
    parent_page_types = ["cms.ProductIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("productpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["product_page_data"] = product_page_context(self, request)
        return context


class ProductPageImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("afbeelding"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("onderschrift"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
