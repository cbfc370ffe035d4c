"""The archived invoice PDF (N3): drawn once from the snapshot and stored in default storage right
after the issuing transaction committed; the e-mail and every download serve those very bytes,
and backups carry them with the media. A PDF drawn again would differ (reportlab stamps the time
of drawing), so an archived PDF is never replaced.

Media may be public (a public-read S3 bucket; /media/ in development), invoices are not: each
is stored under a random folder, invoices/<year>/<random>/factuur-<number>.pdf, whose name
only the database knows, and reaches people through the download view's checks. Nothing is
written to storage while a database lock is held: the file is saved first, then one conditional
UPDATE claims the invoice; an archiver that lost that race deletes its own copy.
"""

import logging
import secrets
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from commerce.invoices import pdf
from commerce.invoices.models import Invoice

logger = logging.getLogger(__name__)


def archive_name(invoice: Invoice) -> str:
    return f"invoices/{invoice.issued_on.year}/{secrets.token_urlsafe(16)}/{invoice.filename}"


def archive(invoice: Invoice) -> str:
    """Store the invoice's PDF unless it is stored already; returns the stored file's name."""
    if invoice.pdf:
        return str(invoice.pdf.name)
    name = default_storage.save(archive_name(invoice), ContentFile(pdf.render(invoice.snapshot)))
    if Invoice.objects.filter(pk=invoice.pk, pdf="").update(pdf=name):
        invoice.pdf.name = name
    else:  # archived meanwhile by another process: that file is the record
        default_storage.delete(name)
        invoice.refresh_from_db(fields=["pdf"])
    return str(invoice.pdf.name)


def archive_by_id(invoice_id: int):
    archive(Invoice.objects.get(pk=invoice_id))


def archive_after_commit(invoice: Invoice):
    """Archive once the issuing transaction committed (a rolled-back invoice leaves no file).
    A failure is logged, not raised: the invoice stands, and the first e-mail or download
    archives it instead."""
    transaction.on_commit(partial(archive_by_id, invoice.pk), robust=True)


def pdf_bytes(invoice: Invoice) -> bytes:
    """The archived PDF of an invoice, archiving it first if that has not happened yet."""
    name = archive(invoice)
    try:
        with default_storage.open(name, "rb") as file:
            return file.read()
    except OSError:
        logger.error(
            "Invoice %s: its archived PDF %s is missing from storage; restore the media from a backup "
            "(README 'Backups and restore'). Served a new rendering of the same snapshot meanwhile.",
            invoice.number,
            name,
        )
        return pdf.render(invoice.snapshot)
