"""E-mails about a return, in the order's language, each sent once (commerce/order/sending.py) to
the address the withdrawal gave for its confirmation: the acknowledgement of the withdrawal (W4,
W18) with the return slip (W16) and the filled-in model form (W12) as PDFs and up to three
alternatives (W15), the rejection (W17), the cancellation and the refund with its credit notes
(N3). Their names are in after_commit.py."""

from django.utils import translation

from commerce.invoices import archive
from commerce.order.confirmation import absolute
from commerce.order.emails import shop_settings
from commerce.order.guest_links import order_token
from commerce.order.sending import send_once
from commerce.returns import access, alternatives, documents
from commerce.returns.after_commit import ACKNOWLEDGEMENT, EXCHANGED, REFUNDED
from commerce.returns.customer import goods_come_back
from commerce.returns.instructions import instructions
from commerce.returns.models import Return


def attachments_for(return_request: Return, name: str, lines=None, shop=None) -> list:
    if name in (REFUNDED, EXCHANGED) and hasattr(return_request, "refund"):
        return [
            (note.filename, archive.pdf_bytes(note), "application/pdf")
            for note in return_request.refund.credit_notes.all()
        ]
    if name == ACKNOWLEDGEMENT:
        lines = lines if lines is not None else list(return_request.lines.select_related("order_line"))
        return documents.acknowledgement_attachments(return_request, lines, shop or shop_settings())
    return []


def acknowledgement_context(return_request: Return, lines, shop) -> dict:
    """The links work without logging in: they carry the order's signed token."""
    ref = order_token(return_request.order)
    return {
        "instructions": instructions(return_request, lines, shop),
        "return_url": absolute(access.return_path(return_request, ref)),
        "slip_url": absolute(access.return_path(return_request, ref, "returns:slip"))
        if goods_come_back(lines)
        else "",
        "alternatives": alternatives.for_email(return_request.order),
    }


def send(return_id: int, name: str) -> str:
    return_request = Return.objects.select_related("order").get(pk=return_id)

    def build():
        lines = list(return_request.lines.select_related("order_line"))
        shop = shop_settings()
        context = {"return_request": return_request, "return_lines": lines}
        with translation.override(return_request.order.language):
            if name == ACKNOWLEDGEMENT:
                context.update(acknowledgement_context(return_request, lines, shop))
            attachments = attachments_for(return_request, name, lines, shop)
        context["attachment_names"] = [filename for filename, _content, _type in attachments]
        return context, attachments

    if not send_once(
        return_request.order, name, build, reference=return_request.number, to=return_request.email
    ):
        return f"{name} {return_request.number} already sent"
    return f"{name} {return_request.number}"
