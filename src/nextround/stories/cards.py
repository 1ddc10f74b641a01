"""What the stories app puts on the round page the workspace composes: the stories told and
the warnings about them, with the form to log a telling."""

from __future__ import annotations

from datetime import datetime

from nextround.interviews.models import Round
from nextround.interviews.selectors import CarryForward
from nextround.stories import selectors
from nextround.stories.forms import TellingForm


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    return {
        "stories": selectors.round_stories(round_=round_, attendees=carry.attending),
        "tell_form": TellingForm(owner=round_.owner, attendees=carry.attending),
    }
