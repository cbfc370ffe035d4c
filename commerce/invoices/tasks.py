"""Background work for invoices: the e-mail with the PDF, sent after the dispatch committed."""

from django_tasks import task

from commerce.invoices import delivery


@task()
def send_invoice_email(invoice_id: int) -> str:
    return delivery.email_invoice(invoice_id)
