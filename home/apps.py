from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_staff_groups(sender, **kwargs):
    from home.staff_groups import ensure_staff_groups

    ensure_staff_groups()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        # Once per migrate run, after every app's permissions exist.
        post_migrate.connect(_ensure_staff_groups, sender=self, dispatch_uid="winkelier-staff-groups")
