"""The printed thank-you cards (issue 12, item 5; domain.md A3 "bulk print cards as one PDF"):
the PDF read back with pypdf as a printer and the person holding the card would see it.

No database: `aftersales.cards` renders from plain `Card` values.
"""

import io
import re
from types import SimpleNamespace

import pypdf
import pytest
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.pdfbase import pdfmetrics

from aftersales import cards
from aftersales.cards import Card, Layout, card_address_lines, render

SENDER = "Theehuis De Kop"
MESSAGE = (
    "Beste Anouk,\n\n"
    "Dank je wel voor je bestelling! De ëénhoorn-mok van € 12,50 is met zorg ingepakt, en de "
    "crème brûlée-thee ook. Naïef als we zijn hopen we dat je er lang plezier van hebt.\n\n"
    "Hartelijke groet,"
)
LONG_MESSAGE = "\n\n".join(
    f"Alinea {n}: dit is een boodschap die veel te lang is voor één kaartje, met woorden achter elkaar."
    for n in range(1, 40)
)


def card(number=1, message=MESSAGE, **overrides):
    values = {
        "recipient": f"Anouk de Vries {number}",
        "address_lines": ["Oudegracht 12", "3511 AB  Utrecht"],
        "message": message,
        "signature": "Femke",
        "reference": f"10004{number}",
    }
    return Card(**(values | overrides))


def read(content):
    return pypdf.PdfReader(io.BytesIO(content))


def squashed(text):
    """Text without whitespace: pypdf joins or splits wrapped lines at will."""
    return "".join(text.split())


def fonts_of(page):
    return {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}


def placed_text(page):
    """(text, x0, y0, x1, y1, font) of every string drawn on the page: where it starts and ends
    on the page, the canvas transformations (card turned a quarter, line rotation) applied."""
    placed = []

    def visitor(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        a, b, c, d, e, f = tm
        matrix = (
            a * cm[0] + b * cm[2],
            a * cm[1] + b * cm[3],
            c * cm[0] + d * cm[2],
            c * cm[1] + d * cm[3],
            e * cm[0] + f * cm[2] + cm[4],
            e * cm[1] + f * cm[3] + cm[5],
        )
        base_font = str(font["/BaseFont"])
        name = cards.FONT_NAME if "femkeklaver" in base_font else base_font.lstrip("/")
        width = pdfmetrics.stringWidth(text.rstrip("\n"), name, size)
        x0, y0 = matrix[4], matrix[5]
        placed.append((text.strip(), x0, y0, x0 + width * matrix[0], y0 + width * matrix[1], base_font))

    page.extract_text(visitor_text=visitor)
    return placed


@pytest.mark.rule("A3")
def test_a_postcard_is_its_address_side_then_its_message_side_on_a6_pages():
    reader = read(render([card(1), card(2)], Layout.POSTCARD, sender=SENDER))

    assert len(reader.pages) == 4
    width, height = landscape(A6)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)
    address, message = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Anouk de Vries 1" in address
    assert "3511 AB  Utrecht" in address
    assert "Oudegracht 12" in address
    assert SENDER in address
    assert "100041" in address
    assert squashed(MESSAGE) in squashed(message)
    assert "Femke" in message
    assert "Anouk de Vries 2" in reader.pages[2].extract_text()


@pytest.mark.rule("A3")
def test_the_message_is_written_in_the_embedded_handwriting_font():
    reader = read(render([card()], Layout.POSTCARD, sender=SENDER))
    message_page = reader.pages[1]

    handwriting = [name for name in fonts_of(message_page) if name.endswith("+femkeklaver")]
    assert len(handwriting) == 1
    assert re.fullmatch(r"/[A-Z]{6}\+femkeklaver", handwriting[0])  # a subset, embedded
    font = next(
        font.get_object()
        for font in message_page["/Resources"]["/Font"].values()
        if font.get_object()["/BaseFont"] == handwriting[0]
    )
    assert "/FontFile2" in font["/FontDescriptor"]  # TrueType outlines in the file
    # Every word of the message is handwritten; the address side is plain Helvetica, for the postman.
    assert {spot[-1] for spot in placed_text(message_page)} == {handwriting[0]}
    assert {spot[-1] for spot in placed_text(reader.pages[0])} == {"/Helvetica"}


@pytest.mark.rule("A3")
def test_euro_sign_and_dutch_diacritics_survive():
    text = read(render([card()], Layout.POSTCARD, sender=SENDER)).pages[1].extract_text()

    for word in ("€", "ëénhoorn-mok", "crème", "brûlée-thee", "Naïef"):
        assert word in text


@pytest.mark.rule("A3")
@pytest.mark.parametrize(("count", "sheets"), [(1, 1), (3, 1), (4, 1), (5, 2), (8, 2), (9, 3)])
def test_four_on_a4_prints_a_message_sheet_and_an_address_sheet_per_four_cards(count, sheets):
    reader = read(render([card(n) for n in range(1, count + 1)], Layout.FOUR_ON_A4, sender=SENDER))

    assert len(reader.pages) == 2 * sheets
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=0.01)
    messages = "".join(page.extract_text() for page in reader.pages[0::2])
    addresses = "".join(page.extract_text() for page in reader.pages[1::2])
    for n in range(1, count + 1):
        assert f"Anouk de Vries {n}" in addresses
        assert f"Anouk de Vries {n}" not in messages
    assert messages.count("Femke") == count
    assert addresses.count("3511 AB  Utrecht") == count


