"""E-mails about a return, in the order's language, each sent once (commerce/order/sending.py):
the acknowledgement of the withdrawal (W4, W18), the rejection (W17), the cancellation and the
refund with its credit notes (N3). Their names are in after_commit.py."""

from commerce.invoices import archive
from commerce.order.sending import send_once
from commerce.returns.after_commit import EXCHANGED, REFUNDED
from commerce.returns.models import Return


def attachments_for(return_request: Return, name: str) -> list:
    if name in (REFUNDED, EXCHANGED) and hasattr(return_request, "refund"):
        return [
            (note.filename, archive.pdf_bytes(note), "application/pdf")
            for note in return_request.refund.credit_notes.all()
        ]
    return []


def send(return_id: int, name: str) -> str:
    return_request = Return.objects.select_related("order").get(pk=return_id)

    def build():
        lines = list(return_request.lines.select_related("order_line"))
        context = {"return_request": return_request, "return_lines": lines}
        return context, attachments_for(return_request, name)

    if not send_once(return_request.order, name, build, reference=return_request.number):
        return f"{name} {return_request.number} already sent"
    return f"{name} {return_request.number}"
