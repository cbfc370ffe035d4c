"""The follow-up plan's e-mails (A6): the owner's text of the step with its merge fields filled
in, and under it what the follow-up is about: the usage tips of the product pages, a review link
per product, products recommended with the order, or the products to order again.

A marketing step goes through marketing_mail.send (consent, unsubscribe link and headers); a step
that belongs to the order (the thank-you, the usage tips) is an order e-mail like the invoice, kept
in the order's communication log.
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from aftersales import marketing_mail, messages, printing
from aftersales.followup_plan import Kind
from aftersales.models import FollowUp, FollowUpStep
from commerce.order import statuses
from commerce.order.emails import public_root_url, render_email, send_order_email, shop_settings
from commerce.recommendations.models import Placement
from commerce.recommendations.service import placement_shown, recommendations_for

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

ORDER_EMAIL = "follow_up"  # commerce/emails/follow_up_*: the order e-mail's templates
RECOMMENDED = 3
# Why a step has nothing to send: it is skipped rather than sent without its point.
NOTHING_TO_SAY = {
    Kind.USAGE_TIPS: _("geen gebruikstips op de productpagina's van deze bestelling"),
    Kind.REVIEW: _("geen product met een pagina om te beoordelen"),
    Kind.CROSS_SELL: _("geen aanbevelingen bij deze producten"),
    Kind.REORDER: _("het product is niet meer te koop"),
}
BLOCK_END = re.compile(r"</(p|li|h[1-6])>|<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class Tip:
    product: str
    heading: str
    text: str


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass
class Content:
    """What the follow-up adds to the owner's text."""

    tips: list[Tip] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def absolute(url: str) -> str:
    return public_root_url() + url if url.startswith("/") else url


def plain_text(rich: str) -> str:
    """Rich text as plain lines: each paragraph or list item on a line of its own."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", rich))).strip()


def products_with_pages(order) -> list:
    """The order's (parent) products that have a live page, in the order of its lines."""
    ids = list(
        dict.fromkeys(
            line.product.parent_id or line.product_id for line in order.lines.all() if line.product_id
        )
    )
    found = (
        Product.objects.filter(pk__in=ids, page__live=True).select_related("page", "product_class").in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def usage_tips(products) -> list[Tip]:
    return [
        Tip(product.page.title, block.value["heading"], plain_text(block.value["text"].source))
        for product in products
        for block in product.page.experience
        if block.block_type == "usage_tip"
    ]


def review_links(products) -> list[Link]:
    return [
        Link(
            product.page.title,
            absolute(
                reverse(
                    "catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}
                )
            ),
        )
        for product in products
    ]


def recommended_links(order) -> list[Link]:
    if not placement_shown(Placement.FOLLOW_UP):
        return []
    chosen = recommendations_for(order, Placement.FOLLOW_UP, limit=RECOMMENDED)
    return [Link(product.page.title, absolute(product.recommendation_url)) for product in chosen]


def reorder_links(products) -> list[Link]:
    lasting = [
        product for product in products if product.product_class and product.product_class.lifetime_days
    ]
    return [Link(product.page.title, absolute(product.page.url)) for product in lasting]


def content_for(kind: str, order) -> Content | None:
    """What a follow-up of `kind` about `order` adds; None when it would have nothing to say."""
    if kind in (Kind.THANK_YOU, Kind.WIN_BACK):
        return Content()
    if kind == Kind.CROSS_SELL:
        content = Content(links=recommended_links(order))
    else:
        products = products_with_pages(order)
        if kind == Kind.USAGE_TIPS:
            content = Content(tips=usage_tips(products))
        elif kind == Kind.REVIEW:
            content = Content(links=review_links(products))
        else:
            content = Content(links=reorder_links(products))
    return content if content.tips or content.links else None


def language_of(order) -> str:
    return order.language or settings.LANGUAGE_CODE


def message_context(step: FollowUpStep, order, content: Content, shop=None, language: str = "") -> dict:
    """The template context: the step's subject and text in the order's language, filled in."""
    language = language or language_of(order)
    subject, body = step.text(language)
    shop = shop or shop_settings()
    values = messages.MergeValues(
        first_name=printing.first_name_of(order),
        product=printing.main_product(order),
        order_number=order.number,
        shop_name=shop.legal_name,
    )
    return {
        "subject": messages.merge(subject, values, language),
        "body": messages.merge(body, values, language),
        "content": content,
    }


def preview(step: FollowUpStep, language: str) -> dict:
    """The step's e-mail in `language` as the latest order's customer would get it (the admin's
    preview, typed text included), with a placeholder where the unsubscribe link goes."""
    order = Order.objects.exclude(status=statuses.CANCELLED).order_by("-date_placed", "-pk").first()
    if order is None:
        return {"order": None}
    content = content_for(step.kind, order)
    shop = shop_settings()
    context = message_context(step, order, content or Content(), shop, language)
    site_url = public_root_url()
    context.update(shop=shop, site_url=site_url, order=order, unsubscribe_url=f"{site_url}/afmelden/…/")
    template = marketing_mail.MESSAGE if step.marketing else f"commerce/emails/{ORDER_EMAIL}"
    subject, _text, html = render_email(template, context, language)
    return {
        "order": order,
        "subject": subject,
        "html": html,
        "nothing_to_say": NOTHING_TO_SAY.get(Kind(step.kind)) if content is None else None,
    }


def send(follow_up: FollowUp, step: FollowUpStep, content: Content) -> bool:
    """E-mail the follow-up; False when it is a marketing step and the customer has no consent."""
    order = follow_up.order
    context = message_context(step, order, content)
    if step.marketing:
        return marketing_mail.send(follow_up.customer, marketing_mail.MESSAGE, context, language_of(order))
    send_order_email(order, ORDER_EMAIL, context)
    return True
