"""S6: every image's licence, read from the file where it says so, and enforced on publish.

- the rules: unknown or expired → not publishable; expiring within 30 days is reported;
- creator/copyright from XMP (JPEG, PNG) and IPTC on upload through the image admin;
- publishing a page that shows an unlicensed image is refused for an Editor (through the
  admin), allowed for a user with `cms.publish_unlicensed_images`, and that is logged;
- `image_licence_report --json` and the admin report.
"""

import datetime
import io
import json
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PILImage
from PIL.PngImagePlugin import PngInfo
from wagtail.models import Collection, PageLogEntry, Site
from wagtail.test.utils.form_data import rich_text

from cms.image_credits import read_embedded_credits
from cms.image_licences import (
    EXPIRED,
    EXPIRING,
    UNKNOWN,
    VALID,
    images_shown_by,
    licence_state,
    usable,
)
from cms.models import (
    ContentPage,
    LicenceType,
    LicensedImage,
    ProductIndexPage,
    ProductPage,
    ProductPageImage,
)
from home.clock import amsterdam_today
from home.staff_groups import EDITORS, ensure_staff_groups
from tests.cms.page_forms import product_page_edit_form
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.rule("S6")

TODAY = datetime.date(2026, 11, 22)

XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:creator><rdf:Seq><rdf:li>Anna de Fotograaf</rdf:li></rdf:Seq></dc:creator>"
    '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 Studio Noord</rdf:li></rdf:Alt></dc:rights>'
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def jpeg_with_xmp() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1d5c4d").save(buffer, "JPEG", xmp=XMP.encode())
    return buffer.getvalue()


def png_with_xmp() -> bytes:
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP)
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1d5c4d").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_with_iptc(by_line: bytes, copyright_notice: bytes) -> bytes:
    """A JPEG with an IPTC IIM block in a Photoshop APP13 segment, as cameras and DAMs write it."""

    def record(dataset, data):
        return b"\x1c\x02" + bytes([dataset]) + len(data).to_bytes(2, "big") + data

    iptc = record(80, by_line) + record(116, copyright_notice)
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
    resource += b"\x00" * (len(iptc) % 2)
    app13 = b"Photoshop 3.0\x00" + resource
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#8a3b12").save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[:2] + b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13 + data[2:]


def plain_png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#336699").save(buffer, "PNG")
    return buffer.getvalue()


# --------------------------------------------------------------------------- rules


def image(licence_type="purchased", expires=None):
    return SimpleNamespace(licence_type=licence_type, licence_expires_on=expires)


@pytest.mark.parametrize(
    ("licence", "expires", "state", "is_usable"),
    [
        ("unknown", None, UNKNOWN, False),
        ("unknown", TODAY + datetime.timedelta(days=300), UNKNOWN, False),
        ("purchased", TODAY - datetime.timedelta(days=1), EXPIRED, False),
        ("purchased", TODAY, EXPIRING, True),  # valid through its last day
        ("cc-by", TODAY + datetime.timedelta(days=30), EXPIRING, True),
        ("purchased", TODAY + datetime.timedelta(days=31), VALID, True),
        ("own", None, VALID, True),
        ("cc0", None, VALID, True),
    ],
)
def test_licence_state_and_usable(licence, expires, state, is_usable):
    assert licence_state(image(licence, expires), TODAY) == state
    assert usable(image(licence, expires), TODAY) is is_usable


# --------------------------------------------------------------------------- metadata


def test_xmp_creator_and_rights_from_jpeg_and_png():
    for data in (jpeg_with_xmp(), png_with_xmp()):
        credits = read_embedded_credits(io.BytesIO(data))
        assert credits.creator == "Anna de Fotograaf"
        assert credits.credit_line == "© 2026 Studio Noord"


def test_iptc_by_line_and_copyright_from_jpeg():
    credits = read_embedded_credits(io.BytesIO(jpeg_with_iptc(b"Jan Jansen", "© Jansen Beeld".encode())))
    assert (credits.creator, credits.credit_line) == ("Jan Jansen", "© Jansen Beeld")


