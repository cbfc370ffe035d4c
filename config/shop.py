"""Oscar's root app, without its "/" redirect: the Wagtail HomePage owns "/"."""

from oscar.config import Shop


class WinkelierShop(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if getattr(url, "name", None) != "home"]
