"""Lists the interviews pages draw in one pass (not a partial per item), kept by their content
(``nextround.core.fragments``): a page showing the same items again does not draw them again.

``{% note_list notes show_round=True editable=True %}``: round notes as the ``<li>`` items of a
list. ``{% opportunity_rows rows %}``: the opportunities page's table rows."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from nextround.core.fragments import render_cached
from nextround.interviews.models import RoundNote
from nextround.interviews.selectors import OpportunityRow

register = template.Library()


def note_state(note: RoundNote, *, show_round: bool) -> tuple[object, ...]:
    """Every value the notes partial reads from one note: its own columns, its person's name
    and, when shown, its round's label."""
    columns = tuple(getattr(note, f.attname) for f in note._meta.concrete_fields)
    person = note.person.name if note.person is not None else None
    return (*columns, person, note.round.label if show_round else None)


@register.simple_tag
def note_list(
    notes: Sequence[RoundNote], *, show_round: bool = False, editable: bool = False
) -> SafeString:
    state = (show_round, editable, tuple(note_state(n, show_round=show_round) for n in notes))
    context = {"notes": notes, "show_round": show_round, "editable": editable}
    return render_cached("interviews/_notes.html", context, state=state)


@register.simple_tag
def opportunity_rows(rows: Sequence[OpportunityRow]) -> SafeString:
    # The rows are frozen dataclasses of plain values: their repr is their content.
    return render_cached(
        "interviews/_opportunity_rows.html", {"opportunities": rows}, state=tuple(rows)
    )
