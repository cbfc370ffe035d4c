"""Getting an issued invoice to the customer: the PDF, its download link, the e-mail."""

from django.utils import timezone

from commerce.invoices import archive
from commerce.invoices.models import Invoice
from commerce.order.guest_links import order_token
from commerce.order.sending import send_once

EMAIL_NAME = "invoice"


def download_path(invoice: Invoice) -> str:
    """The invoice's URL path; a guest's carries the signed order token (no account to log in)."""
    path = invoice.get_absolute_url()
    if invoice.order.user_id is None:
        path += f"?t={order_token(invoice.order)}"
    return path


def email_invoice(invoice_id: int) -> str:
    """E-mail the archived invoice PDF to the customer once: a retried task finds it sent and stops."""
    invoice = Invoice.objects.select_related("order").get(pk=invoice_id)

    def build():
        content = archive.pdf_bytes(invoice)
        context = {"invoice": invoice, "invoice_path": download_path(invoice)}
        return context, [(invoice.filename, content, "application/pdf")]

    if not send_once(invoice.order, EMAIL_NAME, build, reference=str(invoice.pk)):
        return f"{invoice.number} already sent"
    Invoice.objects.filter(pk=invoice.pk).update(emailed_at=timezone.now())
    return invoice.number
