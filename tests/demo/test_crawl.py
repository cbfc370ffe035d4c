"""Crawl the demo shop: every page, product and category answers without a server error.

The demo shop is the one `demo_shop` of tests/demo/conftest.py, loaded once for the package
inside a transaction that is rolled back afterwards, so other test packages still start from
an empty catalogue.
"""

import re

import pytest
from oscar.core.loading import get_model
from wagtail.models import Page

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def on_the_base_layout(response):
    page = response.content.decode()
    return (
        page.count('<header class="site-header">') == 1
        and page.count('<footer class="site-footer">') == 1
        and 'class="skip-link"' in page
    )


def crawl(client, urls):
    """Request every URL; return {url: problem} for those that are not a 200 on the base layout."""
    problems = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            problems[url] = response.status_code
        elif not on_the_base_layout(response):
            problems[url] = "not on the storefront base layout"
    return problems


def test_every_live_page_in_the_page_tree_answers_200(client, demo_shop):
    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]

    assert len(urls) >= 4, "the demo shop should publish a home page and information pages"
    assert "/" in urls
    assert crawl(client, urls) == {}


def test_every_public_product_answers_200(client, demo_shop):
    products = Product.objects.filter(is_public=True).exclude(structure=Product.CHILD)
    urls = [product.get_absolute_url() for product in products]

    assert len(urls) >= 40
    assert crawl(client, urls) == {}


def test_every_public_variant_answers_without_server_error(client, demo_shop):
    variants = Product.objects.filter(is_public=True, structure=Product.CHILD, parent__is_public=True)

    assert variants.exists(), "the demo shop should have a parent product with variants"
    for variant in variants:
        response = client.get(variant.get_absolute_url(), follow=True)
        assert response.status_code == 200, variant.get_absolute_url()
        assert on_the_base_layout(response)


def test_every_public_category_answers_200_and_lists_its_products(client, demo_shop):
    categories = Category.objects.filter(is_public=True, ancestors_are_public=True)
    assert categories.count() >= 6

    assert crawl(client, [category.get_absolute_url() for category in categories]) == {}
    empty = [
        category.name
        for category in categories
        if Product.objects.filter(is_public=True, categories__in=category.get_descendants_and_self()).exists()
        and 'class="product-card"' not in client.get(category.get_absolute_url()).content.decode()
    ]
    assert empty == [], "categories with products show no product cards"


def test_shop_pages_answer_without_server_errors(client, demo_shop):
    word = re.findall(r"\w{4,}", Product.objects.filter(is_public=True).first().title)[0]
    urls = ["/basket/", "/checkout/", "/accounts/login/", f"/search/?q={word}", "/catalogue/"]

    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert on_the_base_layout(response), url
    results = client.get("/search/", {"q": word}).content.decode()
    assert 'class="product-card"' in results, f"searching for {word!r} finds nothing"


def test_unknown_url_is_a_404_on_the_base_layout(client, demo_shop):
    for url in ["/bestaat-niet/", "/catalogue/bestaat-niet_999999/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert on_the_base_layout(response), url
        assert "Deze pagina bestaat niet (meer)" in response.content.decode()
