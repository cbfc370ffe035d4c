"""The after-sales admin: one "After-sales" menu with the queue (A3), the customer segments
(A5), the owner's thank-you rules (A1), the follow-up plan (A6), the card texts (A4) and the
dashboard (A8), and the queue's figures on the admin home (A2).

The After-sales group works the queue, edits the card texts and the follow-up e-mails, reads the
rules and the dashboard; only the After-sales managers group (and superusers) may change the
rules, add or remove follow-up steps and have the dashboard's figures counted again on the spot
(home/staff_groups.py).
"""

from functools import partial

from django import forms
from django.urls import include, path, reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from aftersales import admin_urls, dashboard_views, messages, queue_filters, segment_views
from aftersales.models import FollowUpStep, MessageTemplate, SegmentChoice, TierRule
from home.clock import amsterdam_today

MENU_HOOK = "register_aftersales_menu_item"
VIEW_TASK = "aftersales.view_task"

MERGE_FIELDS_HELP = format_lazy(
    "{} {}",
    gettext_lazy("Invulvelden die je kunt gebruiken:"),
    " ".join(f"{{{name}}}" for name in messages.FIELDS),
)


@hooks.register("register_admin_urls")
def after_sales_urls():
    return [path("aftersales/", include(admin_urls, namespace="aftersales"))]


@hooks.register("register_admin_menu_item")
def after_sales_menu():
    """Shown when one of its items is: to the After-sales groups, not to editors."""
    return SubmenuMenuItem(
        gettext_lazy("After-sales"),
        Menu(register_hook_name=MENU_HOOK),
        name="after-sales",
        icon_name="mail",
        order=300,
    )


class PermissionMenuItem(MenuItem):
    """An item shown to whoever holds its page's permission."""

    def __init__(self, label, url, permission: str, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


# The after-sales pages of the menu: (label, URL name, permission, name, icon, order). The
# snippets (rules, follow-up plan, card texts) add their own items in between.
PAGES = [
    (gettext_lazy("Taken"), "aftersales:queue", VIEW_TASK, "tasks", "list-ul", 100),
    (gettext_lazy("Segmenten"), "aftersales:segments", segment_views.VIEW, "segments", "group", 150),
    (gettext_lazy("Dashboard"), "aftersales:dashboard", dashboard_views.VIEW, "dashboard", "view", 400),
]
for label, url_name, permission, name, icon, order in PAGES:
    hooks.register(
        MENU_HOOK,
        partial(
            PermissionMenuItem,
            label,
            reverse_lazy(url_name),
            permission,
            name=name,
            icon_name=icon,
            order=order,
        ),
    )


class QueuePanel(Component):
    """The admin home's count of the queue's work, each figure a link to those tasks."""

    name = "aftersales_queue"
    template_name = "aftersales/home_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        return {"figures": queue_filters.home_figures(amsterdam_today())}


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if request.user.has_perm(VIEW_TASK):
        panels.append(QueuePanel())


class TierRuleViewSet(SnippetViewSet):
    model = TierRule
    icon = "tasks"
    menu_label = gettext_lazy("Bedankregels")
    menu_name = "thank-you-rules"
    menu_order = 200
    menu_hook = MENU_HOOK
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


class EditOnlyPolicy(ModelPermissionPolicy):
    """The card texts exist from the migration, one per tier and language: edited, never added
    or deleted, whoever asks."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)


class MessageTemplateViewSet(SnippetViewSet):
    model = MessageTemplate
    icon = "edit"
    menu_label = gettext_lazy("Kaartteksten")
    menu_name = "card-texts"
    menu_order = 300
    menu_hook = MENU_HOOK
    list_display = ["tier", "language", "body"]
    list_filter = ["tier", "language"]
    ordering = ["tier", "language"]
    permission_policy = EditOnlyPolicy(MessageTemplate)
    panels = [
        FieldRowPanel([FieldPanel("tier", read_only=True), FieldPanel("language", read_only=True)]),
        FieldPanel("body", help_text=MERGE_FIELDS_HELP),
    ]


class FollowUpStepForm(WagtailAdminModelForm):
    """The plan's segments as check boxes (stored as a list of segment keys)."""

    segments = forms.MultipleChoiceField(
        label=gettext_lazy("Segmenten"),
        choices=SegmentChoice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=FollowUpStep._meta.get_field("segments").help_text,
    )


class FollowUpStepViewSet(SnippetViewSet):
    """A6: the owner's follow-up plan; the editor's preview shows the e-mail in Dutch and English."""

    model = FollowUpStep
    icon = "mail"
    menu_label = gettext_lazy("Opvolgplan")
    menu_name = "follow-up-plan"
    menu_order = 250
    menu_hook = MENU_HOOK
    list_display = ["__str__", "day", "margin_days", "marketing", "active"]
    list_filter = ["kind", "applies_to", "marketing", "active"]
    ordering = ["kind", "pk"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("kind"), FieldPanel("applies_to"), FieldPanel("segments")],
                heading=gettext_lazy("Voor wie"),
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("day"), FieldPanel("margin_days")]), FieldPanel("marketing")],
                heading=gettext_lazy("Wanneer"),
                help_text=gettext_lazy(
                    "Geteld vanaf de dag dat de laatste zending is afgeleverd. Verstuurd op werkdagen, "
                    "binnen de tijden bij Winkelgegevens."
                ),
            ),
            MultiFieldPanel(
                [FieldPanel("subject_nl"), FieldPanel("body_nl", help_text=MERGE_FIELDS_HELP)],
                heading=gettext_lazy("Nederlands"),
            ),
            MultiFieldPanel(
                [FieldPanel("subject_en"), FieldPanel("body_en", help_text=MERGE_FIELDS_HELP)],
                heading=gettext_lazy("Engels"),
            ),
            FieldPanel("active"),
        ],
        base_form_class=FollowUpStepForm,
    )


register_snippet(TierRuleViewSet)
register_snippet(MessageTemplateViewSet)
register_snippet(FollowUpStepViewSet)
