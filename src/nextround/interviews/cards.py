"""What the interviews app puts on the round page the workspace composes: who attends, the
notes of the round by kind, and what earlier rounds left open."""

from __future__ import annotations

from datetime import datetime

from nextround.interviews import selectors
from nextround.interviews.forms import AttendeeForm
from nextround.interviews.models import NoteKind, Round
from nextround.interviews.selectors import CarryForward


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    notes = list(selectors.round_notes(round_=round_))
    grouped = [
        (NoteKind(k), label, [n for n in notes if n.kind == k]) for k, label in NoteKind.choices
    ]
    attending = {p.pk for p in carry.attending}
    others = [p for p in round_.opportunity.people.all() if p.pk not in attending]
    return {
        "attendees": carry.attending,
        "attendee_form": AttendeeForm(round_=round_, people=others) if others else None,
        "grouped_notes": grouped,
        "carry": carry,
    }
