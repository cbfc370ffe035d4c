"""The site search (issue 3, item 7): one box finding products and columns by their own words.

The header's search form points at /zoeken/; results link to the pages' canonical URLs (a
product's page, never Oscar's detail URL); the results page is noindex and paginates.
"""

import re

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from cms.models import Author, ColumnAuthor, ColumnIndexPage, ColumnPage, ProductIndexPage, ProductPage
from cms.search_terms import QUERY_MAX, searchable_words, visible_query
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


# -- hostile and unusual input (issue 9): never an error page ---------------------------------

HOSTILE_QUERIES = [
    '"',  # a lone double quote: an FTS5 syntax error before
    'eikenhout"',
    "eiken\x01hout",
    "eikenhout AND",
    "OR NOT eikenhout",
    "NEAR(eikenhout bas)",
    "eiken*",
    "-eikenhout",
    "title:eikenhout",
    "(eikenhout",
    "eikenhout)",
    "'; DROP TABLE wagtailcore_page; --",
    "\\",
    "%s %d %",
    "\u0301",  # a combining mark on its own
    "\x1b[31m\x07",
    "🙂",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_answers_any_query_with_results_or_nothing_found(client, product_pages, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert ("site-search-result" in html) or ("Niets gevonden" in html) or ("Typ een woord" in html)


@pytest.mark.parametrize(
    "query", ['"eikenhout', 'eikenhout"', "(eikenhout)", "eikenhout*", "-eikenhout", "\x1beikenhout\x07"]
)
def test_punctuation_and_control_characters_around_a_word_do_not_hide_it(client, product_pages, query):
    assert result_links(client.get("/zoeken/", {"q": query})) == [product_pages["speaker"].url]


def test_search_with_nul_is_a_bad_request_with_a_message(client, product_pages):
    """NUL (a 500 before: FTS5 stopped reading at it, PostgreSQL refuses it) never reaches the
    search: the site answers any address carrying it with 400 (commerce/storefront/middleware.py)."""
    response = client.get("/zoeken/", {"q": "eikenhout\x00"})
    assert response.status_code == 400
    assert "NUL-teken" in response.content.decode()


def test_search_of_only_punctuation_finds_nothing_and_says_what_counts(client, product_pages):
    html = client.get("/zoeken/", {"q": '"*:()'}).content.decode()
    assert "Niets gevonden" in html
    assert "Zoek op woorden of cijfers" in html


def test_search_of_1000_characters_is_refused_with_a_message_and_the_text_kept(client, product_pages):
    query = "eikenhout " * 100
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Gebruik hoogstens {QUERY_MAX} tekens" in html
    assert f'value="{query}"' in html  # the search box keeps what was typed
    # Exactly the maximum is still searched.
    assert client.get("/zoeken/", {"q": "eikenhout " + "x" * (QUERY_MAX - 10)}).status_code == 200


def test_search_message_in_english(client, product_pages):
    client.cookies["django_language"] = "en"
    html = client.get("/zoeken/", {"q": "x" * (QUERY_MAX + 1)}).content.decode()
    assert f"Use at most {QUERY_MAX} characters" in html


def test_header_search_box_takes_at_most_the_searched_length(client, home):
    assert f'name="q" value="" maxlength="{QUERY_MAX}"' in client.get("/").content.decode()


def test_search_query_string_that_is_not_utf8_is_answered(client, product_pages):
    assert client.get("/zoeken/", QUERY_STRING="q=%FF%FE%ED%A0%80&page=%FF").status_code == 200


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"', []),
        ("\x00", []),
        ("e-bike 4242*", ["e", "bike", "4242"]),
        ("NEAR(a b)", ["NEAR", "a", "b"]),
        ("cafe\u0301", ["café"]),  # decomposed accents are composed (NFKC)
        ("\u0301", []),
        ("日本語 テスト", ["日本語", "テスト"]),
    ],
)
def test_only_words_reach_the_search_backend(typed, words):
    assert searchable_words(typed) == words


def test_shown_query_loses_control_characters():
    assert visible_query(" eiken\x00hout\t\n bas\x1b ") == "eiken hout bas"
