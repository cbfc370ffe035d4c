"""The model withdrawal form (W12) as a printable page, addressed to this shop."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from home.models import ShopSettings


@require_GET
def model_withdrawal_form(request):
    return render(request, "commerce/withdrawal/model_form.html", {"shop": ShopSettings.for_request(request)})
