"""Printed thank-you cards (issue 12, item 5): one PDF of cards to print, drawn with reportlab.

No database and no Django: a `Card` holds what is printed, `render()` returns the PDF's bytes.
Two layouts:

- `Layout.POSTCARD`: one A6 card (148 x 105 mm, landscape) per sheet; the address side is a
  page, the message side the next page, so duplex printing puts them back to back.
- `Layout.FOUR_ON_A4`: four cards on a portrait A4 sheet (2 x 2 cells of 105 x 148.5 mm, each
  holding a card turned a quarter); a sheet of message sides, then a sheet of their address
  sides mirrored left-right, so duplex printing on the long edge puts each address behind its
  message. The address side is turned the other way round, so a cut card turns over like a
  book, as postcards do. Thin crop marks show where to cut.

The message side is written in FemkeKlaver (``fonts/femkeklaver.ttf``, CC BY-SA 3.0, licence
next to it), a handwriting font with TrueType outlines (reportlab embeds those, not CFF) that
covers € and the Dutch diacritics. Lines wander a little (baseline, left margin, a fraction of
a degree), from a random generator seeded with the card's reference, so the same card always
prints the same. A message too long for the card is set smaller, down to `MIN_FONT_SIZE`, and
then cut with "…"; nothing is drawn outside the card.
"""

import enum
import functools
import hashlib
import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from commerce.checkout.address_rules import address_lines

FONT_NAME = "FemkeKlaver"
FONT_FILE = Path(__file__).resolve().parent / "fonts" / "femkeklaver.ttf"
ADDRESS_FONT = "Helvetica"

FONT_SIZE = 15.0  # points; legible on A6 in this font
MIN_FONT_SIZE = 11.0
FONT_STEP = 0.5
LEADING = 1.35  # line height as a multiple of the font size
PARAGRAPH_GAP = 0.5  # an empty line in the message, as a multiple of the line height
ELLIPSIS = "…"
CURRENCY_SIGNS = frozenset("€$£")

MARGIN = 11 * mm
JITTER_BASELINE = 0.8  # points, either way
JITTER_MARGIN = 2.0  # points, either way
JITTER_DEGREES = 0.6  # either way, about the line's start

ADDRESS_SIZE = 11.0
MIN_ADDRESS_SIZE = 7.0
STAMP_WIDTH, STAMP_HEIGHT = 22 * mm, 26 * mm
CROP_MARK = 5 * mm


class Layout(enum.Enum):
    POSTCARD = "postcard"
    FOUR_ON_A4 = "four_on_a4"


@dataclass(frozen=True)
class Card:
    """One card: `address_lines` as on a Dutch parcel ("Oudegracht 12", "3511 AB  Utrecht",
    the country only abroad; `card_address_lines` makes them from an Oscar address),
    `message` with paragraphs separated by newlines, `signature` the staff member's first name
    (may be empty) and `reference` (the order number) printed small on the address side."""

    recipient: str
    address_lines: Sequence[str]
    message: str
    signature: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        # A tuple, so the frozen card cannot change through a list it was given.
        object.__setattr__(self, "address_lines", tuple(self.address_lines))


@dataclass(frozen=True)
class MessageLayout:
    """The message as it will be written: its font size, its lines ("" for a paragraph
    break) and whether it had to be cut."""

    size: float
    lines: tuple[str, ...]
    cut: bool = False

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return text_height(self.lines, self.leading)


def card_address_lines(address: Any) -> list[str]:
    """An Oscar address as printed on the card, below the recipient's name: the shop's parcel
    format (`address_lines`) with PostNL's two spaces between postcode and city, and no
    country line for a Dutch address."""
    lines = address_lines(address, with_name=False)
    if getattr(address, "country_id", None) != "NL":
        return lines
    lines = lines[:-1]  # address_lines puts the country last
    postcode, city = address.postcode.strip(), address.line4.strip()
    if postcode and city:
        lines = [f"{postcode}  {city}" if line == f"{postcode} {city}" else line for line in lines]
    return lines


