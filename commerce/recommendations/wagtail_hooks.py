"""The recommendations' admin wiring.

- A product page reached through a recommendation's link counts as a click for its placement.
- The report "Aanbevelingen: kliks en winkelmand" under Reports (report.py).
"""

from wagtail import hooks

from cms.reports import register_report
from commerce.recommendations.counting import record_click
from commerce.recommendations.report import RecommendationReportView


@hooks.register("before_serve_page")
def count_recommendation_click(page, request, serve_args, serve_kwargs):
    product_id = getattr(page, "product_id", None)  # product pages only
    if request.method == "GET" and product_id is not None:
        record_click(request, product_id)


register_report(RecommendationReportView, url_path="recommendations", url_name="recommendation_report")
