"""Oscar's account forms; registering never says whether an address already has an account."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from oscar.apps.customer.forms import *  # noqa: F403 - Oscar's fork pattern
from oscar.apps.customer.forms import EmailUserCreationForm as OscarEmailUserCreationForm
from oscar.apps.customer.utils import normalise_email


class EmailUserCreationForm(OscarEmailUserCreationForm):
    """Oscar's registration form (e-mail, password twice, the same password rules) without
    "A user with that email address already exists": that told anyone which addresses have an
    account. An existing address is handled by commerce/customer/registration.py, which
    e-mails its owner instead; the page answers the same for every address. Nothing is saved
    here: the account is created once the address is confirmed."""

    email = forms.EmailField(label=OscarEmailUserCreationForm.base_fields["email"].label, max_length=254)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def _post_clean(self):
        # Oscar's password rules (the similarity rule compares with the e-mail address), without
        # the model's validation: its unique e-mail constraint would tell the address is taken.
        self.instance.email = self.cleaned_data.get("email", "")
        password = self.cleaned_data.get("password2")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password2", error)
