"""A product page reached through a recommendation's link counts as a click for its placement."""

from wagtail import hooks

from commerce.recommendations.counting import record_click


@hooks.register("before_serve_page")
def count_recommendation_click(page, request, serve_args, serve_kwargs):
    product_id = getattr(page, "product_id", None)  # product pages only
    if request.method == "GET" and product_id is not None:
        record_click(request, product_id)
