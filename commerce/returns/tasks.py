"""Background work for returns: e-mails and refunds, run after the deciding transaction."""

import logging

from django_tasks import task

from commerce.returns import emails, refunds
from commerce.returns.models import Return
from commerce.returns.transitions import SYSTEM, ReturnRefused

logger = logging.getLogger(__name__)


@task()
def send_return_email(return_id: int, name: str) -> str:
    return emails.send(return_id, name)


@task()
def refund_return(return_id: int) -> str:
    """The automatic refund; when it cannot be made it stays due for staff, with the error."""
    return_request = Return.objects.get(pk=return_id)
    try:
        refund = refunds.make(return_request, SYSTEM)
    except ReturnRefused as error:
        logger.warning("Refund of %s not made: %s", return_request.number, error)
        return f"{return_request.number}: {error}"
    return f"{return_request.number}: {refund.get_status_display()} € {refund.amount}"
