"""The interviews app's section of the workspace export: opportunities with their stage history,
people, rounds and notes. It is the document's spine; other apps add their own keys to each round
and each opportunity through :class:`Parts`, which the workspace app assembles.

The document carries no database ids: people are named by refs ("p1", "p2", …) given in export
order across the whole workspace, so a file can be imported into any workspace.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.utils import timezone

from nextround.core.transfer import (
    Amount,
    Day,
    Doc,
    Moment,
    PersonRef,
    PersonRefList,
    Record,
    Rows,
    Tally,
    amount_text,
    count_phrase,
    day_text,
    located,
    lookup,
    restore_times,
    stamps,
)
from nextround.interviews import services
from nextround.interviews.models import (
    NoteKind,
    Opportunity,
    Person,
    Round,
    RoundNote,
    Stage,
    StageChange,
)
from nextround.playbook.knowledge import CATEGORIES

# Plain text fields, copied as they are in both directions.
OPPORTUNITY_TEXT = services.OPPORTUNITY_FIELDS
PERSON_TEXT = tuple(name for name in services.PERSON_FIELDS if name != "decision_maker")
ROUND_TEXT = ("kind", "format", "location", "video_link", "dress_code", "logistics")
NOTE_TEXT = ("text", "answer", "improve", "status", "response", "promised_by", "currency")

# Model field names that the document spells differently, for error paths.
DOCUMENT_KEYS = {"starts_at": "starts", "ends_at": "ends"}

#: Another app's keys in one round of the document, and how it reads them back (from the round's
#: object, through its own schema: ``item.view(Schema)``).
RoundExport = Callable[[Round, PersonRef], dict[str, Any]]
RoundImport = Callable[[Round, Record[Any], Mapping[str, Person]], None]
#: Another app's keys in one opportunity; reading them back may name the opportunity's notes by
#: round number and position.
OpportunityExport = Callable[[Opportunity], dict[str, Any]]
OpportunityImport = Callable[[Opportunity, Record[Any], Mapping[int, Sequence[RoundNote]]], None]


# --- the schemas of this section's records --------------------------------------------------


class Opportunities(Doc):
    opportunities: Rows


class OpportunityDoc(Doc):
    uid: str
    company: str
    role_title: str
    stage: str
    created_at: Moment | None = None
    stage_changes: Rows | None = None
    people: Rows | None = None
    rounds: Rows | None = None


class StageChangeDoc(Doc):
    stage: str
    on: Day


class PersonDoc(Doc):
    ref: str
    name: str
    decision_maker: bool = False  # version 6; older files have no decision-makers


class RoundDoc(Doc):
    timezone: str
    starts: Moment
    ends: Moment
    number: int | None = None
    is_final: bool | None = None
    attendees: PersonRefList | None = None
    created_at: Moment | None = None
    notes: Rows | None = None


class NoteDoc(Doc):
    kind: str
    text: str
    person: str | None = None
    rating: int | None = None
    due_on: Day | None = None
    amount_low: Amount | None = None
    amount_high: Amount | None = None
    category: str | None = None
    category_by_hand: bool | None = None
    created_at: Moment | None = None


@dataclass(frozen=True)
class Parts:
    """What other apps keep per round and per opportunity, in the order their keys are written.
    The prefetches keep the export at a fixed number of queries."""

    round_prefetch: Sequence[Prefetch[Any]] = ()
    round_export: Sequence[RoundExport] = ()
    round_import: Sequence[RoundImport] = ()
    opportunity_prefetch: Sequence[Prefetch[Any]] = ()
    opportunity_export: Sequence[OpportunityExport] = ()
    opportunity_import: Sequence[OpportunityImport] = ()


# --- records: one dict per row, shared by the export and the CLI's JSON output ---------------


def opportunity_record(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "uid": str(opportunity.uid),
        **{name: getattr(opportunity, name) for name in OPPORTUNITY_TEXT},
        "stage": opportunity.stage,
        "created_at": opportunity.created_at.isoformat(),
    }


def stage_change_record(change: StageChange) -> dict[str, Any]:
    return {"stage": change.stage, "on": change.on.isoformat()}


def person_record(person: Person) -> dict[str, Any]:
    return {
        **{name: getattr(person, name) for name in PERSON_TEXT},
        "decision_maker": person.decision_maker,
    }


def round_record(round_: Round, *, person_ref: PersonRef) -> dict[str, Any]:
    """The round without its notes; attendees in id order (prefetch them for many rounds)."""
    attendees = sorted(round_.attendees.all(), key=lambda person: person.pk)
    return {
        "number": round_.number,
        "is_final": round_.is_final,
        "kind": round_.kind,
        "format": round_.format,
        "timezone": round_.timezone,
        # Local wall-clock time with its offset: readable, and still one exact instant.
        "starts": round_.local_start.isoformat(),
        "ends": round_.local_end.isoformat(),
        "location": round_.location,
        "video_link": round_.video_link,
        "dress_code": round_.dress_code,
        "logistics": round_.logistics,
        "attendees": [person_ref(person.pk) for person in attendees],
        "created_at": round_.created_at.isoformat(),
    }


def note_record(note: RoundNote, *, person_ref: PersonRef) -> dict[str, Any]:
    return {
        "kind": note.kind,
        "text": note.text,
        "person": None if note.person_id is None else person_ref(note.person_id),
        "answer": note.answer,
        "rating": note.rating,
        "improve": note.improve,
        "status": note.status,
        "response": note.response,
        "promised_by": note.promised_by,
        "due_on": day_text(note.due_on),
        # Strings, not floats: money must not pick up binary rounding on the way.
        "amount_low": amount_text(note.amount_low),
        "amount_high": amount_text(note.amount_high),
        "currency": note.currency,
        # A question's kind; imported again only when the candidate set it by hand (otherwise
        # the classifier tags the question afresh).
        "category": note.category,
        "category_by_hand": note.category_by_hand,
        "created_at": note.created_at.isoformat(),
    }


# --- export --------------------------------------------------------------------------------


def opportunities_export(*, owner: User, parts: Parts) -> list[dict[str, Any]]:
    """Every opportunity of the owner, oldest first, with all it holds."""
    opportunities = list(_export_queryset(owner, parts))
    people = _person_refs(opportunities)
    return [_opportunity_document(o, people=people, parts=parts) for o in opportunities]


def _export_queryset(owner: User, parts: Parts) -> Iterable[Opportunity]:
    """A fixed number of queries whatever the size of the workspace; every level in a fixed
    order."""
    people_by_id = Person.objects.order_by("id")
    rounds = Round.objects.order_by("number").prefetch_related(
        Prefetch("attendees", queryset=people_by_id),
        Prefetch("notes", queryset=RoundNote.objects.order_by("created_at", "id")),
        *parts.round_prefetch,
    )
    return (
        Opportunity.objects.filter(owner_id=owner.pk)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.order_by("on", "id")),
            Prefetch("people", queryset=people_by_id),
            Prefetch("rounds", queryset=rounds),
            *parts.opportunity_prefetch,
        )
    )


def _person_refs(opportunities: Sequence[Opportunity]) -> dict[int, str]:
    people = (person for o in opportunities for person in o.people.all())
    return {person.pk: f"p{position}" for position, person in enumerate(people, start=1)}


def _opportunity_document(
    opportunity: Opportunity, *, people: Mapping[int, str], parts: Parts
) -> dict[str, Any]:
    # Every person a round, note or another app's record names belongs to the same opportunity
    # (the models and services check it), so each has a ref.
    document = {
        **opportunity_record(opportunity),
        "stage_changes": [stage_change_record(c) for c in opportunity.stage_changes.all()],
        "people": [{"ref": people[p.pk], **person_record(p)} for p in opportunity.people.all()],
        "rounds": [
            _round_document(r, people=people, parts=parts) for r in opportunity.rounds.all()
        ],
    }
    for export in parts.opportunity_export:
        document.update(export(opportunity))
    return document


def _round_document(round_: Round, *, people: Mapping[int, str], parts: Parts) -> dict[str, Any]:
    person_ref = people.__getitem__
    document = {
        **round_record(round_, person_ref=person_ref),
        "notes": [note_record(n, person_ref=person_ref) for n in round_.notes.all()],
    }
    for export in parts.round_export:
        document.update(export(round_, person_ref))
    return document


def note_places(rounds: Iterable[Round]) -> dict[int, tuple[int, int]]:
    """Each note's round number and position among the round's exported notes, by note id."""
    return {
        note.pk: (round_.number, position)
        for round_ in rounds
        for position, note in enumerate(round_.notes.all())
    }


# --- import --------------------------------------------------------------------------------


def opportunities_import(*, owner: User, root: Record[Any], parts: Parts, report: Tally) -> None:
    """Each opportunity of the file, unless one with the same uid is already here (skipped, never
    overwritten)."""
    items = root.view(Opportunities).records("opportunities", OpportunityDoc)
    uids = _unique_uids(items)
    present = set(
        Opportunity.objects.filter(owner_id=owner.pk, uid__in=uids).values_list("uid", flat=True)
    )
    for item, uid in zip(items, uids, strict=True):
        if uid in present:
            report.skipped += 1
        else:
            opportunity = _import_opportunity(owner=owner, item=item, uid=uid, report=report)
            _import_contents(opportunity, item=item, parts=parts, report=report)


def _unique_uids(items: Sequence[Record[OpportunityDoc]]) -> list[uuid.UUID]:
    uids: list[uuid.UUID] = []
    seen: set[uuid.UUID] = set()  # a set: a list made 10,000 opportunities take seconds
    for item in items:
        uid = item.uid("uid")
        if uid in seen:
            raise item.error("uid", f"{uid} appears more than once in the file.")
        seen.add(uid)
        uids.append(uid)
    return uids


def _import_opportunity(
    *, owner: User, item: Record[OpportunityDoc], uid: uuid.UUID, report: Tally
) -> Opportunity:
    fields = item.texts(OPPORTUNITY_TEXT)
    stage = item.choice("stage", Stage.values)
    created_at = item.optional("created_at", Record.instant)
    changes = [
        (change.choice("stage", Stage.values), change.day("on"))
        for change in item.records("stage_changes", StageChangeDoc)
    ]
    # Replay the history through the services, which keep it in date order: the first change
    # creates the opportunity (which records it), each later one moves the stage on its date.
    first_stage, first_on = changes[0] if changes else (stage, _local_date(created_at))
    with located(item.path):
        opportunity = services.opportunity_create(
            owner=owner, uid=uid, stage=first_stage, stage_on=first_on, **fields
        )
    for index, (later_stage, on) in enumerate(changes[1:], start=1):
        with located(f"{item.path}.stage_changes[{index}]"):
            services.opportunity_set_stage(opportunity=opportunity, stage=later_stage, on=on)
    if opportunity.stage != stage:
        raise item.error("stage", f"{stage!r} is not the last stage in stage_changes.")
    restore_times(opportunity, stamps(item, "created_at"))
    report.add("opportunities")
    return opportunity


def _local_date(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _import_contents(
    opportunity: Opportunity, *, item: Record[OpportunityDoc], parts: Parts, report: Tally
) -> None:
    """The opportunity's people, its rounds with all they hold, and the other apps' records."""
    people = _import_people(opportunity=opportunity, item=item, report=report)
    notes: dict[int, list[RoundNote]] = {}
    for round_item in item.records("rounds", RoundDoc):
        round_ = _import_round(opportunity=opportunity, item=round_item, people=people)
        notes[round_.number] = _import_notes(round_, item=round_item, people=people, report=report)
        for read in parts.round_import:
            read(round_, round_item, people)
        report.add("rounds")
    for read_opportunity in parts.opportunity_import:
        read_opportunity(opportunity, item, notes)


def _import_people(
    *, opportunity: Opportunity, item: Record[OpportunityDoc], report: Tally
) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for person_item in item.records("people", PersonDoc):
        ref = person_item.doc.ref
        if ref in people:
            raise person_item.error("ref", f"{ref!r} is used by another person too.")
        fields: dict[str, Any] = dict(person_item.texts(PERSON_TEXT))
        fields["decision_maker"] = person_item.doc.decision_maker
        with located(person_item.path):
            people[ref] = services.person_create(opportunity=opportunity, **fields)
        report.add("people")
    return people


def person_named(path: str, ref: str, people: Mapping[str, Person]) -> Person:
    return lookup(path, ref, people, what="person", where="this opportunity")


def optional_person(item: Record[Any], people: Mapping[str, Person]) -> Person | None:
    return person_named(item.at("person"), item.doc.person, people) if item.has("person") else None


def _import_round(
    *, opportunity: Opportunity, item: Record[RoundDoc], people: Mapping[str, Person]
) -> Round:
    fields: dict[str, Any] = dict(item.texts(ROUND_TEXT))
    if item.has("number"):
        fields["number"] = item.doc.number
    if item.has("is_final"):
        fields["is_final"] = item.doc.is_final
    if item.has("created_at"):  # else the model stamps it now
        fields["created_at"] = item.instant("created_at")
    attendees = [person_named(path, ref, people) for path, ref in item.refs("attendees")]
    starts, ends, tz_name = item.moment("starts"), item.moment("ends"), item.doc.timezone
    with located(item.path, renamed=DOCUMENT_KEYS):
        return services.round_create(
            opportunity=opportunity,
            starts=starts,
            ends=ends,
            timezone_name=tz_name,
            attendees=attendees,
            **fields,
        )


_NOTE_VALUES: dict[str, Callable[[Record[NoteDoc], str], object]] = {
    "rating": lambda item, key: item.doc.rating,
    "due_on": Record.day,
    "amount_low": Record.amount,
    "amount_high": Record.amount,
}


def _import_notes(
    round_: Round, *, item: Record[RoundDoc], people: Mapping[str, Person], report: Tally
) -> list[RoundNote]:
    notes = [
        _import_note(round_=round_, item=note, people=people)
        for note in item.records("notes", NoteDoc)
    ]
    report.add("notes", len(notes))
    return notes


def _import_note(
    *, round_: Round, item: Record[NoteDoc], people: Mapping[str, Person]
) -> RoundNote:
    kind = item.choice("kind", NoteKind.values)
    fields: dict[str, Any] = dict(item.texts(NOTE_TEXT))
    fields.update({key: item.optional(key, read) for key, read in _NOTE_VALUES.items()})
    fields.update(stamps(item, "created_at"))  # else the model stamps it now
    if item.doc.category_by_hand and kind == NoteKind.QUESTION:
        fields["category"] = item.choice("category", CATEGORIES)
    person = optional_person(item, people)
    with located(item.path):
        return services.note_create(round_=round_, kind=kind, person=person, **fields)


def imported(report: Tally) -> list[str]:
    """The import summary's part for this section: always named, even at 0."""
    return [
        count_phrase(report.opportunities, "opportunity", "opportunities"),
        count_phrase(report.rounds, "round", "rounds"),
        count_phrase(report.people, "person", "people"),
        count_phrase(report.notes, "note", "notes"),
    ]
