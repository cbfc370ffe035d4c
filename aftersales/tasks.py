"""Background work for after-sales."""

from django_tasks import task
from oscar.core.loading import get_model

from aftersales import consent, dashboard, deciding, followups, questions, segmenting
from aftersales.models import Customer
from home.clock import amsterdam_today

Order = get_model("order", "Order")


@task()
def decide_thank_you(order_id: int) -> str:
    decided = deciding.decide(order_id)
    return f"{decided.get_status_display()}: {decided.get_tier_display()}" if decided else "no thank-you"


@task()
def send_question_email(pk: int, name: str) -> str:
    return questions.send(pk, name)


@task()
def record_checkout_consent(order_id: int) -> str:
    recorded = consent.record_from_checkout(order_id)
    return "consent recorded" if recorded else "nothing to record"


@task()
def compute_dashboard(preset: str) -> str:
    """A manager's "Nu bijwerken" (A8): one period's figures counted again and stored."""
    stored = dashboard.refresh(dashboard.Preset(preset))
    return f"{stored.period}: {stored.since} - {stored.until}"


@task()
def compute_segments() -> str:
    """A5 on demand (the nightly run is the compute_segments command): every customer's segment."""
    return str(segmenting.compute_segments(amsterdam_today()))


@task()
def plan_follow_ups(order_id: int) -> str:
    """A6: the order's follow-up plan, once it is delivered (nothing before)."""
    planned = followups.plan(Order.objects.get(pk=order_id))
    return f"{len(planned)} follow-ups"


@task()
def end_follow_ups(email: str) -> str:
    """A6: the customer ordered again, cancelled or returned: the plans that end, ended."""
    customer = Customer.objects.filter(email=email.strip().lower()).first()
    return f"{followups.end_plans(customer) if customer else 0} follow-ups ended"
