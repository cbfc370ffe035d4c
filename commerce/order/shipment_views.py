"""Recording deliveries: the staff form per shipment on the dashboard order page, and the
carrier's signed callback. Both end in shipments.record_delivery (W2 counts from these dates).
Also the staff form per service line: fully performed on (W13 a, commerce/order/performance.py)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.apps.dashboard.orders.views import get_order_for_user_or_404

from commerce.order import carrier_callbacks, performance, shipments
from commerce.returns import receiving
from commerce.returns.transitions import ReturnRefused


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=gettext_lazy("Afgeleverd op"))


class PerformedForm(forms.Form):
    performed_on = forms.DateField(label=gettext_lazy("Volledig uitgevoerd op"))


def staff_order_or_404(user, number: str):
    """The order if this user may manage it in Oscar's dashboard (staff, or the partner's users)."""
    if not (user.is_authenticated and (user.is_staff or user.has_perm("partner.dashboard_access"))):
        raise Http404
    return get_order_for_user_or_404(user, number)


@require_POST
def mark_delivered(request, number: str, shipment_id: int):
    order = staff_order_or_404(request.user, number)
    shipment = get_object_or_404(shipments.dispatches(order), pk=shipment_id)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige leverdatum in (dd-mm-jjjj)."))
    else:
        try:
            shipments.record_delivery(shipment, form.cleaned_data["delivered_on"])
        except shipments.ShipmentRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Leverdatum van de zending opgeslagen."))
    return redirect("dashboard:order-detail", number=order.number)


@require_POST
def mark_performed(request, number: str, line_id: int):
    order = staff_order_or_404(request.user, number)
    line = get_object_or_404(order.lines, pk=line_id)
    form = PerformedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een geldige datum in (dd-mm-jjjj)."))
    else:
        try:
            performance.mark_performed(line, form.cleaned_data["performed_on"])
        except performance.PerformanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, _("“%s” is volledig uitgevoerd: het herroepingsrecht is vervallen.") % line.title
            )
    return redirect("dashboard:order-detail", number=order.number)


@csrf_exempt
@require_POST
def carrier_delivered(request):
    """POST {"tracking_code", "delivered_on": "YYYY-MM-DD"}, signed with a timestamp (see
    commerce/order/carrier_callbacks.py); any other input is answered 4xx, nothing changed."""
    secret = settings.CARRIER_CALLBACK_SECRET
    if not secret:
        raise Http404
    try:
        message = carrier_callbacks.verify(
            secret,
            request.body,
            request.headers.get(carrier_callbacks.TIMESTAMP_HEADER, ""),
            request.headers.get(carrier_callbacks.SIGNATURE_HEADER, ""),
        )
        report = carrier_callbacks.read_report(request.body)
        # One transaction: a message counts as received only when it was acted upon.
        with transaction.atomic():
            carrier_callbacks.remember(message)
            return record_reported_delivery(report)
    except carrier_callbacks.CallbackRefused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)


def record_reported_return(report: carrier_callbacks.DeliveryReport) -> JsonResponse:
    """A customer's return parcel reached the shop (W14: the refund goal counts from then)."""
    matches = list(receiving.returns_on_their_way(report.tracking_code)[:2])
    if not matches:
        return JsonResponse({"error": "unknown tracking code"}, status=404)
    if len(matches) > 1:
        return JsonResponse({"error": "tracking code used for more than one return"}, status=409)
    try:
        return_request = receiving.parcel_arrived(matches[0], report.delivered_on)
    except ReturnRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=400)
    return JsonResponse({"return": return_request.number, "delivered_on": report.delivered_on.isoformat()})


def record_reported_delivery(report: carrier_callbacks.DeliveryReport) -> JsonResponse:
    matches = list(
        shipments.ShippingEvent.objects.filter(
            event_type__code=shipments.DISPATCHED, tracking_code=report.tracking_code
        )[:2]
    )
    if not matches:
        return record_reported_return(report)
    if len(matches) > 1:
        return JsonResponse({"error": "tracking code used for more than one shipment"}, status=409)
    try:
        shipment = shipments.record_delivery(matches[0], report.delivered_on)
    except shipments.ShipmentRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=400)
    return JsonResponse({"order": shipment.order.number, "delivered_on": shipment.delivered_on.isoformat()})
