"""Demo after-sales (issue 12 item 9): the thank-you of every demo order as the owner's default
rules decide it (A1, A2, with the hold-out of A8), and what staff did with them, so the queue, the
customer pages and the later dashboard have data.

Deciding: the same function decide() uses (deciding.thank_you_for) on the same facts, gathered
for all orders at once instead of with a few queries per order (`all_facts`, checked against
deciding.facts_for in tests/demo). Customers are created before their orders (create_customers),
in the order of their first order, as decide() creates them, so the hold-out falls on the same
customers and is known when the order history is planned.

The work, written as history (no e-mails, nothing queued): most thank-yous sent on time (on or
before their due day, A2) with what was sent and its cost, some late, some skipped with a reason,
personal gifts approved by the After-sales manager within the rule's budget; the latest of each
tier still in the queue (open, claimed, started, printed, awaiting approval). A few questions
about orders (A7): recent ones open, older ones answered. Notes about a few customers, and two
business customers flagged as key accounts (their orders earn a personal gift).
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from aftersales import deciding, tiers
from aftersales.forms import NEEDS_PHONE
from aftersales.models import Answer, Customer, CustomerNote, Question, Task, TierChoice
from aftersales.questions import ANSWER_WITHIN_WORKING_DAYS
from aftersales.working import ACTIVE
from commerce.order import statuses
from commerce.order.emails import shop_settings
from demo.customers import CustomerPlan
from demo.orders import OrderPlan
from demo.returns import moment
from demo.seed import ORDER_NUMBER_PREFIX, at, rng
from demo.staff import DEMO_LOGINS
from home.clock import amsterdam_date
from home.closing import add_working_days, is_working_day
from home.staff_groups import AFTER_SALES, AFTER_SALES_MANAGERS

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")

Status = Task.Status
# The latest thank-yous of each tier are still in the queue; the older ones are done.
# Notes are rare (a 10th order mostly earns a gift already): none left open.
IN_QUEUE = {TierChoice.CARD: 8, TierChoice.SMALL_GIFT: 12, TierChoice.PERSONAL_GIFT: 1}
LATE_SHARE = 0.08
SKIPPED_SHARE = 0.05
MANAGER_SHARE = 0.2  # of the work, done by the manager rather than the After-sales user
KEY_ACCOUNTS = 2
# What each tier sends (incl. VAT). Gifts stay within the default rules' budgets (€ 15, € 100).
SENT: dict[int, list[tuple[str, str]]] = {
    TierChoice.CARD: [("Kaartje met voorgedrukte tekst", "1.50")],
    TierChoice.NOTE: [("Kaartje met handgeschreven briefje", "2.00")],
    TierChoice.SMALL_GIFT: [
        ("Doosje bonbons met kaartje", "12.50"),
        ("Reep pure chocolade met kaartje", "4.95"),
        ("Zakje koffiebonen met kaartje", "8.75"),
    ],
    TierChoice.PERSONAL_GIFT: [
        ("Boek over zonne-energie met persoonlijk briefje", "29.95"),
        ("Leren notitieboek met naam erin", "45.00"),
        ("Fles olijfolie van een kleine boer met briefje", "24.50"),
    ],
}
APPROVED_BUDGETS = (Decimal("50.00"), Decimal("75.00"))
SKIP_REASONS = (
    "Klant wil geen post van ons.",
    "Adres onvolledig: pakket kwam terug.",
    "Klant heeft de bestelling helemaal herroepen.",
    "Dubbele bestelling, al bedankt bij de eerste.",
)
# Queue states of the recent thank-yous, in turn (a gift is not printed).
QUEUE_STATES = (Status.OPEN, Status.CLAIMED, Status.PRINTED, Status.OPEN, Status.STARTED)
# Questions about recent orders, still open: (days ago, subject, channel, question). Those asked
# 3 and 4 days ago are past their one working day.
OPEN_QUESTIONS = (
    (
        1,
        Question.Subject.DELIVERY,
        Question.Channel.EMAIL,
        "Mijn pakket is nog niet binnen. Kunnen jullie kijken waar het is?",
    ),
    (
        1,
        Question.Subject.PRODUCT,
        Question.Channel.WHATSAPP,
        "Past de hoes ook om de Nordphone 6 Pro? Ik heb de gewone besteld.",
    ),
    (
        2,
        Question.Subject.INVOICE,
        Question.Channel.EMAIL,
        "Kan de factuur op naam van mijn bedrijf? Ons KvK-nummer stuur ik mee.",
    ),
    (
        3,
        Question.Subject.RETURN,
        Question.Channel.PHONE,
        "Ik wil de jeans ruilen voor een maat groter. Hoe gaat dat?",
    ),
    (4, Question.Subject.OTHER, Question.Channel.EMAIL, "Verkopen jullie ook cadeaubonnen?"),
)
# Questions answered by e-mail long ago: (subject, channel, question, answer).
ANSWERED_QUESTIONS = (
    (
        Question.Subject.DELIVERY,
        Question.Channel.EMAIL,
        "Kunnen jullie het pakket bij de buren afgeven als ik niet thuis ben?",
        "Dat kan: de bezorger probeert het eerst bij je, daarna bij de buren. Dan krijg je een kaartje.",
    ),
    (
        Question.Subject.PRODUCT,
        Question.Channel.EMAIL,
        "Hoe lang gaat de accu van de powerbank mee?",
        "Ongeveer 500 keer volledig opladen; daarna houdt hij nog zo'n 80 % van zijn lading vast.",
    ),
    (
        Question.Subject.INVOICE,
        Question.Channel.EMAIL,
        "Ik zie de btw niet apart op mijn factuur staan.",
        "Die staat onderaan, per tarief. We hebben je de factuur nog eens gestuurd, met uitleg.",
    ),
    (
        Question.Subject.RETURN,
        Question.Channel.EMAIL,
        "Moet ik de retourbon printen of kan het ook zonder?",
        "Zonder printer kan ook: schrijf het retournummer op een briefje in de doos.",
    ),
    (
        Question.Subject.OTHER,
        Question.Channel.EMAIL,
        "Doen jullie ook iets aan verpakking zonder plastic?",
        "Ja: we verzenden in karton en papier; alleen breekbare spullen krijgen papieren vulling.",
    ),
)
NOTES = (
    "Houdt van pure chocola, niet van melk.",
    "Liever geen post op zaterdag: het kantoor is dan dicht.",
    "Denkt na over zonnepanelen voor het dak van de werkplaats.",
    "Schreef een lief bedankje terug voor het kaartje.",
    "Bestelt vaak cadeaus voor de kleinkinderen; jarig in maart.",
)


@dataclass(frozen=True)
class Placed:
    """What the facts of A1 read of one order."""

    order: Any
    email: str
    counts: bool  # cancelled orders do not count (aftersales/customers.py)


def orders_of(emails: list[str]):
    """Every order of the demo customers: the demo history and the exchange orders of returns."""
    return Order.objects.filter(user__email__in=emails)


def placed_orders(emails: list[str]) -> list[Placed]:
    """The demo customers' orders, oldest first."""
    orders = orders_of(emails).select_related("user").order_by("date_placed", "pk")
    return [
        Placed(order, order.email.strip().lower(), order.status != statuses.CANCELLED) for order in orders
    ]


