"""Routes mounted at the site root (see config/urls.py)."""

urlpatterns = []
