from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def _ensure_staff_groups(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from home.staff_groups import ensure_staff_groups

    # post_migrate reaches "home" before the apps listed after it have their permissions;
    # create them all now (idempotent) so the groups can reference them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_staff_groups()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        post_migrate.connect(_ensure_staff_groups, sender=self, dispatch_uid="winkelier-staff-groups")
