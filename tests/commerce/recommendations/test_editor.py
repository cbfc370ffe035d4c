"""Staff see and steer the recommendations (issue 10): the computed list with its evidence in
the product page editor, exclusions published with the page, hand-picked products in Oscar's
dashboard product form."""

from datetime import UTC, datetime

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.test.utils.form_data import inline_formset

from cms.models import ProductPage
from commerce.recommendations.editor_panel import RecommendationsPanel
from commerce.recommendations.models import Exclusion, Recommendation
from commerce.recommendations.service import recommendations_for
from home.staff_groups import EDITORS, ensure_staff_groups
from tests.cms.page_forms import product_page_edit_form
from tests.cms.product_page_support import make_page, product_index
from tests.factories import CategoryFactory, ProductFactory, UserFactory

ProductRecommendation = get_model("catalogue", "ProductRecommendation")

pytestmark = pytest.mark.django_db

COMPUTED_AT = datetime(2026, 3, 2, 3, 40, tzinfo=UTC)


@pytest.fixture
def index():
    return product_index()


def product_with_page(index, title, **factory_fields):
    product = ProductFactory(title=title, **factory_fields)
    make_page(index, product, images=0)
    return product


def computed(product, neighbours):
    """Store ``product``'s computed list: (recommended, score, together, same customer), ranked."""
    Recommendation.objects.bulk_create(
        Recommendation(
            product=product,
            recommended=recommended,
            rank=rank,
            score=score,
            together=together,
            same_customer=same_customer,
            computed_at=COMPUTED_AT,
        )
        for rank, (recommended, score, together, same_customer) in enumerate(neighbours, start=1)
    )


@pytest.fixture
def shop(index):
    # Oscar's dashboard form asks a category of a standalone product.
    speaker = product_with_page(index, "Luidspreker Aria", categories=[CategoryFactory(name="Audio")])
    cable = product_with_page(index, "Luidsprekerkabel 5 m")
    stand = product_with_page(index, "Vloerstandaard")
    computed(speaker, [(cable, 0.41234, 42, 7), (stand, 0.2, 1, 0)])
    return {"speaker": speaker, "page": speaker.page, "cable": cable, "stand": stand}


@pytest.fixture
def editor(client):
    ensure_staff_groups()
    client.force_login(UserFactory(email="redacteur@winkelier.test", groups=[EDITORS]))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def render_panel(page, rf):
    panel = RecommendationsPanel(heading="Aanbevelingen").bind_to_model(ProductPage)
    return panel.get_bound_panel(instance=page, request=rf.get("/admin/"), form=None).render_html()


def titles(products):
    return [product.title for product in products]


