"""Questions about an order (A7): asked with the form on the order page, worked in the same queue
as the thank-yous (a task of kind "question", due the next working day), answered by e-mail.

Both e-mails (the confirmation to the customer, staff's answer) go out after the transaction
that recorded them commits, each once, and are kept in the order's communication log in the
order's language (commerce/order/sending.py).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.customers import customer_for
from aftersales.models import Answer, Question, Task
from aftersales.working import TaskRefused, ensure_workable, locked, take
from commerce.order.emails import shop_settings
from commerce.order.sending import send_once
from home.clock import amsterdam_today
from home.closing import add_working_days

# The e-mails' names (templates/commerce/emails/<name>_*.txt/html).
RECEIVED = "question_received"
ANSWERED = "question_answered"
ANSWER_WITHIN_WORKING_DAYS = 1


def ask(order, subject: str, body: str, channel: str = Question.Channel.EMAIL, phone: str = "") -> Question:
    """The customer's question as a task in the queue; the confirmation e-mail follows the commit."""
    due_on = add_working_days(amsterdam_today(), ANSWER_WITHIN_WORKING_DAYS, shop_settings().closing_days())
    with transaction.atomic():
        task = Task.objects.create(
            kind=Task.Kind.QUESTION, order=order, customer=customer_for(order), due_on=due_on
        )
        question = Question.objects.create(
            task=task, subject=subject, body=body.strip(), channel=channel, phone=phone
        )
        queue_email(question.pk, RECEIVED)
    return question


def answer(task_id: int, user, body: str) -> Answer:
    """Staff's answer, e-mailed to the customer once this commits; the question is done."""
    body = body.strip()
    if not body:
        raise TaskRefused(_("Schrijf eerst je antwoord."))
    with transaction.atomic():
        task = locked(task_id)
        if task.kind != Task.Kind.QUESTION:
            raise TaskRefused(_("Deze taak is geen vraag."))
        if task.status != Task.Status.SENT:  # a follow-up answer to an answered question is fine
            ensure_workable(task, user)
        take(task, user)
        task.status, task.sent_on = Task.Status.SENT, timezone.localdate()
        task.save(update_fields=["assignee", "claimed_at", "status", "sent_on"])
        reply = Answer.objects.create(question=task.question, body=body, author=user)
        queue_email(reply.pk, ANSWERED)
    return reply


def queue_email(pk: int, name: str) -> None:
    from aftersales.tasks import send_question_email  # noqa: PLC0415 - the tasks import this module

    transaction.on_commit(lambda: send_question_email.enqueue(pk, name))


def send(pk: int, name: str) -> str:
    """E-mail `name` about question (RECEIVED) or answer (ANSWERED) `pk`, once."""
    if name == RECEIVED:
        question = Question.objects.select_related("task__order").get(pk=pk)
        reply = None
    else:
        reply = Answer.objects.select_related("question__task__order", "author").get(pk=pk)
        question = reply.question
    order = question.task.order
    reference = f"{name}-{pk}"

    def build():
        return {"question": question, "answer": reply}, []

    if not send_once(order, name, build, reference=reference):
        return f"{reference} already sent"
    return reference
