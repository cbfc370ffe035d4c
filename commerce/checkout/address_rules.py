"""Dutch address rules for the checkout, as plain functions (no forms, no database).

A Dutch postcode is four digits (not starting with 0) and two letters, written "1234 AB";
the letter pairs SA, SD and SS are not issued. A Dutch address needs a house number, with an
optional addition ("12", "12a", "12-2", "12 bis").
"""

import re
from typing import Any

DUTCH_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
UNISSUED_LETTERS = frozenset({"SA", "SD", "SS"})
HOUSE_NUMBER = re.compile(r"^[0-9]{1,5}(\s*[-/]?\s*[0-9A-Za-z]{1,6}){0,2}$")


def normalise_dutch_postcode(postcode: str) -> str | None:
    """'1234ab' -> '1234 AB'; None when it is not a Dutch postcode."""
    match = DUTCH_POSTCODE.match(re.sub(r"\s+", " ", postcode.strip().upper()))
    if match is None or match.group(2) in UNISSUED_LETTERS:
        return None
    return f"{match.group(1)} {match.group(2)}"


def is_house_number(value: str) -> bool:
    """A house number with an optional addition: '12', '12a', '12-2', '12 bis', '7 II'."""
    return bool(HOUSE_NUMBER.match(value.strip()))


def address_lines(address: Any, with_name: bool = True) -> list[str]:
    """An address as printed on a Dutch parcel or letter: name, "street number", extra line,
    "postcode city", region, country (Oscar prints street and number, postcode and city on
    separate lines). EU countries write the postcode before the city as well."""
    lines = [
        address.salutation if with_name else "",
        " ".join(filter(None, (address.line1.strip(), address.line2.strip()))),
        address.line3.strip(),
        " ".join(filter(None, (address.postcode.strip(), address.line4.strip()))),
        address.state.strip(),
        str(address.country.printable_name) if address.country_id else "",
    ]
    return [line for line in lines if line]
