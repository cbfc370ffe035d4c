"""Licence reminders (domain.md S6): the editors hear 30, 7 and 1 days before an image's
licence runs out, with the pages that show it, so they can renew it or replace the image
before the live site shows a placeholder instead (``cms.image_placeholders``).

``send_licence_reminders(today)`` is the daily job (``manage.py image_licence_reminders``,
the background task ``cms.tasks.send_image_licence_reminders``):

- an image is due when its licence is still valid (``licence_expires_on`` today or later)
  and it is used somewhere (Wagtail's reference index: pages, author photos, settings);
  an image nobody uses needs no reminder (the licence report lists it all the same);
- the threshold due is the smallest of 30, 7, 1 that the days left do not exceed: 8–30 days
  left → the 30-day reminder, 2–7 → the 7-day one, 0–1 → the 1-day one. A run that was
  missed is made up the next day (6 days left still sends the 7-day reminder), and a reminder
  skipped that way is not sent late (at 6 days left the 30-day one is not sent any more);
- each (image, expiry date, threshold) is sent once: an ``ImageLicenceReminder`` row is
  claimed (a unique constraint) before the e-mails go out, so a second run that day, even a
  simultaneous one, sends nothing; a renewed licence (a new date) starts afresh;
- no e-mail could be sent at all (the mail server down): the claims are released, the next
  run tries again;
- recipients: active members of the Editors group and active superusers (the shop owner, who
  is outside the groups), with an e-mail address; one e-mail each, listing every image due,
  in the user's admin language, kept in Oscar's communication log.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.image_licences import Usage, usage_by_image
from cms.models.images import ImageLicenceReminder, LicensedImage
from commerce.order.emails import public_root_url, render_email, send_to_staff, shop_settings
from home.staff_groups import EDITORS

logger = logging.getLogger(__name__)

THRESHOLDS = (30, 7, 1)  # days before the licence's last day
TEMPLATE = "cms/emails/image_licence_reminder"


def due_threshold(expires_on: datetime.date, today: datetime.date) -> int | None:
    """The reminder due today for a licence valid through ``expires_on``, or None."""
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    due = [threshold for threshold in THRESHOLDS if days_left <= threshold]
    return min(due) if due else None


@dataclass
class Reminder:
    image: LicensedImage
    expires_on: datetime.date  # the licence's last day, as the reminder was sent about
    days_before: int  # the threshold: 30, 7 or 1
    days_left: int
    usages: list[Usage] = field(default_factory=list)

    @property
    def pages(self) -> list[Usage]:
        return [usage for usage in self.usages if usage.kind == "page"]

    @property
    def others(self) -> list[Usage]:
        return [usage for usage in self.usages if usage.kind != "page"]


@dataclass
class Outcome:
    today: datetime.date
    reminders: list[Reminder] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return len(self.recipients) - len(self.failed)

    @property
    def undelivered(self) -> bool:
        """Reminders were due and nobody got them (no recipients, or every e-mail failed)."""
        return bool(self.reminders) and self.sent == 0

    def summary(self) -> str:
        if not self.reminders:
            return f"{self.today.isoformat()}: no licence reminders due."
        images = ", ".join(f"'{r.image.title}' ({r.days_left} days left)" for r in self.reminders)
        count = f"{len(self.reminders)} image{'' if len(self.reminders) == 1 else 's'}"
        if not self.recipients:
            return (
                f"{self.today.isoformat()}: reminders about {count} due ({images}) "
                "but no editor or superuser has an e-mail address."
            )
        failed = f"; failed: {', '.join(self.failed)}" if self.failed else ""
        return (
            f"{self.today.isoformat()}: reminded {self.sent} of {len(self.recipients)} recipients about "
            f"{count}: {images}{failed}."
        )


# ---------------------------------------------------------------------------- what is due


def due_reminders(today: datetime.date) -> list[Reminder]:
    """The reminders due today and not sent before, for images in use (a fixed number of queries)."""
    last = today + datetime.timedelta(days=max(THRESHOLDS))
    images = LicensedImage.objects.filter(
        licence_expires_on__gte=today, licence_expires_on__lte=last
    ).order_by("licence_expires_on", "title", "pk")
    candidates = []
    for image in images:
        expires = image.licence_expires_on
        threshold = due_threshold(expires, today) if expires is not None else None
        if expires is not None and threshold is not None:
            candidates.append(Reminder(image, expires, threshold, (expires - today).days))
    sent = set(
        ImageLicenceReminder.objects.filter(image__in=[due.image for due in candidates]).values_list(
            "image_id", "expires_on", "days_before"
        )
    )
    candidates = [due for due in candidates if (due.image.pk, due.expires_on, due.days_before) not in sent]
    usage = usage_by_image([due.image for due in candidates])
    for due in candidates:
        due.usages = usage.get(due.image.pk, [])
    return [due for due in candidates if due.usages]


def recipients() -> list:
    """Active Editors and superusers with an e-mail address, each once."""
    users = get_user_model().objects.filter(Q(groups__name=EDITORS) | Q(is_superuser=True), is_active=True)
    return list(users.exclude(email="").distinct().order_by("email"))


# ---------------------------------------------------------------------------- sending once


def claim(reminders: list[Reminder]) -> list[Reminder]:
    """Record each reminder as sent; those another run recorded first are left out."""
    claimed = []
    for reminder in reminders:
        try:
            with transaction.atomic():
                ImageLicenceReminder.objects.create(
                    image=reminder.image,
                    expires_on=reminder.expires_on,
                    days_before=reminder.days_before,
                )
        except IntegrityError:
            continue
        claimed.append(reminder)
    return claimed


def release(reminders: list[Reminder]) -> None:
    for reminder in reminders:
        ImageLicenceReminder.objects.filter(
            image=reminder.image,
            expires_on=reminder.expires_on,
            days_before=reminder.days_before,
        ).delete()


def language_of(user, profiles: dict) -> str:
    preferred = profiles.get(user.pk, "")
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute(url: str, root: str) -> str:
    return f"{root}{url}" if url.startswith("/") else url


def reminder_entry(reminder: Reminder, root: str) -> dict:
    """What the e-mail says about one image, with absolute links (e-mails leave the site)."""
    return {
        "title": reminder.image.title,
        "expires_on": reminder.expires_on,
        "days_left": reminder.days_left,
        "edit_url": absolute(reverse("wagtailimages:edit", args=[reminder.image.pk]), root),
        "pages": [
            {
                "title": usage.label,
                "live": usage.live,
                "edit_url": absolute(usage.edit_url, root),
                "url": absolute(usage.url, root) if usage.live else "",
            }
            for usage in reminder.pages
        ],
        "others": [usage.label for usage in reminder.others],
    }


def render_reminder(reminders: list[Reminder], user, language: str) -> tuple[str, str, str]:
    """(subject, text, HTML) of the reminder e-mail to ``user`` in ``language``."""
    root = public_root_url()
    context = {
        "user": user,
        "images": [reminder_entry(reminder, root) for reminder in reminders],
        "shop": shop_settings(),
        "site_url": root,
        "report_url": absolute(reverse("image_licence_report"), root) + "?state=expiring",
        "LANGUAGE_CODE": language,
    }
    return render_email(TEMPLATE, context, language)


def send_licence_reminders(today: datetime.date) -> Outcome:
    """E-mail the editors the reminders due today, each once (see the module docstring)."""
    outcome = Outcome(today)
    due = due_reminders(today)
    if not due:
        return outcome
    users = recipients()
    outcome.reminders = due
    outcome.recipients = [user.email for user in users]
    if not users:
        logger.warning("Image licence reminders not sent: %s", outcome.summary())
        return outcome
    claimed = claim(due)
    outcome.reminders = claimed
    if not claimed:
        return outcome
    profiles = dict(UserProfile.objects.filter(user__in=users).values_list("user_id", "preferred_language"))
    for user in users:
        try:
            send_to_staff(user, *render_reminder(claimed, user, language_of(user, profiles)))
        except Exception:  # noqa: BLE001 - one address or the mail server failing: try the others
            logger.exception("Image licence reminder to %s failed", user.email)
            outcome.failed.append(user.email)
    if outcome.sent == 0:
        release(claimed)  # nobody was told: the next run tries again
    return outcome
