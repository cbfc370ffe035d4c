"""Moving a return between its states (W17): refused when the move is impossible, and every move
written as an event with who, when and why. Callers hold the return's row lock."""

from django.utils.translation import gettext as _

from commerce.returns import policy
from commerce.returns.models import Return, ReturnEvent, State

# Who acted when no staff member did.
CUSTOMER = "klant"
SYSTEM = "systeem"
CARRIER = "vervoerder"
STRIPE = "Stripe"


class ReturnRefused(Exception):
    """What was asked cannot be done; nothing was written. str() is the message for the user."""


def locked(return_request: Return) -> Return:
    """The return re-read with its row locked (inside a transaction)."""
    return Return.objects.select_for_update().get(pk=return_request.pk)


def record(
    return_request: Return, to_state: str, actor=None, note: str = "", from_state: str | None = None
) -> ReturnEvent:
    """An event without a move: a note, or (from_state "") the state the return was created in."""
    user, label = (None, actor) if isinstance(actor, str) or actor is None else (actor, "")
    return ReturnEvent.objects.create(
        return_request=return_request,
        from_state=return_request.state if from_state is None else from_state,
        to_state=to_state,
        actor=user,
        actor_label=label or "",
        note=note,
    )


def move(return_request: Return, to_state: str, actor=None, note: str = "") -> None:
    """W17: move to `to_state`, or ReturnRefused with the reason."""
    if not policy.w17_may_move(return_request.state, to_state):
        raise ReturnRefused(
            _("Retour %(number)s is “%(current)s” en kan niet naar “%(to)s”.")
            % {
                "number": return_request.number,
                "current": State(return_request.state).label,
                "to": State(to_state).label,
            }
        )
    record(return_request, to_state, actor, note)
    return_request.state = to_state
    return_request.save(update_fields=["state"])
