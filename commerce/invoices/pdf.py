"""The invoice PDF (N3), drawn with reportlab from the invoice's snapshot only.

Labels are translated into the snapshot's language at drawing time; every value printed
(names, addresses, amounts, dates) comes from the snapshot, so a reprint is identical.
"""

import datetime
import io
from decimal import Decimal

from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from commerce.invoices.documents import money

STYLES = getSampleStyleSheet()
RIGHT_COLUMNS = ("RIGHT", (1, 0), (-1, -1))


def percent(rate: str) -> str:
    value = Decimal(rate).normalize()
    return f"{value:f}%"


def header(data: dict) -> list:
    shop, customer = data["shop"], data["customer"]
    credit = data["kind"] == "credit_note"
    title = _("Creditnota") if credit else _("Factuur")
    issued_on = formats.date_format(datetime.date.fromisoformat(data["issued_on"]), "j F Y")
    shop_lines = [shop["name"], shop["street_address"], f"{shop['postcode']} {shop['city']}".strip()]
    shop_lines += [_("KvK-nummer: %s") % shop["kvk_number"], _("Btw-nummer: %s") % shop["vat_number"]]
    facts = [
        (_("Creditnotanummer") if credit else _("Factuurnummer"), data["number"]),
        (_("Factuurdatum"), issued_on),
        (_("Bestelnummer"), data["order_number"]),
    ]
    if credit:
        facts.append((_("Crediteert factuur"), data["credits"]))
    addressed = [customer["name"], *customer["address"]]
    return [
        Paragraph(title, STYLES["Title"]),
        Paragraph("<br/>".join(escape(line) for line in shop_lines if line), STYLES["Normal"]),
        Spacer(1, 6 * mm),
        Table(
            [
                [
                    Paragraph("<br/>".join(escape(line) for line in addressed), STYLES["Normal"]),
                    Table(facts, hAlign="RIGHT"),
                ]
            ],
            colWidths=[95 * mm, 80 * mm],
        ),
        Spacer(1, 8 * mm),
    ]


def lines_table(data: dict) -> Table:
    language = data["language"]
    rows = [[_("Omschrijving"), _("Aantal"), _("Prijs excl. btw"), _("Btw"), _("Totaal excl. btw")]]
    for line in data["lines"]:
        rows.append(
            [
                Paragraph(escape(line["description"]), STYLES["Normal"]),
                str(line["quantity"]),
                money(line["unit_price_excl_tax"], language),
                percent(line["vat_rate"]),
                money(line["total_excl_tax"], language),
            ]
        )
    table = Table(rows, colWidths=[75 * mm, 15 * mm, 30 * mm, 17 * mm, 33 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                RIGHT_COLUMNS,
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def totals_table(data: dict) -> Table:
    language = data["language"]
    rows = [[_("Totaal excl. btw"), money(data["total_excl_tax"], language)]]
    for bucket in data["vat"]:
        label = _("Btw %(rate)s over %(net)s") % {
            "rate": percent(bucket["rate"]),
            "net": money(bucket["net"], language),
        }
        rows.append([label, money(bucket["vat"], language)])
    rows.append([_("Totaal incl. btw"), money(data["total_incl_tax"], language)])
    table = Table(rows, colWidths=[70 * mm, 33 * mm], hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                RIGHT_COLUMNS,
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    return table


def render(data: dict) -> bytes:
    buffer = io.BytesIO()
    with translation.override(data["language"]):
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=f"{_('Factuur')} {data['number']}",
            author=data["shop"]["name"],
            leftMargin=18 * mm,
            rightMargin=18 * mm,
        )
        story = header(data) + [lines_table(data), Spacer(1, 6 * mm), KeepTogether(totals_table(data))]
        document.build(story)
    return buffer.getvalue()
