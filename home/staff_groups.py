"""The three staff groups and what each may do (design.md "One staff login"), least privilege.

Applied after every migrate so a fresh production database has them too; running it
again changes nothing. Superusers are outside the groups.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Editors"
AFTER_SALES = "After-sales"
AFTER_SALES_MANAGERS = "After-sales managers"
ORDER_MANAGERS = "Order managers"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
]
AFTER_SALES_WORK = [
    ("wagtailadmin", "access_admin"),
    ("aftersales", "view_tierrule"),
    ("aftersales", "view_task"),
    ("aftersales", "change_task"),
    ("aftersales", "view_customer"),
    ("aftersales", "change_customer"),
    ("aftersales", "add_customernote"),
    ("aftersales", "view_messagetemplate"),
    ("aftersales", "change_messagetemplate"),
    ("aftersales", "view_dashboard"),
    ("aftersales", "view_followupstep"),
    ("aftersales", "change_followupstep"),
    ("aftersales", "view_segments"),
]
MODEL_PERMISSIONS = {
    # Column writers (the Author snippet): add guests and keep profiles current; no deleting.
    EDITORS: [("wagtailadmin", "access_admin"), ("cms", "add_author"), ("cms", "change_author")],
    # After-sales staff work the queue (thank-yous and questions), keep the card texts, the
    # follow-up plan's e-mails (A6) and notes about customers, flag key accounts, read the owner's
    # thank-you rules (A1) and follow the dashboard's figures (A8) and the customer segments (A5).
    AFTER_SALES: AFTER_SALES_WORK,
    # Managers also set the rules, add and remove steps of the follow-up plan, approve personal
    # gifts within their budget, have the dashboard's figures computed again on the spot and
    # export a segment's customers (their e-mail addresses leave the shop: GDPR, so not every
    # After-sales member may).
    AFTER_SALES_MANAGERS: [
        *AFTER_SALES_WORK,
        ("aftersales", "approve_gift"),
        ("aftersales", "refresh_dashboard"),
        ("aftersales", "export_customers"),
        ("aftersales", "add_tierrule"),
        ("aftersales", "change_tierrule"),
        ("aftersales", "delete_tierrule"),
        ("aftersales", "add_followupstep"),
        ("aftersales", "delete_followupstep"),
    ],
    # Oscar lets non-staff partner users into the order dashboard for their partner's orders.
    # They follow the sales, so they see what the recommendations bring in (its report), and
    # handle returns in the dashboard ("Retouren": register, decide, receive, refund).
    ORDER_MANAGERS: [
        ("wagtailadmin", "access_admin"),
        ("partner", "dashboard_access"),
        ("recommendations", "view_placementcount"),
        ("returns", "view_return"),
        ("returns", "add_return"),
        ("returns", "change_return"),
    ],
}


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_staff_groups():
    groups = {}
    for name, perms in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(app, code) for app, code in perms))
        groups[name] = group

    editors = groups[EDITORS]
    root_page = Page.get_first_root_node()
    if root_page:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission("wagtailcore", codename)
            )
    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection, permission=permission(app, codename)
                )
    return groups


def ensure_staff_groups_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver (HomeConfig.ready): the groups exist after every migrate."""
    # post_migrate reaches "home" before the apps listed after it have their permissions;
    # create them all now (idempotent) so the groups can reference them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_staff_groups()
