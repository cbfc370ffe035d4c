"""S5 in the shop: the uniqueness audit over live product pages, the command, the admin.

What an editor or operator sees: which products are flagged (own text ≥ 50 % supplier text,
or a near-duplicate of another product's text), the JSON of `content_audit --json`, the
warning when publishing copied text, the report, and the score in the page editor.
"""

import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text

from cms.content_audit import run_audit
from cms.models import ProductIndexPage, ProductPage
from cms.page_uniqueness import latest_near_duplicates
from cms.uniqueness_panel import UniquenessPanel, uniqueness_summary
from home.staff_groups import EDITORS, ensure_staff_groups
from tests.cms.page_forms import product_page_edit_form
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

SUPPLIER = (
    "Deze robuuste thermosfles van roestvrij staal houdt dranken twaalf uur warm en vierentwintig "
    "uur koud. De dubbelwandige isolatie voorkomt condens aan de buitenkant. Inhoud 750 ml, "
    "lekvrije schroefdop, vaatwasserbestendig en vrij van BPA."
)
OWN = (
    "<p>Koffie mee naar je werk en om vier uur nog steeds heet? Met deze fles lukt dat. Wij namen "
    "hem een week mee op de fiets: geen druppel gelekt, en de buitenkant bleef droog.</p>"
)
SOCKS = (
    "<p>Deze wollen sokken houden je voeten warm op koude dagen. Ze zijn gebreid van merinowol "
    "uit Uruguay, met een versterkte hiel en teen zodat ze jaren meegaan. Wassen kan gewoon in "
    "de machine op dertig graden, binnenstebuiten en zonder wasverzachter.</p>"
)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index():
    home = Site.objects.get(is_default_site=True).root_page
    page = ProductIndexPage(title="Producten", slug="producten")
    home.add_child(instance=page)
    return page


def product_page(index, title, description, supplier="Tekst van de leverancier.", intro="", live=True):
    product = ProductFactory(title=title, supplier_text=supplier)
    page = ProductPage(title=title, product=product, intro=intro, description=description, live=live)
    index.add_child(instance=page)
    return page


@pytest.fixture
def catalogue(index):
    return {
        "own": product_page(index, "Thermosfles eigen tekst", OWN, supplier=SUPPLIER),
        "copied": product_page(
            index,
            "Thermosfles gekopieerd",
            "<p>" + SUPPLIER.replace("robuuste", "stevige") + "</p>",
            supplier=SUPPLIER,
            intro="Houdt koffie heet.",
        ),
        "socks": product_page(index, "Sokken antraciet", SOCKS),
        "socks_twin": product_page(
            index, "Sokken mosgroen", SOCKS.replace("zonder wasverzachter", "zonder bleekmiddel")
        ),
        # Copied, but not live: not part of the shop, not audited.
        "draft": product_page(index, "Concept", f"<p>{SUPPLIER}</p>", supplier=SUPPLIER, live=False),
    }


@pytest.mark.rule("S5")
def test_audit_flags_copied_text_and_near_duplicates_only(catalogue):
    result = run_audit()
    assert result.pages == 4
    flagged = {row.product_id: row for row in result.flagged}
    copied, socks, twin = catalogue["copied"], catalogue["socks"], catalogue["socks_twin"]
    assert set(flagged) == {copied.product_id, socks.product_id, twin.product_id}
    assert flagged[copied.product_id].supplier_containment >= 0.5
    assert flagged[copied.product_id].near_duplicates == []
    assert flagged[socks.product_id].near_duplicates == [twin.product_id]
    assert flagged[twin.product_id].near_duplicates == [socks.product_id]
    assert flagged[socks.product_id].supplier_containment == 0.0
    assert flagged[copied.product_id].page_url == "/producten/thermosfles-gekopieerd/"


@pytest.mark.rule("S5")
def test_content_audit_json(catalogue):
    out, err = io.StringIO(), io.StringIO()
    call_command("content_audit", "--json", stdout=out, stderr=err)
    data = json.loads(out.getvalue())
    copied, socks, twin = catalogue["copied"], catalogue["socks"], catalogue["socks_twin"]
    assert [item["product_id"] for item in data] == sorted(
        [copied.product_id, socks.product_id, twin.product_id]
    )
    by_id = {item["product_id"]: item for item in data}
    assert set(by_id[copied.product_id]) == {
        "product_id",
        "page_url",
        "supplier_containment",
        "near_duplicates",
    }
    assert by_id[copied.product_id]["page_url"] == copied.url
    assert 0.5 <= by_id[copied.product_id]["supplier_containment"] <= 1.0
    assert by_id[socks.product_id]["near_duplicates"] == [twin.product_id]
    # Progress and the summary go to stderr, so stdout stays machine-readable.
    assert "4 live product pages audited" in err.getvalue()
    assert "3 flagged" in err.getvalue()


