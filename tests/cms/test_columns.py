"""Columns (domain.md S7): index with pagination and tag filter, related columns, products
mentioned both ways, RSS/Atom feeds read by feedparser, scheduled columns kept out of sight,
and a column page that costs the same number of queries whatever its size."""

import re
from datetime import date, timedelta

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from cms.columns import columns_mentioning
from cms.models import (
    Author,
    ColumnAuthor,
    ColumnIndexPage,
    ColumnPage,
    ColumnProductMention,
    LicenceType,
    LicensedImage,
    ProductIndexPage,
    ProductPage,
)
from cms.models.columns import COLUMNS_PER_PAGE
from home.staff_groups import EDITORS
from tests.factories import ProductFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

TODAY = date(2026, 11, 20)


@pytest.fixture
def index(home):
    return home.add_child(
        instance=ColumnIndexPage(title="Columns", slug="columns", intro="<p>Elke week een column.</p>")
    )


@pytest.fixture
def product_index(home):
    return home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))


_counter = iter(range(1, 10_000))


def licensed_image(title="Portret"):
    return LicensedImage.objects.create(
        title=title, file=get_test_image_file(), licence_type=LicenceType.OWN_WORK, credit_line="Winkelier"
    )


def make_author(name, guest=False, photo=False):
    return Author.objects.create(
        name=name,
        is_guest=guest,
        bio=f"{name} schrijft over de winkel.",
        photo=licensed_image(f"Portret {name}") if photo else None,
    )


def make_product_page(product_index, title=None):
    n = next(_counter)
    title = title or f"Powerbank {n}"
    return product_index.add_child(
        instance=ProductPage(title=title, slug=f"product-{n}", product=ProductFactory(title=title))
    )


def make_column(
    index,
    title,
    *,
    authors,
    day=TODAY,
    tags=(),
    products=(),
    go_live_at=None,
):
    """A column created and published the way the admin does it (a revision, then publish)."""
    n = next(_counter)
    body = [{"type": "paragraph", "value": f"<p>Tekst van {title}.</p>"}]
    body += [{"type": "product", "value": {"page": page.pk, "note": ""}} for page in products]
    column = ColumnPage(
        title=title,
        slug=f"column-{n}",
        intro=f"Samenvatting van {title}.",
        publication_date=day,
        body=body,
        live=False,
        go_live_at=go_live_at,
        column_authors=[ColumnAuthor(author=author) for author in authors],
    )
    column.tags.add(*tags)
    index.add_child(instance=column)
    column.save_revision().publish()
    column.refresh_from_db()
    return column


def titles_in(response):
    teaser = r'<li class="column-teaser">\s*<article>\s*<h2><a href="[^"]+">([^<]+)</a>'
    return re.findall(teaser, html(response))


def html(response):
    return response.content.decode()


# -- index --------------------------------------------------------------------------------------


@pytest.mark.rule("S7")
def test_index_lists_live_columns_newest_first_in_pages_of_ten(client, index):
    writer = make_author("Anouk Willems")
    for week in range(COLUMNS_PER_PAGE + 2):
        make_column(index, f"Week {week:02d}", authors=[writer], day=TODAY - timedelta(weeks=week))

    first = client.get(index.url)
    second = client.get(index.url, {"page": 2})

    assert first.status_code == 200
    assert titles_in(first) == [f"Week {week:02d}" for week in range(COLUMNS_PER_PAGE)]
    assert titles_in(second) == ["Week 10", "Week 11"]
    assert 'rel="next"' in html(first)
    assert "Pagina 1 van 2" in html(first)
    # A page number past the end shows the last page instead of an error.
    assert titles_in(client.get(index.url, {"page": 99})) == ["Week 10", "Week 11"]


@pytest.mark.rule("S7")
def test_index_filters_by_tag_and_links_the_tags(client, index):
    writer = make_author("Anouk Willems")
    make_column(index, "Retour zonder vragen", authors=[writer], tags=["retouren"])
    make_column(index, "Back-ups voor de upgrade", authors=[writer], tags=["software", "tips"])
    make_column(index, "Kiezen van een powerbank", authors=[writer], tags=["tips"], day=TODAY - timedelta(1))

    response = client.get(index.url, {"tag": "tips"})

    assert titles_in(response) == ["Back-ups voor de upgrade", "Kiezen van een powerbank"]
    assert "?tag=retouren" in html(response)  # every used tag is a filter link
    assert titles_in(client.get(index.url, {"tag": "bestaat-niet"})) == []
    assert "geen columns met dit onderwerp" in html(client.get(index.url, {"tag": "bestaat-niet"}))


