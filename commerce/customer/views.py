"""Oscar's account views; registering answers "check your e-mail" for every address and the
account is created from the confirmation link (commerce/customer/registration.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views
from oscar.apps.customer.mixins import RegisterUserMixin
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.views import *  # noqa: F403 - Oscar's fork pattern

from commerce.customer.registration import complete_registration, pending_registration, start_registration

# The backend that logged the new customer in (the only password backend, after axes' throttle).
LOGIN_BACKEND = "commerce.users.auth_backends.EmailBackend"


def register(form):
    start_registration(
        form.cleaned_data["email"], form.cleaned_data["password1"], form.cleaned_data["redirect_url"]
    )
    return redirect("customer:register-sent")


class AccountRegistrationView(views.AccountRegistrationView):
    """/accounts/register/ (also where the checkout's "create an account" leads)."""

    def form_valid(self, form):
        return register(form)


class AccountAuthView(views.AccountAuthView):
    """/accounts/login/: the login form next to the registration form."""

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            return register(form)
        return self.render_to_response(self.get_context_data(registration_form=form))


class RegistrationSentView(generic.TemplateView):
    """ "Check your e-mail": the same page whether or not the address had an account."""

    template_name = "customer/registration_sent.html"


class RegistrationConfirmView(RegisterUserMixin, generic.TemplateView):
    """The link in the confirmation e-mail. GET shows a button, POST creates the account and
    logs the customer in: mail scanners that open links must not activate accounts."""

    template_name = "customer/registration_confirm.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["valid"] = pending_registration(self.kwargs["token"]) is not None
        return ctx

    def post(self, request, *args, **kwargs):
        user, redirect_url = complete_registration(self.kwargs["token"])
        if user is None:
            return self.get(request, *args, **kwargs)
        auth_login(request, user, backend=LOGIN_BACKEND)
        user_registered.send_robust(sender=self, request=request, user=user)
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        messages.success(request, _("Je account is aangemaakt en je bent ingelogd. Welkom!"))
        return redirect(redirect_url or settings.LOGIN_REDIRECT_URL)
