"""Send the order e-mails that failed or were cut short (commerce/order/sending.py), those about
returns included (commerce/returns/emails.py).

Scheduled every 5 minutes (run_schedule in the embedded shop, cron at scale). Each e-mail is
tried again up to MAX_ATTEMPTS times; one that still fails is logged and left for staff.
"""

import logging

from django.core.management.base import BaseCommand

from commerce.invoices.sending import EMAIL_NAME as INVOICE
from commerce.invoices.sending import email_invoice
from commerce.order.sending import MAX_ATTEMPTS, pending
from commerce.order.tasks import CONFIRMATION, confirm
from commerce.returns import after_commit
from commerce.returns import emails as return_emails
from commerce.returns.models import Return

logger = logging.getLogger(__name__)


def return_email(send):
    """An e-mail about a return: its reference is the return number (W4: the acknowledgement)."""
    return_emails.send(Return.objects.get(order=send.order, number=send.reference).pk, send.name)


SENDERS = {
    CONFIRMATION: lambda send: confirm(send.order),
    INVOICE: lambda send: email_invoice(int(send.reference)),
    after_commit.ACKNOWLEDGEMENT: return_email,
    after_commit.REJECTED: return_email,
    after_commit.REFUNDED: return_email,
    after_commit.CANCELLED: return_email,
}


class Command(BaseCommand):
    help = "Send order e-mails (confirmations, invoices, returns) that failed or were cut short."

    def handle(self, *args, **options):
        sent = failed = 0
        for send in pending():
            try:
                SENDERS[send.name](send)
                sent += 1
            except Exception:  # one failing e-mail must not stop the others
                failed += 1
                send.refresh_from_db(fields=["attempts"])
                gave_up = " (gave up)" if send.attempts >= MAX_ATTEMPTS else ""
                logger.exception("%s for order %s not sent%s", send.name, send.order.number, gave_up)
        self.stdout.write(f"{sent} e-mail(s) sent, {failed} failed")
        if failed:
            self.stderr.write("Some e-mails could not be sent; see the log.")