@pytest.mark.rule("S7")
def test_scheduled_column_is_absent_from_index_and_feeds_until_it_goes_live(client, index):
    writer = make_author("Anouk Willems")
    make_column(index, "Al verschenen", authors=[writer])
    later = make_column(
        index, "Komt volgende week", authors=[writer], go_live_at=timezone.now() + timedelta(days=7)
    )

    assert not later.live
    assert later.go_live_at > timezone.now()
    assert titles_in(client.get(index.url)) == ["Al verschenen"]
    for url in ("/columns/feed/rss/", "/columns/feed/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert [entry.title for entry in feed.entries] == ["Al verschenen"]
    assert client.get(later.url or f"{index.url}{later.slug}/").status_code == 404


# -- column page --------------------------------------------------------------------------------


@pytest.mark.rule("S7")
def test_column_page_shows_authors_guest_included_and_the_seo_author(client, index):
    staff = make_author("Anouk Willems", photo=True)
    guest = make_author("Joris Bakker", guest=True)
    column = make_column(index, "Samen geschreven", authors=[staff, guest])

    response = client.get(column.url)

    assert response.status_code == 200
    page_html = html(response)
    assert "Anouk Willems" in page_html
    assert "Joris Bakker" in page_html
    assert "gastauteur" in page_html
    assert column.seo_author == "Anouk Willems, Joris Bakker"
    assert column.seo_content_type.value == "article"
    assert 'type="application/rss+xml"' in page_html
    assert "/columns/feed/rss/" in page_html
    assert 'type="application/atom+xml"' in page_html


@pytest.mark.rule("S6")
def test_image_block_credit_defaults_to_the_images_credit_line(client, index):
    image = licensed_image("Magazijn")
    column = make_column(index, "Met foto", authors=[make_author("Anouk Willems")])
    column.body = [
        {"type": "image", "value": {"image": image.pk, "caption": "Ons magazijn", "credit": ""}},
        {"type": "image", "value": {"image": image.pk, "caption": "", "credit": "Foto: Sanne"}},
    ]
    column.save_revision().publish()

    page_html = html(client.get(column.url))

    assert 'Ons magazijn · <span class="credit">Winkelier</span>' in page_html
    assert '<span class="credit">Foto: Sanne</span>' in page_html


@pytest.mark.rule("S7")
def test_related_columns_share_a_tag_most_recent_first_never_itself(index):
    writer = make_author("Anouk Willems")
    column = make_column(index, "Powerbank kiezen", authors=[writer], tags=["energie", "tips"])
    old = make_column(index, "Oud", authors=[writer], tags=["tips"], day=TODAY - timedelta(weeks=3))
    new = make_column(index, "Nieuw", authors=[writer], tags=["energie"], day=TODAY - timedelta(weeks=1))
    make_column(index, "Ander onderwerp", authors=[writer], tags=["retouren"])
    unpublished = make_column(index, "Teruggetrokken", authors=[writer], tags=["tips"])
    unpublished.unpublish()

    assert [c.title for c in column.related_columns()] == [new.title, old.title]


@pytest.mark.rule("S7")
def test_products_mentioned_both_ways_and_follow_edits_and_unpublishing(client, index, product_index):
    writer = make_author("Anouk Willems")
    powerbank = make_product_page(product_index, "Powerbank 10.000 mAh")
    cable = make_product_page(product_index, "USB-C-kabel")
    column = make_column(index, "Powerbank kiezen", authors=[writer], products=[powerbank, cable, powerbank])

    # Column → products: listed once each at the end, in order of appearance.
    assert [p.title for p in column.products_mentioned()] == ["Powerbank 10.000 mAh", "USB-C-kabel"]
    page_html = html(client.get(column.url))
    tail = page_html.split("Genoemd in deze column", 1)[1]
    assert tail.index("Powerbank 10.000 mAh") < tail.index("USB-C-kabel")

    # Product → columns.
    assert columns_mentioning(powerbank) == [column]
    rendered = render_to_string("cms/includes/product_columns.html", {"page": powerbank})
    assert "Lees ook in onze columns" in rendered
    assert column.title in rendered

    # A draft that drops the cable changes nothing until it is published.
    column.body = [block for block in column.body.raw_data if block["type"] == "paragraph"] + [
        {"type": "product", "value": {"page": powerbank.pk, "note": "Onze favoriet"}}
    ]
    kept_row = ColumnProductMention.objects.get(product_page=powerbank).pk
    revision = column.save_revision()
    assert columns_mentioning(cable) == [column]
    revision.publish()
    assert columns_mentioning(cable) == []
    assert set(ColumnProductMention.objects.values_list("product_page_id", flat=True)) == {powerbank.pk}
    # The row still mentioned is kept, not deleted and re-inserted (Wagtail's queued
    # reference-index task for it would fail on the deleted row).
    assert ColumnProductMention.objects.get(product_page=powerbank).pk == kept_row

    # Unpublished columns are no longer listed on the product page.
    column.refresh_from_db()
    column.unpublish()
    assert columns_mentioning(powerbank) == []
    assert render_to_string("cms/includes/product_columns.html", {"page": powerbank}).strip() == ""


@pytest.mark.rule("S7")
def test_go_live_scheduling_is_in_the_column_editor(admin_client, index):
    column = make_column(index, "Ingepland", authors=[make_author("Anouk Willems")])

    response = admin_client.get(f"/admin/pages/{column.pk}/edit/")

    assert response.status_code == 200
    assert 'name="go_live_at"' in html(response)
    assert 'name="publication_date"' in html(response)
    assert 'name="column_authors-TOTAL_FORMS"' in html(response)


# -- feeds --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/columns/feed/rss/", "/columns/feed/atom/"])
@pytest.mark.rule("S7")
def test_feeds_carry_the_live_columns_with_authors_dates_links_and_summaries(client, index, url):
    staff = make_author("Anouk Willems")
    guest = make_author("Joris Bakker", guest=True)
    make_column(index, "Eigen productteksten", authors=[staff], day=TODAY - timedelta(weeks=1), tags=["seo"])
    guest_column = make_column(index, "Een gast over retouren", authors=[guest], day=TODAY)
    draft = make_column(index, "Nog een concept", authors=[staff])
    draft.unpublish()

    response = client.get(url)
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if "rss" in url else "atom10")
    assert [entry.title for entry in feed.entries] == ["Een gast over retouren", "Eigen productteksten"]
    first, second = feed.entries
    assert first.author == "Joris Bakker"
    assert second.author == "Anouk Willems"
    assert first.link == f"http://testserver{guest_column.url}"
    assert first.summary == "Samenvatting van Een gast over retouren."
    assert first.published_parsed[:3] == TODAY.timetuple()[:3]
    assert [tag.term for tag in second.tags] == ["seo"]
    assert feed.feed.link == f"http://testserver{index.url}"
    # The feed's own address (RSS atom:link rel=self, Atom's self link) is the shop's public one
    # (SITE_URL), not django.contrib.sites' example.com (issue 14).
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{url}"]


