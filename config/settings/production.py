"""Scale shape: PostgreSQL, many web processes and task workers, Redis, S3 media, real Stripe.

Everything comes from environment variables; secrets and hosts have no defaults. A missing
required variable stops start-up with an ImproperlyConfigured naming every missing one, so an
operator fixes the deployment in one go instead of meeting a half-configured shop at runtime.
README.md ("Configuration", "Deploying") lists every variable.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, WINKELIER_CSP_STAFF_DIRECTIVES, env, env_bool, env_list

REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_HOST",
    "STRIPE_SECRET_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "STRIPE_WEBHOOK_SECRET",
]
_missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "config.settings.production needs these environment variables: "
        + ", ".join(_missing)
        + " (see README.md, 'Configuration')."
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in e-mails and the Wagtail admin point here, e.g. https://www.example.nl
WAGTAILADMIN_BASE_URL = env("SITE_URL").rstrip("/")

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# Redis is shared by every web process on every machine. Sessions are written through to
# the database (cached_db) so a Redis restart does not log everyone out, and cache errors
# are logged instead of failing requests: Redis makes the shop faster, never unavailable.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "OPTIONS": {"IGNORE_EXCEPTIONS": True},
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# STARTTLS unless implicit TLS was asked for; Django refuses both at once.
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL = SERVER_EMAIL = env("DEFAULT_FROM_EMAIL")

# Media: S3-compatible storage when a bucket is configured, else MEDIA_ROOT on disk
# (then the reverse proxy must serve /media/ from a volume every web machine shares).
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
                "region_name": env("AWS_S3_REGION_NAME") or None,
                "access_key": env("AWS_ACCESS_KEY_ID") or None,
                "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
                "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
                # Product images are public; rely on the bucket policy, not per-object ACLs.
                "default_acl": None,
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# -- Backups (README "Backups and restore") ------------------------------------------------
# In S3 when BACKUP_S3_BUCKET is set: a private bucket of their own (the media bucket is public
# read), under BACKUP_S3_PREFIX; endpoint, region and keys default to the media bucket's.
# Without it they stay under BACKUP_DIR on the machine that runs `backup` (base.py).
if env("BACKUP_S3_BUCKET"):
    STORAGES["dbbackup"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("BACKUP_S3_BUCKET"),
            "location": env("BACKUP_S3_PREFIX", "winkelier-backups"),
            "endpoint_url": env("BACKUP_S3_ENDPOINT_URL") or env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("BACKUP_S3_REGION_NAME") or env("AWS_S3_REGION_NAME") or None,
            "access_key": env("BACKUP_S3_ACCESS_KEY_ID") or env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("BACKUP_S3_SECRET_ACCESS_KEY") or env("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["dbbackup"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR)},  # noqa: F405
    }
# No verified backup younger than HEALTHZ_MAX_BACKUP_AGE_HOURS: /healthz answers 503.
HEALTHZ_BACKUP_REQUIRED = env_bool("HEALTHZ_BACKUP_REQUIRED", True)

# HTTPS behind a load balancer that terminates TLS and sets X-Forwarded-Proto (it must
# overwrite any X-Forwarded-Proto the client sent).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the backends over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's page preview is an iframe on our own origin, so frames stay SAMEORIGIN (base)
# instead of the DENY that check --deploy asks for.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# --- Security: HTTPS-only cookies, the client's address for login throttling, media in CSP ----
# (README "Security"; the shared parts are in base.py's "Security" block.)
# Every cookie Secure: Django's (session, CSRF, language; messages follow the session's),
# Oscar's basket and recently-viewed cookies, and any other a response sets
# (home.security.CookiePolicyMiddleware). SameSite=Lax comes from base.py.
LANGUAGE_COOKIE_SECURE = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
WINKELIER_COOKIES_SECURE = True
# Login throttling counts per client address. Behind the load balancer every request comes
# from the balancer, so the client's address is taken from X-Forwarded-For: the entry the
# TRUSTED_PROXIES proxies in front of Django appended (counted from the right; 1 = the load
# balancer only). A client can write anything further left; that part is never used. Set 0 only
# when clients connect to gunicorn directly.
WINKELIER_TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "1"))


def media_origins() -> list[str]:
    """Where images are served from when media live in a bucket (for CSP's img-src): the CDN
    domain, else the endpoint in path and virtual-host style. Without a bucket, /media/ is
    served by this site itself ('self')."""
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return []
    if env("AWS_S3_CUSTOM_DOMAIN"):
        return [f"https://{env('AWS_S3_CUSTOM_DOMAIN')}"]
    endpoint = urlsplit(env("AWS_S3_ENDPOINT_URL") or "https://s3.amazonaws.com")
    hosts = [endpoint.netloc, f"{bucket}.{endpoint.netloc}"]
    region = env("AWS_S3_REGION_NAME")
    if region and not env("AWS_S3_ENDPOINT_URL"):
        hosts += [f"s3.{region}.amazonaws.com", f"{bucket}.s3.{region}.amazonaws.com"]
    return [f"{endpoint.scheme}://{host}" for host in hosts]


CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
    *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    *media_origins(),
]
WINKELIER_CSP_STAFF_DIRECTIVES["img-src"] = [*WINKELIER_CSP_STAFF_DIRECTIVES["img-src"], *media_origins()]
