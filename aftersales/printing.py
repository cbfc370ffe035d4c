"""From thank-you tasks to cards on paper (A3): the message each customer gets (messages.py
filled in from their order) and one PDF of the selected tasks' cards (cards.py)."""

from django.conf import settings
from django.db import transaction

from aftersales import cards, messages, working
from aftersales.models import MessageTemplate, Task
from commerce.order.emails import shop_settings


def language_of(task: Task) -> str:
    """A4: the customer's language, as they shopped."""
    return task.order.language or settings.LANGUAGE_CODE


def template_text(task: Task, templates=None) -> str:
    """The tier's template in the customer's language, else in the shop's language."""
    if templates is None:
        same_tier = MessageTemplate.objects.filter(tier=task.tier or 0)
        templates = {(t.tier, t.language): t.body for t in same_tier}
    language = language_of(task)
    return templates.get((task.tier, language)) or templates.get((task.tier, settings.LANGUAGE_CODE), "")


def main_product(order) -> str:
    """The product the order is about: its line with the highest price."""
    lines = sorted(
        order.lines.all(), key=lambda line: (line.line_price_incl_tax or 0, -line.pk), reverse=True
    )
    return lines[0].title if lines else ""


def first_name_of(order) -> str:
    address = order.shipping_address or order.billing_address
    if address is not None and address.first_name:
        return address.first_name
    return order.user.first_name if order.user_id else ""


def merge_values(task: Task, staff=None, shop=None) -> messages.MergeValues:
    signer = task.assignee or staff
    return messages.MergeValues(
        first_name=first_name_of(task.order),
        product=main_product(task.order),
        order_number=task.order.number,
        staff_first_name=signer.first_name if signer else "",
        shop_name=(shop or shop_settings()).legal_name,
    )


def message_for(task: Task, staff=None, text: str | None = None, templates=None, shop=None) -> str:
    """The card's message: `text` (a preview), else the task's own text, else its tier's template,
    with the merge fields filled in."""
    chosen = text if text is not None else (task.message or template_text(task, templates))
    return messages.merge(chosen, merge_values(task, staff, shop), language_of(task))


def card_for(task: Task, staff=None, templates=None, shop=None) -> cards.Card:
    order = task.order
    address = order.shipping_address or order.billing_address
    signer = task.assignee or staff
    return cards.Card(
        recipient=address.name if address else order.email,
        address_lines=cards.card_address_lines(address) if address else [],
        message=message_for(task, staff, templates=templates, shop=shop),
        signature=signer.first_name if signer else "",
        reference=order.number,
    )


def tasks_for_cards(tasks):
    return tasks.select_related(
        "assignee", "order__user", "order__shipping_address__country", "order__billing_address__country"
    ).prefetch_related("order__lines")


def print_cards(task_ids, user, layout: cards.Layout) -> tuple[bytes | None, list[str]]:
    """The PDF of the selected tasks' cards (None when none may be printed by `user`), the
    tasks marked printed, and why the others were left out. A PDF that fails to render marks
    nothing printed."""
    with transaction.atomic():
        printable, refused = working.mark_printed(task_ids, user)
        if not printable:
            return None, refused
        shop = shop_settings()
        templates = {(t.tier, t.language): t.body for t in MessageTemplate.objects.all()}
        tasks = Task.objects.filter(pk__in=[task.pk for task in printable]).order_by("due_on", "pk")
        printed = [card_for(task, user, templates, shop) for task in tasks_for_cards(tasks)]
        return cards.render(printed, layout, sender=shop.legal_name), refused
