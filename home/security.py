"""Site-wide security headers: the Content-Security-Policy per area, cookie flags, CSP reports.

Settings: the "Security" blocks of config/settings/base.py and production.py; README
"Security" explains them to operators.
"""

import json
import logging
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("winkelier.csp")

# Stripe.js and what its Elements need (docs.stripe.com/security/guide, "Content Security
# Policy"): the script, its frames (card fields, 3-D Secure) and its API.
STRIPE_SOURCES = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}

# What a violation report may tell us, each cut to this many characters.
REPORT_FIELDS = (
    "document-uri",
    "effective-directive",
    "violated-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "script-sample",
)
FIELD_LENGTH = 300


def stripe_sources() -> dict[str, list[str]]:
    """Stripe's origins, or localstripe's (its Stripe.js stand-in and API) when
    STRIPE_API_BASE points there (dev and tests; read per request: tests start their own)."""
    if not settings.STRIPE_API_BASE:
        return STRIPE_SOURCES
    parts = urlsplit(settings.STRIPE_API_BASE)
    origin = f"{parts.scheme}://{parts.netloc}"
    return {"script-src": [origin], "frame-src": [origin], "connect-src": [origin]}


def is_staff_path(path: str) -> bool:
    return path.startswith(tuple(settings.WINKELIER_STAFF_PATH_PREFIXES))


def view_name(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per area (django-csp's documented extension
    point, get_policy_parts):

    - storefront: CONTENT_SECURITY_POLICY (nonces, no inline code);
    - the pages in WINKELIER_CSP_STRIPE_VIEWS: that plus Stripe's origins;
    - staff areas (WINKELIER_STAFF_PATH_PREFIXES): WINKELIER_CSP_STAFF_DIRECTIVES.

    A view decorated with django-csp's @csp/@csp_update/@csp_replace still has the last word.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if is_staff_path(request.path_info):
            parts.config = default_config(settings.WINKELIER_CSP_STAFF_DIRECTIVES)
        elif view_name(request) in settings.WINKELIER_CSP_STRIPE_VIEWS:
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for directive, sources in stripe_sources().items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts


class CookiePolicyMiddleware:
    """Every cookie a response sets gets SameSite (WINKELIER_COOKIE_SAMESITE) when it has none,
    and Secure when WINKELIER_COOKIES_SECURE (production: the shop is HTTPS only).

    Django's own cookies follow their settings already; this catches those a library sets
    without a way to configure them, such as Oscar's basket cookie (no SameSite), and any added
    later. Listed first in MIDDLEWARE so it runs after every other middleware set its cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for morsel in response.cookies.values():
            if not morsel["samesite"]:
                morsel["samesite"] = settings.WINKELIER_COOKIE_SAMESITE
            if settings.WINKELIER_COOKIES_SECURE:
                morsel["secure"] = True
        return response


def summarise_report(payload) -> dict[str, str] | None:
    """The fields worth logging from a report-uri report ({"csp-report": {...}}), or None."""
    report = payload.get("csp-report") if isinstance(payload, dict) else None
    if not isinstance(report, dict):
        return None
    return {name: str(report.get(name, ""))[:FIELD_LENGTH] for name in REPORT_FIELDS}


@csrf_exempt  # browsers send reports without our CSRF token
@require_POST
def csp_report(request):
    """Browsers POST a report here when the CSP blocked something: log it, answer 204.

    Anyone can post here, so it reads at most WINKELIER_CSP_REPORT_MAX_BYTES, logs only known
    fields cut to length, and answers 4xx for anything that is not a report: never 500.
    """
    limit = settings.WINKELIER_CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return HttpResponse(status=413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return HttpResponse(status=413)
    try:
        report = summarise_report(json.loads(body))
    except (ValueError, RecursionError):  # not JSON (or not UTF-8), or nested too deep
        report = None
    if report is None:
        return HttpResponse(status=400)
    logger.warning("CSP violation: %s", json.dumps(report, sort_keys=True))
    return HttpResponse(status=204)
