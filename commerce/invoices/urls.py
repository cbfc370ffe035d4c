"""Routes mounted at the site root (see config/urls.py)."""

from django.urls import path

from commerce.invoices import views

urlpatterns = [path("facturen/<str:number>.pdf", views.invoice_pdf, name="invoice-pdf")]
