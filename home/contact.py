"""Links to the shop's contact channels (ShopSettings: phone, WhatsApp)."""

import re

import phonenumbers

SHOP_REGION = "NL"  # how a number written without a country code is meant


def international_digits(number: str) -> str:
    """The number as an international number in digits only: "06 1234 5678" and
    "+31 6 1234 5678" both → "31612345678"; what does not parse keeps its digits."""
    try:
        parsed = phonenumbers.parse(number, SHOP_REGION)
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


def whatsapp_url(number: str) -> str:
    """WhatsApp's click-to-chat link (wa.me wants the international number, digits only)."""
    return f"https://wa.me/{international_digits(number)}"


def phone_url(number: str) -> str:
    return f"tel:+{international_digits(number)}"
