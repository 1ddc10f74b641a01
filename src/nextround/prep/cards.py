"""What the prep app puts on the round page the workspace composes: the plan (what is due
next, the rest one click away), the likely questions and the questions to ask."""

from __future__ import annotations

from datetime import datetime

from nextround.interviews.models import Round
from nextround.interviews.selectors import CarryForward, round_is_past
from nextround.prep import selectors


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    playbook = selectors.round_playbook(round_=round_, now=now, carry=carry)
    past = round_is_past(round_, now)
    return {
        "rp": playbook.plan,
        "plan": selectors.plan_sections(playbook.plan, past=past),
        "likely": playbook.likely,
        "asks": playbook.asks,
        "employer_field": playbook.field,
    }
