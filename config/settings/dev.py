"""Embedded default (`make run`): SQLite, one task worker, localstripe, console e-mail."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "sk_test_winkelier_local")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "pk_test_winkelier_local")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "whsec_winkelier_local")
STRIPE_API_BASE = env("STRIPE_API_BASE", "http://127.0.0.1:8420")
CARRIER_CALLBACK_SECRET = env("CARRIER_CALLBACK_SECRET", "carrier_winkelier_local")
