"""One product page's uniqueness (domain.md S5), as the page editor and the publish warning see it.

- ``page_containment(page)``: the share of the page's own text (intro + description) that is
  the supplier's text, computed live on the page as saved or being edited.
- ``latest_near_duplicates(product_id)``: the page's near-duplicates from the latest catalogue
  audit, which ``cms.content_audit`` remembers here (in the cache) so the editor does not
  re-read the catalogue.

No model imports: ``cms.models`` reaches this module through the editor panel
(``cms.uniqueness_panel``), so it must not import ``cms.models`` back.
"""

from __future__ import annotations

from django.core.cache import cache

from cms.uniqueness import containment

CACHE_KEY = "cms:content-audit:latest"


def own_text(intro: str | None, description: str | None) -> str:
    """What the shop wrote itself: the short intro and the rich-text description."""
    return f"{intro or ''}\n{description or ''}"


def page_containment(page) -> float:
    """Live score of one page (saved or being edited): share of its own text copied."""
    product = getattr(page, "product", None) if page.product_id else None
    supplier = product.supplier_text if product is not None else ""
    return containment(own_text(page.intro, page.description), supplier)


def remember_audit(finished_at, pages: int, flagged: list[dict]) -> None:
    """Keep the flagged rows of the latest audit for the page editor and the report."""
    cache.set(CACHE_KEY, {"finished_at": finished_at, "pages": pages, "flagged": flagged}, timeout=None)


def latest_audit() -> dict | None:
    return cache.get(CACHE_KEY)


def latest_near_duplicates(product_id: int) -> tuple[list[int], object] | None:
    """(near-duplicate product ids, when audited) from the latest audit, or None if none ran."""
    latest = latest_audit()
    if latest is None:
        return None
    for row in latest["flagged"]:
        if row["product_id"] == product_id:
            return row["near_duplicates"], latest["finished_at"]
    return [], latest["finished_at"]
