"""URLs of the cms app that are not Wagtail pages: the column feeds.

Included from config/urls.py before Wagtail's catch-all.
"""

from django.urls import path

from cms.feeds import ColumnsAtomFeed, ColumnsRssFeed

urlpatterns = [
    path("columns/feed/rss/", ColumnsRssFeed(), name="columns_feed_rss"),
    path("columns/feed/atom/", ColumnsAtomFeed(), name="columns_feed_atom"),
]
