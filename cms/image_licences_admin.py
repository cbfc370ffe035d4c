"""Admin side of the image licence register (domain.md S6). Imported from ``CmsConfig.ready``.

- On upload, creator and credit line are taken from the file's XMP/IPTC when left empty
  (a post_save receiver on the image model, for new images only).
- Publishing a page (create or edit view, "Publiceren") that shows an image whose licence is
  unknown or expired is refused with a message naming each image; the edits stay saved as
  a draft revision. A user with ``cms.publish_unlicensed_images`` publishes anyway, and the
  override is written to the page's history as ``cms.publish_unlicensed`` naming the images.
  The bulk "publish" action is refused the same way.
- "Afbeeldingen: licenties" under Reports: every image by licence state with where it is
  used (Wagtail's reference index), ``?state=expiring`` for those expiring within 30 days.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.db.models.signals import post_save
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.log_actions import log
from wagtail.models import Page

from cms.image_licences import (
    EXPIRED,
    EXPIRING,
    PUBLISH_UNLICENSED_ACTION,
    PUBLISH_UNLICENSED_PERMISSION,
    STATE_ORDER,
    UNKNOWN,
    VALID,
    fill_credits_on_create,
    licence_register,
    refusal_reason,
    unusable_images_shown_by,
)
from home.clock import amsterdam_today

post_save.connect(fill_credits_on_create, sender=get_image_model(), dispatch_uid="cms-image-embedded-credits")

STATE_LABELS = {
    UNKNOWN: gettext_lazy("Licentie onbekend"),
    EXPIRED: gettext_lazy("Licentie verlopen"),
    EXPIRING: gettext_lazy("Verloopt binnen 30 dagen"),
    VALID: gettext_lazy("In orde"),
}
OVERRIDE_ATTRIBUTE = "_winkelier_unlicensed_images"


def describe(images, today) -> str:
    return "; ".join(f"'{image.title}' ({refusal_reason(image, today)})" for image in images)


@hooks.register("before_publish_page")
def refuse_unlicensed_images(request, page):
    today = amsterdam_today()
    images = unusable_images_shown_by(page.specific, today)
    if not images:
        return None
    if request.user.has_perm(PUBLISH_UNLICENSED_PERMISSION):
        setattr(
            request,
            OVERRIDE_ATTRIBUTE,
            [(image.pk, image.title, refusal_reason(image, today)) for image in images],
        )
        return None
    messages.error(
        request,
        _(
            "'%(page)s' is niet gepubliceerd: deze pagina toont afbeeldingen zonder geldige licentie: "
            "%(images)s. Vul de licentie van de afbeelding in of kies een andere afbeelding. Je "
            "wijzigingen zijn bewaard als concept."
        )
        % {"page": page.title, "images": describe(images, today)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_publish_page")
def log_unlicensed_override(request, page):
    overridden = getattr(request, OVERRIDE_ATTRIBUTE, None)
    if not overridden:
        return
    log(
        instance=page,
        action=PUBLISH_UNLICENSED_ACTION,
        user=request.user,
        data={"images": [{"id": pk, "title": title, "reason": reason} for pk, title, reason in overridden]},
    )
    messages.warning(
        request,
        _(
            "Gepubliceerd met afbeeldingen zonder geldige licentie (vastgelegd in de geschiedenis): "
            "%(images)s."
        )
        % {"images": "; ".join(f"'{title}' ({reason})" for _pk, title, reason in overridden)},
    )


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_unlicensed_images(request, action_type, objects, action_class_instance):
    if action_type != "publish" or request.user.has_perm(PUBLISH_UNLICENSED_PERMISSION):
        return None
    today = amsterdam_today()
    refused = []
    for page in objects:
        if not isinstance(page, Page):
            continue
        # What "publish" would put live: the latest revision, not the live version.
        latest = page.specific.get_latest_revision_as_object()
        images = unusable_images_shown_by(latest, today)
        if images:
            refused.append(f"'{page.title}': {describe(images, today)}")
    if not refused:
        return None
    messages.error(
        request,
        _("Niets gepubliceerd: afbeeldingen zonder geldige licentie op %(pages)s.")
        % {"pages": " | ".join(refused)},
    )
    return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))


@hooks.register("register_log_actions")
def register_publish_unlicensed_action(actions):
    def message(log_entry):
        titles = ", ".join(f"'{image['title']}'" for image in log_entry.data.get("images", []))
        return _("Gepubliceerd ondanks afbeeldingen zonder geldige licentie: %(images)s") % {"images": titles}

    from wagtail.log_actions import LogFormatter

    @actions.register_action(PUBLISH_UNLICENSED_ACTION)
    class PublishUnlicensed(LogFormatter):
        label = gettext_lazy("Gepubliceerd met ongelicentieerde afbeelding")

        def format_message(self, log_entry):
            return message(log_entry)


@hooks.register("register_permissions")
def register_publish_unlicensed_permission():
    app_label, codename = PUBLISH_UNLICENSED_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


class ImageLicenceReportView(ReportView):
    page_title = gettext_lazy("Afbeeldingen: licenties")
    header_icon = "image"
    index_url_name = "image_licence_report"
    index_results_url_name = "image_licence_report_results"
    permission_policy = image_permission_policy
    any_permission_required = ["add", "change"]
    paginate_by = 100
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("Afbeelding"),
            accessor="image.title",
            get_url=lambda row: reverse("wagtailimages:edit", args=[row.image.pk]),
        ),
        Column("state_label", label=gettext_lazy("Status")),
        Column("licence_label", label=gettext_lazy("Licentie")),
        Column("expires", label=gettext_lazy("Verloopt op")),
        Column("credit", label=gettext_lazy("Maker / bronvermelding")),
        Column("used_on", label=gettext_lazy("Gebruikt op")),
    ]
    list_export = ["image.pk", "image.title", "state", "image.licence_type", "expires", "credit", "used_on"]
    export_headings = {
        "image.pk": gettext_lazy("ID"),
        "image.title": gettext_lazy("Afbeelding"),
        "state": gettext_lazy("Status"),
        "image.licence_type": gettext_lazy("Licentie"),
        "expires": gettext_lazy("Verloopt op"),
        "credit": gettext_lazy("Maker / bronvermelding"),
        "used_on": gettext_lazy("Gebruikt op"),
    }

    def get_queryset(self):
        rows = licence_register(amsterdam_today())
        state = self.request.GET.get("state")
        if state in STATE_ORDER:
            rows = [row for row in rows if row.state == state]
        for row in rows:
            row.state_label = STATE_LABELS[row.state]
            row.licence_label = row.image.get_licence_type_display()
            row.expires = row.image.licence_expires_on.isoformat() if row.image.licence_expires_on else "—"
            row.credit = (
                " / ".join(part for part in (row.image.creator, row.image.credit_line) if part) or "—"
            )
            row.used_on = ", ".join(usage.label for usage in row.usages) or _("nergens")
        return rows


class ImageLicenceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return image_permission_policy.user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_admin_urls")
def register_image_licence_report_urls():
    return [
        path("reports/image-licences/", ImageLicenceReportView.as_view(), name="image_licence_report"),
        path(
            "reports/image-licences/results/",
            ImageLicenceReportView.as_view(results_only=True),
            name="image_licence_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_image_licence_report_menu_item():
    return ImageLicenceReportMenuItem(
        gettext_lazy("Afbeeldingen: licenties"),
        reverse("image_licence_report"),
        name="image-licence-report",
        icon_name="image",
        order=1220,
    )
