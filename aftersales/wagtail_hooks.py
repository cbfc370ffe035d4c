"""The after-sales admin: the owner's thank-you rules (A1) as an ordered list to edit.

The After-sales group sees the rules; only the After-sales managers group (and superusers)
may change them (home/staff_groups.py).
"""

from django.urls import include, path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from aftersales import admin_urls
from aftersales.models import TierRule


@hooks.register("register_admin_urls")
def after_sales_urls():
    return [path("aftersales/", include(admin_urls, namespace="aftersales"))]


class TierRuleViewSet(SnippetViewSet):
    model = TierRule
    icon = "tasks"
    menu_label = gettext_lazy("Bedankregels")
    menu_name = "thank-you-rules"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "amount", "every", "product_class", "category", "budget", "active"]
    list_filter = ["tier", "active"]
    ordering = ["sort_order", "pk"]
    panels = [
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [
                FieldPanel("condition"),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("every")]),
                FieldRowPanel([FieldPanel("product_class"), FieldPanel("category")]),
            ],
            heading=gettext_lazy("Als"),
        ),
        MultiFieldPanel([FieldPanel("tier"), FieldPanel("budget")], heading=gettext_lazy("Dan")),
        FieldPanel("active"),
    ]


register_snippet(TierRuleViewSet)
