"""Registration confirmed by e-mail, answering alike for new and existing addresses.

Oscar created the account at once and said "A user with that email address already exists"
for a taken address, so the form told anyone which addresses have an account. Here:

1. ``start_registration`` (the registration form was valid): for a new address it keeps a
   PendingRegistration and e-mails a confirmation link; for an address with an account it
   e-mails the owner that someone tried to register with it, with links to log in and to reset
   the password. Both hash the password once and send one e-mail, and the shopper sees the same
   "check your e-mail" page.
2. ``complete_registration`` (the link was followed and confirmed): the account is created
   with the password chosen in step 1, unless the address got an account meanwhile.

The link is valid for WINKELIER_REGISTRATION_LINK_HOURS; its token is kept only as a SHA-256.
The e-mails are not kept in Oscar's communication log: the confirmation link is a secret.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from commerce.customer.models import PendingRegistration
from commerce.order.emails import public_root_url, shop_settings

TEMPLATE_DIR = "customer/emails"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(hours=settings.WINKELIER_REGISTRATION_LINK_HOURS)


def send_email(name: str, to: str, context: dict) -> None:
    """E-mail `name` (templates in customer/emails/) in the shopper's current language."""
    ctx = {
        "shop": shop_settings(),
        "site_url": public_root_url(),
        "LANGUAGE_CODE": translation.get_language(),
        "link_hours": settings.WINKELIER_REGISTRATION_LINK_HOURS,
        **context,
    }
    subject = " ".join(render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", ctx).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"{TEMPLATE_DIR}/{name}_body.txt", ctx), settings.OSCAR_FROM_EMAIL, [to]
    )
    message.attach_alternative(render_to_string(f"{TEMPLATE_DIR}/{name}_body.html", ctx), "text/html")
    message.send()


def start_registration(email: str, password: str, redirect_url: str = "") -> None:
    """The registration form was valid: e-mail a confirmation link, or tell the owner of an
    existing account that someone tried to register with it. Same work either way."""
    PendingRegistration.objects.filter(created_at__lt=timezone.now() - link_lifetime()).delete()
    hashed = make_password(password)
    if get_user_model()._default_manager.filter(email__iexact=email).exists():
        send_email(
            "registration_attempt",
            email,
            {"login_path": reverse("customer:login"), "reset_path": reverse("password-reset")},
        )
        return
    token = secrets.token_urlsafe(32)
    PendingRegistration.objects.create(
        email=email, password=hashed, token_hash=token_hash(token), redirect_url=redirect_url
    )
    send_email(
        "registration_confirm",
        email,
        {"confirm_path": reverse("customer:register-confirm", kwargs={"token": token})},
    )


def pending_registration(token: str) -> PendingRegistration | None:
    """The registration a link belongs to, while the link is valid."""
    return PendingRegistration.objects.filter(
        token_hash=token_hash(token), created_at__gte=timezone.now() - link_lifetime()
    ).first()


def complete_registration(token: str):
    """Create the account of a confirmed registration: (user, redirect URL), or (None, "")
    when the link is expired or used, or the address has an account by now."""
    with transaction.atomic():
        pending = pending_registration(token)
        if pending is None:
            return None, ""
        # Every open registration of the address ends here, whichever link was used.
        claimed = PendingRegistration.objects.filter(email__iexact=pending.email).delete()[0]
        users = get_user_model()._default_manager
        if not claimed or users.filter(email__iexact=pending.email).exists():
            return None, ""
        user = users.model(email=pending.email, password=pending.password)
        user.save()
    return user, pending.redirect_url
