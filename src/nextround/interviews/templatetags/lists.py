"""Lists the interviews pages draw in one pass (not a partial per item), kept by their content
(``nextround.core.fragments``): a page showing the same items again does not draw them again.

``note_list(notes, show_round=True, editable=True)``, called from the Jinja2 partials
(``interviews/jinja.py``): round notes as the ``<li>`` items of a list.
``{% opportunity_rows rows %}``: the opportunities page's table rows."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from nextround.core.fragments import render_cached
from nextround.core.templatetags.clock import day_text
from nextround.interviews.models import NoteKind, RoundNote
from nextround.interviews.selectors import OpportunityRow
from nextround.pay.text import amount_range
from nextround.playbook.knowledge import CATEGORY_LABELS

register = template.Library()


def note_view(note: RoundNote, *, show_round: bool) -> dict[str, object]:
    """Every value the notes partial shows of one note, as plain values. The template engine
    reads a dict's key at its first try, where a model instance costs a failed lookup for each
    value; and the values are the partial's whole state for the cache."""
    person = note.person
    return {
        "pk": note.pk,
        "kind": note.kind,
        "status": note.status,
        "text": note.text,
        "person_name": person.name if person is not None else None,
        "category": note.category,
        # Django's get_category_display() builds a dict of the choices at every call
        "category_label": CATEGORY_LABELS.get(note.category, note.category),
        "category_by_hand": note.category_by_hand,
        "rating": note.rating,
        "promised_by": note.promised_by,
        "due": day_text(note.due_on, "j M Y")
        if note.due_on and note.kind == NoteKind.PROMISE
        else "",
        "amount": (
            amount_range(note.amount_low, note.amount_high, note.currency)
            if note.kind == NoteKind.NUMBER
            else ""
        ),
        "round_label": note.round.label if show_round else None,
        "answer": note.answer,
        "improve": note.improve,
        "response": note.response,
    }


# Reversing a URL takes longer than drawing the rest of a note: each list reverses the edit and
# delete addresses once, for a number no note has, and puts each note's own in its place.
_ANY_PK = 9_876_543_210_123


def _note_url(name: str) -> tuple[str, str]:
    before, after = reverse(name, args=[_ANY_PK]).split(str(_ANY_PK))
    return before, after


def _with_links(views: list[dict[str, object]]) -> None:
    """Each note's edit and delete address, and the start of its text that names it to a
    screen reader ("Edit note: …", as the truncatechars filter cuts it)."""
    edit, delete = _note_url("note_edit"), _note_url("note_delete")
    for view in views:
        pk = view["pk"]
        view["edit_url"] = f"{edit[0]}{pk}{edit[1]}"
        view["delete_url"] = f"{delete[0]}{pk}{delete[1]}"
        view["label"] = Truncator(str(view["text"])).chars(40)


def note_list(
    notes: Sequence[RoundNote], *, show_round: bool = False, editable: bool = False
) -> SafeString:
    views = [note_view(n, show_round=show_round) for n in notes]
    if editable:
        _with_links(views)
    state = (show_round, editable, tuple(tuple(v.values()) for v in views))
    context = {"notes": views, "show_round": show_round, "editable": editable}
    return render_cached("interviews/_notes.html", context, state=state)


@register.simple_tag
def opportunity_rows(rows: Sequence[OpportunityRow]) -> SafeString:
    # The rows are frozen dataclasses of plain values: their repr is their content.
    return render_cached(
        "interviews/_opportunity_rows.html", {"opportunities": rows}, state=tuple(rows)
    )
