"""Benchmark: printing 200 thank-you cards into one PDF (issue 12, item 5; `aftersales.cards`).

What staff wait for after "print the selection": `render()` of 200 cards with messages of
varied length (a tenth long enough to be set smaller and cut), in both layouts, 3 runs each;
printed with the median and worst wall time, the CPU time, the PDF's size and pages. No
database: the renderer works from plain `Card` values. Target: under 5 s CPU for 200 cards
(the request that prints them should not time out); the assertion is on CPU time, the wall
time and load average are printed next to it because the machine is shared.
"""

import io
import os
import random
import statistics
import time

import pypdf
import pytest

from aftersales.cards import Card, Layout, render

CARDS = 200
RUNS = 3
TARGET_CPU_SECONDS = 5.0
SENTENCES = [
    "Dank je wel voor je bestelling!",
    "De thee is met zorg ingepakt en gaat morgen op de post.",
    "We hopen dat de crème brûlée-smaak je net zo goed bevalt als ons.",
    "Bij je volgende bestelling krijg je € 5,00 korting met de code DANKJEWEL.",
    "Laat je ons weten hoe je de mok vindt?",
    "Naïef misschien, maar we geloven in een kaartje met de hand.",
]


def batch(seed=2026):
    rng = random.Random(seed)
    cards = []
    for n in range(1, CARDS + 1):
        sentences = rng.randint(12, 40) if n % 10 == 0 else rng.randint(2, 6)
        body = " ".join(rng.choice(SENTENCES) for _ in range(sentences))
        cards.append(
            Card(
                recipient=f"Klant {n} de Vries",
                address_lines=[f"Oudegracht {n}", f"{1000 + n * 7 % 8999} AB  Utrecht"],
                message=f"Beste klant {n},\n\n{body}\n\nHartelijke groet,",
                signature=rng.choice(["Femke", "Jeroen", ""]),
                reference=f"{100000 + n}",
            )
        )
    return cards


@pytest.mark.rule("A3")
@pytest.mark.parametrize("layout", list(Layout))
def test_printing_200_cards_into_one_pdf(layout):
    cards = batch()
    load_before = os.getloadavg()[0]
    walls, cpus = [], []
    for _run in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        content = render(cards, layout, sender="Theehuis De Kop")
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    print(
        f"\n[bench] cards.render, {layout.name}: {CARDS} cards ({pages} pages), {RUNS} runs: "
        f"median {statistics.median(walls):.2f} s, worst {max(walls):.2f} s wall "
        f"({statistics.median(walls) / CARDS * 1000:.1f} ms/card), "
        f"median {statistics.median(cpus):.2f} s CPU; "
        f"PDF {len(content) / 1024:.0f} KiB ({len(content) / CARDS / 1024:.1f} KiB/card); "
        f"load average {load_before:.1f} on {os.cpu_count()} cores; target < {TARGET_CPU_SECONDS:.0f} s CPU"
    )
    assert pages == (2 * CARDS if layout is Layout.POSTCARD else 2 * -(-CARDS // 4))
    assert statistics.median(cpus) < TARGET_CPU_SECONDS
