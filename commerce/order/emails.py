"""Order e-mails: rendered from templates in the order's language, sent once, kept in Oscar's log.

Every e-mail about an order goes through send_order_email, so each one is a multipart
(text + HTML) message and leaves a copy in the communication log (communication.Email) plus an
order CommunicationEvent — the staff's proof of what the customer was told (W5).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Site

from home.models import ShopSettings

CommunicationEventType = get_model("communication", "CommunicationEventType")
CommunicationEvent = get_model("order", "CommunicationEvent")
Email = get_model("communication", "Email")

TEMPLATE_DIR = "commerce/emails"


def public_root_url() -> str:
    """The shop's public address for links in e-mails, which are sent outside any request
    (SITE_URL; required in production, the `make run` address in development)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def shop_settings():
    """The sender's details: e-mails are sent outside a request, so the default site's."""
    return ShopSettings.for_site(Site.objects.get(is_default_site=True))


def event_type_for(name: str):
    """The CommunicationEventType that records e-mails of this kind (code = name upper-cased)."""
    code = name.upper()
    event_type, _created = CommunicationEventType.objects.get_or_create(
        code=code,
        defaults={
            "name": name.replace("_", " ").capitalize(),
            "category": CommunicationEventType.ORDER_RELATED,
        },
    )
    return event_type


def has_sent(order, name: str) -> bool:
    return order.communication_events.filter(event_type__code=name.upper()).exists()


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text body, HTML body) from `<template>_subject.txt`, `_body.txt` and `_body.html`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}_body.txt", context)
        html = render_to_string(f"{template}_body.html", context)
    # A header cannot span lines; templates may end with a newline.
    return " ".join(subject.split()), text, html


def render_order_email(order, name: str, context=None) -> tuple[str, str, str]:
    """(subject, text body, HTML body) in the order's language."""
    ctx = {"order": order, "shop": shop_settings(), "site_url": public_root_url(), **(context or {})}
    return render_email(f"{TEMPLATE_DIR}/{name}", ctx, order.language or settings.LANGUAGE_CODE)


def send_to_staff(user, subject: str, text: str, html: str) -> None:
    """A multipart e-mail to a staff member, kept in Oscar's communication log (reminders)."""
    message = EmailMultiAlternatives(subject, text, settings.OSCAR_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()
    Email.objects.create(user=user, email=user.email, subject=subject, body_text=text, body_html=html)


def send_order_email(order, name: str, context=None, attachments=(), to: str = ""):
    """Send e-mail `name` about `order` to the customer and log it; returns the logged Email.

    attachments: (filename, bytes, mimetype) tuples, e.g. the invoice PDF. `to`: another
    address than the order's, e.g. the one a withdrawal asked its confirmation at (W18).
    """
    subject, text, html = render_order_email(order, name, context)
    recipient = to or order.email
    message = EmailMultiAlternatives(subject, text, settings.OSCAR_FROM_EMAIL, [recipient])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    with transaction.atomic():
        logged = Email.objects.create(
            user=order.user, email=recipient, subject=subject, body_text=text, body_html=html
        )
        CommunicationEvent.objects.create(order=order, event_type=event_type_for(name))
    return logged
