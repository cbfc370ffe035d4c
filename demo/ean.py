"""EAN-13 codes with a valid check digit for the demo catalogue.

Shop goods use a Dutch GS1 company prefix (871…), books a Dutch ISBN-13 (978-90-…),
and services and made-to-order goods an in-store code (GS1 prefix 2…), as real shops do
for items that have no manufacturer barcode.
"""

GOODS_PREFIX = "8719456"
BOOK_PREFIX = "97890"
IN_STORE_PREFIX = "2045"


def check_digit(body: str) -> str:
    """The EAN-13 check digit for 12 digits: weights 1 and 3 alternating from the left."""
    if len(body) != 12 or not body.isdigit():
        raise ValueError(f"An EAN-13 body has 12 digits, got {body!r}")
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return str((10 - total % 10) % 10)


def ean13(body: str) -> str:
    return body + check_digit(body)


def goods_ean(item: int) -> str:
    return ean13(f"{GOODS_PREFIX}{item:05d}")


def book_isbn(item: int) -> str:
    return ean13(f"{BOOK_PREFIX}{item:07d}")


def in_store_code(item: int) -> str:
    return ean13(f"{IN_STORE_PREFIX}{item:08d}")


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and check_digit(code[:12]) == code[12]
