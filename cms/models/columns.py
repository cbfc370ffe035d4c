"""Weekly columns (domain.md S7): staff and guest writers, tags, feeds and products mentioned.

An `Author` is a snippet so one writer profile (bio, photo, link) serves every column; a
column names one or more authors through the `ColumnAuthor` orderable. The ProductPages a
column's product blocks point at are stored in `ColumnProductMention` whenever the column is
saved, so "products mentioned" and the product page's "read also in our columns" are each a
single query, and follow the live version: drafts do not count until they are published.
"""

from datetime import datetime, time

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailseo.models import SeoMixin, SeoType

from cms.models.products import ProductPage
from home.clock import amsterdam_today

COLUMNS_PER_PAGE = 10
RELATED_COLUMNS = 3


# django-stubs cannot follow modelcluster's ParentalKey to the reverse manager "column_links".
class Author(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A column writer: one of the shop's own people or a guest (`is_guest`)."""

    name = models.CharField(_("naam"), max_length=120)
    bio = models.TextField(_("over de auteur"), blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("link"), blank=True, help_text=_("Eigen website of profiel van de auteur."))
    is_guest = models.BooleanField(_("gastauteur"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("is_guest"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("link_url"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")
        ordering = ["name"]

    def __str__(self):
        return _("%(name)s (gast)") % {"name": self.name} if self.is_guest else self.name


class ColumnIndexPage(SeoMixin, Page):
    """The list of columns ("/columns/"), newest first, ten a page, filterable by tag."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = SeoMixin.seo_panels
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cms.ColumnPage"]
    max_count = 1

    class Meta:
        verbose_name = _("columnoverzicht")

    def columns(self):
        """The live columns below this index, newest first, authors prefetched."""
        return ColumnPage.listing(ColumnPage.objects.live().descendant_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        columns = self.columns()
        tag = None
        slug = request.GET.get("tag", "").strip()
        if slug:
            tag = Tag.objects.filter(slug=slug).first()
            columns = columns.filter(tags__slug=slug) if tag else columns.none()
        paginator = Paginator(columns, COLUMNS_PER_PAGE)
        try:
            page_of_columns = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            page_of_columns = paginator.page(1)
        except EmptyPage:
            page_of_columns = paginator.page(paginator.num_pages)
        context.update(
            columns=page_of_columns,
            tag=tag,
            tag_slug=slug,
            tags=Tag.objects.filter(cms_columnpagetag_items__content_object__in=self.columns())
            .distinct()
            .order_by("name"),
        )
        return context


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=255)
    credit = blocks.CharBlock(
        label=_("Bron"),
        required=False,
        max_length=255,
        help_text=_("Leeg laten: de bronvermelding van de afbeelding zelf."),
    )

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/column_image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Van"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citaat")


class ProductBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Productpagina"), page_type="cms.ProductPage")
    note = blocks.CharBlock(
        label=_("Waarom dit product"), required=False, max_length=255, help_text=_("Optioneel, één zin.")
    )

    class Meta:
        icon = "tag"
        label = _("Product")


class ColumnPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.ColumnPage", on_delete=models.CASCADE, related_name="tagged_items")


class ColumnPage(SeoMixin, Page):
    """One weekly column by one or more authors (staff or guest), with tags and products mentioned."""

    publication_date = models.DateField(
        _("publicatiedatum"),
        default=amsterdam_today,
        help_text=_("Bepaalt de volgorde in het overzicht en de feeds. Inplannen doe je met 'Planning'."),
    )
    intro = models.TextField(
        _("inleiding"), help_text=_("Twee of drie zinnen; ook de samenvatting in de feed.")
    )
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("Tekst"))),
            ("image", ImageBlock()),
            ("quote", QuoteBlock()),
            ("embed", EmbedBlock(label=_("Video of embed"))),
            ("product", ProductBlock()),
        ],
        verbose_name=_("tekst"),
    )
    tags = ClusterTaggableManager(through=ColumnPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("tags")],
            heading=_("Publicatie"),
        ),
        InlinePanel("column_authors", label=_("Auteur"), min_num=1),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = SeoMixin.seo_panels
    # Page.settings_panels holds the PublishingPanel (go_live_at / expire_at): scheduling stays.
    settings_panels = Page.settings_panels
    parent_page_types = ["cms.ColumnIndexPage"]
    subpage_types: list[str] = []

    seo_content_type = SeoType.ARTICLE
    seo_description_sources = ["search_description", "intro"]
    seo_image_sources = ["og_image", "first_image"]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    # -- queries ------------------------------------------------------------------------

    @staticmethod
    def listing(queryset):
        """Newest first with the authors prefetched: what every list of columns needs."""
        return queryset.order_by("-publication_date", "-first_published_at", "-pk").prefetch_related(
            Prefetch("column_authors", queryset=ColumnAuthor.objects.select_related("author"))
        )

    def authors(self):
        """The column's authors in the editor's order (guests included)."""
        if getattr(self, "_authors", None) is None:
            cache = getattr(self, "_prefetched_objects_cache", {})
            if "column_authors" in cache:
                links = cache["column_authors"]
            else:
                links = self.column_authors.select_related("author", "author__photo").prefetch_related(
                    "author__photo__renditions"
                )
            self._authors = [link.author for link in links]
        return self._authors

    def author_names(self):
        return [author.name for author in self.authors()]

    def related_columns(self, limit=RELATED_COLUMNS, tags=None):
        """Live columns sharing a tag with this one, most recent first, never itself."""
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags)]
        if not tag_ids:
            return []
        return list(
            ColumnPage.objects.live()
            .filter(tags__in=tag_ids)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-publication_date", "-first_published_at", "-pk")[:limit]
        )

    def product_page_ids(self):
        """ProductPage ids the body's product blocks point at, in order, without repeats."""
        ids = []
        for block in self.body.raw_data:
            if block["type"] == "product":
                page_id = (block.get("value") or {}).get("page")
                if page_id and page_id not in ids:
                    ids.append(page_id)
        return ids

    def products_mentioned(self):
        """The live ProductPages mentioned in the body, in the order they appear."""
        ids = self.product_page_ids()
        if not ids:
            return []
        pages = ProductPage.objects.live().filter(pk__in=ids).select_related("product").in_bulk()
        return [pages[page_id] for page_id in ids if page_id in pages]

    @property
    def first_image(self):
        for block in self.body:
            if block.block_type == "image":
                return block.value["image"]
        return None

    # -- SEO and feeds -------------------------------------------------------------------

    @property
    def seo_author(self) -> str:
        """The real writers' names, guests included (wagtail-seo's default is the page owner)."""
        return ", ".join(self.author_names())

    @property
    def seo_published_at(self):
        return self.published_at

    @property
    def published_at(self):
        """The publication date as an aware datetime; the first publish time when it fell that day."""
        first = self.first_published_at
        if first and timezone.localtime(first).date() == self.publication_date:
            return first
        return timezone.make_aware(datetime.combine(self.publication_date, time(9, 0)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tags = list(self.tags.all())
        context.update(
            index_page=self.get_parent(),
            authors=self.authors(),
            column_tags=tags,
            related_columns=self.related_columns(tags=tags),
            products_mentioned=self.products_mentioned(),
        )
        return context

    def save(self, *args, **kwargs):
        # The mentions follow the body whenever the page row itself is written (create, publish),
        # so the rows always match the live body; a draft (save_revision writes only a few
        # columns of the page row) changes nothing until it is published.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            # Rows still mentioned are kept, not deleted and re-inserted: Wagtail queues a
            # reference-index task per saved row, which fails for a row deleted meanwhile.
            wanted = self.product_page_ids()
            kept = {
                mention.product_page_id: mention
                for mention in self.product_mentions.all()
                if mention.product_page_id in wanted
            }
            self.product_mentions = [
                kept.get(pk) or ColumnProductMention(product_page_id=pk) for pk in wanted
            ]
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "product_mentions"]
        return super().save(*args, **kwargs)


class ColumnAuthor(Orderable):
    """One author of one column; several per column, in the editor's order."""

    page = ParentalKey(ColumnPage, on_delete=models.CASCADE, related_name="column_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="column_links"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur van de column")
        verbose_name_plural = _("auteurs van de column")


class ColumnProductMention(models.Model):
    """A ProductPage one of the column's product blocks points at (kept in step by ColumnPage.save)."""

    column = ParentalKey(ColumnPage, on_delete=models.CASCADE, related_name="product_mentions")
    product_page = models.ForeignKey(
        "cms.ProductPage", on_delete=models.CASCADE, related_name="column_mentions"
    )

    class Meta:
        verbose_name = _("genoemd product")
        verbose_name_plural = _("genoemde producten")
        constraints = [
            models.UniqueConstraint(fields=["column", "product_page"], name="column_mentions_product_once")
        ]

    def __str__(self):
        return f"{self.column_id} → {self.product_page_id}"


__all__ = [
    "Author",
    "ColumnAuthor",
    "ColumnIndexPage",
    "ColumnPage",
    "ColumnPageTag",
    "ColumnProductMention",
]
