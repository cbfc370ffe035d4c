"""An editor in Chromium writes a column with a guest author and a licensed image, and publishes it;
the column then shows in the index, the RSS feed, the sitemap, and its JSON-LD names the guest."""

import json
import re

import feedparser
import pytest
from playwright.sync_api import expect
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from cms.models import Author, ColumnIndexPage, ColumnPage, LicenceType, LicensedImage
from home.staff_groups import EDITORS, ensure_staff_groups
from tests.e2e.test_admin_access import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

TITLE = "Wat een gast leerde van veertien dagen bedenktijd"
GUEST = "Ilse Gastschrijver"


@pytest.fixture
def column_index(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Wagtail's autosave of a new page races the Publish click (a duplicate-slug 500 in 7.4),
    # and its "saved" indicator is too brief to wait for on a loaded machine: this test is
    # about the editor's own steps, so autosave is off (0 = disabled, Wagtail's own setting).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    index = home_page.add_child(instance=ColumnIndexPage(title="Columns", slug="columns"))
    index.save_revision().publish()
    # Transactional tests flush the tables: bring back the root collection, then the Editors'
    # page and collection permissions that hang on the root page and collection.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_staff_groups()
    return index


@pytest.fixture
def licensed_photo(column_index):
    return LicensedImage.objects.create(
        title="Retourpakket op de toonbank",
        file=get_test_image_file(filename="retour.png"),
        licence_type=LicenceType.OWN_WORK,
        creator="Winkelier",
        credit_line="© Winkelier",
    )


def choose_in_modal(page, name):
    """Pick `name` in the open chooser modal (snippet or image), searching first if needed."""
    modal = page.locator(".modal.fade.show, .modal[aria-hidden=false]").last
    expect(modal).to_be_visible()
    modal.locator("[data-chooser-modal-choice]", has_text=name).first.click()
    expect(modal).to_be_hidden()


def json_ld(page):
    blocks = []
    for text in page.locator('script[type="application/ld+json"]').all_text_contents():
        data = json.loads(text)
        blocks.extend(data.get("@graph", [data]) if isinstance(data, dict) else data)
    return blocks


@pytest.mark.rule("S7", "S3", "S4")
def test_editor_publishes_a_guest_column_with_a_licensed_image(
    live_server, column_index, licensed_photo, page
):
    UserFactory(email="redacteur@example.nl", groups=[EDITORS])
    log_in(page, live_server, "redacteur@example.nl")

    # 1. The guest author, as a snippet.
    page.goto(live_server.url + "/admin/snippets/cms/author/add/")
    page.fill("#id_name", GUEST)
    page.check("#id_is_guest")
    page.fill("#id_bio", "Ilse runt een kringloopwinkel en schrijft deze keer bij ons.")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/cms/author/$"))
    guest = Author.objects.get(name=GUEST)
    assert guest.is_guest

    # 2. The column, under the column index.
    page.goto(live_server.url + f"/admin/pages/add/cms/columnpage/{column_index.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_intro", "Een gastcolumn over terugsturen, en waarom dat vertrouwen geeft.")
    page.locator("#id_column_authors-0-author-chooser button[data-chooser-action-choose]").first.click()
    choose_in_modal(page, GUEST)
    expect(page.locator("#id_column_authors-0-author-chooser")).to_contain_text(GUEST)

    # An image block with the licensed image from the library.
    page.locator("#body-0-sf-wrapper, [data-contentpath=body]").locator(
        "button.c-sf-add-button"
    ).first.click()
    page.get_by_role("option", name=re.compile("^Afbeelding")).first.click()
    image_chooser = page.locator("[id$='-value-image-chooser']").first
    image_chooser.locator("button[data-chooser-action-choose]").first.click()
    choose_in_modal(page, licensed_photo.title)
    expect(image_chooser).to_contain_text(licensed_photo.title)
    page.locator("[id$='-value-caption']").first.fill("Zo komt een retour bij ons binnen.")

    # 3. Publish (the action menu's dropdown holds the publish button).
    footer = page.locator("footer.footer")
    footer.locator("[data-w-dropdown-target=toggle]").first.click()
    publish = footer.locator("button[name=action-publish]")
    expect(publish).to_be_visible()
    publish.click()
    page.wait_for_load_state()
    errors = page.locator(".error-message, .help-critical, .w-field__errors").all_text_contents()
    assert not [e.strip() for e in errors if e.strip()], f"the editor refused to publish: {errors}"
    expect(page.locator(".messages")).to_contain_text(TITLE)

    column = ColumnPage.objects.get(title=TITLE)
    assert column.live, "the column was not published"
    assert [author.name for author in column.authors()] == [GUEST]
    assert column.first_image == licensed_photo

    # The column page: guest as author, image with its credit line.
    page.goto(live_server.url + column.url)
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".column-authors")).to_contain_text(GUEST)
    expect(page.locator("figure figcaption")).to_contain_text("© Winkelier")

    # In the index.
    page.goto(live_server.url + column_index.url)
    expect(page.locator(".column-list")).to_contain_text(TITLE)

    # In the feed, with the guest as author.
    feed = feedparser.parse(page.request.get(live_server.url + "/columns/feed/rss/").body())
    entry = next(entry for entry in feed.entries if entry.title == TITLE)
    assert entry.author == GUEST
    assert entry.link.endswith(column.url)

    # In the sitemap (built by the SEO work: /sitemap.xml).
    sitemap = page.request.get(live_server.url + "/sitemap.xml")
    assert sitemap.status == 200, f"/sitemap.xml answered {sitemap.status}"
    assert column.url in sitemap.text(), "the new column is not in /sitemap.xml"

    # JSON-LD Article on the column page names the guest as author.
    page.goto(live_server.url + column.url)
    articles = [
        item for item in json_ld(page) if item.get("@type") in ("Article", "BlogPosting", "NewsArticle")
    ]
    assert articles, "no Article JSON-LD on the column page"
    authors = articles[0].get("author")
    authors = authors if isinstance(authors, list) else [authors]
    assert GUEST in [author.get("name") for author in authors if author]
