"""SEO and discovery URLs: sitemap, robots.txt, the product feed and the site search."""

from django.urls import path

from cms.feeds_products import product_feed
from cms.search_views import search
from cms.seo.sitemap import robots_txt, sitemap

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("feeds/products.xml", product_feed, name="product_feed"),
    path("zoeken/", search, name="site_search"),
]
