"""Start an iDEAL payment: a PaymentIntent confirmed server-side that sends the shopper to the bank.

iDEAL is a redirect flow: the shop creates and confirms the PaymentIntent with the chosen bank
and a `return_url`; Stripe answers `requires_action` with the bank's URL. After paying, the bank
sends the shopper back to `return_url` (Stripe adds `?payment_intent=pi_...`), where the order is
placed; the webhook places it too if the shopper never comes back.
"""

from urllib.parse import urlencode

from commerce.payments import gateway
from commerce.payments.models import PaymentMethod
from commerce.payments.preparation import start_payment

# Stripe's iDEAL issuers (code -> name shown to the shopper), as the `ideal[bank]` parameter
# of the Stripe API accepts them.
IDEAL_BANKS = {
    "abn_amro": "ABN AMRO",
    "asn_bank": "ASN Bank",
    "bunq": "bunq",
    "buut": "Buut",
    "finom": "Finom",
    "handelsbanken": "Handelsbanken",
    "ing": "ING",
    "knab": "Knab",
    "mollie": "Mollie",
    "moneyou": "Moneyou",
    "n26": "N26",
    "nn": "Nationale-Nederlanden",
    "rabobank": "Rabobank",
    "regiobank": "RegioBank",
    "revolut": "Revolut",
    "sns_bank": "SNS",
    "triodos_bank": "Triodos Bank",
    "van_lanschot": "Van Lanschot Kempen",
    "yoursafe": "Yoursafe",
    "adyen": "Adyen",
}

# A reused PaymentIntent in these statuses is confirmed again (the shopper cancelled at the
# bank, or the first confirmation never happened).
RECONFIRM_STATUSES = frozenset({"requires_payment_method", "requires_confirmation"})


def payment_method_data(bank: str | None) -> dict:
    """Stripe's `payment_method_data` for iDEAL; without a bank Stripe lets the shopper pick one."""
    if not bank:
        return {"type": "ideal"}
    if bank not in IDEAL_BANKS:
        raise ValueError(f"Unknown iDEAL bank {bank!r}; expected one of: {', '.join(sorted(IDEAL_BANKS))}")
    return {"type": "ideal", "ideal": {"bank": bank}}


def with_intent(return_url: str, intent_id: str) -> str:
    """The return URL as Stripe calls it after the bank, for an intent that needs no bank visit."""
    separator = "&" if "?" in return_url else "?"
    return f"{return_url}{separator}{urlencode({'payment_intent': intent_id})}"


def start_ideal(basket, user, checkout_data: dict, bank: str | None, return_url: str) -> str:
    """Return the URL to send the shopper to: the bank's page (or, when this checkout's payment
    is already complete, `return_url` with the PaymentIntent id).

    Raises `ValueError` for an unknown bank, `CheckoutIncomplete`, `gateway.PaymentRefused` and
    `gateway.PaymentUnavailable`.
    """
    method_data = payment_method_data(bank)
    confirmation = {"payment_method_data": method_data, "return_url": return_url}
    payment, intent = start_payment(
        basket, user, checkout_data, PaymentMethod.IDEAL, intent_extra={"confirm": True, **confirmation}
    )
    if intent.status in RECONFIRM_STATUSES:
        intent = gateway.confirm_intent(intent.id, confirmation)
        payment.status = intent.status
        payment.save(update_fields=["status", "updated_at"])
    if intent.status == "requires_action":
        return intent.next_action.redirect_to_url.url
    # processing / succeeded: paid already (e.g. "pay" pressed again after paying), the return
    # view reads the result and places the order.
    return with_intent(return_url, intent.id)
