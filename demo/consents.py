"""Marketing consent in the demo (A6): about 40 % of the customers said yes, most of them with the
box in the checkout of their first order, others later in their account or by signing up for
the newsletter (a few subscribers never ordered); some withdrew later with the unsubscribe link.
Written with aftersales.consent.record, the one way consent changes; no e-mail is sent.
"""

import random
from datetime import date, datetime, timedelta

from aftersales.consent import Source, record
from aftersales.models import Consent, Customer
from demo.customers import NEWEST_ORDER_DAYS_AGO, CustomerPlan
from demo.returns import moment
from demo.seed import at, rng

CONSENT_SHARE = 0.4
SOURCES = (Source.CHECKOUT, Source.ACCOUNT, Source.NEWSLETTER)
SOURCE_WEIGHTS = (6, 2, 2)
WITHDRAWN_SHARE = 0.12  # of those who gave consent, later unsubscribed
SUBSCRIBED_PROSPECTS = 0.35  # of the customers without orders, signed up for the newsletter


def day_between(random_: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=random_.randint(0, max((last - first).days, 0)))


def given_at(random_: random.Random, source: str, first_order: datetime, today: date) -> datetime:
    """When a buyer said yes: in the checkout just before their first order was placed, or on a
    later day in their account or on the newsletter form (mostly soon after the first order)."""
    if source == Source.CHECKOUT:
        return first_order - timedelta(minutes=1)
    last = today - timedelta(days=NEWEST_ORDER_DAYS_AGO)
    soon = min(first_order.date() + timedelta(days=random_.choice((1, 7, 30, 120))), last)
    return moment(random_, day_between(random_, first_order.date() + timedelta(days=1), soon))


def load_consents(plans: list[CustomerPlan], today: date, progress) -> dict[str, int]:
    """Consent statements of the demo customers, once: a later load finds them and adds none."""
    emails = [plan.email for plan in plans]
    if Consent.objects.filter(customer__email__in=emails).exists():
        return {"consent statements": 0}
    random_ = rng("consent")
    customers = Customer.objects.in_bulk(emails, field_name="email")
    statements: list[tuple[str, bool, str, datetime]] = []  # (e-mail, given, source, at)
    subscribed: dict[str, datetime] = {}  # prospects, from the day they signed up
    for plan in plans:
        customer = customers.get(plan.email)
        if customer is None:  # never ordered
            if random_.random() < SUBSCRIBED_PROSPECTS:
                subscribed[plan.email] = at(today - timedelta(days=plan.joined_days_ago), 7, 5)
                statements.append((plan.email, True, Source.NEWSLETTER, subscribed[plan.email]))
            continue
        if random_.random() >= CONSENT_SHARE:
            continue
        source = random_.choices(SOURCES, weights=SOURCE_WEIGHTS)[0]
        given = given_at(random_, source, customer.created_at, today)
        statements.append((plan.email, True, source, given))
        if random_.random() < WITHDRAWN_SHARE and given.date() < today - timedelta(days=15):
            withdrawn = day_between(random_, given.date() + timedelta(days=14), today - timedelta(days=1))
            statements.append((plan.email, False, Source.UNSUBSCRIBE_LINK, moment(random_, withdrawn)))
    for done, (email, yes, where, when) in enumerate(statements, start=1):
        record(customers.get(email) or email, yes, where, at=when)
        progress.count(done, len(statements), "consent statements")
    # A subscriber is a customer (a Prospect, A5) from the day they signed up.
    new = Customer.objects.in_bulk(list(subscribed), field_name="email")
    for email, customer in new.items():
        customer.created_at = subscribed[email]
    Customer.objects.bulk_update(new.values(), ["created_at"])
    return {"consent statements": len(statements)}