def test_editor_sees_hand_picked_then_the_computed_list_with_scores_and_evidence(shop, index, editor):
    remote = product_with_page(index, "Afstandsbediening")
    ProductRecommendation.objects.create(primary=shop["speaker"], recommendation=remote, ranking=1)

    response = editor.get(edit_url(shop["page"]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Niet aanbevelen naast dit product" in html
    assert "Geldt zodra je de pagina publiceert" in html
    panel = html[html.index('class="recommendations-panel"') :]
    assert (
        panel.index("Afstandsbediening") < panel.index("Luidsprekerkabel 5 m") < panel.index("Vloerstandaard")
    )
    assert f'href="{edit_url(shop["cable"].page)}"' in panel
    assert reverse("dashboard:catalogue-product", kwargs={"pk": shop["speaker"].pk}) in panel
    assert "0,412" in panel
    assert "samen besteld in 42 bestellingen" in panel
    assert "door dezelfde klant: 7" in panel
    assert "samen besteld in 1 bestelling;" in panel
    assert "Berekend op 2 maart 2026 04:40" in panel  # Europe/Amsterdam


def test_the_panel_tells_never_computed_from_no_pairs_for_this_product(index, rf):
    lonely = product_with_page(index, "Losse schroef")

    never = render_panel(lonely.page, rf)
    assert "Nog niet berekend" in never
    assert "compute_recommendations" in never

    other = product_with_page(index, "Hamer")
    computed(other, [(product_with_page(index, "Spijkers"), 0.5, 3, 1)])
    html = render_panel(lonely.page, rf)
    assert "Nog niet berekend" not in html
    assert "nog te weinig samen met andere producten gekocht" in html


def test_an_exclusion_takes_effect_when_the_page_is_published(shop, editor, rf):
    page, speaker, cable = shop["page"], shop["speaker"], shop["cable"]
    exclusions = inline_formset([{"product": cable.pk}])
    assert titles(recommendations_for(speaker, "product", 4)) == ["Luidsprekerkabel 5 m", "Vloerstandaard"]

    draft = editor.post(edit_url(page), product_page_edit_form(page, recommendation_exclusions=exclusions))

    assert draft.status_code == 302, draft.content.decode()[:2000]
    assert not Exclusion.objects.exists()
    assert titles(recommendations_for(speaker, "product", 4)) == ["Luidsprekerkabel 5 m", "Vloerstandaard"]
    assert "uitgesloten na publiceren" in editor.get(edit_url(page)).content.decode()

    published = editor.post(
        edit_url(page), product_page_edit_form(page, publish=True, recommendation_exclusions=exclusions)
    )

    assert published.status_code == 302, published.content.decode()[:2000]
    assert list(Exclusion.objects.values_list("page_id", "product_id")) == [(page.pk, cable.pk)]
    assert titles(recommendations_for(speaker, "product", 4)) == ["Vloerstandaard"]
    html = editor.get(edit_url(page)).content.decode()
    assert "uitgesloten na publiceren" not in html
    assert "<td>uitgesloten</td>" in html


def test_the_panel_costs_the_same_queries_for_2_or_20_rows(index, rf):
    small, large = product_with_page(index, "Klein"), product_with_page(index, "Groot")
    # Half of the neighbours have a page (linked to its editor), half not yet (to the dashboard).
    neighbours = [
        product_with_page(index, f"Buur {n}") if n % 2 else ProductFactory(title=f"Buur {n}")
        for n in range(20)
    ]
    for product, count in ((small, 2), (large, 20)):
        computed(product, [(neighbour, 0.5, 2, 1) for neighbour in neighbours[:count]])
        ProductRecommendation.objects.create(primary=product, recommendation=neighbours[-1], ranking=1)
        Exclusion.objects.create(page=product.page, product=neighbours[0])

    with CaptureQueriesContext(connection) as two:
        render_panel(small.page, rf)
    with CaptureQueriesContext(connection) as twenty:
        html = render_panel(large.page, rf)

    assert html.count("samen besteld in 2 bestellingen") == 20
    assert reverse("dashboard:catalogue-product", kwargs={"pk": neighbours[0].pk}) in html
    assert len(twenty.captured_queries) == len(two.captured_queries)


def test_hand_picked_products_round_trip_through_oscars_dashboard_product_form(shop, client, rf):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("dashboard:catalogue-product", kwargs={"pk": shop["speaker"].pk})
    page = lxml.html.fromstring(client.get(url).content)
    form = next(form for form in page.forms if "primary_recommendations-TOTAL_FORMS" in form.inputs)
    data = dict(form.form_values())
    data.update(
        {"primary_recommendations-0-recommendation": shop["stand"].pk, "primary_recommendations-0-ranking": 3}
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(ProductRecommendation.objects.values_list("recommendation_id", "ranking")) == [
        (shop["stand"].pk, 3)
    ]
    # Hand-picked goes before the computed list, on the storefront and in the editor's panel.
    assert titles(recommendations_for(shop["speaker"], "product", 4)) == [
        "Vloerstandaard",
        "Luidsprekerkabel 5 m",
    ]
    panel = render_panel(shop["page"], rf)
    assert panel.index("Vloerstandaard") < panel.index("Luidsprekerkabel 5 m")
