"""CSV files for staff to open in Excel, as a Dutch Excel reads them: semicolons between the
cells (the comma is the decimal sign here), decimal commas, UTF-8 with a byte-order mark so
"é" stays "é". Streamed row by row, so a list of any length starts downloading at once and
is never held in memory whole.

A cell that starts like a formula (=, +, -, @, or a tab or carriage return that Excel skips)
gets a leading apostrophe: an e-mail address or name a customer typed must not run as a
formula on a staff member's computer (OWASP "CSV injection").
"""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import StreamingHttpResponse

DELIMITER = ";"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, defused when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def decimal_nl(amount: Decimal) -> str:
    """12345.6 → "12345,60": Dutch Excel reads it as a number (no thousands separator)."""
    return f"{amount:.2f}".replace(".", ",")


class Line:
    """A file-like object that hands back what is written, for csv.writer to write one line."""

    def write(self, text: str) -> str:
        return text


def lines(header: list[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(Line(), delimiter=DELIMITER)
    yield BOM + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_download(filename: str, header: list[str], rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