@pytest.mark.rule("A3")
def test_four_on_a4_puts_each_address_behind_its_message_for_long_edge_duplex():
    """Turned over on the long edge, the sheet's left half is behind its right half: the back
    is mirrored left-right, rows stay where they are."""
    reader = read(render([card(n, message=f"Boodschap{n}") for n in range(1, 5)], Layout.FOUR_ON_A4))
    middle_x, middle_y = A4[0] / 2, A4[1] / 2

    def quarter(placed, needle):
        (x0, y0, x1, y1) = next(spot[1:5] for spot in placed if needle in spot[0])
        column = "left" if (x0 + x1) / 2 < middle_x else "right"
        return column, "top" if (y0 + y1) / 2 > middle_y else "bottom"

    front, back = placed_text(reader.pages[0]), placed_text(reader.pages[1])
    expected = {1: ("left", "top"), 2: ("right", "top"), 3: ("left", "bottom"), 4: ("right", "bottom")}
    for n, (side, row) in expected.items():
        assert quarter(front, f"Boodschap{n}") == (side, row)
        assert quarter(back, f"Anouk de Vries {n}") == ({"left": "right", "right": "left"}[side], row)


@pytest.mark.rule("A3")
@pytest.mark.parametrize("layout", list(Layout))
def test_a_very_long_message_is_cut_with_an_ellipsis_and_stays_on_the_card(layout):
    content = render([card(message=LONG_MESSAGE)], layout, sender=SENDER)
    reader = read(content)
    message_page = reader.pages[0] if layout is Layout.FOUR_ON_A4 else reader.pages[1]
    text = message_page.extract_text()

    assert "…" in text
    assert "Alinea 1:" in text
    assert "Alinea 39" not in text  # cut, not overflowing
    assert "Femke" in text  # the signature keeps its place
    # Every string starts and ends on the page, a few millimetres clear of its edges.
    clear = 5 * 72 / 25.4
    box = message_page.mediabox
    placed = placed_text(message_page)
    assert len(placed) > 10
    for text_, x0, y0, x1, y1, _font in placed:
        for x, y in ((x0, y0), (x1, y1)):
            assert clear < x < float(box.width) - clear, text_
            assert clear < y < float(box.height) - clear, text_


def test_a_long_message_is_first_set_smaller_then_cut_at_the_smallest_size():
    width, height = 340.0, 200.0
    fits = cards.layout_message(MESSAGE, width, height)
    squeezed = cards.layout_message(" ".join([MESSAGE.replace("\n", " ")] * 3), width, height)
    cut = cards.layout_message(LONG_MESSAGE, width, height)

    assert fits.size == cards.FONT_SIZE
    assert not fits.cut
    assert cards.MIN_FONT_SIZE <= squeezed.size < cards.FONT_SIZE
    assert not squeezed.cut
    assert cut.size == cards.MIN_FONT_SIZE
    assert cut.cut
    assert cut.lines[-1].endswith("…")
    assert cut.height <= height
    font = cards.handwriting_font()
    for layout in (fits, squeezed, cut):
        assert all(pdfmetrics.stringWidth(line, font, layout.size) <= width for line in layout.lines)


def test_an_amount_is_not_split_from_its_euro_sign():
    font = cards.handwriting_font()
    for width in range(120, 340, 7):
        lines = cards.wrap(MESSAGE, font, cards.FONT_SIZE, float(width))
        assert not any(line.endswith("€") for line in lines), width


@pytest.mark.rule("A3")
@pytest.mark.parametrize("layout", list(Layout))
def test_the_same_cards_give_the_same_bytes(layout):
    batch = [card(n) for n in range(1, 6)]

    first = render(batch, layout, sender=SENDER)

    assert render(batch, layout, sender=SENDER) == first
    # The wander of the lines comes from the reference: another card looks different.
    other = render([card(1, reference="999")], layout, sender=SENDER)
    assert other != render([card(1)], layout, sender=SENDER)


def test_a_card_without_signature_or_reference_still_prints():
    reader = read(render([card(signature="", reference="")], Layout.POSTCARD))

    assert "Femke" not in reader.pages[1].extract_text()
    assert squashed(MESSAGE) in squashed(reader.pages[1].extract_text())


def test_nothing_to_print_is_refused():
    with pytest.raises(ValueError, match="no cards"):
        render([], Layout.POSTCARD, sender=SENDER)


def test_a_card_does_not_change_through_the_list_it_was_given():
    lines = ["Oudegracht 12", "3511 AB  Utrecht"]
    made = card(address_lines=lines)
    lines.append("Extra")

    assert made.address_lines == ("Oudegracht 12", "3511 AB  Utrecht")


def address(country_id, printable_name, **fields):
    values = {
        "salutation": "Mevr. A. de Vries",
        "line1": "Oudegracht",
        "line2": "12",
        "line3": "",
        "line4": "Utrecht",
        "state": "",
        "postcode": "3511 AB",
        "country_id": country_id,
        "country": SimpleNamespace(printable_name=printable_name),
    }
    return SimpleNamespace(**(values | fields))


def test_a_dutch_address_is_printed_in_parcel_format_without_the_country():
    assert card_address_lines(address("NL", "Nederland")) == ["Oudegracht 12", "3511 AB  Utrecht"]


def test_an_address_abroad_keeps_its_country_line():
    belgian = address("BE", "België", line1="Meir", line2="1", postcode="2000", line4="Antwerpen")

    assert card_address_lines(belgian) == ["Meir 1", "2000 Antwerpen", "België"]
