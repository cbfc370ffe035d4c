"""A customer's question about an order (A7), posted from the order page: the account's own
order page or the guest's signed link. Each view opens the order exactly as its page does (404
for an order that is not theirs, whether or not it exists), then hands over to `ask`.

A valid question becomes a task in the staff queue (aftersales.questions.ask) and the customer
goes back to the order page; anything else shows the order page again with the typed values,
the errors and status 400, nothing saved.
"""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class

from aftersales import questions
from aftersales.forms import QuestionForm
from aftersales.models import Question
from commerce.order.account_views import guest_order_or_404, guest_order_page

OrderDetailView = get_class("customer.views", "OrderDetailView")

# Enough for a customer with a real question and its follow-ups; more is someone flooding the
# queue (or the customer's mailbox with confirmations).
QUESTIONS_PER_ORDER = 5
PER = timedelta(hours=1)


@require_POST
def ask_as_guest(request, token):
    order = guest_order_or_404(token)
    page = reverse("order-guest-detail", kwargs={"token": token})
    return ask(request, order, partial(guest_order_page, request, order, token), page)


@require_POST
def ask_as_customer(request, order_number):
    page = reverse("customer:order", kwargs={"order_number": order_number})
    if not request.user.is_authenticated:  # logged out meanwhile: log in, back to the order
        return redirect_to_login(page)
    view = OrderDetailView()
    view.setup(request, order_number=order_number)
    order = view.get_object()  # the customer's own order, else 404 (Oscar's order page)
    return ask(request, order, partial(account_order_page, view, order), page)


def account_order_page(view, order, extra: dict, status: int):
    """Oscar's account order page, rendered as its view does, with `extra` in its context."""
    view.object, view.extra_context = order, extra
    return view.render_to_response(view.get_context_data(object=order), status=status)


def ask(request, order, show_page, order_page: str):
    """`show_page(extra, status)` shows the order page again; `order_page` is its URL."""
    form = QuestionForm(request.POST)
    if too_many_questions(order):  # what was typed stays in the form for later
        messages.error(
            request,
            _(
                "Je hebt het afgelopen uur al %(count)d vragen over deze bestelling gestuurd. "
                "We beantwoorden ze zo snel mogelijk; probeer het later nog eens of neem direct contact op."
            )
            % {"count": QUESTIONS_PER_ORDER},
        )
        return show_page({"question_form": form}, status=429)
    if not form.is_valid():
        messages.error(request, _("Je vraag is nog niet verstuurd: kijk het formulier onderaan even na."))
        return show_page({"question_form": form}, status=400)
    data = form.cleaned_data
    questions.ask(order, data["subject"], data["body"], data["channel"], form.phone_number())
    messages.success(request, _("Je vraag is verstuurd. Je krijgt binnen één werkdag antwoord."))
    return redirect(order_page)


def too_many_questions(order) -> bool:
    """Counted in the database, so every web process sees every question."""
    since = timezone.now() - PER
    return Question.objects.filter(task__order=order, created_at__gte=since).count() >= QUESTIONS_PER_ORDER