@functools.cache
def handwriting_font() -> str:
    """Registers the handwriting font with reportlab (once per process); returns its name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE)))
    return FONT_NAME


def text_height(lines: Sequence[str], leading: float) -> float:
    return sum(leading * (PARAGRAPH_GAP if line == "" else 1) for line in lines)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words wrapped to `width`; a newline starts a new line, an empty line becomes one ""
    (a paragraph break), and a word wider than the line is split."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        words = words_of(paragraph)
        if not words:
            if lines and lines[-1] != "":
                lines.append("")
            continue
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
                split = len(line) - 1
                while split > 1 and pdfmetrics.stringWidth(line[:split], font, size) > width:
                    split -= 1
                lines.append(line[:split])
                line = line[split:]
        lines.append(line)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def words_of(paragraph: str) -> list[str]:
    """The paragraph's words, a lone currency sign kept with the amount after it ("€ 12,50")."""
    words: list[str] = []
    for word in paragraph.split():
        if words and words[-1] in CURRENCY_SIGNS:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def cut_to_height(lines: list[str], font: str, size: float, width: float, height: float) -> list[str]:
    """As many lines as `height` holds, the last one ending in "…"."""
    leading = size * LEADING
    kept: list[str] = []
    for line in lines:
        if text_height([*kept, line], leading) > height:
            break
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    if not kept:
        return [ELLIPSIS]
    words = kept[-1].split(" ")
    while words and pdfmetrics.stringWidth(" ".join(words) + ELLIPSIS, font, size) > width:
        words.pop()
    kept[-1] = " ".join(words) + ELLIPSIS
    return kept


def layout_message(message: str, width: float, height: float) -> MessageLayout:
    """The largest size from FONT_SIZE down to MIN_FONT_SIZE at which the message fits
    `width` x `height`; at the smallest size, the lines that fit, cut with "…"."""
    font = handwriting_font()
    size = FONT_SIZE
    while True:
        lines = wrap(message, font, size, width)
        if text_height(lines, size * LEADING) <= height:
            return MessageLayout(size, tuple(lines))
        if size - FONT_STEP < MIN_FONT_SIZE:
            return MessageLayout(size, tuple(cut_to_height(lines, font, size, width, height)), cut=True)
        size -= FONT_STEP


def jitter(reference: str, message: str) -> random.Random:
    """The card's own irregularity: the same reference (or, without one, message) gives the
    same wander every time, in every process (not Python's salted hash())."""
    seed = hashlib.sha256((reference or message).encode()).digest()
    return random.Random(int.from_bytes(seed[:8], "big"))  # noqa: S311 - a look, not a secret


def draw_message_side(canvas: Canvas, card: Card, width: float, height: float) -> None:
    """The message in the handwriting font, on a card whose lower left corner is the origin."""
    font = handwriting_font()
    slack = JITTER_MARGIN + 2  # the wander must never push a line past the margin
    text_width = width - 2 * MARGIN - 2 * slack
    signature_room = FONT_SIZE * LEADING * 1.3 if card.signature else 0
    text_area = height - 2 * MARGIN - signature_room
    message = layout_message(card.message, text_width, text_area)
    rng = jitter(card.reference, card.message)
    x = MARGIN + slack
    y = height - MARGIN - message.size  # the first baseline
    for line in message.lines:
        if line == "":
            y -= message.leading * PARAGRAPH_GAP
            continue
        written_line(canvas, rng, line, font, message.size, x, y)
        y -= message.leading
    if card.signature:
        size = min(FONT_SIZE, max(message.size + 1, MIN_FONT_SIZE))
        signature = fitted(card.signature, font, size, width / 2 - MARGIN - slack)
        y -= message.leading * 0.3
        written_line(canvas, rng, signature, font, size, width / 2, max(y, MARGIN))


def written_line(
    canvas: Canvas, rng: random.Random, line: str, font: str, size: float, x: float, y: float
) -> None:
    canvas.saveState()
    canvas.translate(
        x + rng.uniform(-JITTER_MARGIN, JITTER_MARGIN), y + rng.uniform(-JITTER_BASELINE, JITTER_BASELINE)
    )
    canvas.rotate(rng.uniform(-JITTER_DEGREES, JITTER_DEGREES))
    canvas.setFont(font, size)
    canvas.drawString(0, 0, line)
    canvas.restoreState()


def widest(lines: Sequence[str], font: str, size: float) -> float:
    return max(pdfmetrics.stringWidth(line, font, size) for line in lines)


