"""The uniqueness audit over the catalogue (domain.md S5), on top of ``cms.uniqueness``.

Every live ProductPage's own text (intro + description) is compared with its product's
supplier text (containment of word 5-shingles) and with every other page's own text
(near-duplicates: Jaccard ≥ 0.8). A product is flagged when containment ≥ 0.5 or it has a
near-duplicate.

The audit streams the pages in one query (``values_list(...).iterator()``, the supplier text
joined in), keeps only 8 bytes per shingle of each own text for the exact near-duplicate
re-check, and makes no query per product: built for a catalogue of 50,000 products.

The last result is kept in the cache (``cms.page_uniqueness.remember_audit``) so the page
editor can show a page's near-duplicates without re-reading the catalogue; the containment is
always computed live (``cms.page_uniqueness.page_containment``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import cast

from django.utils import timezone
from wagtail.models import Site

from cms.models import ProductPage
from cms.page_uniqueness import own_text, remember_audit
from cms.uniqueness import (
    COPIED_THRESHOLD,
    NearDuplicateIndex,
    containment_of_hashes,
    near_duplicates_by_key,
    shingle_hashes,
)

CHUNK_SIZE = 2000


@dataclass
class AuditRow:
    product_id: int
    page_id: int
    title: str
    page_url: str
    supplier_containment: float
    near_duplicates: list[int] = field(default_factory=list)

    @property
    def copied(self) -> bool:
        return self.supplier_containment >= COPIED_THRESHOLD

    @property
    def flagged(self) -> bool:
        return self.copied or bool(self.near_duplicates)

    def as_json(self) -> dict:
        return {
            "product_id": self.product_id,
            "page_url": self.page_url,
            "supplier_containment": round(self.supplier_containment, 3),
            "near_duplicates": self.near_duplicates,
        }


@dataclass
class AuditResult:
    rows: list[AuditRow]
    pages: int
    seconds: float
    finished_at: object = None
    candidates_checked: int = 0

    @property
    def flagged(self) -> list[AuditRow]:
        return [row for row in self.rows if row.flagged]

    @property
    def copied_count(self) -> int:
        return sum(row.copied for row in self.rows)

    @property
    def near_duplicate_count(self) -> int:
        return sum(bool(row.near_duplicates) for row in self.rows)


def audit_documents(
    documents: Iterable[tuple[int, int, str, str, str, str]],
    progress: Callable[[int], None] | None = None,
) -> tuple[list[AuditRow], int]:
    """The audit's core on plain tuples (product_id, page_id, title, page_url, own, supplier).

    Returns every document's AuditRow (near-duplicates filled in) and the number of LSH
    candidates re-checked. No database access: the benchmark feeds it generated documents.
    """
    index = NearDuplicateIndex()
    rows = []
    for done, (product_id, page_id, title, page_url, own, supplier) in enumerate(documents, start=1):
        hashes = shingle_hashes(own)
        score = containment_of_hashes(hashes, shingle_hashes(supplier)) if len(hashes) else 0.0
        index.add(product_id, hashes=hashes)
        rows.append(AuditRow(product_id, page_id, title, page_url, score))
        if progress is not None:
            progress(done)
    duplicates = near_duplicates_by_key(index.pairs())
    for row in rows:
        row.near_duplicates = cast(list[int], duplicates.get(row.product_id, []))
    return rows, index.candidates_checked


def _url_resolver():
    """url_path → the page's URL, as Page.url gives it, without a query per page."""
    site_roots = sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path))
    default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()

    def url_for(url_path: str) -> str:
        for root in site_roots:
            if url_path.startswith(root.root_path):
                relative = "/" + url_path[len(root.root_path) :]
                return (
                    relative if root.site_id == default or len(site_roots) == 1 else root.root_url + relative
                )
        return ""

    return url_for


def page_documents(queryset=None, chunk_size: int = CHUNK_SIZE):
    """Live product pages as audit documents, streamed in one query."""
    if queryset is None:
        queryset = ProductPage.objects.live()
    url_for = _url_resolver()
    rows = (
        queryset.order_by("product_id")
        .values_list(
            "product_id", "pk", "title", "url_path", "intro", "description", "product__supplier_text"
        )
        .iterator(chunk_size=chunk_size)
    )
    for product_id, page_id, title, url_path, intro, description, supplier in rows:
        yield product_id, page_id, title, url_for(url_path), own_text(intro, description), supplier or ""


def run_audit(
    progress: Callable[[int, int], None] | None = None, queryset=None, remember=True
) -> AuditResult:
    """Audit every live product page; progress(done, total) is called as pages are read."""
    started = time.perf_counter()
    if queryset is None:
        queryset = ProductPage.objects.live()
    total = queryset.count()
    step = max(1, total // 100)

    def report(done):
        if progress is not None and (done % step == 0 or done == total):
            progress(done, total)

    rows, candidates = audit_documents(page_documents(queryset), report)
    result = AuditResult(
        rows=rows,
        pages=len(rows),
        seconds=time.perf_counter() - started,
        finished_at=timezone.now(),
        candidates_checked=candidates,
    )
    if remember:
        remember_audit(result.finished_at, result.pages, [asdict(row) for row in result.flagged])
    return result
