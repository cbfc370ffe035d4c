"""Issued invoice PDFs are archived as files (N3, a legal record): stored once, in default storage,
after the issuing transaction committed; the e-mail and every download serve those bytes."""

import logging

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from commerce.invoices import archive
from commerce.invoices.models import Invoice
from commerce.order import shipments
from commerce.order.guest_links import order_token
from tests.commerce.fulfilment_support import invoice_mails, mixed_vat_products, paid_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media"), pytest.mark.rule("N3")]


def ship_everything(order):
    return shipments.dispatch(order, [(line, line.quantity) for line in order.lines.order_by("pk")])[1]


def stored(invoice) -> bytes:
    with default_storage.open(invoice.pdf.name, "rb") as file:
        return file.read()


def test_dispatch_archives_the_pdf_once_committed_and_mails_and_serves_those_bytes(
    shop, client, django_capture_on_commit_callbacks
):
    lamp, chocolate = mixed_vat_products()
    order = paid_order([(lamp, 2), (chocolate, 1)], email="gast@example.test")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invoice = ship_everything(order)
    assert not Invoice.objects.get(pk=invoice.pk).pdf  # nothing is stored before the commit
    for callback in callbacks:
        callback()

    invoice.refresh_from_db()
    assert invoice.pdf.name.startswith(f"invoices/{invoice.issued_on.year}/")
    assert invoice.pdf.name.endswith(f"/factuur-{invoice.number}.pdf")
    archived = stored(invoice)
    assert archived.startswith(b"%PDF")
    (message,) = invoice_mails()
    assert message.attachments[0][1] == archived
    for _ in range(2):
        response = client.get(invoice.get_absolute_url(), {"t": order_token(order)})
        assert response.status_code == 200
        assert response.content == archived


def test_an_issued_pdf_is_never_drawn_again(shop):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 1)]))
    first = archive.pdf_bytes(invoice)

    shop.street_address = "Nieuwegracht 1"
    shop.save()
    again = Invoice.objects.get(pk=invoice.pk)

    assert archive.pdf_bytes(again) == first
    assert len([name for name in archived_files() if invoice.number in name]) == 1


def archived_files() -> list[str]:
    found, folders = [], ["invoices"]
    while folders:
        folder = folders.pop()
        if not default_storage.exists(folder):
            continue
        subfolders, files = default_storage.listdir(folder)
        found += [f"{folder}/{name}" for name in files]
        folders += [f"{folder}/{name}" for name in subfolders]
    return found


def test_a_rolled_back_dispatch_leaves_no_file(shop, django_capture_on_commit_callbacks):
    lamp, _chocolate = mixed_vat_products()
    order = paid_order([(lamp, 1)])

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ship_everything(order)
        transaction.set_rollback(True)

    assert not Invoice.objects.exists()
    assert archived_files() == []


def test_two_archivers_at_once_keep_one_file(shop):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 1)]))
    first, second = Invoice.objects.get(pk=invoice.pk), Invoice.objects.get(pk=invoice.pk)

    kept = archive.archive(first)
    assert archive.archive(second) == kept  # the second found the first's file and dropped its own

    assert archived_files() == [kept]


def test_invoice_files_sit_in_unguessable_folders(shop):
    """Media may be served publicly; an invoice's file name cannot be derived from its number."""
    lamp, _chocolate = mixed_vat_products()
    names = [archive.archive(ship_everything(paid_order([(lamp, 1)]))) for _ in range(2)]

    folders = [name.split("/")[2] for name in names]
    assert len(set(folders)) == 2
    assert all(len(folder) >= 20 for folder in folders)


def test_a_missing_archive_is_logged_and_the_snapshot_still_served(shop, caplog):
    lamp, _chocolate = mixed_vat_products()
    invoice = ship_everything(paid_order([(lamp, 1)]))
    archive.archive(invoice)
    default_storage.delete(invoice.pdf.name)

    with caplog.at_level(logging.ERROR, logger="commerce.invoices.archive"):
        content = archive.pdf_bytes(invoice)

    assert content.startswith(b"%PDF")  # drawn again from the snapshot
    assert invoice.number in caplog.text
    assert "restore the media from a backup" in caplog.text
    # The record keeps pointing at the archived file, for a restore of the media to bring back.
    assert Invoice.objects.get(pk=invoice.pk).pdf.name == invoice.pdf.name
