"""The thank-you of a placed order (A1, A2, A8): decided once, by a background task queued when
the order is placed. Running it twice for one order leaves one task (a unique constraint)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from oscar.core.loading import get_model

from aftersales import tiers
from aftersales.customers import customer_for, orders_of
from aftersales.models import Task, TierRule
from commerce.order.emails import shop_settings
from home.clock import amsterdam_date

Order = get_model("order", "Order")


def rules() -> list[tiers.Rule]:
    """The owner's active rules (TierRule rows) as tiers.Rule."""
    return [
        tiers.Rule(
            condition=tiers.Condition(rule.condition),
            tier=tiers.Tier(rule.tier),
            amount=rule.amount,
            every=rule.every,
            slug=(
                rule.product_class.slug if rule.product_class else rule.category.slug if rule.category else ""
            ),
        )
        for rule in TierRule.objects.filter(active=True).select_related("product_class", "category")
    ]


def budget_for(tier: tiers.Tier):
    """The budget of the highest-budget active rule of this tier (gifts only)."""
    return (
        TierRule.objects.filter(active=True, tier=tier, budget__isnull=False)
        .order_by("-budget")
        .values_list("budget", flat=True)
        .first()
    )


def facts_for(order, customer) -> tiers.OrderFacts:
    earlier = orders_of(customer.email).filter(date_placed__lte=order.date_placed)
    year_before = order.date_placed - timedelta(days=365)
    spend = earlier.filter(date_placed__gt=year_before).aggregate(total=Sum("total_incl_tax"))["total"]
    lines = order.lines.select_related("product__product_class", "product__parent__product_class")
    products = [line.product for line in lines if line.product_id]
    return tiers.OrderFacts(
        order_total=order.total_incl_tax,
        nth_order=earlier.count(),
        spend_12_months=spend or order.total_incl_tax,
        key_account=customer.key_account,
        product_classes=frozenset(
            product.get_product_class().slug for product in products if product.get_product_class()
        ),
        categories=frozenset(
            category.slug for product in products for category in (product.parent or product).categories.all()
        ),
    )


def in_holdout(customer) -> bool:
    """A8: whether the customer is in the hold-out: as decided, or as it will be decided (from
    their id and settings.WINKELIER_HOLDOUT_SHARE) at their first order that earns a thank-you."""
    if customer.in_holdout is not None:
        return customer.in_holdout
    return tiers.a8_in_holdout(customer.pk, settings.WINKELIER_HOLDOUT_SHARE)


def thank_you_for(order, customer, facts: tiers.OrderFacts, rules, budget_of, periods) -> Task | None:
    """The thank-you task (unsaved) these facts earn by these rules, or None. At the customer's
    first order that earns one, their hold-out is decided (on `customer`, unsaved); a hold-out
    customer's first order gets a task that is held out (A8). `budget_of(tier)`: its budget."""
    tier = tiers.a1_tier(rules, facts)
    if tier is None:
        return None
    if facts.nth_order == 1 and customer.in_holdout is None:
        customer.in_holdout = in_holdout(customer)
    if tiers.a8_skips_task(tier, facts.nth_order, bool(customer.in_holdout)):
        status = Task.Status.HELD_OUT
    elif tier == tiers.Tier.PERSONAL_GIFT:
        status = Task.Status.AWAITING_APPROVAL
    else:
        status = Task.Status.OPEN
    return Task(
        order=order,
        customer=customer,
        tier=tier,
        budget=budget_of(tier),
        status=status,
        due_on=tiers.a2_due_on(amsterdam_date(order.date_placed), periods),
    )


def decide(order_id: int) -> Task | None:
    """The order's thank-you task (new or the one decided before), or None when it earns none."""
    existing = Task.objects.filter(order_id=order_id, kind=Task.Kind.THANK_YOU).first()
    if existing:
        return existing
    order = Order.objects.get(pk=order_id)
    with transaction.atomic():
        customer = customer_for(order)
        in_holdout = customer.in_holdout
        facts = facts_for(order, customer)
        task = thank_you_for(order, customer, facts, rules(), budget_for, shop_settings().closing_days())
        if task is None:
            return None
        if customer.in_holdout != in_holdout:
            customer.save(update_fields=["in_holdout"])
        try:
            with transaction.atomic():
                task.save(force_insert=True)
                return task
        except IntegrityError:  # the same order decided at the same moment by another worker
            return Task.objects.get(order=order, kind=Task.Kind.THANK_YOU)
