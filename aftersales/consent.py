"""Marketing consent (A6): every statement kept, the latest readable on the customer.

`record` is the one way consent changes. It adds the statement to the customer's history and,
when it is the latest, sets Customer.marketing_consent and consent_changed_at in the same
transaction. A statement dated before the latest one (the checkout's consent, recorded by a
task that ran after the customer had already unsubscribed) joins the history without
overruling the later statement.

Transactional e-mail (order, invoice, returns, answers) does not ask for consent; only
marketing e-mail does (aftersales/marketing_mail.py).
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from aftersales.customers import customer_for, customer_with_email
from aftersales.models import Consent, Customer
from commerce.payments.models import CheckoutPayment

Source = Consent.Source


def record(
    customer_or_email: Customer | str, given: bool, source: str, at: datetime | None = None
) -> Consent:
    """Record that the customer (or the customer with this e-mail address, created when new)
    gave (`given`) or withdrew consent for marketing e-mail, at `at` (default now), via `source`."""
    customer = (
        customer_or_email
        if isinstance(customer_or_email, Customer)
        else customer_with_email(customer_or_email)
    )
    at = at or timezone.now()
    with transaction.atomic():
        # The lock orders two statements about one customer: the later one ends up current.
        latest = Customer.objects.select_for_update().values_list("consent_changed_at", flat=True)
        changed_at = latest.get(pk=customer.pk)
        statement = Consent.objects.create(customer=customer, given=given, at=at, source=source)
        if changed_at is None or at >= changed_at:
            Customer.objects.filter(pk=customer.pk).update(marketing_consent=given, consent_changed_at=at)
            customer.marketing_consent, customer.consent_changed_at = given, at
    return statement


def has_consent(customer: Customer) -> bool:
    """Whether marketing e-mail may go to the customer now (read from the database, not from a
    copy of the customer that may be older than their last click on "afmelden")."""
    return Customer.objects.filter(pk=customer.pk, marketing_consent=True).exists()


def record_from_checkout(order_id: int) -> Consent | None:
    """The checkout's consent box, recorded once its order is placed, dated when "pay" was
    pressed with it. Only a ticked box says something: unticked withdraws nothing given before.
    Runs once per order, however often it is called."""
    payment = CheckoutPayment.objects.select_related("order").filter(order_id=order_id).first()
    if payment is None or payment.checkout_data.get("marketing_consent") is not True:
        return None
    customer = customer_for(payment.order)
    if customer.consents.filter(source=Source.CHECKOUT, at=payment.created_at).exists():
        return None
    return record(customer, True, Source.CHECKOUT, at=payment.created_at)
