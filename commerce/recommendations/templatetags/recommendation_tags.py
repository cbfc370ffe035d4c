"""`{% recommended_products subject "basket" as products %}`: the recommendations service for
templates; an empty list where the owner switched the placement off."""

from django import template
from django.conf import settings

from commerce.recommendations.counting import placement_in
from commerce.recommendations.service import PARAMETER, placement_shown, recommendations_for

register = template.Library()


@register.simple_tag(takes_context=True)
def recommended_products(context, subject, placement):
    """Also leaves out what the shopper's basket holds already."""
    if subject is None or not placement_shown(placement):
        return []
    basket = getattr(context.get("request"), "basket", None)
    return recommendations_for(subject, placement, settings.WINKELIER_RECOMMENDATIONS_SHOWN, basket=basket)


@register.inclusion_tag("recommendations/placement_field.html", takes_context=True)
def recommendation_placement_field(context, placement=None):
    """The hidden field an add-to-basket form carries when the shopper came from a
    recommendation (or the given placement), so the addition counts for it."""
    request = context.get("request")
    return {"name": PARAMETER, "placement": placement or (placement_in(request.GET) if request else None)}
