"""A basket addition made from a recommendation counts for its placement (in memory, counting.py)."""

from django.dispatch import receiver
from oscar.apps.basket.signals import basket_addition

from commerce.recommendations.counting import record_addition


@receiver(basket_addition, dispatch_uid="winkelier-recommendation-addition")
def count_addition(sender, product, request=None, **kwargs):
    if request is not None and request.method == "POST":
        record_addition(request, product)
