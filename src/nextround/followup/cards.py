"""What the follow-up app puts on the round page the workspace composes: once the round is
over, the debrief to write and what is still to send, each with its due time."""

from __future__ import annotations

from datetime import datetime

from nextround.followup import selectors
from nextround.interviews.models import Round
from nextround.interviews.selectors import CarryForward, round_is_past


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    # The page shows this card only for a round that is over; ahead of it, nothing to load.
    if not round_is_past(round_, now):
        return {"followups": None}
    return {"followups": selectors.page_followups(round_=round_, carry=carry, now=now)}
