"""S6, images whose licence runs out while they are live (issue 9, item 7).

- the editors are e-mailed 30, 7 and 1 days before, naming the pages that show the image,
  each reminder once (a second run sends nothing, a missed run is made up, a renewed licence
  starts afresh);
- from the day after expiry the storefront shows a placeholder of the same size with the
  alt text instead of the image, everywhere (product page, cards, basket, columns, rich
  text), leaves it out of Open Graph, JSON-LD and the product feed, and writes nothing;
  renewing the licence brings the image back;
- the licence report flags expired images that are live on a page.

The clock is fixed: the command takes ``--today``, the storefront's clock is
``cms.image_placeholders.amsterdam_today`` (monkeypatched).
"""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.core.mail import EmailMultiAlternatives
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.users.models import UserProfile

from cms import image_placeholders, tasks
from cms.image_licence_reminders import claim, due_reminders, due_threshold
from cms.image_licences import withdrawn
from cms.models import (
    Author,
    ColumnAuthor,
    ColumnIndexPage,
    ColumnPage,
    ImageLicenceReminder,
    LicenceType,
    LicensedImage,
    LicensedRendition,
    ProductIndexPage,
    ProductPage,
    ProductPageImage,
)
from cms.product_pages import prepare_page
from commerce.analytics import view_counts
from home.clock import amsterdam_today
from home.staff_groups import EDITORS, ensure_staff_groups
from tests.factories import CategoryFactory, ProductFactory, UserFactory

Email = get_model("communication", "Email")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media"), pytest.mark.rule("S6")]

TODAY = datetime.date(2026, 11, 22)
EXPIRES = TODAY + datetime.timedelta(days=7)  # the Getty licence's last day
DAY_AFTER = EXPIRES + datetime.timedelta(days=1)
PLACEHOLDER = "/static/img/image-withdrawn.svg"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def fresh_caches():
    for cache in caches.all():
        cache.clear()
    view_counts.buffer.discard()
    yield
    view_counts.buffer.discard()


@pytest.fixture
def clock(monkeypatch):
    """The storefront's day: clock(date) fixes it."""

    def set_today(day):
        monkeypatch.setattr(image_placeholders, "amsterdam_today", lambda: day)

    set_today(TODAY)
    return set_today


def png(colour=(30, 90, 160), size=(640, 480)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def library_image(title, expires=None, licence=LicenceType.PURCHASED, size=(640, 480)):
    slug = title.lower().replace(" ", "-")
    return LicensedImage.objects.create(
        title=title,
        licence_type=licence,
        licence_expires_on=expires,
        credit_line="© Getty Images",
        file=ImageFile(io.BytesIO(png(size=size)), name=f"{slug}.png"),
    )


@pytest.fixture
def index(home):
    return home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))


def product_page(index, title, images, price="49.95", categories=()):
    product = ProductFactory(title=title, price=Decimal(price), categories=list(categories))
    page = ProductPage(
        title=title,
        slug=product.slug,
        product=product,
        description="<p>Onze eigen tekst.</p>",
        search_description=f"{title}: onze eigen tekst, eerlijk verkocht.",
    )
    for n, image in enumerate(images):
        page.gallery_images.add(ProductPageImage(image=image, caption=f"{title}, beeld {n + 1}"))
    index.add_child(instance=page)
    prepare_page(page)
    return page


@pytest.fixture
def getty(index):
    """A bought photo, licensed through EXPIRES, on a live product page (and a draft one)."""
    photo = library_image("Getty strandfoto", EXPIRES)
    category = CategoryFactory(name="Strand")
    own = library_image("Eigen foto", None, LicenceType.OWN_WORK)
    page = product_page(index, "Strandlaken Zilt", [photo, own], categories=[category])
    draft = ProductPage(
        title="Strandstoel Duin", slug="strandstoel", product=ProductFactory(title="Strandstoel"), live=False
    )
    draft.gallery_images.add(ProductPageImage(image=photo, caption=""))
    index.add_child(instance=draft)
    return {"photo": photo, "page": page, "draft": draft, "category": category}


@pytest.fixture
def editors(db):
    ensure_staff_groups()
    return {
        "editor": UserFactory(email="redacteur@winkelier.test", first_name="Roos", groups=[EDITORS]),
        "owner": UserFactory(
            email="beheer@winkelier.test", first_name="Bram", is_superuser=True, is_staff=True
        ),
        "gone": UserFactory(email="oud@winkelier.test", groups=[EDITORS], is_active=False),
        "shopper": UserFactory(email="klant@example.nl"),
    }


