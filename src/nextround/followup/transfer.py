"""The follow-up app's section of the workspace export, in each round: the debrief (the round's
part and one entry per interviewer), the thank-you notes as the candidate worded them, the
follow-ups sent and the replies received.

A sent answer to a concern names the concern by its place among the round's exported notes
(``concern``: 0 for the first note), as the notes carry no id of their own in the file. Written
back as stored, not through the services: those would add notes and tellings the file already
holds elsewhere.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from django.db.models import Prefetch

from nextround.core.transfer import (
    Day,
    Doc,
    Moment,
    PersonRef,
    Record,
    Rows,
    day_text,
    once,
    save_valid,
    stamps,
)
from nextround.followup.models import Debrief, PersonDebrief, Reply, Sent, SentKind, ThankYou
from nextround.interviews.models import NoteKind, Person, Round
from nextround.interviews.transfer import optional_person, person_named

DEBRIEF_TEXT = ("feel",)
PERSON_TEXT = ("topics", "cared_about", "specific")
THANKS_TEXT = ("subject", "body")


class RoundFollowup(Doc):
    debrief: dict[str, Any] | None = None
    thank_yous: Rows | None = None
    followups_sent: Rows | None = None
    replies: Rows | None = None


class DebriefDoc(Doc):
    overall: int | None = None
    done: bool = False
    updated_at: Moment | None = None
    people: Rows | None = None


class PersonDebriefDoc(Doc):
    person: str
    rapport: int | None = None


class ThankYouDoc(Doc):
    person: str
    updated_at: Moment | None = None


class SentDoc(Doc):
    kind: str
    sent_on: Day
    person: str | None = None
    concern: int | None = None
    answered: bool = False
    created_at: Moment | None = None


class ReplyDoc(Doc):
    received_on: Day
    said: str
    person: str | None = None
    new_date: Day | None = None
    created_at: Moment | None = None


def round_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("debrief"),
        Prefetch("person_debriefs", queryset=PersonDebrief.objects.order_by("id")),
        Prefetch("thank_yous", queryset=ThankYou.objects.order_by("id")),
        Prefetch("followups_sent", queryset=Sent.objects.order_by("sent_on", "id")),
        Prefetch("replies", queryset=Reply.objects.order_by("received_on", "id")),
    )


def round_export(round_: Round, person_ref: PersonRef) -> dict[str, Any]:
    """Nothing for a round without any of it, so older rounds read as they did."""
    debrief: Debrief | None = getattr(round_, "debrief", None)  # prefetched; None when absent
    people = list(round_.person_debriefs.all())
    document: dict[str, Any] = {}
    if debrief is not None or people:
        document["debrief"] = {
            "overall": debrief.overall if debrief else None,
            "feel": debrief.feel if debrief else "",
            "done": debrief.done if debrief else False,
            "updated_at": debrief.updated_at.isoformat() if debrief else None,
            "people": [
                {
                    "person": person_ref(p.person_id),
                    **{name: getattr(p, name) for name in PERSON_TEXT},
                    "rapport": p.rapport,
                }
                for p in people
            ],
        }
    thanks = [
        {
            "person": person_ref(t.person_id),
            **{name: getattr(t, name) for name in THANKS_TEXT},
            "updated_at": t.updated_at.isoformat(),
        }
        for t in round_.thank_yous.all()
    ]
    places = {note.pk: i for i, note in enumerate(round_.notes.all())}
    sent = [
        {
            "kind": s.kind,
            "person": None if s.person_id is None else person_ref(s.person_id),
            "concern": places.get(s.concern_id) if s.concern_id else None,
            "sent_on": s.sent_on.isoformat(),
            "answered": s.answered,
            "created_at": s.created_at.isoformat(),
        }
        for s in round_.followups_sent.all()
    ]
    replies = [
        {
            "person": None if r.person_id is None else person_ref(r.person_id),
            "received_on": r.received_on.isoformat(),
            "said": r.said,
            "new_date": day_text(r.new_date),
            "created_at": r.created_at.isoformat(),
        }
        for r in round_.replies.all()
    ]
    for key, rows in (("thank_yous", thanks), ("followups_sent", sent), ("replies", replies)):
        if rows:
            document[key] = rows
    return document


def round_import(round_: Round, item: Record[Any], people: Mapping[str, Person]) -> None:
    followup = item.view(RoundFollowup)
    if followup.has("debrief"):
        _import_debrief(round_, followup.record("debrief", DebriefDoc), people)
    _import_thanks(round_, followup, people)
    _import_sent(round_, followup, people)
    _import_replies(round_, followup, people)


def _import_debrief(round_: Round, item: Record[DebriefDoc], people: Mapping[str, Person]) -> None:
    debrief = Debrief(
        owner=round_.owner,
        round=round_,
        overall=item.doc.overall,
        done=item.doc.done,
        **item.texts(DEBRIEF_TEXT),
        **stamps(item, "updated_at"),
    )
    save_valid(debrief, path=item.path, what="debrief")
    seen: dict[Hashable, str] = {}
    for entry in item.records("people", PersonDebriefDoc):
        person = person_named(entry.at("person"), entry.doc.person, people)
        once(entry, "person", person.pk, seen, f"The debrief on {person.name}")
        row = PersonDebrief(
            owner=round_.owner,
            round=round_,
            person=person,
            rapport=entry.doc.rapport,
            **entry.texts(PERSON_TEXT),
        )
        save_valid(row, path=entry.path, what="debrief on a person")


def _import_thanks(
    round_: Round, item: Record[RoundFollowup], people: Mapping[str, Person]
) -> None:
    seen: dict[Hashable, str] = {}
    for entry in item.records("thank_yous", ThankYouDoc):
        person = person_named(entry.at("person"), entry.doc.person, people)
        once(entry, "person", person.pk, seen, f"The thank-you note to {person.name}")
        note = ThankYou(
            owner=round_.owner,
            round=round_,
            person=person,
            **entry.texts(THANKS_TEXT),
            **stamps(entry, "updated_at"),
        )
        save_valid(note, path=entry.path, what="thank-you note")


def _import_sent(round_: Round, item: Record[RoundFollowup], people: Mapping[str, Person]) -> None:
    notes = list(round_.notes.order_by("id"))  # in the file's order, as just imported
    for entry in item.records("followups_sent", SentDoc):
        concern = None
        if entry.doc.concern is not None:
            place = entry.doc.concern
            if not 0 <= place < len(notes) or notes[place].kind != NoteKind.CONCERN:
                raise entry.error("concern", f"this round has no concern note at place {place}.")
            concern = notes[place]
        sent = Sent(
            owner=round_.owner,
            round=round_,
            kind=entry.choice("kind", SentKind.values),
            person=optional_person(entry, people),
            concern=concern,
            sent_on=entry.day("sent_on"),
            answered=entry.doc.answered,
            **stamps(entry, "created_at"),
        )
        save_valid(sent, path=entry.path, what="follow-up sent")


def _import_replies(
    round_: Round, item: Record[RoundFollowup], people: Mapping[str, Person]
) -> None:
    for entry in item.records("replies", ReplyDoc):
        reply = Reply(
            owner=round_.owner,
            round=round_,
            person=optional_person(entry, people),
            received_on=entry.day("received_on"),
            new_date=entry.optional("new_date", Record.day),
            **entry.texts(("said",)),
            **stamps(entry, "created_at"),
        )
        save_valid(reply, path=entry.path, what="reply")
