from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"

    def ready(self):
        import cms.audit_admin  # noqa: F401  (S5/S6: reports, publish checks, upload metadata)
        import cms.seo.report  # noqa: F401  (S1 SEO report)
        from cms import columns_admin  # noqa: F401  (registers the Author snippet)
