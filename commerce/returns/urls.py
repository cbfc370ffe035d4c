"""The withdrawal function's routes under /herroepen/ (see config/urls.py). `ref` is an order's
signed token or, for its logged-in customer, its number (commerce/returns/access.py)."""

from django.urls import path

from commerce.returns import views

app_name = "returns"

urlpatterns = [
    path("herroepen/", views.lookup_order, name="lookup"),
    path("herroepen/<str:ref>/", views.withdraw, name="withdraw"),
    path("herroepen/<str:ref>/bevestigen/", views.confirm, name="confirm"),
    path("herroepen/<str:ref>/<str:number>/", views.return_detail, name="return"),
    path("herroepen/<str:ref>/<str:number>/retourbon.pdf", views.slip, name="slip"),
    path("herroepen/<str:ref>/<str:number>/verzonden/", views.mark_sent, name="mark-sent"),
    path("herroepen/<str:ref>/<str:number>/intrekken/", views.cancel, name="cancel"),
]

# The model form (W12) keeps its own names; listed before the routes above, whose `ref` would
# also match "modelformulier".
model_form_urlpatterns = [
    path("herroepen/modelformulier/", views.model_withdrawal_form, name="withdrawal-model-form"),
    path("herroepen/modelformulier.pdf", views.model_withdrawal_form_pdf, name="withdrawal-model-form-pdf"),
]