def remind(day):
    out = io.StringIO()
    call_command("image_licence_reminders", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def html_of(response):
    return response.content.decode()


def card_of(html, title):
    """The product card (home page, listings) of the product ``title``."""
    cards = re.findall(r'<article class="product-card">.*?</article>', html, re.S)
    return next(card for card in cards if title in card)


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(31, None), (30, 30), (8, 30), (7, 7), (6, 7), (2, 7), (1, 1), (0, 1), (-1, None)],
)
def test_which_reminder_is_due_by_days_left(days_left, threshold):
    assert due_threshold(TODAY + datetime.timedelta(days=days_left), TODAY) == threshold


@pytest.mark.parametrize(
    ("expires", "is_withdrawn"),
    [
        (None, False),
        (TODAY + datetime.timedelta(days=1), False),
        (TODAY, False),
        (TODAY - datetime.timedelta(1), True),
    ],
)
def test_an_image_is_withdrawn_from_the_day_after_its_licence_expires(expires, is_withdrawn):
    assert withdrawn(LicensedImage(licence_expires_on=expires), TODAY) is is_withdrawn


# --------------------------------------------------------------------------- reminders


def test_seven_days_before_the_editors_get_an_email_naming_the_pages_once(getty, editors):
    output = remind(TODAY)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "beheer@winkelier.test",
        "redacteur@winkelier.test",
    ]
    message = next(message for message in mail.outbox if message.to == ["redacteur@winkelier.test"])
    assert message.subject == "Licentie van afbeelding 'Getty strandfoto' loopt af op 29 november 2026"
    body = message.body
    assert "Hoi Roos," in body
    assert "nog 7 dagen" in body
    assert "Strandlaken Zilt" in body
    assert "Strandstoel Duin (niet gepubliceerd)" in body
    assert f"http://127.0.0.1:8000/admin/pages/{getty['page'].pk}/edit/" in body
    assert f"http://127.0.0.1:8000{getty['page'].url}" in body
    assert f"http://127.0.0.1:8000/admin/images/{getty['photo'].pk}/" in body
    assert "Eigen foto" not in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://127.0.0.1:8000/admin/pages/{getty["page"].pk}/edit/"' in html
    assert "Strandlaken Zilt" in html
    assert Email.objects.filter(email="redacteur@winkelier.test", subject=message.subject).exists()
    assert "7-day reminder" in output
    assert "Strandlaken Zilt" in output

    # Twice the same day, and the next days until the 1-day reminder: nothing new.
    remind(TODAY)
    remind(TODAY + datetime.timedelta(days=1))
    remind(TODAY + datetime.timedelta(days=5))
    assert len(mail.outbox) == 2
    assert ImageLicenceReminder.objects.filter(image=getty["photo"]).count() == 1


def test_the_thirty_and_one_day_reminders_and_nothing_after_expiry(getty, editors):
    remind(EXPIRES - datetime.timedelta(days=30))
    remind(EXPIRES - datetime.timedelta(days=7))
    remind(EXPIRES - datetime.timedelta(days=1))
    remind(EXPIRES)
    remind(DAY_AFTER)

    to_editor = [message for message in mail.outbox if message.to == ["redacteur@winkelier.test"]]
    assert len(to_editor) == 3
    assert ["nog 30 dagen" in to_editor[0].body, "nog 7 dagen" in to_editor[1].body] == [True, True]
    assert "nog 1 dag)" in to_editor[2].body
    thresholds = ImageLicenceReminder.objects.filter(image=getty["photo"]).values_list(
        "days_before", flat=True
    )
    assert sorted(thresholds) == [1, 7, 30]


def test_a_missed_run_is_made_up_a_day_late_and_only_once(getty, editors):
    remind(EXPIRES - datetime.timedelta(days=6))  # the run 7 days before did not happen
    remind(EXPIRES - datetime.timedelta(days=6))
    remind(EXPIRES - datetime.timedelta(days=5))

    assert len(mail.outbox) == 2  # the 7-day reminder, to each recipient, once
    assert "nog 6 dagen" in mail.outbox[0].body
    assert list(ImageLicenceReminder.objects.values_list("days_before", flat=True)) == [7]


def test_a_renewed_licence_starts_its_reminders_afresh(getty, editors):
    remind(TODAY)
    photo = getty["photo"]
    photo.licence_expires_on = EXPIRES + datetime.timedelta(days=365)
    photo.save()

    remind(TODAY)  # 372 days left: nothing due
    assert len(mail.outbox) == 2
    remind(photo.licence_expires_on - datetime.timedelta(days=30))
    assert len(mail.outbox) == 4
    assert "nog 30 dagen" in mail.outbox[-1].body


def test_unused_and_already_expired_images_get_no_reminder(index, editors):
    library_image("Ongebruikte foto", EXPIRES)
    used_expired = library_image("Verlopen foto", TODAY - datetime.timedelta(days=1))
    product_page(index, "Zonnehoed", [used_expired])

    assert "no licence reminders due" in remind(TODAY)
    assert mail.outbox == []


