"""Settings shared by every runtime shape (embedded default, tests, production).

Runtime-specific files (dev, test, production) import from here and override
only what differs. Secrets never live here: they come from the environment.
"""

import copy
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from oscar import defaults as oscar_defaults
from oscar.defaults import *  # noqa: F403 - Oscar's documented way to get its defaults

from commerce.order import statuses as order_statuses

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # Project apps first so their templates and static files win.
    "home",
    "cms",
    "aftersales",
    "commerce.users",
    "commerce.storefront",
    # The demo shop: `load_demo_shop` and `run_embedded` (no models; no app imports it)
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailseo",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Background work (Django's task API, database backend)
    "django_tasks",
    "django_tasks_db",
    # Backups: the library's dbbackup/dbrestore/mediabackup/mediarestore commands, which
    # home's backup, restore and verify_backup build on
    "dbbackup",
    # Oscar, with the apps we change forked into commerce/ (labels kept)
    "config.shop.WinkelierShop",
    "commerce.analytics.apps.AnalyticsConfig",
    "commerce.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "commerce.shipping.apps.ShippingConfig",
    "commerce.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "commerce.partner.apps.PartnerConfig",
    "commerce.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "commerce.order.apps.OrderConfig",
    "commerce.payments",
    "commerce.invoices",
    "commerce.recommendations",
    "commerce.returns",
    "commerce.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "commerce.returns.dashboard.apps.ReturnsDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Login throttling and Content-Security-Policy (README "Security")
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Outermost, so it sees every cookie the others set (README "Security").
    "home.security.CookiePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The policy per area (storefront, payment page, staff); after WhiteNoise: static files need none.
    "home.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "commerce.storefront.middleware.ShopLanguageMiddleware",
    # NUL in the address or a cookie: 400 before the session or a view looks it up (issue 9).
    "commerce.storefront.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last, as django-axes asks: turns a refused login into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "commerce.storefront.context_processors.storefront",
            ],
        },
    },
]

# Database: SQLite (embedded default) unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a throttled account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Login by e-mail with one password hash per attempt, known address or not.
    "commerce.users.auth_backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/accounts/"
LOGIN_URL = "/accounts/login/"

# Language and time (N1, N2): Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # The cards' handwriting font (aftersales/cards.py), also for their preview in the admin
    ("aftersales/fonts", BASE_DIR / "aftersales" / "fonts"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = "Winkelier"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.LicensedImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]

# Oscar
OSCAR_SHOP_NAME = "Winkelier"
OSCAR_SHOP_TAGLINE = _("Goede spullen, eerlijk verkocht")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "winkel@winkelier.localhost")
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_INITIAL_ORDER_STATUS = order_statuses.NEW
OSCAR_INITIAL_LINE_STATUS = order_statuses.NEW
OSCAR_ORDER_STATUS_PIPELINE = order_statuses.PIPELINE
# Oscar's dashboard lists product thumbnails; sorl-thumbnail is the thumbnailer Oscar defaults to.
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# "Retouren" (commerce/returns/dashboard) under Fulfilment, after Oscar's orders; a copy, so
# importing the settings twice (production's tests) never adds it twice to Oscar's list.
OSCAR_DASHBOARD_NAVIGATION: list[dict[str, Any]] = copy.deepcopy(oscar_defaults.OSCAR_DASHBOARD_NAVIGATION)
for _menu in OSCAR_DASHBOARD_NAVIGATION:
    if any(child.get("url_name") == "dashboard:order-list" for child in _menu.get("children", [])):
        _menu["children"].insert(1, {"label": _("Retouren"), "url_name": "returns_dashboard:return-list"})
# Oscar lists categories and search results through Haystack; this engine answers from the
# database (Haystack's SimpleEngine drops Oscar's filters and returns nothing).
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "commerce.storefront.search_backend.DatabaseEngine"}}

# VAT classes (N2): the rate each product class's VAT class charges, in percent.
WINKELIER_VAT_RATES = {
    "standard": Decimal("21"),
    "reduced": Decimal("9"),
    "zero": Decimal("0"),
}

