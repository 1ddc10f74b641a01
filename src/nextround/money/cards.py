"""What the money app puts on the round page: for a final round, or one where pay was
discussed, the walk-away number, target and ask, the earliest start date, and warnings on the
figures the round's notes hold."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from nextround.interviews.models import Round
from nextround.interviews.selectors import CarryForward
from nextround.money import rounds


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    return {"money": rounds.round_money(round_=round_, today=timezone.localdate(now))}
