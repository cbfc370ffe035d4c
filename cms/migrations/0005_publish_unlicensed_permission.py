"""The "may publish pages with unlicensed images" permission (domain.md S6).

A custom Permission on the LicensedImage content type, created here rather than in the
model's Meta so cms/models stays untouched. Granted to nobody by default; an administrator
grants it to a user or group (Wagtail: Settings → Groups, or the user's permissions).
"""

from django.db import migrations

CODENAME = "publish_unlicensed_images"
NAME = "Can publish pages showing images with an unknown or expired licence"


def create_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="cms", model="licensedimage")
    Permission.objects.get_or_create(content_type=content_type, codename=CODENAME, defaults={"name": NAME})


def remove_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="cms", codename=CODENAME).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0004_columns"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_permission, remove_permission)]