def bought(emails: list[str]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Per order: the product classes and the categories of what it holds (as facts_for reads them)."""
    lines = list(
        Line.objects.filter(order__in=orders_of(emails), product__isnull=False).values_list(
            "order_id", "product_id"
        )
    )
    products = Product.objects.filter(pk__in={product_id for _order, product_id in lines}).select_related(
        "product_class", "parent__product_class"
    )
    of_product = {}
    for product in products.prefetch_related("categories", "parent__categories"):
        product_class = product.get_product_class()
        of_product[product.pk] = (
            {product_class.slug} if product_class else set(),
            {category.slug for category in (product.parent or product).categories.all()},
        )
    classes: defaultdict[int, set[str]] = defaultdict(set)
    categories: defaultdict[int, set[str]] = defaultdict(set)
    for order_id, product_id in lines:
        classes[order_id] |= of_product[product_id][0]
        categories[order_id] |= of_product[product_id][1]
    return defaultdict(
        lambda: (frozenset(), frozenset()),
        {order_id: (frozenset(classes[order_id]), frozenset(categories[order_id])) for order_id in classes},
    )


def all_facts(placed: list[Placed], customers: dict[str, Customer]) -> dict[int, tiers.OrderFacts]:
    """deciding.facts_for of every order, from the orders in memory: how many orders the
    customer placed up to this one, what they spent in the 12 months up to it (incl. it)."""
    history = defaultdict(list)
    for row in placed:
        if row.counts:
            history[row.email].append(row.order)
    contents = bought(sorted({row.email for row in placed}))
    facts = {}
    for row in placed:
        order = row.order
        earlier = [other for other in history[row.email] if other.date_placed <= order.date_placed]
        year_before = order.date_placed - timedelta(days=365)
        spend = sum(other.total_incl_tax for other in earlier if other.date_placed > year_before)
        classes, categories = contents[order.pk]
        facts[order.pk] = tiers.OrderFacts(
            order_total=order.total_incl_tax,
            nth_order=len(earlier),
            spend_12_months=spend or order.total_incl_tax,
            key_account=customers[row.email].key_account,
            product_classes=classes,
            categories=categories,
        )
    return facts


def create_customers(orders: list[OrderPlan], today: date) -> dict[str, Customer]:
    """The after-sales Customer of every demo buyer, made before the orders are, as decide() makes
    it at their first order: in the order of the first orders (the plans are in the order placed),
    dated then, linked to the account. So their hold-out (deciding.in_holdout, from the id) is
    known when the order history is planned (demo/repeats.py)."""
    first_orders: dict[str, OrderPlan] = {}
    for plan in orders:
        first_orders.setdefault(plan.email, plan)
    existing = Customer.objects.in_bulk(list(first_orders), field_name="email")
    users = get_user_model().objects.in_bulk(list(first_orders), field_name="email")
    new = [Customer(email=email, user=users[email]) for email in first_orders if email not in existing]
    Customer.objects.bulk_create(new, batch_size=500)
    for customer in new:  # auto_now_add stamped the load
        customer.created_at = first_orders[customer.email].placed(today)
    Customer.objects.bulk_update(new, ["created_at"], batch_size=500)
    return existing | {customer.email: customer for customer in new}


def holdout_of(customers: dict[str, Customer]) -> set[str]:
    """The e-mail addresses of the customers in A8's hold-out."""
    return {email for email, customer in customers.items() if deciding.in_holdout(customer)}


def customers_of(placed: list[Placed], key_accounts: set[str]) -> dict[str, Customer]:
    """The after-sales Customer of every e-mail address (create_customers made them), key
    accounts flagged."""
    Customer.objects.filter(email__in=key_accounts).update(key_account=True)
    return Customer.objects.in_bulk(sorted({row.email for row in placed}), field_name="email")


def decide_all(placed: list[Placed], customers: dict[str, Customer], periods, progress) -> list[Task]:
    """The thank-you task of every order that has none yet, unsaved, as decide() makes it."""
    emails = sorted(customers)
    decided = set(
        Task.objects.filter(order__in=orders_of(emails), kind=Task.Kind.THANK_YOU).values_list(
            "order_id", flat=True
        )
    )
    rules = deciding.rules()
    budgets = {tier: deciding.budget_for(tier) for tier in tiers.Tier}
    facts = all_facts(placed, customers)
    holdout_before = {email: customer.in_holdout for email, customer in customers.items()}
    tasks = []
    for done, row in enumerate(placed, start=1):
        if row.order.pk not in decided:
            customer = customers[row.email]
            task = deciding.thank_you_for(
                row.order, customer, facts[row.order.pk], rules, budgets.__getitem__, periods
            )
            if task is not None:
                tasks.append(task)
        progress.count(done, len(placed), "orders decided")
    changed = [
        customer for email, customer in customers.items() if customer.in_holdout != holdout_before[email]
    ]
    Customer.objects.bulk_update(changed, ["in_holdout"], batch_size=500)
    return tasks


class Staff:
    """Who did the work: mostly the After-sales user, sometimes the manager."""

    def __init__(self, random_: random.Random):
        users = get_user_model().objects.in_bulk([login.email for login in DEMO_LOGINS], field_name="email")
        group_of = {login.group: users[login.email] for login in DEMO_LOGINS}
        self.worker, self.manager = group_of[AFTER_SALES], group_of[AFTER_SALES_MANAGERS]
        self.random = random_

    def someone(self):
        return self.manager if self.random.random() < MANAGER_SHARE else self.worker


class Work:
    """What staff did with each thank-you, written on the unsaved tasks."""

    def __init__(self, today: date, periods, staff: Staff, random_: random.Random):
        self.today, self.periods, self.staff, self.random = today, periods, staff, random_
        self.in_queue = 0

    def do(self, task: Task, in_queue: bool) -> None:
        if task.status == Status.HELD_OUT:
            return
        if in_queue:
            self.leave_in_queue(task)
            return
        placed_on = amsterdam_date(task.order.date_placed)
        if task.tier == TierChoice.PERSONAL_GIFT:
            approved = self.random.choice(APPROVED_BUDGETS)
            task.approved_by = self.staff.manager
            task.approved_budget = approved if task.budget is None else min(approved, task.budget)
        task.status = Status.OPEN
        chance = self.random.random()
        if chance < SKIPPED_SHARE:
            self.claim(task, task.due_on)
            task.status, task.skip_reason = Status.SKIPPED, self.random.choice(SKIP_REASONS)
        elif chance < SKIPPED_SHARE + LATE_SHARE:
            self.send(task, add_working_days(task.due_on, self.random.randint(1, 5), self.periods))
        else:
            self.send(task, self.on_time(placed_on, task.due_on))

    def on_time(self, placed_on: date, due_on: date) -> date:
        """A working day from the order's day up to the due day (A2: before the invoice)."""
        days = [placed_on + timedelta(days=n) for n in range((due_on - placed_on).days + 1)]
        return self.random.choice([day for day in days if is_working_day(day, self.periods)] or [due_on])

    def claim(self, task: Task, day: date) -> datetime:
        claimed_at = moment(self.random, day, 9, 11)
        task.assignee, task.claimed_at, task.status = self.staff.someone(), claimed_at, Status.CLAIMED
        return claimed_at

    def send(self, task: Task, sent_on: date) -> None:
        claimed_at = self.claim(task, sent_on)
        if task.tier in (TierChoice.CARD, TierChoice.NOTE):
            task.printed_at = claimed_at + timedelta(minutes=self.random.randint(10, 90))
        assert task.tier is not None  # a thank-you always has its tier
        what, cost = self.random.choice(SENT[task.tier])
        task.status, task.sent_on, task.sent_what, task.cost = Status.SENT, sent_on, what, Decimal(cost)

    def leave_in_queue(self, task: Task) -> None:
        """A thank-you still to do; a personal gift waits for the manager."""
        state = QUEUE_STATES[self.in_queue % len(QUEUE_STATES)]
        self.in_queue += 1
        if task.status == Status.AWAITING_APPROVAL or state == Status.OPEN:
            return
        claimed_at = self.claim(task, self.today - timedelta(days=self.random.randint(1, 3)))
        if state == Status.PRINTED and task.tier in (TierChoice.CARD, TierChoice.NOTE):
            task.status, task.printed_at = Status.PRINTED, claimed_at + timedelta(minutes=30)
        elif state != Status.CLAIMED:
            task.status = Status.STARTED


def latest_per_tier(tasks: list[Task]) -> set[int]:
    """The (ids of the) latest tasks of each tier that staff still have to do (IN_QUEUE)."""
    to_do = [task for task in tasks if task.status != Status.HELD_OUT]
    return {
        id(task) for tier, count in IN_QUEUE.items() for task in [t for t in to_do if t.tier == tier][-count:]
    }


def create_dated(model, rows: list[tuple[Any, datetime]]) -> list[Any]:
    """bulk_create, then the real moment of each row (auto_now_add stamps the load)."""
    objects = model.objects.bulk_create([row for row, _moment in rows], batch_size=500)
    for row, when in rows:
        row.created_at = when
    model.objects.bulk_update(objects, ["created_at"], batch_size=500)
    return objects


class Asking:
    """A7 as history: questions written as questions.ask() and answer() write them (a task of kind
    question due the next working day; answered, it is sent), without their e-mails."""

    def __init__(
        self, customers: dict[str, Customer], phones: dict[str, str], periods, staff: Staff, random_
    ):
        self.customers, self.phones, self.periods = customers, phones, periods
        self.staff, self.random = staff, random_

    def ask(self, row: Placed, subject, channel, body: str, asked_at: datetime) -> tuple[Task, Question]:
        task = Task(
            kind=Task.Kind.QUESTION,
            order=row.order,
            customer=self.customers[row.email],
            due_on=add_working_days(asked_at.date(), ANSWER_WITHIN_WORKING_DAYS, self.periods),
        )
        phone = self.phones[row.email] if channel in NEEDS_PHONE else ""
        return task, Question(task=task, subject=subject, body=body, channel=channel, phone=phone)

    def answer(self, task: Task, asked_at: datetime) -> datetime:
        """Answered the same working day when asked in the morning, else the next one."""
        day = asked_at.date()
        if not (is_working_day(day, self.periods) and asked_at.hour < 12):
            day = add_working_days(day, 1, self.periods)
        task.assignee, task.claimed_at = self.staff.worker, at(day, 13, self.random.randint(0, 59))
        task.status, task.sent_on = Status.SENT, day
        return task.claimed_at + timedelta(minutes=20)

    def write(self, placed: list[Placed], today: date) -> int:
        demo = [row for row in placed if row.order.number.startswith(ORDER_NUMBER_PREFIX)]
        asked = []  # (task, question, asked at)
        answers = []  # (answer, answered at)
        recent = demo[-3 * len(OPEN_QUESTIONS) :: 3]  # among the latest orders, a few apart
        for (days_ago, subject, channel, body), row in zip(OPEN_QUESTIONS, recent, strict=True):
            asked_at = moment(self.random, today - timedelta(days=days_ago), 8, 21)
            asked.append((*self.ask(row, subject, channel, body, asked_at), asked_at))
        task, _question, asked_at = asked[0]  # the first is being looked into
        task.status, task.assignee = Status.CLAIMED, self.staff.worker
        task.claimed_at = asked_at + timedelta(hours=1)
        long_ago = self.random.sample(demo[: -len(recent) * 10], len(ANSWERED_QUESTIONS))
        for (subject, channel, body, reply), row in zip(ANSWERED_QUESTIONS, long_ago, strict=True):
            asked_on = amsterdam_date(row.order.date_placed) + timedelta(days=self.random.randint(4, 12))
            asked_at = moment(self.random, asked_on, 8, 21)
            task, question = self.ask(row, subject, channel, body, asked_at)
            asked.append((task, question, asked_at))
            answers.append(
                (Answer(question=question, body=reply, author=self.staff.worker), self.answer(task, asked_at))
            )
        create_dated(Task, [(task, asked_at) for task, _question, asked_at in asked])
        create_dated(Question, [(question, asked_at) for _task, question, asked_at in asked])
        create_dated(Answer, answers)
        return len(asked)


def write_notes(
    customers: dict[str, Customer],
    placed: list[Placed],
    key_accounts: set[str],
    today: date,
    staff: Staff,
    random_,
) -> int:
    """What staff noted about the key accounts and the most loyal customers (A5's profile)."""
    orders_per_email = Counter(row.email for row in placed)
    loyal = sorted(orders_per_email, key=lambda email: (-orders_per_email[email], email))
    noted = [*sorted(key_accounts), *[email for email in loyal if email not in key_accounts]][: len(NOTES)]
    notes = [
        (
            CustomerNote(customer=customers[email], text=text, author=staff.someone()),
            moment(random_, today - timedelta(days=random_.randint(20, 300)), 9, 16),
        )
        for email, text in zip(noted, NOTES, strict=True)
    ]
    create_dated(CustomerNote, notes)
    return len(notes)


def outcome_line(tasks: list[Task]) -> str:
    def count(test) -> int:
        return sum(1 for task in tasks if test(task))

    return (
        f"    thank-you tasks: {len(tasks)}: "
        f"{count(lambda task: task.status == Status.SENT and task.sent_on <= task.due_on)} sent on time, "
        f"{count(lambda task: task.status == Status.SENT and task.sent_on > task.due_on)} late, "
        f"{count(lambda task: task.status == Status.SKIPPED)} skipped, "
        f"{count(lambda task: task.status == Status.HELD_OUT)} held out (A8), "
        f"{count(lambda task: task.status in ACTIVE)} in the queue"
    )


def load_aftersales(plans: list[CustomerPlan], today: date, progress) -> dict[str, int]:
    """Decide and work the demo history once: a later load finds the work done and leaves it."""
    emails = [plan.email for plan in plans]
    if Task.objects.filter(customer__email__in=emails, status=Status.SENT).exists():
        return {"thank-you tasks": 0, "questions": 0, "customer notes": 0}
    random_ = rng("aftersales")
    key_accounts = set(random_.sample(sorted(plan.email for plan in plans if plan.is_business), KEY_ACCOUNTS))
    placed = placed_orders(emails)
    customers = customers_of(placed, key_accounts)
    periods = shop_settings().closing_days()
    tasks = decide_all(placed, customers, periods, progress)
    staff = Staff(random_)
    work = Work(today, periods, staff, random_)
    in_queue = latest_per_tier(tasks)
    for task in tasks:
        work.do(task, id(task) in in_queue)
    # Decided the moment each order was placed.
    create_dated(Task, [(task, task.order.date_placed + timedelta(minutes=1)) for task in tasks])
    progress.write(outcome_line(tasks))
    phones = {plan.email: plan.phone for plan in plans}
    questions = Asking(customers, phones, periods, staff, random_).write(placed, today)
    notes = write_notes(customers, placed, key_accounts, today, staff, random_)
    return {"thank-you tasks": len(tasks), "questions": questions, "customer notes": notes}
