"""The after-sales pages of the Wagtail admin (/admin/aftersales/...), namespace "aftersales"."""

from django.urls import path

from aftersales import customer_views, dashboard_views, queue_views, segment_views, task_views

app_name = "aftersales"
urlpatterns = [
    path("", queue_views.queue, name="queue"),
    path("kaartjes.pdf", queue_views.print_cards, name="print"),
    path("taken/<int:pk>/", task_views.task, name="task"),
    path("taken/<int:pk>/voorbeeld/", task_views.preview, name="preview"),
    path("klanten/<int:pk>/", customer_views.customer, name="customer"),
    path("dashboard/", dashboard_views.dashboard_page, name="dashboard"),
    path("segmenten/", segment_views.overview, name="segments"),
    path("segmenten/<str:segment>/", segment_views.customer_list, name="segment"),
    path("segmenten/<str:segment>/klanten.csv", segment_views.export, name="segment-export"),
]