def test_no_metadata_and_no_image():
    assert read_embedded_credits(io.BytesIO(plain_png())).creator == ""
    assert read_embedded_credits(io.BytesIO(b"geen afbeelding")).credit_line == ""


@pytest.fixture
def editor(client, db):
    ensure_staff_groups()
    user = UserFactory(email="redacteur@winkelier.test", groups=[EDITORS])
    client.force_login(user)
    return user


def upload(client, name, data, content_type, **fields):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
            "licence_type": "purchased",
            **fields,
        },
    )


@pytest.mark.django_db
def test_upload_takes_creator_and_credit_from_xmp(media, editor, client):
    response = upload(client, "Studio.jpg", jpeg_with_xmp(), "image/jpeg")
    assert response.status_code == 302
    stored = LicensedImage.objects.get(title="Studio.jpg")
    assert (stored.creator, stored.credit_line) == ("Anna de Fotograaf", "© 2026 Studio Noord")


@pytest.mark.django_db
def test_upload_takes_iptc_but_keeps_what_the_editor_typed(media, editor, client):
    data = jpeg_with_iptc(b"Jan Jansen", b"(c) Jansen Beeld")
    assert upload(client, "Jansen.jpg", data, "image/jpeg", creator="Fotostudio Zuid").status_code == 302
    stored = LicensedImage.objects.get(title="Jansen.jpg")
    assert (stored.creator, stored.credit_line) == ("Fotostudio Zuid", "(c) Jansen Beeld")


# --------------------------------------------------------------------------- publishing


def library_image(title, licence=LicenceType.OWN_WORK, expires=None):
    return LicensedImage.objects.create(
        title=title,
        licence_type=licence,
        licence_expires_on=expires,
        file=ImageFile(io.BytesIO(plain_png()), name=f"{title.lower().replace(' ', '-')}.png"),
    )


@pytest.fixture
def draft_page(media, db):
    home = Site.objects.get(is_default_site=True).root_page
    index = ProductIndexPage(title="Producten", slug="producten")
    home.add_child(instance=index)
    product = ProductFactory(title="Thermosfles")
    page = ProductPage(title="Thermosfles", product=product, description="<p>Onze tekst.</p>", live=False)
    page.gallery_images.add(ProductPageImage(image=library_image("Eigen foto"), caption=""))
    page.gallery_images.add(ProductPageImage(image=library_image("Foto van internet", LicenceType.UNKNOWN)))
    index.add_child(instance=page)
    return page


def publish_form(page):
    return product_page_edit_form(page, publish=True)


def messages_of(response, level):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == level]


@pytest.mark.django_db
def test_editor_cannot_publish_a_page_with_an_unlicensed_image(draft_page, editor, client):
    response = client.post(f"/admin/pages/{draft_page.pk}/edit/", publish_form(draft_page))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{draft_page.pk}/edit/"
    draft_page.refresh_from_db()
    assert not draft_page.live
    [error] = messages_of(response, "error")
    assert "'Foto van internet' (licentie onbekend)" in error
    assert "Eigen foto" not in error
    assert not PageLogEntry.objects.filter(page=draft_page, action="wagtail.publish").exists()


@pytest.mark.django_db
def test_expired_image_in_the_rich_text_is_refused_too(draft_page, editor, client):
    expired = library_image(
        "Oude campagnefoto", LicenceType.PURCHASED, amsterdam_today() - datetime.timedelta(1)
    )
    draft_page.gallery_images.filter(image__licence_type=LicenceType.UNKNOWN).delete()
    data = publish_form(draft_page)
    data["description"] = rich_text(
        f'<p>Onze tekst.</p><embed embedtype="image" id="{expired.pk}" format="fullwidth" alt="campagne"/>'
    )
    response = client.post(f"/admin/pages/{draft_page.pk}/edit/", data)
    draft_page.refresh_from_db()
    assert not draft_page.live
    [error] = messages_of(response, "error")
    assert "'Oude campagnefoto' (licentie verlopen op" in error


