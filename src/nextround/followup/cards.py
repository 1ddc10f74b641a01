"""What the follow-up app puts on the round page the workspace composes: once the round is
over, the debrief to write and what is still to send, each with its due time."""

from __future__ import annotations

from datetime import datetime

from nextround.followup import selectors
from nextround.interviews.models import Round
from nextround.interviews.selectors import CarryForward


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    return {"followups": selectors.round_followups(round_=round_, now=now)}
