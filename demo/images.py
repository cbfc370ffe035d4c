"""Product image tiles: the category colour with the product's initials, 800 x 600 PNG.

Drawn with Pillow from the title alone, so the same product always gets the same bytes.
"""

import io

from PIL import Image, ImageDraw, ImageFont

SIZE = (800, 600)
TEXT_COLOUR = (255, 255, 255)
FONT_SIZE = 220
# Words that make poor initials ("Mok met eigen naam" → "MN", not "MM").
SKIPPED_WORDS = {"de", "het", "een", "van", "voor", "met", "en", "door", "op"}


def initials(title: str) -> str:
    words = [word for word in title.replace(",", " ").split() if word.lower() not in SKIPPED_WORDS]
    letters = [word[0] for word in words if word[0].isalnum()]
    return "".join(letters[:2]).upper() or "W"


def product_tile(title: str, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image)
    # A lighter band at the bottom gives the flat tile a little depth.
    band = tuple(min(255, channel + 28) for channel in colour)
    draw.rectangle((0, SIZE[1] - 90, SIZE[0], SIZE[1]), fill=band)
    font = ImageFont.load_default(size=FONT_SIZE)
    draw.text((SIZE[0] / 2, SIZE[1] / 2 - 30), initials(title), font=font, fill=TEXT_COLOUR, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
