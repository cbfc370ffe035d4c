"""Runs the demo stages in order, each in its own transaction, and reports what exists."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from oscar.core.loading import get_model

from aftersales.models import Consent, CustomerNote, FollowUp, Question, SegmentChange, Task
from cms.models import ContentPage, ProductPage
from commerce.recommendations.computation import compute
from commerce.recommendations.models import Recommendation
from commerce.shipping.countries import ensure_countries
from demo.aftersales import create_customers, holdout_of, load_aftersales
from demo.audit_seeds import load_audit_seeds
from demo.catalogue import PARTNER_NAME, load_catalogue
from demo.columns import load_columns
from demo.consents import load_consents
from demo.content import default_site, load_content
from demo.customers import load_customers, plan_customers
from demo.followups import load_follow_ups
from demo.orders import load_orders, plan_orders
from demo.product_pages import load_product_pages
from demo.repeats import shape_repeats
from demo.returns import load_returns
from demo.seed import ORDER_NUMBER_PREFIX
from demo.segments import load_segment_history
from demo.staff import DEMO_LOGINS, ensure_staff
from home.clock import amsterdam_today


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, created: dict[str, int]):
        for name, count in created.items():
            self.created[name] = self.created.get(name, 0) + count


def load_demo_shop(progress) -> DemoSummary:
    today = amsterdam_today()
    summary = DemoSummary()

    progress.stage("Countries")
    with transaction.atomic():
        summary.add({"countries": ensure_countries()})

    progress.stage("Catalogue: product classes, categories, products, stock, images")
    with transaction.atomic():
        summary.add(load_catalogue(progress))

    progress.stage("Customers and their addresses")
    customers = plan_customers()
    orders = plan_orders(customers)
    with transaction.atomic():
        summary.add(load_customers(customers, today, progress))
        held_out = holdout_of(create_customers(orders, today))

    progress.stage("Order history with shipping events; the hold-out (A8) orders again less often")
    with transaction.atomic():
        summary.add(load_orders(shape_repeats(orders, held_out), today, progress))

    progress.stage("Staff users")
    with transaction.atomic():
        partner = get_model("partner", "Partner").objects.get(name=PARTNER_NAME)
        summary.add({"staff users": ensure_staff(partner)})

    progress.stage("Home page, information pages and shop settings")
    with transaction.atomic():
        summary.add(load_content(today))

    progress.stage("Product pages: one live page per product, images in the Wagtail library")
    with transaction.atomic():
        summary.add(load_product_pages(default_site(), progress))

    progress.stage("Uniqueness audit seeds: 3 pages with copied supplier text, 2 near-duplicates")
    with transaction.atomic():
        summary.add(load_audit_seeds(progress))

    progress.stage("Columns: writers (one guest), six weekly columns, products mentioned")
    with transaction.atomic():
        summary.add(load_columns(default_site(), today, progress))

    progress.stage("Returns: about 8 % of the delivered orders, written with the returns core")
    with transaction.atomic():
        summary.add(load_returns(today, progress))

    progress.stage("After-sales: thank-yous by the default rules and the work done, questions, notes")
    with transaction.atomic():
        summary.add(load_aftersales(customers, today, progress))

    progress.stage("Marketing consent: about 40 % of the customers, a few withdrew later (A6)")
    with transaction.atomic():
        summary.add(load_consents(customers, today, progress))

    progress.stage("Segment history: RFM segments as on every week since the first order (A5)")
    with transaction.atomic():
        summary.add(load_segment_history(today, progress))

    progress.stage("Recommendations ('vaak samen gekocht') from the order history")
    if summary.created.get("orders") or not Recommendation.objects.exists():
        summary.add({"recommendations": compute().rows})

    # After the recommendations: the cross-sell e-mail recommends from them.
    progress.stage("Follow-up plans of the delivered orders, and what became of each step (A6)")
    with transaction.atomic():
        summary.add(load_follow_ups(today, progress))

    summary.totals = current_totals([plan.email for plan in customers])
    summary.seconds = progress.elapsed()
    return summary


def current_totals(customer_emails: list[str]) -> dict[str, int]:
    """What the demo shop holds now, whatever this run created."""

    def model(label):
        return get_model(*label.split("."))

    staff_emails = [login.email for login in DEMO_LOGINS]
    follow_ups = FollowUp.objects.filter(customer__email__in=customer_emails)
    demo_orders = model("order.Order").objects.filter(number__startswith=ORDER_NUMBER_PREFIX)
    return {
        "countries": model("address.Country").objects.count(),
        "product classes": model("catalogue.ProductClass").objects.count(),
        "categories": model("catalogue.Category").objects.count(),
        "products": model("catalogue.Product").objects.count(),
        "stock records": model("partner.StockRecord").objects.count(),
        "images": model("catalogue.ProductImage").objects.count(),
        "customers": get_user_model().objects.filter(email__in=customer_emails).count(),
        "addresses": model("address.UserAddress").objects.filter(user__email__in=customer_emails).count(),
        "orders": demo_orders.count(),
        "lines": model("order.Line").objects.filter(order__in=demo_orders).count(),
        "shipping events": model("order.ShippingEvent").objects.filter(order__in=demo_orders).count(),
        "returns": model("returns.Return").objects.filter(order__in=demo_orders).count(),
        "thank-you tasks": Task.objects.filter(
            kind=Task.Kind.THANK_YOU, customer__email__in=customer_emails
        ).count(),
        "questions": Question.objects.filter(task__customer__email__in=customer_emails).count(),
        "customer notes": CustomerNote.objects.filter(customer__email__in=customer_emails).count(),
        "consent statements": Consent.objects.filter(customer__email__in=customer_emails).count(),
        "segment changes": SegmentChange.objects.filter(customer__email__in=customer_emails).count(),
        "follow-ups": follow_ups.count(),
        "follow-ups sent": follow_ups.filter(status=FollowUp.Status.SENT).count(),
        "staff users": get_user_model().objects.filter(email__in=staff_emails).count(),
        "pages": ContentPage.objects.count(),
        "product pages": ProductPage.objects.live().count(),
        "columns": model("cms.ColumnPage").objects.live().count(),
        "recommendations": Recommendation.objects.count(),
    }
