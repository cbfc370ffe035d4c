import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics, forked to connect commerce/analytics/receivers.py instead of Oscar's
    receivers, which write to the database on every product view."""

    name = "commerce.analytics"

    def ready(self):
        # Not super().ready(): it imports (and so connects) Oscar's receivers.
        from commerce.analytics import receivers  # noqa: F401 - connects the receivers
