"""The storefront's pages about marketing e-mail (A6): the newsletter sign-up and its
confirmation link (aftersales/newsletter.py), the unsubscribe link of every marketing e-mail
(aftersales/marketing_mail.py) and the setting in the customer's account.

Links in e-mails show a button on GET and act on POST: mail scanners open links, and must
neither sign anyone up nor off.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from aftersales import consent, marketing_mail, newsletter
from aftersales.customers import customer_with_email
from aftersales.forms import AccountConsentForm, NewsletterForm
from aftersales.models import Customer


@require_http_methods(["GET", "POST"])
def sign_up(request):
    """/nieuwsbrief/ (also posted from the footer): the same answer for every valid address."""
    if request.method == "GET":
        return render(request, "aftersales/newsletter.html", {"form": NewsletterForm()})
    form = NewsletterForm(request.POST)
    if not form.is_valid():
        return render(request, "aftersales/newsletter.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if newsletter.throttled(request, email):
        return render(request, "aftersales/newsletter.html", {"form": form, "throttled": True}, status=429)
    newsletter.sign_up(request, email)
    return redirect("newsletter-sent")


@require_GET
def signed_up(request):
    return render(request, "aftersales/newsletter_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the confirmation e-mail: its button records the consent (double opt-in)."""
    if newsletter.email_from_token(token) is None:
        return render(request, "aftersales/newsletter_confirm.html", {"valid": False}, status=400)
    if request.method == "POST":
        newsletter.confirm(token)
        return render(request, "aftersales/newsletter_confirm.html", {"valid": True, "confirmed": True})
    return render(request, "aftersales/newsletter_confirm.html", {"valid": True})


# RFC 8058: a mail client's one-click unsubscribe POSTs here without a CSRF token or cookies.
# The signed token in the URL is the protection; nothing here acts on the visitor's session.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    customer_id = marketing_mail.customer_id_from_token(token)
    if customer_id is None:
        return render(request, "aftersales/unsubscribe.html", {"valid": False}, status=400)
    customer = get_object_or_404(Customer, pk=customer_id)
    if request.method == "POST":
        if customer.marketing_consent:  # a repeated click adds no second withdrawal
            consent.record(customer, False, consent.Source.UNSUBSCRIBE_LINK)
        return render(request, "aftersales/unsubscribe.html", {"valid": True, "done": True})
    return render(request, "aftersales/unsubscribe.html", {"valid": True, "customer": customer})


@login_required
@require_http_methods(["GET", "POST"])
def account_setting(request):
    """/accounts/nieuwsbrief/: give or withdraw consent; saving it unchanged records nothing."""
    email = request.user.email
    customer = Customer.objects.filter(email=email.strip().lower()).first()
    current = bool(customer and customer.marketing_consent)
    posted = request.POST if request.method == "POST" else None
    form = AccountConsentForm(posted, initial={"marketing_consent": current})
    if form.is_valid():  # posted (an unbound form is never valid); a checkbox cannot be wrong
        wanted = form.cleaned_data["marketing_consent"]
        if wanted != current:
            consent.record(customer_with_email(email, request.user.pk), wanted, consent.Source.ACCOUNT)
        if wanted:
            messages.success(request, _("Je krijgt voortaan nieuws en tips van ons per e-mail."))
        else:
            messages.success(
                request, _("Je krijgt geen nieuws en tips meer, wel mails over je bestellingen.")
            )
        return redirect("account-newsletter")
    context = {"form": form, "page_title": _("Nieuwsbrief"), "active_tab": "newsletter", "customer": customer}
    return render(request, "aftersales/account_newsletter.html", context)
