"""RSS 2.0 and Atom feeds of the live columns (domain.md S7), with Django's syndication framework.

Each entry carries the title, link, summary (the column's intro), publication date, the
authors' names (guests included) and the tags as categories.
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext_lazy as _

from cms.models.columns import ColumnIndexPage, ColumnPage

FEED_ITEMS = 20


class ColumnsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    title = _("Winkelier — columns")
    description = _("Elke week een column van Winkelier en gastschrijvers.")
    language = "nl"

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: work on a copy that knows this request, so
        # page URLs come from the request's site (and its cached root paths).
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return ColumnIndexPage.objects.live().first()

    def absolute_url(self, page):
        return self.request.build_absolute_uri(page.get_url(self.request))

    def feed_url(self, index_page):
        # The feed's self link: the shop's public address (SITE_URL), as in e-mails; Django would
        # otherwise take django.contrib.sites' domain (example.com).
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.request.path

    def link(self, index_page):
        return self.absolute_url(index_page) if index_page else self.request.build_absolute_uri("/")

    def items(self, index_page):
        columns = ColumnPage.objects.live()
        if index_page is not None:
            columns = columns.descendant_of(index_page)
        return ColumnPage.listing(columns).prefetch_related("tags")[:FEED_ITEMS]

    def item_title(self, column):
        return column.title

    def item_description(self, column):
        return column.intro or column.search_description

    def item_link(self, column):
        return self.absolute_url(column)

    def item_pubdate(self, column):
        return column.published_at

    def item_updateddate(self, column):
        return column.last_published_at or column.published_at

    def item_author_name(self, column):
        return ", ".join(column.author_names())

    def item_categories(self, column):
        return [tag.name for tag in column.tags.all()]


class ColumnsAtomFeed(ColumnsRssFeed):
    feed_type = Atom1Feed
    subtitle = ColumnsRssFeed.description
