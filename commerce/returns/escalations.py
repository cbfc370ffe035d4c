"""The daily e-mail about escalated returns (W14), `manage.py email_return_escalations`.

Each active member of the Order managers group with an e-mail address gets one message, in
Dutch, listing every return that is escalated today (two days or less before the legal refund
deadline of W8, refund not made, the return still open: commerce/returns/queues.py) with a link
to its page in the dashboard; nobody gets anything when no return is escalated. It is a daily
reminder, not a one-off: a return stays in it every day until it is refunded or settled. The
messages are kept in Oscar's communication log, like the other staff reminders.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse

from commerce.order.emails import public_root_url, render_email, send_to_staff, shop_settings
from commerce.returns import queues
from commerce.returns.models import Return
from home.progress import Progress
from home.staff_groups import ORDER_MANAGERS

logger = logging.getLogger(__name__)

TEMPLATE = "commerce/emails/return_escalations"
LANGUAGE = "nl"


@dataclass
class Outcome:
    today: date
    returns: list[Return] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def undelivered(self) -> bool:
        """Returns were escalated and no Order manager heard of it."""
        return bool(self.returns) and len(self.failed) == len(self.recipients)

    def summary(self) -> str:
        if not self.returns:
            return f"{self.today.isoformat()}: no escalated returns."
        numbers = ", ".join(return_request.number for return_request in self.returns)
        failed = f"; failed: {', '.join(self.failed)}" if self.failed else ""
        sent = len(self.recipients) - len(self.failed)
        return (
            f"{self.today.isoformat()}: {len(self.returns)} escalated ({numbers}), "
            f"e-mailed to {sent} of {len(self.recipients)} Order managers{failed}."
        )


def escalated_returns(today: date) -> list[Return]:
    returns = Return.objects.filter(queues.escalated(today)).select_related("order")
    return list(returns.order_by("legal_refund_deadline", "number"))


def recipients() -> list:
    users = get_user_model().objects.filter(groups__name=ORDER_MANAGERS, is_active=True)
    return list(users.exclude(email="").distinct().order_by("email"))


def render(returns: list[Return], user, today: date) -> tuple[str, str, str]:
    """(subject, text, HTML) of the e-mail to `user`, in Dutch, with absolute links."""
    root = public_root_url()
    context = {
        "user": user,
        "today": today,
        "returns": [
            (
                return_request,
                root + reverse("returns_dashboard:return-detail", kwargs={"number": return_request.number}),
            )
            for return_request in returns
        ],
        "list_url": root + reverse("returns_dashboard:return-list") + "?refund=escalated",
        "shop": shop_settings(),
        "site_url": root,
        "LANGUAGE_CODE": LANGUAGE,
    }
    return render_email(TEMPLATE, context, LANGUAGE)


def email_escalations(today: date, progress: Progress | None = None) -> Outcome:
    outcome = Outcome(today, escalated_returns(today))
    if progress:
        progress.stage(f"Geëscaleerde retouren op {today.isoformat()}: {len(outcome.returns)}")
    if not outcome.returns:
        return outcome
    users = recipients()
    outcome.recipients = [user.email for user in users]
    for done, user in enumerate(users, start=1):
        try:
            send_to_staff(user, *render(outcome.returns, user, today))
        except Exception:  # noqa: BLE001 - one address or the mail server failing: try the others
            logger.exception("Escalation e-mail to %s failed", user.email)
            outcome.failed.append(user.email)
        if progress:
            progress.count(done, len(users), "e-mails")
    return outcome
