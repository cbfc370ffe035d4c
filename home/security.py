"""Site-wide security concerns (README "Security")."""

from django.conf import settings


def is_staff_path(path: str) -> bool:
    """The Wagtail admin and Oscar's dashboard (WINKELIER_STAFF_PATH_PREFIXES)."""
    return path.startswith(tuple(settings.WINKELIER_STAFF_PATH_PREFIXES))
