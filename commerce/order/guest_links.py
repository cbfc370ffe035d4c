"""Signed links that let a guest (no account) open their own order page.

The token signs the order number with the site's SECRET_KEY and a salt of its own; it does not
expire, because the link in the confirmation e-mail is how a guest later downloads invoices
and withdraws (W4). Changing SECRET_KEY invalidates every link.
"""

from django.core import signing

SALT = "winkelier.order.guest-link"


def order_token(order) -> str:
    return signing.dumps(str(order.number), salt=SALT, compress=False)  # str: a fresh order holds an int


def order_number_from_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