@pytest.mark.rule("S5")
def test_content_audit_table(catalogue):
    out, err = io.StringIO(), io.StringIO()
    call_command("content_audit", stdout=out, stderr=err)
    table = out.getvalue()
    assert "Thermosfles gekopieerd" in table
    assert "Sokken mosgroen" in table
    assert "Thermosfles eigen tekst" not in table
    assert "pages: 4/4" in err.getvalue()


@pytest.mark.rule("S5")
def test_nothing_flagged(index):
    product_page(index, "Thermosfles", OWN, supplier=SUPPLIER)
    out = io.StringIO()
    call_command("content_audit", "--json", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue()) == []


def test_audit_reads_the_catalogue_in_a_constant_number_of_queries(index, django_assert_max_num_queries):
    for n in range(3):
        product_page(index, f"Product {n}", f"<p>Tekst nummer {n} over iets heel anders dan de rest.</p>")
    with django_assert_max_num_queries(4) as small:
        run_audit(remember=False)
    for n in range(3, 40):
        product_page(index, f"Product {n}", f"<p>Tekst nummer {n} over iets heel anders dan de rest.</p>")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert run_audit(remember=False).pages == 40


@pytest.mark.rule("S5")
def test_latest_audit_is_remembered_for_the_editor(catalogue):
    socks, twin = catalogue["socks"], catalogue["socks_twin"]
    assert latest_near_duplicates(socks.product_id) is None
    run_audit()
    duplicates, audited_at = latest_near_duplicates(socks.product_id)
    assert duplicates == [twin.product_id]
    assert audited_at is not None
    assert latest_near_duplicates(catalogue["own"].product_id)[0] == []


@pytest.mark.rule("S5")
def test_editor_panel_shows_the_score_and_the_near_duplicates(catalogue, rf):
    run_audit()
    copied = catalogue["copied"]
    summary = uniqueness_summary(copied)
    assert summary["copied"] is True
    request = rf.get("/admin/")
    request.user = UserFactory(is_superuser=True)
    panel = UniquenessPanel(heading="Uniciteit").bind_to_model(ProductPage)
    html = panel.get_bound_panel(instance=copied, request=request, form=None).render_html()
    assert "van onze tekst komt uit de tekst van de leverancier" in html
    assert "schrijf het in eigen woorden" in html
    twin = catalogue["socks_twin"]
    html = panel.get_bound_panel(instance=catalogue["socks"], request=request, form=None).render_html()
    assert "Bijna-duplicaat van" in html
    assert twin.title in html


# --------------------------------------------------------------------------- admin


@pytest.fixture
def editor(client):
    ensure_staff_groups()
    user = UserFactory(email="redacteur@winkelier.test", groups=[EDITORS])
    client.force_login(user)
    return user


@pytest.mark.rule("S5")
def test_publishing_copied_text_warns_but_publishes(index, editor, client):
    page = product_page(index, "Thermosfles", OWN, supplier=SUPPLIER, live=False)
    data = product_page_edit_form(page, publish=True, description=rich_text(f"<p>{SUPPLIER}</p>"))
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.live
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "100%" in warnings[0]
    assert "tekst van de leverancier" in warnings[0]


@pytest.mark.rule("S5")
def test_publishing_own_text_does_not_warn(index, editor, client):
    page = product_page(index, "Thermosfles", OWN, supplier=SUPPLIER, live=False)
    data = product_page_edit_form(page, publish=True)
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


@pytest.mark.rule("S5")
def test_s5_product_page_editor_shows_the_uniqueness_score(catalogue, editor, client):
    response = client.get(f"/admin/pages/{catalogue['copied'].pk}/edit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uniciteit" in page
    assert "van onze tekst komt uit de tekst van de leverancier" in page


@pytest.mark.rule("S5")
def test_editor_sees_the_report(catalogue, editor, client):
    response = client.get("/admin/reports/uniqueness/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("copied", "socks", "socks_twin"):
        assert catalogue[key].title in html
    assert catalogue["own"].title not in html
    assert "Uniciteit: gemarkeerde producten" in client.get("/admin/").content.decode()


def test_shopper_cannot_open_the_report(catalogue, client):
    client.force_login(UserFactory())
    assert client.get("/admin/reports/uniqueness/").status_code in (302, 403)
