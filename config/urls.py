from typing import cast

from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from commerce.returns import urls as returns_urls
from commerce.returns.dashboard.apps import ReturnsDashboardConfig
from config.shop import WinkelierShop
from home.security import csp_report
from home.views import healthz, livez

oscar_shop = cast(WinkelierShop, apps.get_app_config("oscar"))
returns_dashboard = cast(ReturnsDashboardConfig, apps.get_app_config("returns_dashboard"))

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("csp-report/", csp_report, name="csp-report"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),  # column feeds (/columns/feed/rss/, /columns/feed/atom/)
    path("", include("commerce.payments.webhook_urls")),
    path("", include("commerce.payments.urls")),
    path("", include("commerce.invoices.urls")),
    path("", include("commerce.order.shipment_urls")),
    path("", include("commerce.order.account_urls")),
    path("", include("aftersales.urls")),  # a question about an order, from its page (A7)
    # "Retouren" in Oscar's dashboard (commerce/returns/dashboard/apps.py)
    path("dashboard/retouren/", returns_dashboard.urls),
    path("", include(returns_urls.model_form_urlpatterns)),
    path("", include(returns_urls)),  # the withdrawal function, /herroepen/ (W18)
    path("", include("commerce.returns.policy_urls")),
    # Oscar: catalogue, basket, checkout, accounts, search, dashboard, ...
    path("", include(oscar_shop.urls[0])),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Sitemap, robots.txt, product feed and site search, before Wagtail's catch-all.
urlpatterns.append(path("", include("cms.seo_urls")))
# Wagtail's page tree serves everything else, starting with the HomePage at "/".
urlpatterns.append(path("", include(wagtail_urls)))
