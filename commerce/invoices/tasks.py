"""Background work for invoices: the e-mail with the PDF, sent after the dispatch committed."""

from django_tasks import task

from commerce.invoices import sending


@task()
def send_invoice_email(invoice_id: int) -> str:
    return sending.email_invoice(invoice_id)
