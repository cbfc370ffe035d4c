"""The after-sales dashboard in the Wagtail admin (A8; aftersales/dashboard.py): the stored
figures of one preset period, and for managers "Nu bijwerken", which has them counted again in
the background. The page reads one stored row, however many orders the shop has."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from aftersales import dashboard, tasks
from aftersales.staff_access import forbidden

VIEW = "aftersales.view_dashboard"
REFRESH = "aftersales.refresh_dashboard"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=dashboard.Preset.choices,
        error_messages={
            "required": gettext_lazy("Kies een periode."),
            "invalid_choice": gettext_lazy("Deze periode bestaat niet; je ziet de laatste 12 maanden."),
        },
    )


@require_http_methods(["GET", "POST"])
def dashboard_page(request):
    if not request.user.has_perm(VIEW):
        return forbidden(request)
    if request.method == "POST":
        return refresh(request)
    if "period" not in request.GET:
        return page(request, PeriodForm(initial={"period": dashboard.DEFAULT}), dashboard.DEFAULT)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return page(request, form, dashboard.DEFAULT, status=400)
    return page(request, form, dashboard.Preset(form.cleaned_data["period"]))


def refresh(request):
    if not request.user.has_perm(REFRESH):
        return forbidden(request)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Niets bijgewerkt: deze periode bestaat niet."))
        return page(request, PeriodForm(initial={"period": dashboard.DEFAULT}), dashboard.DEFAULT, status=400)
    preset = dashboard.Preset(form.cleaned_data["period"])
    tasks.compute_dashboard.enqueue(preset.value)
    messages.success(
        request,
        _("De cijfers van “%(period)s” worden opnieuw berekend. Vernieuw de pagina zo om ze te zien.")
        % {"period": preset.label},
    )
    return redirect(f"{reverse('aftersales:dashboard')}?{urlencode({'period': preset.value})}")


def page(request, form: PeriodForm, preset: dashboard.Preset, status: int = 200):
    stored = dashboard.cached(preset)
    context = {
        "page_title": _("Dashboard"),
        "form": form,
        "preset": preset,
        "stored": stored,
        "overview": dashboard.Overview(stored) if stored else None,
        "may_refresh": request.user.has_perm(REFRESH),
    }
    return TemplateResponse(request, "aftersales/dashboard.html", context, status=status)