# -- query counts -------------------------------------------------------------------------------


# Measured: 21 (site, page route and specific, view restrictions, authors + their photo
# renditions, tags, related columns, products mentioned, the body's product pages, and the
# storefront's header/footer/SEO settings).
COLUMN_PAGE_MAX_QUERIES = 21


def column_of_size(index, product_index, n_authors, n_related, n_products, tag):
    authors = [make_author(f"Auteur {tag} {i}", guest=i == 0, photo=True) for i in range(n_authors)]
    products = [make_product_page(product_index) for _ in range(n_products)]
    for i in range(n_related):
        day = TODAY - timedelta(i + 1)
        day = TODAY - timedelta(i + 1)
        make_column(index, f"Verwant {tag} {i}", authors=authors[:1], tags=[tag], day=day)
    return make_column(index, f"Column {tag}", authors=authors, tags=[tag], products=products)


def queries_for(client, url):
    assert client.get(url).status_code == 200  # warm up: renditions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_column_page_query_count_does_not_grow_with_authors_related_columns_or_products(
    client, index, product_index, django_assert_max_num_queries
):
    small = column_of_size(index, product_index, n_authors=1, n_related=1, n_products=1, tag="klein")
    large = column_of_size(index, product_index, n_authors=4, n_related=6, n_products=5, tag="groot")

    small_count, _ = queries_for(client, small.url)
    large_count, large_response = queries_for(client, large.url)

    # Everything the large column has is on the page...
    page_html = html(large_response)
    assert page_html.count('class="column-author"') == 4
    assert page_html.count('class="column-product"') == 5
    assert "Verwant groot 0" in page_html
    # ...for the same number of queries as the small one.
    assert large_count == small_count, (small_count, large_count)
    for column in (small, large):
        with django_assert_max_num_queries(COLUMN_PAGE_MAX_QUERIES):
            client.get(column.url)


def test_product_columns_include_is_one_query_whatever_the_number_of_columns(
    index, product_index, django_assert_num_queries
):
    writer = make_author("Anouk Willems")
    one = make_product_page(product_index)
    many = make_product_page(product_index)
    make_column(index, "Eén vermelding", authors=[writer], products=[one, many])
    for i in range(4):
        make_column(index, f"Nog een {i}", authors=[writer], products=[many])
    # Page URLs need the site's root paths; in a request they are cached per request.
    Site.get_site_root_paths()

    with django_assert_num_queries(1):
        assert len(columns_mentioning(one)) == 1
    with django_assert_num_queries(1):
        assert len(columns_mentioning(many)) == 5


# -- admin --------------------------------------------------------------------------------------


@pytest.mark.rule("S7")
def test_editor_adds_a_guest_author_but_may_not_delete_authors(client):
    editor = UserFactory(email="redacteur@example.nl", groups=[EDITORS])
    client.force_login(editor)

    assert client.get("/admin/snippets/cms/author/").status_code == 200
    response = client.post(
        "/admin/snippets/cms/author/add/",
        {"name": "Gast Schrijver", "is_guest": "on", "bio": "Schrijft één keer.", "link_url": ""},
    )

    assert response.status_code == 302
    guest = Author.objects.get(name="Gast Schrijver")
    assert guest.is_guest
    assert str(guest) == "Gast Schrijver (gast)"
    assert client.get(f"/admin/snippets/cms/author/delete/{guest.pk}/").status_code in (302, 403)
    assert Author.objects.filter(pk=guest.pk).exists()