@pytest.mark.django_db
def test_override_permission_publishes_and_is_logged(draft_page, editor, client):
    editor.user_permissions.add(Permission.objects.get(codename="publish_unlicensed_images"))
    response = client.post(f"/admin/pages/{draft_page.pk}/edit/", publish_form(draft_page))
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.live
    entry = PageLogEntry.objects.get(page=draft_page, action="cms.publish_unlicensed")
    assert entry.user == editor
    assert [item["title"] for item in entry.data["images"]] == ["Foto van internet"]
    assert "Foto van internet" in entry.message
    assert any("Foto van internet" in warning for warning in messages_of(response, "warning"))
    # The page history in the admin shows the override.
    history = client.get(f"/admin/pages/{draft_page.pk}/history/").content.decode()
    assert "Foto van internet" in history


@pytest.mark.django_db
def test_the_override_is_not_given_to_editors():
    ensure_staff_groups()
    editors = Group.objects.get(name=EDITORS)
    assert not editors.permissions.filter(codename="publish_unlicensed_images").exists()
    assert Permission.objects.filter(
        content_type__app_label="cms", codename="publish_unlicensed_images"
    ).exists()


@pytest.mark.django_db
def test_images_shown_by_stream_blocks_seo_image_and_gallery(media, draft_page):
    home = Site.objects.get(is_default_site=True).root_page
    block_image, seo_image = library_image("Blokfoto"), library_image("Deelfoto")
    info = ContentPage(title="Over ons", slug="over-ons", body=[("image", block_image)], og_image=seo_image)
    home.add_child(instance=info)
    assert [image.title for image in images_shown_by(info)] == ["Blokfoto", "Deelfoto"]
    assert [image.title for image in images_shown_by(draft_page)] == ["Eigen foto", "Foto van internet"]


# --------------------------------------------------------------------------- reports


@pytest.mark.django_db
def test_image_licence_report_json(draft_page):
    today = amsterdam_today()
    library_image("Zomercampagne", LicenceType.PURCHASED, today + datetime.timedelta(days=10))
    library_image("Wintercampagne", LicenceType.PURCHASED, today - datetime.timedelta(days=10))
    out = io.StringIO()
    call_command("image_licence_report", "--json", stdout=out, stderr=io.StringIO())
    data = json.loads(out.getvalue())
    by_title = {item["title"]: item for item in data["images"]}
    assert data["today"] == today.isoformat()
    assert data["counts"] == {"unknown": 1, "expired": 1, "expiring": 1, "valid": 1}
    assert data["expiring_within_30_days"] == [by_title["Zomercampagne"]["id"]]
    assert [item["title"] for item in data["images"]][:3] == [
        "Foto van internet",
        "Wintercampagne",
        "Zomercampagne",
    ]
    assert by_title["Foto van internet"]["usable"] is False
    assert [use["title"] for use in by_title["Foto van internet"]["used_on"]] == ["Thermosfles"]
    assert by_title["Zomercampagne"]["used_on"] == []


@pytest.mark.django_db
def test_editor_sees_the_licence_report(draft_page, editor, client):
    library_image("Zomercampagne", LicenceType.PURCHASED, amsterdam_today() + datetime.timedelta(days=10))
    html = client.get("/admin/reports/image-licences/").content.decode()
    assert "Foto van internet" in html
    assert "Licentie onbekend" in html
    assert "Thermosfles" in html
    expiring = client.get("/admin/reports/image-licences/?state=expiring").content.decode()
    assert "Zomercampagne" in expiring
    assert "Foto van internet" not in expiring


@pytest.mark.django_db
def test_bulk_publish_is_refused_too(draft_page, editor, client):
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={draft_page.pk}&next=/admin/pages/",
        {"include_descendants": ""},
    )
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert not draft_page.live
    [error] = messages_of(response, "error")
    assert "'Thermosfles': 'Foto van internet' (licentie onbekend)" in error


@pytest.mark.django_db
def test_administrator_can_grant_the_override_in_the_group_editor(client):
    ensure_staff_groups()
    client.force_login(UserFactory(email="beheer@winkelier.test", is_superuser=True, is_staff=True))
    html = client.get(f"/admin/groups/edit/{Group.objects.get(name=EDITORS).pk}/").content.decode()
    permission = Permission.objects.get(codename="publish_unlicensed_images")
    assert f'value="{permission.pk}"' in html
