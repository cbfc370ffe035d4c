"""Admin for column writers: the Author snippet under its own menu item (a SnippetViewSet).

Kept apart from cms/wagtail_hooks.py; imported from CmsConfig.ready().
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models.columns import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Auteurs")
    menu_name = "column-authors"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "is_guest", "link_url"]
    list_filter = ["is_guest"]
    ordering = ["name"]


register_snippet(AuthorViewSet)