# Product views are counted in memory and written in one batch this often (0: never in the
# background; tests flush explicitly). See commerce/analytics/view_counts.py.
WINKELIER_VIEW_COUNT_FLUSH_SECONDS = int(env("WINKELIER_VIEW_COUNT_FLUSH_SECONDS", "30"))

# Where "vaak samen gekocht" is shown (commerce/recommendations): product page, basket, order
# confirmation, and the withdrawal's confirmation step and acknowledgement e-mail ("return",
# W15; its clicks are not counted) and the follow-up plan's cross-sell e-mail ("followup", A6).
# Remove one to switch it off, e.g.
# WINKELIER_RECOMMENDATION_PLACEMENTS=product,basket.
WINKELIER_RECOMMENDATION_PLACEMENTS = env(
    "WINKELIER_RECOMMENDATION_PLACEMENTS", "product,basket,email,return,followup"
).split(",")
# How many a product page and the basket show (the e-mail: at most 3).
WINKELIER_RECOMMENDATIONS_SHOWN = 4

# A8: the share of customers whose first order would earn a thank-you but who get none, so the
# dashboard can measure what the cards bring (aftersales/tiers.py).
WINKELIER_HOLDOUT_SHARE = Decimal("0.10")

# Background work: Django's task API; the database backend in every runtime shape but tests.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A queued task older than this makes /healthz answer 503 (no worker is taking work).
HEALTHZ_MAX_TASK_AGE_SECONDS = int(env("HEALTHZ_MAX_TASK_AGE_SECONDS", "300"))

# Stripe. STRIPE_API_BASE points the client at localstripe in dev and tests; empty = Stripe.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")
# A shopper waits for this call at most this long before "try again" (nothing is charged).
STRIPE_TIMEOUT_SECONDS = float(env("STRIPE_TIMEOUT_SECONDS", "10"))

# Carrier delivery callback (POST /carrier/delivered/): HMAC-SHA256 key; empty = endpoint off (404).
CARRIER_CALLBACK_SECRET = env("CARRIER_CALLBACK_SECRET", "")

# -- Backups and scheduled jobs (README "Backups and restore") ------------------------------
# One backup is three files with one name: the database archive (SQLite: the online backup
# API; PostgreSQL: pg_dump -Fc), the media archive (a tarball of default storage) and a
# manifest (row counts of the shop's tables, checksums of the media files and of both
# archives). Kept on disk under BACKUP_DIR; production.py puts them in S3 when
# BACKUP_S3_BUCKET is set. django-dbbackup reads STORAGES["dbbackup"] and DBBACKUP_* once,
# when it is first imported.
BACKUP_DIR = Path(env("BACKUP_DIR", str(BASE_DIR / "backups")))
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BACKUP_DIR)},
}
# Our connectors also count the rows of the very snapshot they dump (home/backups/connectors.py).
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "home.backups.connectors.SqliteSnapshotConnector",
    "django.db.backends.postgresql": "home.backups.connectors.PgSnapshotConnector",
}
DBBACKUP_HOSTNAME = "winkelier"
# Failures are logged and end the command with a non-zero exit; no mail from the library.
DBBACKUP_SEND_EMAIL = False
# Encryption: set BACKUP_GPG_RECIPIENT to a public key in the GnuPG keyring (GNUPGHOME) of
# the user running `backup`; restore and verify_backup need the secret key, and its
# passphrase in BACKUP_GPG_PASSPHRASE when it has one. Empty: compressed, not encrypted.
DBBACKUP_GPG_RECIPIENT = env("BACKUP_GPG_RECIPIENT") or None
DBBACKUP_GPG_ALWAYS_TRUST = True
BACKUP_GPG_PASSPHRASE = env("BACKUP_GPG_PASSPHRASE") or None
# Kept after each backup: the newest of each of the last 7 days, 4 ISO weeks and 12 months
# that have one (home/backups/retention.py); anything else is deleted.
BACKUP_RETENTION = {"daily": 7, "weekly": 4, "monthly": 12}
# /healthz reports the age of the newest backup that verify_backup restored successfully.
# Older than this (or none at all): a warning in the embedded shop; 503 where
# HEALTHZ_BACKUP_REQUIRED is on (production).
HEALTHZ_MAX_BACKUP_AGE_HOURS = int(env("HEALTHZ_MAX_BACKUP_AGE_HOURS", "48"))
HEALTHZ_BACKUP_REQUIRED = False
# The embedded shop's scheduled jobs: `manage.py run_schedule`, which run_embedded starts
# as its fourth process, runs each group's management commands one after the other at the
# group's interval (a failing command is logged and the next one still runs). At scale the
# same commands are cron or systemd-timer jobs (README "Deploying"). Add a daily command to
# the daily list.
WINKELIER_SCHEDULE = [
    (
        timedelta(minutes=5),
        ["retry_stripe_events", "reconcile_payments", "send_pending_emails", "send_follow_ups"],
    ),
    (
        timedelta(days=1),
        [
            "backup",
            "verify_backup",
            "image_licence_reminders",
            "compute_recommendations",
            "email_return_escalations",
            "compute_segments",
            "compute_dashboard",
        ],
    ),
]

