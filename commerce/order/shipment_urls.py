"""Routes mounted at the site root (see config/urls.py), ahead of Oscar's dashboard."""

from django.urls import path

from commerce.order import shipment_views

urlpatterns = [
    path(
        "dashboard/orders/<str:number>/shipments/<int:shipment_id>/delivered/",
        shipment_views.mark_delivered,
        name="shipment-delivered",
    ),
    path(
        "dashboard/orders/<str:number>/lines/<int:line_id>/performed/",
        shipment_views.mark_performed,
        name="line-performed",
    ),
    path("carrier/delivered/", shipment_views.carrier_delivered, name="carrier-delivered"),
]
