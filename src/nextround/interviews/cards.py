"""What the interviews app puts on the round page the workspace composes: who attends (met
before or new), the notes of the round by kind, what earlier rounds left open, and, once the
round is over, its outcome."""

from __future__ import annotations

from datetime import datetime

from nextround.interviews import selectors
from nextround.interviews.forms import AttendeeForm
from nextround.interviews.models import NoteKind, NoteStatus, Round
from nextround.interviews.selectors import CarryForward


def round_card(*, round_: Round, carry: CarryForward, now: datetime) -> dict[str, object]:
    notes = list(round_.notes.all())  # loaded by selectors.round_page_get
    grouped = [
        (NoteKind(k), label, [n for n in notes if n.kind == k]) for k, label in NoteKind.choices
    ]
    met = {p.pk for p in carry.people_met}
    attending = {p.pk for p in carry.attending}
    others = [p for p in carry.people if p.pk not in attending]
    past = selectors.round_is_past(round_, now)
    return {
        "past": past,
        "outcome": selectors.round_outcome(round_=round_) if past else None,
        "promises_here": [
            n for n in notes if n.kind == NoteKind.PROMISE and n.status == NoteStatus.OPEN
        ],
        "attendees": [(p, p.pk in met) for p in carry.attending],
        "attendee_form": AttendeeForm(round_=round_, people=others) if others else None,
        "grouped_notes": grouped,
        "note_count": len(notes),
        "carry": carry,
    }
