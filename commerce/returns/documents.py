"""The PDFs of a withdrawal, drawn with reportlab in the invoices' style (commerce/invoices/pdf.py):
the return slip (W16: the return number large, as a QR code and a Code 128 barcode, the shop's
return address, the order and what goes back) and the model withdrawal form (W12), blank with
the shop filled in, or filled in with what a withdrawal told us.

Drawn when asked for, in the active language (an e-mail's: the order's), from the database.
"""

import io

from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from commerce.invoices.pdf import STYLES
from commerce.returns import model_form
from commerce.returns.customer import goods_come_back

NUMBER_STYLE = ParagraphStyle(
    "ReturnNumber", parent=STYLES["Title"], fontSize=30, leading=36, alignment=TA_LEFT
)
MARGINS = {"leftMargin": 18 * mm, "rightMargin": 18 * mm}


def slip_filename(return_request) -> str:
    return f"retourbon-{return_request.number}.pdf"


MODEL_FORM_FILENAME = "modelformulier-herroeping.pdf"


def paragraph(lines, style="Normal") -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines if line), STYLES[style])


def shop_address(shop) -> list[str]:
    return [shop.legal_name, shop.street_address, f"{shop.postcode} {shop.city}".strip()]


def qr_code(value: str, size: float = 36 * mm) -> Drawing:
    widget = QrCodeWidget(value)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def build(title: str, author: str, story: list) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author, **MARGINS).build(story)
    return buffer.getvalue()


def return_slip(return_request, lines, shop) -> bytes:
    """W16: the slip to stick on the parcel; `lines` are the return's lines."""
    number = return_request.number
    codes = Table(
        [[qr_code(number), Code128(number, barHeight=16 * mm, barWidth=0.5 * mm, humanReadable=True)]],
        colWidths=[50 * mm, 120 * mm],
        hAlign="LEFT",
    )
    codes.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    sent_at = formats.date_format(timezone.localtime(return_request.notice_at), "j F Y, H:i")
    facts = [[_("Bestelnummer"), return_request.order.number], [_("Herroeping verstuurd op"), sent_at]]
    if return_request.pickup_on:
        facts.append([_("We halen het op"), formats.date_format(return_request.pickup_on, "l j F Y")])
    rows = [[_("Aantal"), _("Artikel")]]
    rows += [
        [str(line.quantity_to_come_back), Paragraph(escape(line.order_line.title), STYLES["Normal"])]
        for line in lines
        if line.quantity_to_come_back
    ]
    goods = Table(rows, colWidths=[20 * mm, 150 * mm], repeatRows=1, hAlign="LEFT")
    goods.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph(_("Retourbon"), STYLES["Heading1"]),
        Paragraph(escape(number), NUMBER_STYLE),
        codes,
        Spacer(1, 6 * mm),
        Paragraph(_("Retouradres"), STYLES["Heading2"]),
        paragraph(shop_address(shop)),
        Spacer(1, 4 * mm),
        Table(facts, hAlign="LEFT"),
        Spacer(1, 4 * mm),
        Paragraph(_("In dit pakket"), STYLES["Heading2"]),
        goods,
        Spacer(1, 6 * mm),
        Paragraph(_("Plak deze retourbon op het pakket of stop hem erin."), STYLES["BodyText"]),
    ]
    return build(f"{_('Retourbon')} {number}", shop.legal_name, story)


def blank_lines(count: int) -> Table:
    """Lines to write on by hand."""
    table = Table([[""] for _line in range(count)], colWidths=[170 * mm], rowHeights=9 * mm)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table


def answer(lines: list[str] | None, tall: bool) -> Table | Paragraph:
    return paragraph(lines) if lines else blank_lines(3 if tall else 1)


def model_form_pdf(shop, filled: dict[str, list[str]] | None = None) -> bytes:
    """W12: the model form addressed to the shop; `filled` (model_form.filled_in) fills it in."""
    filled = filled or {}
    to = [*shop_address(shop), f"{_('E-mail')}: {shop.email}" if shop.email else ""]
    story = [
        Paragraph(escape(str(model_form.TITLE)), STYLES["Title"]),
        Paragraph(f"<i>{escape(str(model_form.ONLY_WHEN))}</i>", STYLES["Normal"]),
        Spacer(1, 6 * mm),
        Paragraph(f"<b>{escape(str(model_form.TO))}:</b>", STYLES["Normal"]),
        paragraph(to),
        Spacer(1, 6 * mm),
        Paragraph(escape(str(model_form.STATEMENT)), STYLES["Normal"]),
        answer(filled.get(model_form.GOODS), tall=True),
    ]
    for field in model_form.FIELDS:
        story += [
            Spacer(1, 5 * mm),
            Paragraph(f"<b>{escape(str(field.label))}:</b>", STYLES["Normal"]),
            answer(filled.get(field.key), field.tall),
        ]
    story += [Spacer(1, 8 * mm), Paragraph(f"(*) {escape(str(model_form.STRIKE_OUT))}", STYLES["Normal"])]
    return build(str(model_form.TITLE), shop.legal_name, story)


def acknowledgement_attachments(return_request, lines, shop) -> list[tuple[str, bytes, str]]:
    """W4/W16/W12: the slip (when anything goes back) and the model form as the customer's
    statement, filled in."""
    attachments = []
    if goods_come_back(lines):
        attachments.append(
            (slip_filename(return_request), return_slip(return_request, lines, shop), "application/pdf")
        )
    filled = model_form.filled_in(return_request, lines)
    attachments.append((MODEL_FORM_FILENAME, model_form_pdf(shop, filled), "application/pdf"))
    return attachments
