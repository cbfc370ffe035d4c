"""The returns policy page, mounted at the site root (see config/urls.py)."""

from django.urls import path

from commerce.returns.policy_page import returns_policy

urlpatterns = [path("retourbeleid/", returns_policy, name="returns-policy")]
