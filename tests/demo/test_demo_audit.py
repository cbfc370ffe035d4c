"""S5 on the demo shop: `content_audit` finds exactly the products the demo seeded with copied
or near-duplicate text, and loading the seeds again leaves an editor's rewrite of a seeded page
alone.

The shop is the one `demo_shop` of tests/demo/conftest.py, loaded once for the package.
"""

import io
import json

import pytest
from django.core.management import call_command

from cms.models import ProductPage
from demo.assortment import PRODUCTS
from demo.audit_seeds import COPIED, NEAR_DUPLICATES, load_audit_seeds
from home.progress import Progress

pytestmark = pytest.mark.django_db


@pytest.mark.rule("S5")
def test_demo_audit_finds_exactly_the_seeded_products(demo_shop):
    assert "Uniqueness audit seeds" in demo_shop.output
    product_id = {spec.key: ProductPage.objects.get(product__upc=spec.upc).product_id for spec in PRODUCTS}
    out = io.StringIO()
    call_command("content_audit", "--json", stdout=out, stderr=io.StringIO())
    flagged = {item["product_id"]: item for item in json.loads(out.getvalue())}

    copied = {product_id[seed.key] for seed in COPIED}
    regular, slim = (product_id[seed.key] for seed in NEAR_DUPLICATES)
    assert set(flagged) == copied | {regular, slim}
    for pk in copied:
        assert flagged[pk]["supplier_containment"] >= 0.5
        assert flagged[pk]["near_duplicates"] == []
    assert flagged[regular]["near_duplicates"] == [slim]
    assert flagged[slim]["near_duplicates"] == [regular]
    assert flagged[regular]["supplier_containment"] < 0.5
    # Every live product page of the demo was audited.
    assert ProductPage.objects.live().count() == len(PRODUCTS)


def test_demo_loader_leaves_an_edited_seed_page_alone(demo_shop):
    page = ProductPage.objects.get(product__title__startswith="Powerbank")
    page.description = "<p>Door ons herschreven.</p>"
    page.save_revision().publish()
    output = io.StringIO()
    assert load_audit_seeds(Progress(output)) == {"audit seed pages": 0}
    page.refresh_from_db()
    assert page.description == "<p>Door ons herschreven.</p>"
