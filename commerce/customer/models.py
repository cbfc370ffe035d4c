from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingRegistration(models.Model):
    """A registration waiting for its e-mail address to be confirmed (commerce/customer/registration.py).

    The account is only created when the link in the confirmation e-mail is used, so the
    registration form can answer "check your e-mail" for every address without saying whether
    it has an account, and nobody can claim someone else's address. The password is stored
    hashed, as for a user; the link's token only as its SHA-256.
    """

    email = models.EmailField(_("e-mailadres"))
    password = models.CharField(_("wachtwoord"), max_length=128)
    token_hash = models.CharField(max_length=64, unique=True)
    # Where the shopper was going (e.g. back to the checkout), already checked by the form.
    redirect_url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("aanmelding in afwachting")
        verbose_name_plural = _("aanmeldingen in afwachting")

    def __str__(self):
        return self.email


from oscar.apps.customer.models import *  # noqa: E402,F403 - Oscar's fork pattern