# Public inputs (issue 9): what callers and shoppers may send.
# Carrier callbacks are signed with their time (X-Carrier-Timestamp); older than this, or further
# ahead than the second value (clock skew), they are refused. See commerce/order/carrier_callbacks.py.
CARRIER_CALLBACK_MAX_AGE_SECONDS = 300
CARRIER_CALLBACK_MAX_FUTURE_SECONDS = 60
# Basket limits (commerce/basket/limits.py): units per basket line, and the basket's total incl.
# VAT, kept well below what one card payment may be (Stripe: EUR 999,999.99).
WINKELIER_MAX_LINE_QUANTITY = int(env("WINKELIER_MAX_LINE_QUANTITY", "99"))
WINKELIER_MAX_BASKET_AMOUNT = Decimal(env("WINKELIER_MAX_BASKET_AMOUNT", "10000.00"))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL

CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Security: login throttling, registration, Content-Security-Policy, cookies ---------------
# README "Security" explains these to operators; production.py adds the HTTPS-only parts.

# Paths of the staff areas: the Wagtail admin (which also signs staff in for Oscar's dashboard)
# and Oscar's dashboard. They get the admin's lockout page and the staff CSP below.
WINKELIER_STAFF_PATH_PREFIXES = ["/admin/", "/dashboard/"]

# Login throttling (django-axes, commerce/users/login_throttle.py). Failed logins are counted
# in the database (axes' AccessAttempt table), not the cache: every web process on every
# machine sees the same counts, a lock survives a Redis restart (the cache ignores its errors,
# which would quietly lift every lock), and staff can see and clear locks. It costs one write
# per failed login, which is what throttling is for.
AXES_HANDLER = "commerce.users.login_throttle.ThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The 6th wrong password in a row for one account locks it (whatever address tries) ...
AXES_FAILURE_LIMIT = 6
# ... and this many failures from one address, over any accounts, lock that address (higher:
# an office or a mobile network puts many shoppers behind one address).
WINKELIER_LOGIN_FAILURE_LIMIT_PER_IP = 30
# The lock lasts this long after the failure that set it. Attempts during the lock are refused
# without being counted, so a shopper who tries again too early does not lengthen it.
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login clears that account's failures from that address ("in a row").
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "commerce.users.login_throttle.attempted_email"
AXES_CLIENT_IP_CALLABLE = "commerce.users.login_throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "commerce.users.login_throttle.lockout_response"
# Proxies in front of Django that append the client's address to X-Forwarded-For; 0 = the
# client connects to gunicorn itself (embedded). production.py reads TRUSTED_PROXIES.
WINKELIER_TRUSTED_PROXIES = 0
# No per-login history table (it would grow with every login and hold addresses); the
# failures that count are kept for the cool-off time only.
AXES_DISABLE_ACCESS_LOG = True
# django.contrib.admin is not installed: staff clear locks with `manage.py axes_reset_username`.
AXES_ENABLE_ADMIN = False
# Never store what was typed into these fields with a failed attempt (axes keeps the POST data;
# it masks only a field called "password", and Oscar's login form prefixes its fields).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login-password", "password", "password1", "password2"]

