from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    """The one user model for shoppers and staff: unique e-mail, login by e-mail.

    Oscar's abstract user supplies the e-mail-as-username behaviour; it is our own
    concrete model from the first migration so fields can be added later without
    the swap-the-user-model migration Django cannot do.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # "Jan@Example.nl" and "jan@example.nl" are one customer.
            models.UniqueConstraint(
                Lower("email"),
                name="users_user_email_ci_unique",
                violation_error_message=_("Er bestaat al een account met dit e-mailadres."),
            ),
        ]
