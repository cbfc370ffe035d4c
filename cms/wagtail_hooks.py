"""The cms app's admin wiring; Wagtail imports this module (its wagtail_hooks autodiscovery).

- Product pages: the product chooser; renditions and embeds made when a page is published or
  saved, not in the shopper's request; a product page view counts for its product.
- Images (domain.md S6): publishing a page (create or edit view, "Publiceren") that shows an
  image whose licence is unknown or expired is refused with a message naming each image; the
  edits stay saved as a draft revision. A user with ``cms.publish_unlicensed_images``
  publishes anyway, and the override is written to the page's history as
  ``cms.publish_unlicensed`` naming the images. The bulk "publish" action is refused the
  same way.
- Uniqueness (S5): publishing a product page whose own text is ≥ 50 % supplier text shows a
  warning; the page is published all the same (a warning, not a block).
- The three reports under Reports (cms/reports.py): SEO (S1), uniqueness (S5), image
  licences (S6).
- Column writers (S7): the Author snippet under its own menu item.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.catalogue.signals import product_viewed
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.image_licence_report import ImageLicenceReportView
from cms.image_licences import (
    PUBLISH_UNLICENSED_ACTION,
    PUBLISH_UNLICENSED_PERMISSION,
    refusal_reason,
    unusable_images_shown_by,
)
from cms.models import Author, ProductPage
from cms.page_uniqueness import page_containment
from cms.product_chooser import product_chooser_viewset
from cms.product_pages import prepare_page
from cms.reports import register_report
from cms.seo.report import SeoReportView
from cms.uniqueness import is_copied
from cms.uniqueness_report import UniquenessReportView
from home.clock import amsterdam_today

# --- images (S6): no page goes live with an image we may not show -------------------------

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


class PublishUnlicensed(LogFormatter):
    label = gettext_lazy("Gepubliceerd met ongelicentieerde afbeelding")

    def format_message(self, log_entry):
        titles = ", ".join(f"'{image['title']}'" for image in log_entry.data.get("images", []))
        return _("Gepubliceerd ondanks afbeeldingen zonder geldige licentie: %(images)s") % {"images": titles}


@hooks.register("register_log_actions")
def register_publish_unlicensed_action(actions):
    actions.register_action(PUBLISH_UNLICENSED_ACTION)(PublishUnlicensed)


@hooks.register("register_permissions")
def register_publish_unlicensed_permission():
    app_label, codename = PUBLISH_UNLICENSED_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


# --- uniqueness (S5): a warning, not a block -----------------------------------------------


@hooks.register("after_publish_page")
def warn_when_publishing_copied_text(request, page):
    page = page.specific
    if not isinstance(page, ProductPage):
        return
    score = page_containment(page)
    if is_copied(score):
        messages.warning(
            request,
            _(
                "Let op: %(share)s van de tekst van '%(title)s' is de tekst van de leverancier. "
                "De pagina is gepubliceerd, maar zoekmachines belonen eigen tekst: herschrijf de "
                "introductie en beschrijving in eigen woorden."
            )
            % {"share": f"{score:.0%}", "title": page.title},
        )


# --- reports -------------------------------------------------------------------------------

register_report(SeoReportView, url_path="seo", url_name="seo_report")
register_report(UniquenessReportView, url_path="uniqueness", url_name="uniqueness_report")
register_report(ImageLicenceReportView, url_path="image-licences", url_name="image_licence_report")


# --- product pages: the product chooser ------------------------------------------------------


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


# --- publishing: renditions and embeds are made here, not in the shopper's request ----------


@hooks.register("after_publish_page")
def prepare_published_product_page(request, page):
    if isinstance(page.specific, ProductPage):
        prepare_page(page.specific)


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def prepare_saved_product_page(request, page):
    # A page saved as draft gets its renditions too, so previews and the first view are fast.
    if isinstance(page.specific, ProductPage) and page.live:
        prepare_page(page.specific)


# --- serving: a product page view counts for its product (in memory, view_counts) ----------


@hooks.register("on_serve_page")
def count_product_page_views(next_serve_page):
    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if isinstance(page, ProductPage) and request.method == "GET" and response.status_code == 200:

            def viewed(rendered):
                # Oscar's signal: recently-viewed cookie and the buffered view count
                # (commerce.analytics receives it: views are buffered in memory). After
                # rendering, the page holds its product already: no extra query.
                product_viewed.send(
                    sender=ProductPage,
                    product=page.product,
                    user=request.user,
                    request=request,
                    response=rendered,
                )

            if hasattr(response, "add_post_render_callback"):
                response.add_post_render_callback(viewed)
            else:
                viewed(response)
        return response

    return serve


# --- column writers ------------------------------------------------------------------------


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = gettext_lazy("Auteurs")
    menu_name = "column-authors"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "is_guest", "link_url"]
    list_filter = ["is_guest"]
    ordering = ["name"]


# Last in this module: register_snippet makes Wagtail finish its search for hooks (it lists
# the snippet models), importing the other apps' wagtail_hooks. Called earlier, the hooks
# above would be registered after Wagtail's own ones (on_serve_page hooks wrap each other in
# that order).
register_snippet(AuthorViewSet)
