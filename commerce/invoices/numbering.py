"""Gap-free invoice numbers (N3), one counter per series.

Invoices of a calendar year form the series "2026" (numbers 2026-00001, 2026-00002, ...);
credit notes have their own series "C2026" (C2026-00001, ...). Dutch tax rules want one unbroken
sequence per series, so a number is taken from a counter row that `next_number` locks
(SELECT ... FOR UPDATE) and increments inside the caller's transaction — the transaction
that also writes the invoice. Concurrent dispatches queue on that row lock; a dispatch that
rolls back takes its increment with it, so the number is handed to the next invoice and no gap
appears. The price is that invoicing is serialised per series, which is fine at a shop's rate
of dispatches (the lock is held only until the dispatch commits).

Credit notes (corrections of a refund, issued with returns): a credit note is an Invoice with
kind=credit_note, numbered in the "C<year>" series by the same function, whose `credits`
foreign key points at the invoice it corrects; its lines carry negative amounts, so the
invoice plus its credit notes always sum to what the customer finally paid.
"""

from datetime import date

from django.db import transaction

from commerce.invoices.models import Invoice, InvoiceCounter

CREDIT_NOTE_PREFIX = "C"


def series_for(kind: str, issued_on: date) -> str:
    prefix = CREDIT_NOTE_PREFIX if kind == Invoice.Kind.CREDIT_NOTE else ""
    return f"{prefix}{issued_on.year}"


def format_number(series: str, sequence: int) -> str:
    return f"{series}-{sequence:05d}"


def next_number(series: str) -> tuple[int, str]:
    """(sequence, number) for the next document of `series`; call inside the writing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run in the transaction that stores the invoice")
    # get_or_create runs its INSERT in a savepoint: of two first invoices of a new year, the
    # loser of the unique index reads the winner's committed row instead of failing.
    InvoiceCounter.objects.get_or_create(series=series)
    counter = InvoiceCounter.objects.select_for_update().get(series=series)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence, format_number(series, counter.last_sequence)
