"""The withdrawal function (W18), thin: the footer's order lookup, the withdrawal form and its
separate confirmation step, the confirmation page with the return slip (W16), the customer's
actions on a return (tracking code W10, cancelling W17), and the model form (W12).

Every page below /herroepen/<ref>/ opens only the customer's own order (commerce/returns/
access.py). Bad input is answered with a Dutch message and status 400, nothing written.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commerce.order.guest_links import order_token
from commerce.returns import (
    access,
    alternatives,
    customer,
    decisions,
    documents,
    lookup,
    model_form,
    receiving,
    windows,
    withdrawing,
)
from commerce.returns.forms import LookupForm, TrackingForm, WithdrawalForm
from commerce.returns.instructions import instructions
from commerce.returns.pickup import pickup_days
from commerce.returns.transitions import CUSTOMER, ReturnRefused
from home.clock import amsterdam_today
from home.models import ShopSettings

# The lookup keeps what was typed across its redirect (POST, redirect, GET).
LOOKUP_TYPED = "withdrawal-lookup"
NOT_FOUND = "niet-gevonden"
# Posted by the confirmation step's "change something" button.
CHANGE = "wijzigen"


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def lookup_order(request):
    """The footer's page: order number + e-mail address lead on to the withdrawal form. A wrong
    pair gets the very answer an unknown order gets (a redirect back, then the same page)."""
    if request.method == "GET":
        not_found = NOT_FOUND in request.GET
        form = LookupForm(initial=request.session.get(LOOKUP_TYPED) if not_found else None)
        return render(request, "returns/lookup.html", {"form": form, "not_found": not_found})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return render(request, "returns/lookup.html", {"form": form}, status=400)
    number, email = form.cleaned_data["number"], form.cleaned_data["email"]
    if lookup.throttled(request, number):
        context = {"minutes": lookup.cool_off_minutes()}
        return render(request, "returns/lookup_throttled.html", context, status=429)
    order = lookup.find_order(number, email)
    if order is None:
        lookup.count_failure(request, number)
        request.session[LOOKUP_TYPED] = {"number": number, "email": email}
        return redirect(f"{reverse('returns:lookup')}?{NOT_FOUND}")
    return redirect("returns:withdraw", ref=order_token(order))


def for_order(view):
    """Resolves the URL's ref to the customer's order (404 for anyone else's); a plain order
    number asks to log in first."""

    @wraps(view)
    def wrapped(request, ref, **kwargs):
        try:
            order = access.order_for(request, ref)
        except access.LoginNeeded:
            return redirect_to_login(request.get_full_path())
        return view(request, order, ref, **kwargs)

    return wrapped


def window_closed(request, order, ref, shop):
    """None while the order may be withdrawn from (W1–W3, W5), else the page saying it ended."""
    if windows.may_withdraw(order, timezone.now(), shop):
        return None
    context = {"order": order, "order_page": access.order_page(order, ref)}
    return render(request, "returns/window_closed.html", context, status=403)


def bound_form(request, order, shop) -> WithdrawalForm:
    data = request.POST if request.method == "POST" else None
    return WithdrawalForm(order, data, pickup_days=pickup_days(shop, order, amsterdam_today()))


def form_page(request, order, ref, form, shop, status=200):
    context = {"order": order, "ref": ref, "form": form, "ends_on": windows.withdrawal_ends_on(order, shop)}
    return render(request, "returns/withdraw.html", context, status=status)


@require_http_methods(["GET", "POST"])
@for_order
def withdraw(request, order, ref):
    """The form (GET); posted, the separate confirmation step with the alternatives (W15)."""
    shop = ShopSettings.for_request(request)
    if closed := window_closed(request, order, ref, shop):
        return closed
    form = bound_form(request, order, shop)
    if not form.is_bound or not form.is_valid():
        return form_page(request, order, ref, form, shop, status=400 if form.is_bound else 200)
    if CHANGE in request.POST:  # back from the confirmation step, answers kept
        return form_page(request, order, ref, form, shop)
    choices = form.choices()
    context = {
        "order": order,
        "ref": ref,
        "form": form,
        "choices": choices,
        "alternatives": alternatives.offered(order, [choice.line for choice in choices]),
    }
    return render(request, "returns/confirm.html", context)


@require_http_methods(["GET", "POST"])
@for_order
def confirm(request, order, ref):
    """The button "Herroeping bevestigen" (or "Ruilen"): the withdrawal, sent now (W3, W18)."""
    if request.method == "GET":
        return redirect("returns:withdraw", ref=ref)
    shop = ShopSettings.for_request(request)
    if closed := window_closed(request, order, ref, shop):
        return closed
    form = bound_form(request, order, shop)
    if not form.is_valid():
        return form_page(request, order, ref, form, shop, status=400)
    data = form.cleaned_data
    try:
        return_request = withdrawing.withdraw(
            order,
            form.choices(),
            name=data["name"],
            email=data["email"],
            notice_at=timezone.now(),
            reason=data["reason"],
            pickup_on=data.get("pickup_on"),
            exchange_for=alternatives.chosen_variant(
                request.POST.get("exchange_for", ""), [choice.line for choice in form.choices()]
            ),
            actor=CUSTOMER,
        )
    except ReturnRefused as error:
        form.add_error(None, str(error))
        return form_page(request, order, ref, form, shop, status=400)
    return redirect(access.return_path(return_request, ref))


def return_page(request, order, ref, return_request, tracking_form=None, error="", status=200):
    shown = customer.of(return_request)
    shop = ShopSettings.for_request(request)
    context = {
        "order": order,
        "ref": ref,
        "shown": shown,
        "return_request": return_request,
        "instructions": instructions(return_request, shown.lines, shop),
        "tracking_form": tracking_form or TrackingForm(),
        "error": error,
        "order_page": access.order_page(order, ref),
    }
    return render(request, "returns/return_detail.html", context, status=status)


@require_GET
@for_order
def return_detail(request, order, ref, number):
    """The confirmation page: number, when it was sent, state, instructions and the slip."""
    return return_page(request, order, ref, access.return_of(order, number))


@require_GET
@for_order
def slip(request, order, ref, number):
    return_request = access.return_of(order, number)
    shown = customer.of(return_request)
    if not shown.has_slip:
        raise Http404("no slip for this return")
    shop = ShopSettings.for_request(request)
    content = documents.return_slip(return_request, shown.lines, shop)
    return pdf_response(content, documents.slip_filename(return_request))


@require_POST
@for_order
def mark_sent(request, order, ref, number):
    """W10: the customer's tracking code is proof of sending."""
    return_request = access.return_of(order, number)
    form = TrackingForm(request.POST)
    if not form.is_valid():
        return return_page(request, order, ref, return_request, tracking_form=form, status=400)
    try:
        receiving.mark_sent(return_request, form.cleaned_data["tracking_code"], CUSTOMER)
    except ReturnRefused as error:
        return return_page(
            request, order, ref, return_request, tracking_form=form, error=str(error), status=400
        )
    messages.success(request, _("Bedankt! We hebben de track & trace-code van je retourpakket."))
    return redirect(access.return_path(return_request, ref))


@require_POST
@for_order
def cancel(request, order, ref, number):
    """W17: the customer withdraws their withdrawal, before anything went back."""
    return_request = access.return_of(order, number)
    try:
        decisions.cancel_by_customer(return_request, CUSTOMER)
    except ReturnRefused as error:
        return return_page(request, order, ref, return_request, error=str(error), status=400)
    cancelled = _("Je herroeping %s is ingetrokken. Je houdt de artikelen.") % return_request.number
    messages.success(request, cancelled)
    return redirect(access.return_path(return_request, ref))


@require_GET
def model_withdrawal_form(request):
    """W12: the model form as a page to print."""
    context = {"shop": ShopSettings.for_request(request), "wording": model_form.wording()}
    return render(request, "commerce/withdrawal/model_form.html", context)


@require_GET
def model_withdrawal_form_pdf(request):
    """W12: the model form as a PDF, addressed to the shop."""
    content = documents.model_form_pdf(ShopSettings.for_request(request))
    return pdf_response(content, documents.MODEL_FORM_FILENAME)
