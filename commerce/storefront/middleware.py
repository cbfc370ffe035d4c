from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class ShopLanguageMiddleware:
    """Dutch unless the shopper chose otherwise with the language switcher (N1).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch shop
    speaks Dutch first, so only the switcher's cookie changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def carries_nul(request) -> bool:
    """A NUL character in the path, a query parameter or a cookie: nothing a browser sends by
    itself, and text PostgreSQL refuses to compare (a lookup with it was a 500)."""
    if "\x00" in request.path_info:
        return True
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
    return any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items())


class RefuseNulMiddleware:
    """Answer 400 to a request with NUL in its address or cookies, before any view or the
    session looks anything up with it (issue 9). Runs after the language is chosen, so the
    message is in the shopper's language; before anything reads the session from the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            message = _(
                "Dit adres of een cookie bevat een NUL-teken; dat kunnen we niet lezen. "
                "Controleer de link, of wis de cookies van deze site en probeer het opnieuw."
            )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
