"""Getting an issued invoice to the customer: the PDF, its download link, the e-mail."""

from django.db import transaction
from django.utils import timezone

from commerce.invoices import archive
from commerce.invoices.models import Invoice
from commerce.order.emails import send_order_email
from commerce.order.guest_links import order_token

EMAIL_NAME = "invoice"


def download_path(invoice: Invoice) -> str:
    """The invoice's URL path; a guest's carries the signed order token (no account to log in)."""
    path = invoice.get_absolute_url()
    if invoice.order.user_id is None:
        path += f"?t={order_token(invoice.order)}"
    return path


def email_invoice(invoice_id: int) -> str:
    """E-mail the archived invoice PDF to the customer once: a retried task finds it sent and stops."""
    # Read (or archive) the PDF before the row lock: storage may be a network away.
    content = archive.pdf_bytes(Invoice.objects.get(pk=invoice_id))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("order").get(pk=invoice_id)
        if invoice.emailed_at is not None:
            return f"{invoice.number} already sent"
        send_order_email(
            invoice.order,
            EMAIL_NAME,
            context={"invoice": invoice, "invoice_path": download_path(invoice)},
            attachments=[(invoice.filename, content, "application/pdf")],
        )
        invoice.emailed_at = timezone.now()
        invoice.save(update_fields=["emailed_at"])
    return invoice.number
