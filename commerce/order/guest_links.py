"""Signed links that let a guest (no account) open their own order page.

The token signs the order number with the site's SECRET_KEY and a salt of its own; it does not
expire, because the link in the confirmation e-mail is how a guest later downloads invoices
and withdraws (W4). Changing SECRET_KEY invalidates every link.
"""

from django.core import signing

SALT = "winkelier.order.guest-link"


def order_token(order) -> str:
    # A plain Signer, not signing.dumps (which adds a timestamp): one order, one stable link.
    return signing.Signer(salt=SALT).sign(str(order.number))


def order_number_from_token(token: str) -> str | None:
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
