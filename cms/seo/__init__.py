"""Search-engine metadata (domain.md S1–S4), one module per job.

The one meta include (templates/includes/seo/meta.html, through
``cms.templatetags.seo_tags``) prints what these modules compute:

- ``text``: titles (≤ 60 characters) and meta descriptions (50–160) fitted from a page's text.
- ``site_urls``: the site's root URL, absolute URLs and the canonical URL of a request.
- ``noindex``: which pages are never indexed (robots meta, left out of the sitemap).
- ``site_settings``: wagtail-seo's site settings read without writes, and a page's share image.
- ``json_ld``: the JSON-LD building blocks: the ``<script>`` block, ImageObject, BreadcrumbList.
- ``shop_json_ld``: the shop as Organization (OnlineStore) and WebSite, on home.
- ``offers``: a product's sellable items (variants), SKU, GTIN-13, brand and price text, shared
  by the Product JSON-LD and the product feed (cms/feeds_products.py).
- ``return_policy``: the shop's return policy as MerchantReturnPolicy.
- ``product_json_ld``: Product with offers and ratings, on product pages (S3).
- ``article_json_ld``: Article with the real (guest) authors, on columns (S3).
- ``page_json_ld``: which JSON-LD blocks a Wagtail page carries (with its breadcrumbs).
- ``oscar_breadcrumbs``: the BreadcrumbList of Oscar's views (categories, basket).
- ``sitemap``: /sitemap.xml and /robots.txt (S4).
- ``report``: the admin report of titles and descriptions to fix (S1).
"""
