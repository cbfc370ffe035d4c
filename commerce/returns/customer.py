"""A return as its customer sees it on the order page and the return's page: what they may
still do with it (W10 tracking code, W17 cancelling) and whether it has a slip (W16)."""

from dataclasses import dataclass

from commerce.returns import policy
from commerce.returns.models import Return, ReturnLine, State

# A rejected or cancelled return sends nothing back: no slip.
WITHOUT_SLIP = (State.REJECTED, State.CANCELLED)


def goods_come_back(lines) -> bool:
    """Whether anything of these return lines is sent back (not a service, not unshipped)."""
    return any(line.quantity_to_come_back for line in lines)


@dataclass(frozen=True)
class CustomerReturn:
    return_request: Return
    lines: list[ReturnLine]

    @property
    def may_give_tracking_code(self) -> bool:
        """Authorised and something to send back (receiving.mark_sent)."""
        return policy.w17_may_move(self.return_request.state, State.SENT) and self.has_goods

    @property
    def may_cancel(self) -> bool:
        """Before anything went back, and nothing of it cancelled unshipped already
        (decisions.cancel_by_customer)."""
        return policy.w17_may_move(self.return_request.state, State.CANCELLED) and not any(
            line.unshipped_quantity for line in self.lines
        )

    @property
    def has_goods(self) -> bool:
        return goods_come_back(self.lines)

    @property
    def has_slip(self) -> bool:
        return self.has_goods and self.return_request.state not in WITHOUT_SLIP


def of(return_request: Return) -> CustomerReturn:
    """From a return whose lines (with their order lines) are prefetched, or are read here."""
    return CustomerReturn(return_request, list(return_request.lines.all()))
