"""Login throttling with django-axes: per account and per client address (README "Security").

Every login form (the storefront's /accounts/login/, the checkout's "returning customer" step,
the Wagtail admin's /admin/login/, which also guards Oscar's /dashboard/) authenticates through
django.contrib.auth with the request, so axes' backend (first in AUTHENTICATION_BACKENDS)
refuses a locked account or address before a password is checked, and its signal handlers
count the failures. Settings: the "Login throttling" block of config/settings/base.py.

What is ours, through axes' documented hooks:

- ``attempted_email``: the account is the e-mail address as typed, lower-cased, so
  "Anna@X.nl" and "anna@x.nl" count as one account (login is case-insensitive).
- ``client_ip``: the address that connected, or the one the trusted proxies put in
  X-Forwarded-For (counted from the right, as they append it); never what a client wrote there.
- ``ThrottleHandler``: axes' database handler with a higher limit per address than per account
  (one office or mobile network shares an address), and a successful login clears only that
  account's failures from that address.
- ``lockout_response``: the "too many attempts" page in the storefront's or the admin's look.
"""

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from home.security import is_staff_path

# Form fields that may hold the e-mail address when axes has no credentials to read.
EMAIL_FIELDS = ("username", "login-username", "email")


def normalise_email(value) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower()


def attempted_email(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the e-mail address a login attempt was for, lower-cased."""
    if credentials:
        return normalise_email(credentials.get("email") or credentials.get("username"))
    data = getattr(request, "POST", {})
    return normalise_email(next((data.get(name) for name in EMAIL_FIELDS if data.get(name)), None))


def parse_ip(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address as far as we can trust it.

    With WINKELIER_TRUSTED_PROXIES = 0 (the embedded shop: gunicorn answers the client itself)
    that is REMOTE_ADDR. Behind N proxies that each append the address they were connected from
    to X-Forwarded-For (a load balancer: N = 1), the client is the N-th entry from the right;
    anything further left was written by the client and is ignored. A header with fewer entries
    than expected or an entry that is not an address falls back to REMOTE_ADDR (the proxy), so
    a misconfiguration throttles too much rather than letting a client pick its address.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.WINKELIER_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return parse_ip(forwarded[-proxies]) or remote


class ThrottleHandler(AxesDatabaseHandler):
    """axes' database handler: one limit per account, a higher one per client address.

    Axes compares one number, get_failures(), with AXES_FAILURE_LIMIT. Here that number is the
    account's failures, or the limit itself once the address reached
    WINKELIER_LOGIN_FAILURE_LIMIT_PER_IP failures (over any accounts) within the cool-off time.
    """

    def failures_by_parameter(self, request, credentials=None) -> dict[str, int]:
        parameters = get_lockout_parameters(request, credentials)
        counts = {}
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            name = parameter if isinstance(parameter, str) else "+".join(parameter)
            counts[name] = sum(attempts.values_list("failures_since_start", flat=True))
        return counts

    def get_failures(self, request, credentials=None) -> int:
        counts = self.failures_by_parameter(request, credentials)
        limit = get_failure_limit(request, credentials)
        address_locked = counts.get("ip_address", 0) >= settings.WINKELIER_LOGIN_FAILURE_LIMIT_PER_IP
        return max(counts.get("username", 0), limit if address_locked else 0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login: forget this account's failures from this address only.

        axes' own reset deletes every attempt matching the account *or* the address, so an
        attacker could clear an address' count (and others' accounts tried from it) by logging
        in to an account of their own.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 with a page saying how long to wait and what else to do."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    template = "users/lockout_admin.html" if is_staff_path(request.path) else "users/lockout.html"
    return render(request, template, {"minutes": minutes}, status=429)