def fitted(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with "…" where it is wider than `width` at `size`."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def draw_address_side(canvas: Canvas, card: Card, sender: str, width: float, height: float) -> None:
    """The shop's name small top left, a stamp box top right, the recipient in the right half,
    the reference small bottom left; the origin is the card's lower left corner."""
    canvas.saveState()
    canvas.setFillGray(0.35)
    canvas.setFont(ADDRESS_FONT, 7)
    canvas.drawString(MARGIN, height - MARGIN - 7, fitted(sender, ADDRESS_FONT, 7, width / 2 - MARGIN))
    if card.reference:
        canvas.setFont(ADDRESS_FONT, 6)
        canvas.drawString(MARGIN, MARGIN, fitted(card.reference, ADDRESS_FONT, 6, width / 2 - MARGIN))
    canvas.setStrokeGray(0.6)
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    stamp_top = height - MARGIN + 3 * mm
    canvas.rect(width - MARGIN + 3 * mm - STAMP_WIDTH, stamp_top - STAMP_HEIGHT, STAMP_WIDTH, STAMP_HEIGHT)
    canvas.setDash()
    canvas.line(width / 2, MARGIN + 5 * mm, width / 2, height - MARGIN - 10 * mm)
    canvas.restoreState()

    lines = [card.recipient, *card.address_lines]
    left = width / 2 + 6 * mm
    room = width - MARGIN - left
    size = ADDRESS_SIZE
    while size > MIN_ADDRESS_SIZE and widest(lines, ADDRESS_FONT, size) > room:
        size -= 0.5
    leading = size * 1.3
    # Centred in the space below the stamp box, never above it.
    top = min(stamp_top - STAMP_HEIGHT - 4 * mm, (height + len(lines) * leading) / 2 - 3 * mm)
    canvas.setFont(ADDRESS_FONT, size)
    for index, line in enumerate(lines):
        y = top - size - index * leading
        if y < MARGIN:
            break
        canvas.drawString(left, y, fitted(line, ADDRESS_FONT, size, room))


Side = Callable[[Canvas, Card, float, float], None]


def render(cards: Sequence[Card], layout: Layout, sender: str = "") -> bytes:
    """The cards as one PDF to print; the same cards always give the same bytes."""
    if not cards:
        raise ValueError("There are no cards to print.")
    buffer = io.BytesIO()
    page_size = landscape(A6) if layout is Layout.POSTCARD else A4
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1)
    canvas.setTitle("Thank-you cards")
    canvas.setAuthor(sender)
    canvas.setCreator("Winkelier")

    def address(canvas: Canvas, card: Card, width: float, height: float) -> None:
        draw_address_side(canvas, card, sender, width, height)

    if layout is Layout.POSTCARD:
        width, height = page_size
        for card in cards:
            for side in (address, draw_message_side):
                side(canvas, card, width, height)
                canvas.showPage()
    else:
        for start in range(0, len(cards), 4):
            sheet = cards[start : start + 4]
            four_on_a4_sheet(canvas, sheet, draw_message_side, mirrored=False)
            four_on_a4_sheet(canvas, sheet, address, mirrored=True)
    canvas.save()
    return buffer.getvalue()


def four_on_a4_sheet(canvas: Canvas, cards: Sequence[Card], side: Side, mirrored: bool) -> None:
    """Up to four cards, left to right and top to bottom (right to left when `mirrored`, the
    back of the sheet), each a landscape card turned a quarter into its portrait cell."""
    sheet_width, sheet_height = A4
    cell_width, cell_height = sheet_width / 2, sheet_height / 2
    for index, card in enumerate(cards):
        column, row = index % 2, index // 2
        if mirrored:
            column = 1 - column
        x, y = column * cell_width, sheet_height - (row + 1) * cell_height
        canvas.saveState()
        if mirrored:  # the card's top towards the sheet's right edge
            canvas.translate(x, y + cell_height)
            canvas.rotate(-90)
        else:  # the card's top towards the sheet's left edge
            canvas.translate(x + cell_width, y)
            canvas.rotate(90)
        side(canvas, card, cell_height, cell_width)
        canvas.restoreState()
    crop_marks(canvas, sheet_width, sheet_height)
    canvas.showPage()


def crop_marks(canvas: Canvas, width: float, height: float) -> None:
    """Where to cut: short lines in from the sheet's edges along the two cuts, and a small
    cross where they meet (in the cards' corners, which hold nothing)."""
    middle_x, middle_y = width / 2, height / 2
    canvas.saveState()
    canvas.setStrokeGray(0.5)
    canvas.setLineWidth(0.25)
    canvas.line(middle_x, 0, middle_x, CROP_MARK)
    canvas.line(middle_x, height, middle_x, height - CROP_MARK)
    canvas.line(0, middle_y, CROP_MARK, middle_y)
    canvas.line(width, middle_y, width - CROP_MARK, middle_y)
    half = CROP_MARK / 2
    canvas.line(middle_x - half, middle_y, middle_x + half, middle_y)
    canvas.line(middle_x, middle_y - half, middle_x, middle_y + half)
    canvas.restoreState()