def test_when_no_email_can_be_sent_the_next_run_tries_again(getty, editors, monkeypatch):
    def fail(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", fail)
    with pytest.raises(CommandError, match="failed"):
        remind(TODAY)
    assert not ImageLicenceReminder.objects.exists()

    monkeypatch.undo()
    remind(TODAY)
    assert len(mail.outbox) == 2


def test_without_an_editor_with_an_email_the_command_fails_and_records_nothing(getty):
    with pytest.raises(CommandError, match="no editor or superuser has an e-mail address"):
        remind(TODAY)
    assert not ImageLicenceReminder.objects.exists()


def test_a_simultaneous_run_that_claimed_the_reminder_first_wins(getty, editors):
    [due] = due_reminders(TODAY)
    ImageLicenceReminder.objects.create(image=getty["photo"], expires_on=EXPIRES, days_before=7)
    assert claim([due]) == []


def test_each_editor_reads_the_reminder_in_their_admin_language(getty, editors):
    UserProfile.objects.create(user=editors["editor"], preferred_language="en")
    remind(TODAY)
    message = next(message for message in mail.outbox if message.to == ["redacteur@winkelier.test"])
    assert message.subject == "Licence of image 'Getty strandfoto' ends on 29 November 2026"
    assert "7 days left" in message.body
    owner = next(message for message in mail.outbox if message.to == ["beheer@winkelier.test"])
    assert "Hoi Bram," in owner.body


def test_the_daily_background_task_sends_the_same_reminders_once(getty, editors, monkeypatch):
    monkeypatch.setattr(tasks, "amsterdam_today", lambda: TODAY)

    first = tasks.send_image_licence_reminders.enqueue()
    second = tasks.send_image_licence_reminders.enqueue()

    assert "reminded 2 of 2 recipients about 1 image:" in first.return_value
    assert "no licence reminders due" in second.return_value
    assert len(mail.outbox) == 2


# --------------------------------------------------------------------------- the storefront


def test_the_day_after_expiry_the_product_page_shows_the_placeholder_until_renewed(client, getty, clock):
    page, photo = getty["page"], getty["photo"]
    rendition = photo.get_rendition("max-800x600")

    clock(EXPIRES)  # still licensed on its last day
    on_last_day = html_of(client.get(page.url))
    assert rendition.url in on_last_day
    assert PLACEHOLDER not in on_last_day

    clock(DAY_AFTER)
    response = client.get(page.url)
    html = html_of(response)
    assert response.status_code == 200
    main = re.search(r'<figure class="product-gallery__main">\s*<img ([^>]+)>', html).group(1)
    assert f'src="{PLACEHOLDER}"' in main
    assert 'alt="Strandlaken Zilt, beeld 1"' in main
    assert f'width="{rendition.width}" height="{rendition.height}"' in main
    assert "getty-strandfoto" not in html  # not the rendition, not the original, not in og:image/JSON-LD
    assert "eigen-foto" in html  # the other gallery image is still shown

    photo.licence_expires_on = DAY_AFTER + datetime.timedelta(days=365)  # the editor renews
    photo.save()
    renewed = html_of(client.get(page.url))
    assert rendition.url in renewed
    assert PLACEHOLDER not in renewed


def test_expired_images_are_left_out_of_open_graph_json_ld_and_the_feed(client, index, clock):
    page = product_page(index, "Zonnebril Kust", [library_image("Getty zonnebril", EXPIRES)])
    before = html_of(client.get(page.url))
    assert re.search(r'<meta property="og:image" content="[^"]*getty-zonnebril', before)

    clock(DAY_AFTER)
    html = html_of(client.get(page.url))
    assert 'property="og:image"' not in html
    product_ld = next(
        block
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        if '"Product"' in block
    )
    assert "image" not in json.loads(product_ld)
    feed = client.get("/feeds/products.xml").content.decode()
    assert "Zonnebril Kust" in feed
    assert "g:image_link" not in feed


def test_cards_and_thumbnails_show_the_placeholder_with_the_pages_layout(client, getty, clock):
    clock(DAY_AFTER)
    card = card_of(html_of(client.get("/")), "Strandlaken Zilt")
    assert f'src="{PLACEHOLDER}"' in card
    assert 'alt="Strandlaken Zilt"' in card
    assert 'width="400" height="300"' in card

    index_html = html_of(client.get("/producten/"))
    assert f'<img src="{PLACEHOLDER}" alt="" width="200" height="150"' in index_html

    client.post(reverse("basket:add", kwargs={"pk": getty["page"].product.pk}), {"quantity": 1})
    basket = html_of(client.get(reverse("basket:summary")))
    thumbnail = re.search(r'class="basket-line__image"[^>]*>\s*<img src="([^"]+)"', basket).group(1)
    assert thumbnail == PLACEHOLDER

    listing = card_of(html_of(client.get(getty["category"].get_absolute_url())), "Strandlaken Zilt")
    assert f'src="{PLACEHOLDER}"' in listing


def test_cards_show_the_product_pages_main_image_while_licensed(client, getty, clock):
    rendition = getty["photo"].get_rendition("max-800x600")
    assert f'src="{rendition.url}"' in card_of(html_of(client.get("/")), "Strandlaken Zilt")
    listing = html_of(client.get(getty["category"].get_absolute_url()))
    assert f'src="{rendition.url}"' in card_of(listing, "Strandlaken Zilt")


@pytest.fixture
def column(home):
    index = home.add_child(instance=ColumnIndexPage(title="Columns", slug="columns"))
    photo = library_image("Getty portret", EXPIRES, size=(300, 300))
    author = Author.objects.create(name="Gast Schrijver", is_guest=True, photo=photo)
    block_image = library_image("Getty haven", EXPIRES, size=(1600, 900))
    embedded = library_image("Getty duinen", EXPIRES, size=(1000, 500))
    page = ColumnPage(
        title="Een zomer aan zee",
        slug="zomer",
        intro="Over de zee.",
        publication_date=TODAY,
        body=[
            {"type": "image", "value": {"image": block_image.pk, "caption": "De haven", "credit": ""}},
            {
                "type": "paragraph",
                "value": (
                    f'<p>Zee.</p><embed embedtype="image" id="{embedded.pk}" format="left" alt="De duinen"/>'
                ),
            },
        ],
        column_authors=[ColumnAuthor(author=author)],
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_columns_show_placeholders_for_block_rich_text_and_author_images(client, column, clock):
    assert "getty-haven" in html_of(client.get(column.url))
    renditions = LicensedRendition.objects.count()

    clock(DAY_AFTER)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(column.url)
    html = html_of(response)

    assert "getty-" not in html
    assert (
        f'<img src="{PLACEHOLDER}" alt="Getty haven" width="800" height="450" class="image-withdrawn">'
        in html
    )
    assert (
        f'<img src="{PLACEHOLDER}" alt="De duinen" width="500" height="250" class="richtext-image left'
        in html
    )
    assert (
        f'<img src="{PLACEHOLDER}" alt="Gast Schrijver" width="96" height="96" class="image-withdrawn">'
        in html
    )
    assert [query["sql"] for query in queries.captured_queries if WRITES.match(query["sql"])] == []
    assert LicensedRendition.objects.count() == renditions


def test_a_page_with_expired_images_writes_nothing_and_costs_no_more_queries(client, index, clock):
    small = product_page(index, "Badjas Golf", [library_image("Getty badjas", EXPIRES)])
    large = product_page(
        index, "Parasol Strand", [library_image(f"Getty parasol {n}", EXPIRES) for n in range(6)]
    )
    counts = {}
    for page in (small, large):
        client.get(page.url)
        with CaptureQueriesContext(connection) as licensed:
            client.get(page.url)
        clock(DAY_AFTER)
        with CaptureQueriesContext(connection) as expired:
            response = client.get(page.url)
        clock(TODAY)
        assert PLACEHOLDER in html_of(response)
        assert [query["sql"] for query in expired.captured_queries if WRITES.match(query["sql"])] == []
        counts[page.title] = (len(licensed), len(expired))
    assert counts["Badjas Golf"] == counts["Parasol Strand"]
    assert all(expired <= licensed for licensed, expired in counts.values())


# --------------------------------------------------------------------------- the report


def test_the_report_flags_expired_images_still_on_live_pages(client, getty, editors):
    client.force_login(editors["editor"])
    today = amsterdam_today()  # the report's own clock
    getty["photo"].licence_expires_on = today - datetime.timedelta(days=1)
    getty["photo"].save()
    library_image("Ongebruikt verlopen", today - datetime.timedelta(days=3))
    library_image("Zomercampagne", today + datetime.timedelta(days=10))

    expired = html_of(client.get("/admin/reports/image-licences/?state=expired"))
    assert "Getty strandfoto" in expired
    assert "Verlopen — vervangen door placeholder op 1 pagina" in expired
    assert "Ongebruikt verlopen" in expired
    assert "Zomercampagne" not in expired
    assert expired.count("vervangen door placeholder") == 1

    out = io.StringIO()
    call_command("image_licence_report", "--json", stdout=out, stderr=io.StringIO())
    by_title = {item["title"]: item for item in json.loads(out.getvalue())["images"]}
    assert by_title["Getty strandfoto"]["placeholder_on_live_pages"] == 1
    assert by_title["Ongebruikt verlopen"]["placeholder_on_live_pages"] == 0
