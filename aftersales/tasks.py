"""Background work for after-sales."""

from django_tasks import task

from aftersales import consent, dashboard, deciding, questions, segmenting
from home.clock import amsterdam_today


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
