"""Marketing e-mail (A6): only with the customer's consent, always with a one-click unsubscribe.

`send` is the way marketing e-mail (the follow-up plan's tips, review requests, cross-sell,
win-back; a newsletter) leaves the shop. It sends nothing to a customer without consent, and
every message it sends carries the customer's unsubscribe link twice:

- in the body: the templates extend aftersales/emails/marketing_base_body.{txt,html}, whose
  footer holds the link (`send` refuses a template that leaves it out);
- in the headers `List-Unsubscribe` (the link, and a mailto: to the shop) and
  `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so a mail client's
  "unsubscribe" button POSTs to the link without the customer opening a page.

The link holds a token that signs the customer's id: it needs no login and does not expire
(changing SECRET_KEY, with the old key in SECRET_KEY_FALLBACKS, keeps sent links working).
Transactional e-mail (orders, invoices, returns, answers: commerce/order/emails.py) never passes
here and is never held back by consent.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from oscar.core.loading import get_model

from aftersales.consent import has_consent
from aftersales.models import Customer
from commerce.order.emails import public_root_url, render_email, shop_settings

Email = get_model("communication", "Email")

SALT = "winkelier.aftersales.unsubscribe"
UNSIGNED_ID = re.compile(r"[0-9]{1,18}")  # what unsubscribe_token signs; ASCII digits, fits a bigint
# A message written by staff (the follow-up plan's templates): context `subject` and `body`.
MESSAGE = "aftersales/emails/marketing_message"


def unsubscribe_token(customer: Customer) -> str:
    # A plain Signer, not signing.dumps (which adds a timestamp): one customer, one stable link.
    return signing.Signer(salt=SALT).sign(str(customer.pk))


def customer_id_from_token(token: str) -> int | None:
    """The id of the customer a token was made for; None for a forged or altered token."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if UNSIGNED_ID.fullmatch(value) else None


def unsubscribe_url(customer: Customer) -> str:
    return public_root_url() + reverse("unsubscribe", kwargs={"token": unsubscribe_token(customer)})


def unsubscribe_headers(url: str, shop) -> dict[str, str]:
    mailbox = shop.email or settings.OSCAR_FROM_EMAIL
    return {
        # The mailto: lands in the shop's inbox: staff unsubscribe the sender on the customer page.
        "List-Unsubscribe": f"<{url}>, <mailto:{mailbox}?subject={quote('Afmelden nieuwsbrief')}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send(customer: Customer, template: str, context: dict, language: str = settings.LANGUAGE_CODE) -> bool:
    """E-mail `template` (<template>_subject.txt, _body.txt, _body.html) to the customer in
    `language`, if they consent to marketing e-mail now. Returns whether it was sent; a sent
    message is kept in Oscar's communication log (the customer's "E-mailgeschiedenis")."""
    if not has_consent(customer):
        return False
    shop = shop_settings()
    url = unsubscribe_url(customer)
    ctx = {"shop": shop, "site_url": public_root_url(), "customer": customer, **context}
    ctx["unsubscribe_url"] = url
    subject, text, html = render_email(template, ctx, language)
    if url not in text or url not in html:
        raise ImproperlyConfigured(f"{template} does not extend aftersales/emails/marketing_base_body")
    message = EmailMultiAlternatives(
        subject, text, settings.OSCAR_FROM_EMAIL, [customer.email], headers=unsubscribe_headers(url, shop)
    )
    message.attach_alternative(html, "text/html")
    message.send()
    Email.objects.create(
        user_id=customer.user_id, email=customer.email, subject=subject, body_text=text, body_html=html
    )
    return True
