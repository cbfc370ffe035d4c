from django.apps import AppConfig
from django.db.models.signals import post_save
from wagtail.images import get_image_model

from cms.image_credits import fill_credits_on_create


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Content"

    def ready(self):
        # S6: an uploaded image takes its creator and credit line from the file (XMP/IPTC).
        # Model behaviour rather than admin wiring, so it is connected here and holds for
        # every way an image is created; the admin is wired in cms/wagtail_hooks.py.
        post_save.connect(
            fill_credits_on_create, sender=get_image_model(), dispatch_uid="cms-image-embedded-credits"
        )
