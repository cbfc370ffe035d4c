"""The storefront's newsletter sign-up, with double opt-in (A6).

Signing up only e-mails a confirmation link; consent is recorded when its owner opens the link
and presses the button (source "newsletter"), so nobody can sign up someone else's address.
Every valid sign-up gets the same e-mail and the same answer, whether the address is new, a
customer's or signed up already: the form tells nobody which addresses the shop knows.

The link carries the address, signed and timestamped (django.core.signing); it works for
WINKELIER_NEWSLETTER_LINK_DAYS days. Nothing is stored before the confirmation. Sign-ups are
counted per client address and per e-mail address (home/throttle.py): at the limit the form
answers 429, so it cannot be used to flood someone's mailbox.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation

from aftersales import consent
from aftersales.models import Consent
from commerce.order.emails import public_root_url, render_email, shop_settings
from commerce.users.login_throttle import client_ip
from home import throttle

SALT = "winkelier.aftersales.newsletter"
TEMPLATE = "aftersales/emails/newsletter_confirm"


def link_lifetime() -> timedelta:
    return timedelta(days=settings.WINKELIER_NEWSLETTER_LINK_DAYS)


def confirmation_token(email: str) -> str:
    return signing.dumps(email, salt=SALT)


def email_from_token(token: str) -> str | None:
    """The address a confirmation link is for; None when forged, altered or expired."""
    try:
        email = signing.loads(token, salt=SALT, max_age=link_lifetime())
    except signing.BadSignature:  # SignatureExpired included
        return None
    return email if isinstance(email, str) else None


def throttle_limits(request, email: str) -> dict[str, int]:
    address = hashlib.sha256(email.encode()).hexdigest()
    return {
        f"newsletter-signup:ip:{client_ip(request)}": settings.WINKELIER_NEWSLETTER_SIGNUPS_PER_IP,
        f"newsletter-signup:address:{address}": settings.WINKELIER_NEWSLETTER_SIGNUPS_PER_ADDRESS,
    }


def throttled(request, email: str) -> bool:
    return throttle.reached(throttle_limits(request, email))


def sign_up(request, email: str) -> None:
    """E-mail the confirmation link to `email` (lower-cased, valid) in the shopper's language."""
    throttle.count(list(throttle_limits(request, email)), settings.WINKELIER_NEWSLETTER_SIGNUP_WINDOW)
    context = {
        "shop": shop_settings(),
        "site_url": public_root_url(),
        "confirm_path": reverse("newsletter-confirm", kwargs={"token": confirmation_token(email)}),
        "valid_until": timezone.now() + link_lifetime(),
    }
    language = translation.get_language() or settings.LANGUAGE_CODE
    subject, text, html = render_email(TEMPLATE, context, language)
    # Not kept in Oscar's communication log: the link signs the address up, so it stays in
    # the mailbox it was sent to.
    message = EmailMultiAlternatives(subject, text, settings.OSCAR_FROM_EMAIL, [email])
    message.attach_alternative(html, "text/html")
    message.send()


def confirm(token: str) -> Consent | None:
    """The link's button was pressed: record the consent; None for a bad or expired link."""
    email = email_from_token(token)
    if email is None:
        return None
    return consent.record(email, True, consent.Source.NEWSLETTER)
