"""Demo customers: Dutch names and addresses, and how often each one orders.

The plan is pure data from the seed (no database, no calendar), so every load has the
same customers with the same habits; the loader creates the ones that are missing.
"""

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from demo import names
from demo.affinity import pick_favourites
from demo.seed import at, rng

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

# Orders span 18 months; the newest is old enough to have been delivered.
HISTORY_DAYS = 548
NEWEST_ORDER_DAYS_AGO = 12

# (segment, number of customers, fewest and most orders): many one-time buyers, a loyal core.
SEGMENTS = (
    ("prospect", 24, 0, 0),
    ("one-time", 136, 1, 1),
    ("occasional", 76, 2, 3),
    ("regular", 60, 4, 9),
    ("loyal", 44, 14, 34),
)
BUSINESS_ORDERS = (3, 6)


@dataclass(frozen=True)
class CustomerPlan:
    email: str
    first_name: str
    last_name: str
    line1: str
    line2: str
    postcode: str
    city: str
    phone: str
    segment: str
    joined_days_ago: int
    # Days before the load date on which this customer ordered, oldest first.
    order_days_ago: tuple[int, ...]
    favourites: tuple[str, ...]

    @property
    def is_business(self) -> bool:
        return self.segment == "business"


def ascii_slug(text: str) -> str:
    """ "Van der Meer" → "vandermeer", "Yılmaz" → "yilmaz": safe for an e-mail local part."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(char for char in decomposed if char.isalnum() and char.isascii()).lower()


def postcode(random_: random.Random, first: int, last: int) -> str:
    while True:
        letters = "".join(random_.choices(names.POSTCODE_LETTERS, k=2))
        if letters not in names.EXCLUDED_POSTCODE_PAIRS:
            return f"{random_.randint(first, last)} {letters}"


def mobile_number(random_: random.Random) -> str:
    return f"+316{random_.randint(1, 5)}{random_.randint(0, 9_999_999):07d}"


def order_days(random_: random.Random, count: int) -> tuple[int, ...]:
    """Order dates as days ago; customers with many orders have been around longer."""
    if count == 0:
        return ()
    earliest_start = min(HISTORY_DAYS - 30, NEWEST_ORDER_DAYS_AGO + 14 * count)
    first = random_.randint(earliest_start, HISTORY_DAYS)
    later = [random_.randint(NEWEST_ORDER_DAYS_AGO, first) for _ in range(count - 1)]
    return tuple(sorted([first, *later], reverse=True))


def unique_email(local: str, domain: str, taken: set[str]) -> str:
    candidate, number = f"{local}@{domain}", 1
    while candidate in taken:
        number += 1
        candidate = f"{local}{number}@{domain}"
    taken.add(candidate)
    return candidate


def plan_customer(
    random_, favourites_random, taken: set[str], segment: str, orders: tuple[int, int], business
):
    first_name = random_.choice(names.FIRST_NAMES)
    prefix, surname = random_.choice(names.SURNAMES)
    city, first_area, last_area = random_.choice(names.CITIES)
    street = f"{random_.choice(names.STREETS)} {random_.randint(1, 180)}"
    if business:
        company, domain = business
        email, line1, line2 = unique_email("inkoop", domain, taken), company, street
    else:
        local = f"{ascii_slug(first_name)}.{ascii_slug(prefix + surname)}"
        email = unique_email(local, random_.choice(names.EMAIL_DOMAINS), taken)
        line1, line2 = street, ""
    days = order_days(random_, random_.randint(*orders))
    return CustomerPlan(
        email=email,
        first_name=first_name,
        last_name=f"{prefix} {surname}".strip(),
        line1=line1,
        line2=line2,
        postcode=postcode(random_, first_area, last_area),
        city=city,
        phone=mobile_number(random_),
        segment=segment,
        # Shoppers register at their first checkout; prospects signed up without ordering.
        joined_days_ago=days[0] if days else random_.randint(NEWEST_ORDER_DAYS_AGO, HISTORY_DAYS),
        order_days_ago=days,
        favourites=pick_favourites(favourites_random),
    )


def plan_customers() -> list[CustomerPlan]:
    random_ = rng("customers")
    # A stream of its own, so tuning the affinity groups never changes who the customers are.
    favourites_random = rng("favourites")
    segments: list[tuple[str, tuple[int, int], tuple[str, str] | None]] = [
        (segment, (low, high), None) for segment, size, low, high in SEGMENTS for _ in range(size)
    ]
    segments += [("business", BUSINESS_ORDERS, business) for business in names.BUSINESSES]
    taken: set[str] = set()
    return [
        plan_customer(random_, favourites_random, taken, segment, orders, business)
        for segment, orders, business in segments
    ]


def build_user(plan: CustomerPlan, today: date):
    user = get_user_model()(
        email=plan.email,
        first_name=plan.first_name,
        last_name=plan.last_name,
        is_active=True,
        # Registered at checkout, shortly before the first order.
        date_joined=at(today - timedelta(days=plan.joined_days_ago), 7),
    )
    user.set_unusable_password()
    return user


def build_address(plan: CustomerPlan, user, netherlands):
    address = UserAddress(
        user=user,
        first_name=plan.first_name,
        last_name=plan.last_name,
        line1=plan.line1,
        line2=plan.line2,
        line4=plan.city,
        postcode=plan.postcode,
        country=netherlands,
        phone_number=plan.phone,
        is_default_for_shipping=True,
        is_default_for_billing=True,
        num_orders_as_shipping_address=len(plan.order_days_ago),
    )
    # bulk_create skips save(), which fills these two.
    address.hash = address.generate_hash()
    address.search_text = address.join_fields(address.search_fields, separator=" ")
    return address


def load_customers(plans: list[CustomerPlan], today: date, progress) -> dict[str, int]:
    User = get_user_model()
    emails = [plan.email for plan in plans]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    new_users = [build_user(plan, today) for plan in plans if plan.email not in existing]
    User.objects.bulk_create(new_users, batch_size=500)
    progress.count(len(plans), len(plans), "customers")

    users = User.objects.filter(email__in=emails).in_bulk(field_name="email")
    with_address = set(
        UserAddress.objects.filter(user__email__in=emails).values_list("user__email", flat=True)
    )
    netherlands = Country.objects.get(iso_3166_1_a2="NL")
    addresses = [
        build_address(plan, users[plan.email], netherlands)
        for plan in plans
        if plan.email not in with_address
    ]
    UserAddress.objects.bulk_create(addresses, batch_size=500)
    return {"customers": len(new_users), "addresses": len(addresses)}
