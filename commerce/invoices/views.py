"""Invoice PDF download: the customer, a guest with the signed order link, or order staff."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from commerce.invoices import archive
from commerce.invoices.models import Invoice
from commerce.order.guest_links import order_number_from_token
from commerce.order.shipment_views import staff_order_or_404


def may_download(request, order) -> bool:
    if request.user.is_authenticated and order.user_id == request.user.pk:
        return True
    token = request.GET.get("t")
    if token and order_number_from_token(token) == order.number:
        return True
    try:
        staff_order_or_404(request.user, order.number)
    except Http404:
        return False
    return True


def invoice_pdf(request, number: str):
    """The archived PDF, byte for byte as issued. Anyone else gets 404, so invoice numbers reveal
    nothing."""
    invoice = get_object_or_404(Invoice.objects.select_related("order"), number=number)
    if not may_download(request, invoice.order):
        raise Http404
    response = HttpResponse(archive.pdf_bytes(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
