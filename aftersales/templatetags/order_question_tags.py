"""The order page's "Vraag over je bestelling" (A7), on the account and the guest order page:
`{% order_question as question %}` in templates/oscar/customer/order/partials/order_body.html."""

from django import template
from django.urls import reverse

from aftersales.forms import QuestionForm
from home.contact import phone_url, whatsapp_url
from home.models import ShopSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def order_question(context):
    """The form (as posted, when the question view shows the page again), where it posts to,
    and the shop's own channels for who would rather call, app or mail."""
    order, token = context["order"], context.get("token")
    if token:
        action = reverse("order-question-guest", kwargs={"token": token})
    else:
        action = reverse("order-question", kwargs={"order_number": order.number})
    shop = ShopSettings.for_request(context["request"])
    return {
        "form": context.get("question_form") or QuestionForm(),
        "action": action,
        "shop": shop,
        "phone_url": phone_url(shop.phone) if shop.phone else "",
        "whatsapp_url": whatsapp_url(shop.whatsapp) if shop.whatsapp else "",
    }
