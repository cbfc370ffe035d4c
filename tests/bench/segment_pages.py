"""The segment pages (issue 13, item 2) timed against the database of DATABASE_URL, as their
own process (test_segments_bench.py runs it after compute_segments): the overview, the largest
segment's list (as opened, filtered, searched, its last page) and its CSV export of every row.
Prints one JSON object: milliseconds per page (the best of 5 after a warm-up) and the export's
rows and seconds.

    python tests/bench/segment_pages.py
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from aftersales.models import CustomerScore  # noqa: E402
from tests.bench.page_timing import timed_ms  # noqa: E402

TRIES = 5


def main() -> None:
    setup_test_environment()  # the test client's host is allowed
    user, _created = get_user_model().objects.get_or_create(
        email="bench-segments@winkelier.test", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    largest, customers = (
        CustomerScore.objects.values_list("segment").annotate(n=Count("pk")).order_by("-n").first()
    )
    listing = reverse("aftersales:segment", args=[largest])
    last_page = customers // 50 + 1
    pages = {
        "overview": reverse("aftersales:segments"),
        "list": listing,
        "list, no consent, 2+ orders, recent first": f"{listing}?consent=no&min_orders=2&sort=recent",
        "list, search 'klant1'": f"{listing}?q=klant1",
        f"list, last page ({last_page})": f"{listing}?p={last_page}",
    }
    client.get(pages["overview"])  # the session and Django's caches warmed up
    timings = {
        name: min(timed_ms(lambda url=url: client.get(url)) for _ in range(TRIES))
        for name, url in pages.items()
    }
    started = time.perf_counter()
    response = client.get(reverse("aftersales:segment-export", args=[largest]))
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    export_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "segment": largest,
                "customers": customers,
                "pages_ms": timings,
                "export_rows": rows,
                "export_seconds": export_seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
