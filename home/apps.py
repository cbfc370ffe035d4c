from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        from home.staff_groups import ensure_staff_groups_after_migrate

        post_migrate.connect(
            ensure_staff_groups_after_migrate, sender=self, dispatch_uid="winkelier-staff-groups"
        )
