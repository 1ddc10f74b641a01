"""Lists the interviews pages draw in one pass (not a partial per item), kept by their content
(``nextround.core.fragments``): a page showing the same items again does not draw them again.

``note_list(notes, show_round=True, editable=True)``, called from the Jinja2 partials
(``interviews/jinja.py``): round notes as the ``<li>`` items of a list.
``{% opportunity_rows rows %}``: the opportunities page's table rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django import template
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from nextround.core.fragments import render_cached
from nextround.core.links import link
from nextround.core.templatetags.clock import day_text
from nextround.interviews.models import NoteKind, RoundNote
from nextround.interviews.selectors import OpportunityRow
from nextround.pay.text import amount_range
from nextround.playbook.knowledge import CATEGORY_LABELS

register = template.Library()


class NoteView(NamedTuple):
    """Every value the notes partial shows of one note, as plain values: they are the partial's
    whole state for the cache. Jinja reads ``note.kind`` as an attribute first, which a tuple's
    field is; a dict's key would cost a failed attribute lookup for every value drawn."""

    pk: int
    kind: str
    status: str
    text: str
    person_name: str | None
    category: str
    category_label: str
    category_by_hand: bool
    rating: int | None
    promised_by: str
    due: str
    amount: str
    round_label: str | None
    answer: str
    improve: str
    response: str
    # an editable list's links, and the start of the text that names the note to a screen reader
    edit_url: str = ""
    delete_url: str = ""
    label: str = ""


def note_view(note: RoundNote, *, show_round: bool) -> NoteView:
    person = note.person
    return NoteView(
        pk=note.pk,
        kind=note.kind,
        status=note.status,
        text=note.text,
        person_name=person.name if person is not None else None,
        category=note.category,
        # Django's get_category_display() builds a dict of the choices at every call
        category_label=CATEGORY_LABELS.get(note.category, note.category),
        category_by_hand=note.category_by_hand,
        rating=note.rating,
        promised_by=note.promised_by,
        due=day_text(note.due_on, "j M Y") if note.due_on and note.kind == NoteKind.PROMISE else "",
        amount=(
            amount_range(note.amount_low, note.amount_high, note.currency)
            if note.kind == NoteKind.NUMBER
            else ""
        ),
        round_label=note.round.label if show_round else None,
        answer=note.answer,
        improve=note.improve,
        response=note.response,
    )


def _with_links(views: list[NoteView]) -> list[NoteView]:
    """Each note with its edit and delete address, and the start of its text that names it to
    a screen reader ("Edit note: …", as the truncatechars filter cuts it)."""
    return [
        view._replace(
            edit_url=link("note_edit", view.pk),
            delete_url=link("note_delete", view.pk),
            label=Truncator(view.text).chars(40),
        )
        for view in views
    ]


def note_list(
    notes: Sequence[RoundNote], *, show_round: bool = False, editable: bool = False
) -> SafeString:
    views = [note_view(n, show_round=show_round) for n in notes]
    if editable:
        views = _with_links(views)
    state = (show_round, editable, tuple(views))
    context = {"notes": views, "show_round": show_round, "editable": editable}
    return render_cached("interviews/_notes.html", context, state=state)


@register.simple_tag
def opportunity_rows(rows: Sequence[OpportunityRow]) -> SafeString:
    # The rows are frozen dataclasses of plain values: their repr is their content.
    return render_cached(
        "interviews/_opportunity_rows.html", {"opportunities": rows}, state=tuple(rows)
    )