# The withdrawal function's order lookup (/herroepen/, commerce/returns/lookup.py): failed
# lookups (an order number and e-mail address that do not belong together) are counted in the
# cache, per client address and per order number typed, for the cool-off time; at the limit
# the form answers 429. The cache, unlike the login's database: a lookup guesses no password,
# and a lost count (a Redis restart) lets only a few more guesses through.
WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_IP = 20
WINKELIER_WITHDRAWAL_LOOKUP_FAILURES_PER_ORDER = 5
WINKELIER_WITHDRAWAL_LOOKUP_COOL_OFF = timedelta(minutes=15)

# Registration (commerce/customer/registration.py): the account is created from the link in a
# confirmation e-mail, valid this long; an address with an account gets an e-mail instead.
WINKELIER_REGISTRATION_LINK_HOURS = 72
# The checkout's "who are you?" step must not say either: a guest may check out with an address
# that has an account (the order is a guest order), instead of being told to log in.
OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT = True

# Newsletter sign-up (aftersales/newsletter.py, A6): double opt-in, so the sign-up only
# e-mails a confirmation link, valid this many days. Sign-ups are counted in the cache (as the
# withdrawal lookup's failures) per client address and per e-mail address; at a limit the form
# answers 429 until the window from the first counted sign-up has passed.
WINKELIER_NEWSLETTER_LINK_DAYS = 7
WINKELIER_NEWSLETTER_SIGNUPS_PER_IP = 10
WINKELIER_NEWSLETTER_SIGNUPS_PER_ADDRESS = 3
WINKELIER_NEWSLETTER_SIGNUP_WINDOW = timedelta(hours=1)

# Content-Security-Policy (django-csp; home/security.py). The storefront's policy: scripts only
# from this site and inline scripts with the per-response nonce (templates write
# nonce="{{ request.csp_nonce }}"), no inline styles, frames only for product videos.
# The payment page adds Stripe (STRIPE_API_BASE: localstripe in dev and tests, else Stripe's
# real origins), the staff areas get WINKELIER_CSP_STAFF_DIRECTIVES, and production.py adds
# the media bucket's origin to img-src. Violations are reported to /csp-report/ and logged.
# To allow another origin: add it to the directive here (and to the staff one if the admin
# needs it too), e.g. "frame-src" for another video site.
WINKELIER_CSP_VIDEO_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # data: for Bootstrap's inline SVG icons (select arrows, the menu toggle)
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": WINKELIER_CSP_VIDEO_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": "/csp-report/",
    },
}
# The Wagtail admin and Oscar's dashboard write inline scripts, event handlers and style
# attributes of their own (Oscar's dashboard pages, Wagtail's editors and choosers), so there
# inline code is allowed; everything is still loaded from this site only.
WINKELIER_CSP_STAFF_DIRECTIVES: dict[str, Any] = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    # Wagtail's page preview (this site) and previews of product videos
    "frame-src": [SELF, *WINKELIER_CSP_VIDEO_ORIGINS],
}
# Pages that load Stripe.js (URL names): only these get Stripe's origins.
WINKELIER_CSP_STRIPE_VIEWS = ["checkout:payment-details"]
# Largest CSP violation report accepted (bytes); bigger ones are refused unread.
WINKELIER_CSP_REPORT_MAX_BYTES = 16 * 1024
# Wagtail shows staff avatars from Gravatar, a third party that would learn staff e-mail
# hashes and IP addresses; the admin's own default avatar is used instead (and no CSP hole).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Likewise the admin's check for new Wagtail releases (a fetch from releases.wagtail.org in
# every superuser's browser); upgrades are the operator's business (requirements.txt).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Cookies: SameSite=Lax on every cookie (home.security.CookiePolicyMiddleware adds it where a
# library sets none, e.g. Oscar's basket cookie); production.py makes every cookie Secure.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
WINKELIER_COOKIE_SAMESITE = "Lax"
WINKELIER_COOKIES_SECURE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
