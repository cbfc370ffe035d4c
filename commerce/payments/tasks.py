"""Background work for payments: handling Stripe's webhook events outside the request."""

from django_tasks import task

from commerce.payments import events


@task()
def process_stripe_event(event_id: str) -> str:
    return events.process(event_id)
