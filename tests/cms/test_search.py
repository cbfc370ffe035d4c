"""The site search (issue 3, item 7): one box finding products and columns by their own words.

The header's search form points at /zoeken/; results link to the pages' canonical URLs (a
product's page, never Oscar's detail URL); the results page is noindex and paginates.
"""

import re

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from cms.models import Author, ColumnAuthor, ColumnIndexPage, ColumnPage, ProductIndexPage, ProductPage
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def result_links(response):
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<li class="site-search-result">\s*<a href="([^"]+)"', html)


@pytest.fixture
def product_pages(home):
    index = home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))
    speaker = ProductFactory(title="Luidspreker Aria", upc="8712345678906")
    kettle = ProductFactory(title="Waterkoker Stoom")
    return {
        "speaker": index.add_child(
            instance=ProductPage(
                title="Luidspreker Aria",
                slug="luidspreker-aria",
                product=speaker,
                intro="Klinkt als een concertzaal.",
                description="<p>Een kast van gerookt eikenhout met een warme bas.</p>",
            )
        ),
        "kettle": index.add_child(
            instance=ProductPage(
                title="Onze waterkoker",
                slug="waterkoker",
                product=kettle,
                description="<p>Kookt een liter in drie minuten.</p>",
            )
        ),
    }


def make_column(home):
    index = home.add_child(instance=ColumnIndexPage(title="Columns", slug="columns"))
    return index.add_child(
        instance=ColumnPage(
            title="Waarom eikenhout beter klinkt",
            slug="eikenhout",
            intro="Over hout, bas en geduld.",
            body=[("paragraph", RichText("<p>Een verhaal over klankkasten en zaagsel.</p>"))],
            column_authors=[ColumnAuthor(author=Author.objects.create(name="Gast", is_guest=True))],
        )
    )


def test_header_search_box_points_at_the_site_search(client, home):
    html = client.get("/").content.decode()
    assert f'action="{reverse("site_search")}"' in html
    assert reverse("site_search") == "/zoeken/"


def test_finds_a_product_by_a_word_of_its_own_text_and_links_to_its_page(client, product_pages):
    links = result_links(client.get("/zoeken/", {"q": "eikenhout"}))
    assert links == [product_pages["speaker"].url]
    assert product_pages["speaker"].url.startswith("/producten/")


def test_finds_a_product_by_the_oscar_title_and_upc(client, product_pages):
    assert result_links(client.get("/zoeken/", {"q": "Stoom"})) == [product_pages["kettle"].url]
    assert result_links(client.get("/zoeken/", {"q": "8712345678906"})) == [product_pages["speaker"].url]


def test_finds_a_column_and_the_product_it_shares_a_word_with(client, home, product_pages):
    column = make_column(home)
    links = result_links(client.get("/zoeken/", {"q": "klankkasten"}))
    assert links == [column.url]
    assert set(result_links(client.get("/zoeken/", {"q": "eikenhout"}))) == {
        column.url,
        product_pages["speaker"].url,
    }


def test_results_page_is_noindex_and_paginates(client, home):
    index = home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))
    for n in range(12):
        index.add_child(
            instance=ProductPage(
                title=f"Theedoek {n}",
                slug=f"theedoek-{n}",
                product=ProductFactory(title=f"Theedoek {n}"),
                intro="Van linnen.",
            )
        )
    first = client.get("/zoeken/", {"q": "linnen"})
    html = first.content.decode()
    assert '<meta name="robots" content="noindex' in html
    assert len(result_links(first)) == 10
    assert len(result_links(client.get("/zoeken/", {"q": "linnen", "page": 2}))) == 2
    assert result_links(client.get("/zoeken/", {"q": "zzzonbekend"})) == []
