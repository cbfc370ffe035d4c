from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine


class Line(AbstractLine):
    vat_rate = models.DecimalField(
        _("btw-tarief (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Het tarief dat bij het plaatsen van de bestelling gold (N2)."),
    )


from oscar.apps.order.models import *  # noqa: E402,F403 - Oscar's fork pattern
