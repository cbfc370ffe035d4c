"""Login by e-mail address with the same work whether the address has an account or not."""

from django.contrib.auth import get_user_model
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend
from oscar.apps.customer.utils import normalise_email


class EmailBackend(OscarEmailBackend):
    """Oscar's e-mail backend, hashing the password once whether or not the address exists.

    Oscar checks the password only for a matching user, and Django's ModelBackend behind it
    hashed once more: a failed login for an existing address cost two password hashes, for an
    unknown one a single one, so the response time told an attacker which addresses have an
    account. Here every attempt costs exactly one hash: the user's password check, or, as
    Django's ModelBackend does for an unknown user, hashing the password given. This is the
    only password backend (after axes' throttle in AUTHENTICATION_BACKENDS). E-mail addresses
    are unique regardless of case (users.User), so one user matches at most; permissions come
    from ModelBackend, which Oscar's backend extends.
    """

    def authenticate(self, request, email=None, password=None, *args, **kwargs):
        address = email if email is not None else kwargs.get("username")
        if address is None or password is None:
            return None
        user_model = get_user_model()
        user = user_model._default_manager.filter(email__iexact=normalise_email(address)).first()
        if user is None:
            user_model().set_password(password)  # the work a real check costs; the result is dropped
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
