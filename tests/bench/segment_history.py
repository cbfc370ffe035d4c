"""A shop's customers and orders at scale, written straight into a migrated PostgreSQL database
by set-based SQL (generate_series, random() after setseed: the same rows every run), for the
segments benchmark.

Issue 13's shape: 200,000 customers, 1,000,000 orders over two years. 190,000 of the customers
bought: each once, and the other 810,000 orders go to them skewed (the n-th of them in a
shuffled order gets a share like 1 / (n + 50)): a third ordered once, a quarter twice, and a few
are wholesale buyers with up to ~1,900 orders. 60 % of the buyers have an account (their orders
carry the user), the rest order as guests; the last 10,000 customers never ordered (Prospects).
One buyer in 20 has no Customer row yet, so the computation makes those first. 2 % of the
orders are cancelled; 3 % of the others had a refund of half the order, nine in ten of them
paid back.

Only the columns that vary are written per row; every other column gets its field's default (or
a given value) as one parameter for all rows, so new fields with a default need no change here.
"""

import enum
from dataclasses import dataclass

from oscar.core.loading import get_model
from psycopg.types.json import Jsonb

from aftersales.models import Customer
from commerce.order import statuses
from commerce.returns.models import Refund, Return, State
from tests.bench.history_database import constant_values

User = get_model("users", "User")
Order = get_model("order", "Order")


@dataclass(frozen=True)
class Shape:
    customers: int = 200_000
    buyers: int = 190_000
    orders: int = 1_000_000
    account_share: float = 0.6
    without_customer_row: int = 20  # one buyer in this many
    days: int = 730
    cancelled_share: float = 0.02
    refunded_share: float = 0.03


def as_stored(field, value):
    """A value as psycopg passes it to PostgreSQL."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict | list):
        return Jsonb(value)
    return value


def insert(db, model, varying: dict[str, str], source: str, **given) -> int:
    """INSERT INTO model's table the `varying` columns (SQL expressions over `source`), every
    other column its default or the given value; returns the rows written."""
    constants = constant_values(model, varying, given, stored=as_stored)
    columns = ", ".join([*varying, *constants])
    values = ", ".join([*varying.values(), *(["%s"] * len(constants))])
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) SELECT {values} {source}"  # noqa: S608
    return db.execute(sql, list(constants.values())).rowcount


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def email(index: str) -> str:
    return f"'klant' || {index} || '@bench.example.test'"


def write(db, shape: Shape = Shape()) -> dict[str, int]:
    """The history into the database `db` (a psycopg connection); the rows written per table."""
    db.execute("SELECT setseed(0.13)")
    accounts = int(shape.buyers * shape.account_share)
    user = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM users_user").fetchone()[0]
    written = {}
    every_account = f"FROM generate_series(0, {accounts - 1}) g"
    written["users"] = insert(
        db, User, {"id": f"{user} + g", "email": email("g")}, every_account, password="!"
    )
    db.execute("SELECT setval(pg_get_serial_sequence('users_user', 'id'), (SELECT MAX(id) FROM users_user))")
    written["customer rows"] = insert(
        db,
        Customer,
        {"email": email("g"), "user_id": f"CASE WHEN g < {accounts} THEN {user} + g END"},
        f"FROM generate_series(0, {shape.customers - 1}) g "
        f"WHERE g >= {shape.buyers} OR mod(g, {shape.without_customer_row}) <> 0",
    )
    placed = f"now() - random() * interval '{shape.days} days'"
    written["orders"] = write_orders(db, shape, range(shape.orders), placed)
    cancelled = literal(statuses.CANCELLED)
    written["returns"] = insert(
        db,
        Return,
        {
            "number": "'R' || o.number",
            "order_id": "o.id",
            "state": literal(State.REFUNDED),
            "notice_at": "o.date_placed + interval '5 days'",
            "customer_name": "'Bench'",
            "email": "'retour@bench.example.test'",
            "legal_refund_deadline": "(o.date_placed + interval '19 days')::date",
            "escalate_on": "(o.date_placed + interval '17 days')::date",
        },
        f"FROM order_order o WHERE o.status <> {cancelled} AND random() < {shape.refunded_share}",
    )
    succeeded, due = literal(Refund.Status.SUCCEEDED), literal(Refund.Status.DUE)
    written["refunds"] = insert(
        db,
        Refund,
        {
            "return_request_id": "r.id",
            "method": literal(Refund.Method.BANK_TRANSFER),
            "lines_amount": "round(o.total_incl_tax / 2, 2)",
            "amount": "round(o.total_incl_tax / 2, 2)",
            "status": f"CASE WHEN r.paid THEN {succeeded} ELSE {due} END",
            "refunded_at": "CASE WHEN r.paid THEN r.notice_at + interval '4 days' END",
        },
        "FROM (SELECT *, random() < 0.9 AS paid FROM returns_return) r "
        "JOIN order_order o ON o.id = r.order_id",
    )
    db.execute("ANALYZE")  # as autovacuum would have by the night's run
    return written


def write_week(db, shape: Shape = Shape()) -> int:
    """A week's share of the orders, placed in the 7 days after `write`'s history by returning
    buyers (the same skew); the orders written."""
    db.execute("SELECT setseed(0.31)")
    week = range(shape.orders, shape.orders + shape.orders * 7 // shape.days)
    written = write_orders(db, shape, week, "now() + random() * interval '7 days'")
    db.execute("ANALYZE order_order")
    return written


def write_orders(db, shape: Shape, numbers: range, placed: str) -> int:
    """Orders B<n> for n in `numbers`, placed at the SQL expression `placed`: n below the number of
    buyers is buyer n's first order, every other one a repeat order."""
    accounts = int(shape.buyers * shape.account_share)
    user = db.execute("SELECT id FROM users_user WHERE email = 'klant0@bench.example.test'").fetchone()[0]
    site = db.execute("SELECT MIN(id) FROM django_site").fetchone()[0]
    # The n-th buyer's share of the repeat orders ~ 1 / (n + 50): the inverse of its distribution
    # function applied to random(); n-th buyer = customer n * 7919 mod buyers (7919 is prime and
    # no factor of 190,000), so the frequent buyers are accounts and guests alike.
    nth = f"LEAST({shape.buyers - 1}, floor(50 * power({shape.buyers + 50} / 50.0, random()) - 50)::bigint)"
    buyer = f"CASE WHEN g < {shape.buyers} THEN g ELSE mod({nth} * 7919, {shape.buyers}) END"
    # Box-Muller: order totals log-normal around EUR 45.
    total = "round(exp(3.8 + 0.7 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 2)"
    cancelled, delivered = literal(statuses.CANCELLED), literal(statuses.DELIVERED)
    every = f"generate_series({numbers.start}, {numbers.stop - 1}) g"
    return insert(
        db,
        Order,
        {
            "number": "'B' || g",
            "user_id": f"CASE WHEN c < {accounts} THEN {user} + c END",
            "guest_email": f"CASE WHEN c < {accounts} THEN '' ELSE {email('c')} END",
            "status": f"CASE WHEN random() < {shape.cancelled_share} THEN {cancelled} ELSE {delivered} END",
            "date_placed": placed,
            "total_incl_tax": "t",
            "total_excl_tax": "round(t / 1.21, 2)",
        },
        f"FROM (SELECT g, {buyer} AS c, {total} AS t FROM {every}) o",  # noqa: S608
        site_id=site,
        shipping_method="Standaard",
    )
