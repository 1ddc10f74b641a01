"""Export and import of one owner's whole workspace as a versioned JSON document.

The document carries no database ids: people are named by refs ("p1", "p2", …) given in export
order, so a file can be imported into any workspace. Export order is deterministic, which makes
export → import into an empty workspace → export give the same document (except
``exported_at``). Import writes through the services, so it obeys the same rules as the web
forms, and runs in one transaction: an invalid record anywhere saves nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from nextround.errors import Invalid
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

T = TypeVar("T")

FORMAT = "nextround-workspace"
VERSION = 1

#: Turns a person's database id into how a record names them: a ref in a file, the id itself in
#: the CLI's JSON output.
PersonRef = Callable[[int], object]

# Plain text fields, copied as they are in both directions.
OPPORTUNITY_TEXT = services.OPPORTUNITY_FIELDS
PERSON_TEXT = services.PERSON_FIELDS
ROUND_TEXT = ("kind", "format", "location", "video_link", "dress_code", "logistics")
NOTE_TEXT = ("text", "answer", "improve", "status", "response", "promised_by", "currency")

# Model field names that the document spells differently, for error paths.
DOCUMENT_KEYS = {"starts_at": "starts", "ends_at": "ends"}


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
    return {name: getattr(person, name) for name in PERSON_TEXT}


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
        "due_on": None if note.due_on is None else note.due_on.isoformat(),
        # Strings, not floats: money must not pick up binary rounding on the way.
        "amount_low": _amount_text(note.amount_low),
        "amount_high": _amount_text(note.amount_high),
        "currency": note.currency,
        "created_at": note.created_at.isoformat(),
    }


def _amount_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# --- export --------------------------------------------------------------------------------


def workspace_export(*, owner: User, now: datetime) -> dict[str, Any]:
    opportunities = list(_export_queryset(owner))
    refs = _person_refs(opportunities)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "opportunities": [_opportunity_document(o, refs=refs) for o in opportunities],
    }


def _export_queryset(owner: User) -> Iterable[Opportunity]:
    """Six queries whatever the size of the workspace; every level in a fixed order."""
    people_by_id = Person.objects.order_by("id")
    rounds = Round.objects.order_by("number").prefetch_related(
        Prefetch("attendees", queryset=people_by_id),
        Prefetch("notes", queryset=RoundNote.objects.order_by("created_at", "id")),
    )
    return (
        Opportunity.objects.filter(owner_id=owner.pk)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.order_by("on", "id")),
            Prefetch("people", queryset=people_by_id),
            Prefetch("rounds", queryset=rounds),
        )
    )


def _person_refs(opportunities: Sequence[Opportunity]) -> dict[int, str]:
    people = (person for o in opportunities for person in o.people.all())
    return {person.pk: f"p{position}" for position, person in enumerate(people, start=1)}


def _opportunity_document(opportunity: Opportunity, *, refs: Mapping[int, str]) -> dict[str, Any]:
    # Every person a round or note names belongs to the same opportunity (the models check it),
    # so each has a ref.
    person_ref = refs.__getitem__
    return {
        **opportunity_record(opportunity),
        "stage_changes": [stage_change_record(c) for c in opportunity.stage_changes.all()],
        "people": [{"ref": refs[p.pk], **person_record(p)} for p in opportunity.people.all()],
        "rounds": [
            {
                **round_record(r, person_ref=person_ref),
                "notes": [note_record(n, person_ref=person_ref) for n in r.notes.all()],
            }
            for r in opportunity.rounds.all()
        ],
    }


# --- parsing -------------------------------------------------------------------------------


def parse_document(data: bytes | str) -> dict[str, Any]:
    """The document in ``data``, checked to be a workspace export this version can read."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
        except UnicodeDecodeError:
            raise Invalid("Not a nextround export: the file is not UTF-8 text.") from None
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise Invalid(
            f"Not a nextround export: not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno})."
        ) from None
    except RecursionError:
        raise Invalid("Not a nextround export: the JSON is nested too deeply.") from None
    return check_header(document)


def check_header(document: object) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise Invalid(f"Not a nextround export: expected a JSON object, got {_kind(document)}.")
    if document.get("format") != FORMAT:
        found = f"format is {document['format']!r}" if "format" in document else "no format"
        raise Invalid(f"Not a nextround export: {found}, expected {FORMAT!r}.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f"Unsupported export version {version!r}; expected a whole number >= 1.")
    if version > VERSION:
        raise Invalid(
            f"This export is version {version}, newer than this nextround reads "
            f"(up to {VERSION}); upgrade nextround to import it."
        )
    if not isinstance(document.get("opportunities"), list):
        raise Invalid(
            f"opportunities: expected a list, got {_kind(document.get('opportunities'))}."
        )
    return document


def _kind(value: object) -> str:
    """How a JSON value is named in an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Record:
    """One JSON object of the document, read field by field; every error names its path."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise Invalid(f"{path}: expected an object, got {_kind(data)}.")
        self.data: dict[str, Any] = data
        self.path = path

    def error(self, key: str, message: str) -> Invalid:
        return Invalid(f"{self.path}.{key}: {message}")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def _value(self, key: str, expected: tuple[type, ...], name: str) -> Any:
        """The value of a required key, checked to be of one of the ``expected`` JSON types."""
        if key not in self.data:
            raise self.error(key, "missing.")
        value = self.data[key]
        # bool is an int to Python, but true/false is no number in JSON.
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
            raise self.error(key, f"expected {name}, got {_kind(value)}.")
        return value

    def text(self, key: str) -> str:
        value: str = self._value(key, (str,), "text")
        return value

    def texts(self, keys: Iterable[str]) -> dict[str, str]:
        """The text fields among ``keys`` that are present; absent ones keep model defaults."""
        return {key: self.text(key) for key in keys if key in self.data}

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.error(key, f"unknown value {value!r}; expected one of {', '.join(allowed)}.")
        return value

    def integer(self, key: str) -> int:
        value: int = self._value(key, (int,), "a whole number")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._value(key, (bool,), "true or false")
        return value

    def uid(self, key: str) -> uuid.UUID:
        try:
            return uuid.UUID(self.text(key))
        except ValueError:
            raise self.error(key, "not a valid UUID.") from None

    def day(self, key: str) -> date:
        value = self._value(key, (str,), "a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"{value!r} is not a date such as 2026-03-31.") from None

    def moment(self, key: str) -> datetime:
        """An ISO 8601 date and time; without an offset it stays naive, for the caller."""
        value = self._value(key, (str,), "a date and time")
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise self.error(
                key, f"{value!r} is not a date and time such as 2026-03-31T09:30:00+02:00."
            ) from None

    def instant(self, key: str) -> datetime:
        """A moment in time; a naive one is taken in the configured time zone."""
        moment = self.moment(key)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def amount(self, key: str) -> Decimal:
        value = self._value(key, (str, int, float), 'an amount such as "95000.00"')
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite():
            raise self.error(key, f'{value!r} is not an amount such as "95000.00".')
        return amount

    def optional(self, key: str, read: Callable[[_Record, str], T]) -> T | None:
        """``read(self, key)`` when the key holds a value; None when it is absent or null."""
        return read(self, key) if self.has(key) else None

    def records(self, key: str) -> list[_Record]:
        if not self.has(key):
            return []
        items: list[Any] = self._value(key, (list,), "a list")
        return [_Record(item, f"{self.path}.{key}[{i}]") for i, item in enumerate(items)]

    def refs(self, key: str) -> list[tuple[str, str]]:
        """A list of person refs, each with its own path."""
        if not self.has(key):
            return []
        items: list[Any] = self._value(key, (list,), "a list")
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise Invalid(f"{self.path}.{key}[{i}]: expected a person ref, got {_kind(item)}.")
        return [(f"{self.path}.{key}[{i}]", item) for i, item in enumerate(items)]


@contextmanager
def _located(path: str) -> Iterator[None]:
    """Prefix a service's Invalid with where in the document the record is."""
    try:
        yield
    except Invalid as exc:
        raise Invalid(_where(path, exc), exc.field_errors) from exc


def _where(path: str, exc: Invalid) -> str:
    if not exc.field_errors:
        return f"{path}: {exc.message}"
    parts = []
    for field, messages in exc.field_errors.items():
        at = path if field == NON_FIELD_ERRORS else f"{path}.{DOCUMENT_KEYS.get(field, field)}"
        parts.append(f"{at}: {' '.join(messages)}")
    return "; ".join(parts)


# --- import --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    opportunities: int = 0
    rounds: int = 0
    people: int = 0
    notes: int = 0
    skipped: int = 0  # opportunities whose uid this workspace already holds

    def summary(self) -> str:
        return (
            f"Imported {_count(self.opportunities, 'opportunity', 'opportunities')}, "
            f"{_count(self.rounds, 'round', 'rounds')}, "
            f"{_count(self.people, 'person', 'people')}, "
            f"{_count(self.notes, 'note', 'notes')}; "
            f"skipped {self.skipped} already present."
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def workspace_import(*, owner: User, document: dict[str, Any]) -> ImportReport:
    """Add the document's opportunities; one whose uid is already here is skipped, not
    overwritten. Raises Invalid naming the first bad record's path; then nothing is saved."""
    check_header(document)
    items = [_Record(o, f"opportunities[{i}]") for i, o in enumerate(document["opportunities"])]
    uids = _unique_uids(items)
    present = set(
        Opportunity.objects.filter(owner_id=owner.pk, uid__in=uids).values_list("uid", flat=True)
    )
    report = ImportReport()
    with transaction.atomic():
        for item, uid in zip(items, uids, strict=True):
            if uid in present:
                report.skipped += 1
            else:
                _import_opportunity(owner=owner, item=item, uid=uid, report=report)
    return report


def _unique_uids(items: Sequence[_Record]) -> list[uuid.UUID]:
    uids: list[uuid.UUID] = []
    for item in items:
        uid = item.uid("uid")
        if uid in uids:
            raise item.error("uid", f"{uid} appears more than once in the file.")
        uids.append(uid)
    return uids


def _import_opportunity(
    *, owner: User, item: _Record, uid: uuid.UUID, report: ImportReport
) -> None:
    fields = item.texts(OPPORTUNITY_TEXT)
    item.text("company")  # required: a missing one says "missing" rather than "blank"
    item.text("role_title")
    stage = item.choice("stage", Stage.values)
    created_at = item.optional("created_at", _Record.instant)
    changes = [
        (change.choice("stage", Stage.values), change.day("on"))
        for change in item.records("stage_changes")
    ]
    # Replay the history through the services, which keep it in date order: the first change
    # creates the opportunity (which records it), each later one moves the stage on its date.
    first_stage, first_on = changes[0] if changes else (stage, _local_date(created_at))
    with _located(item.path):
        opportunity = services.opportunity_create(
            owner=owner, uid=uid, stage=first_stage, stage_on=first_on, **fields
        )
    for index, (later_stage, on) in enumerate(changes[1:], start=1):
        with _located(f"{item.path}.stage_changes[{index}]"):
            services.opportunity_set_stage(opportunity=opportunity, stage=later_stage, on=on)
    if opportunity.stage != stage:
        raise item.error("stage", f"{stage!r} is not the last stage in stage_changes.")
    if created_at is not None:
        _restore_created_at(opportunity, created_at=created_at)
    report.opportunities += 1
    people = _import_people(opportunity=opportunity, item=item, report=report)
    for round_item in item.records("rounds"):
        _import_round(opportunity=opportunity, item=round_item, people=people, report=report)


def _local_date(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _restore_created_at(opportunity: Opportunity, *, created_at: datetime) -> None:
    """No service sets the creation time (it is not editable), but a copy must keep it."""
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=created_at)
    opportunity.created_at = created_at


def _import_people(
    *, opportunity: Opportunity, item: _Record, report: ImportReport
) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for person_item in item.records("people"):
        ref = person_item.text("ref")
        if ref in people:
            raise person_item.error("ref", f"{ref!r} is used by another person too.")
        person_item.text("name")
        fields: dict[str, Any] = dict(person_item.texts(PERSON_TEXT))
        with _located(person_item.path):
            people[ref] = services.person_create(opportunity=opportunity, **fields)
        report.people += 1
    return people


def _person(path: str, ref: str, people: Mapping[str, Person]) -> Person:
    try:
        return people[ref]
    except KeyError:
        raise Invalid(f"{path}: no person with ref {ref!r} in this opportunity.") from None


def _import_round(
    *, opportunity: Opportunity, item: _Record, people: Mapping[str, Person], report: ImportReport
) -> None:
    fields: dict[str, Any] = dict(item.texts(ROUND_TEXT))
    if item.has("number"):
        fields["number"] = item.integer("number")
    if item.has("is_final"):
        fields["is_final"] = item.flag("is_final")
    attendees = [_person(path, ref, people) for path, ref in item.refs("attendees")]
    starts, ends, tz_name = item.moment("starts"), item.moment("ends"), item.text("timezone")
    with _located(item.path):
        round_ = services.round_create(
            opportunity=opportunity,
            starts=starts,
            ends=ends,
            timezone_name=tz_name,
            attendees=attendees,
            **fields,
        )
    report.rounds += 1
    for note_item in item.records("notes"):
        _import_note(round_=round_, item=note_item, people=people)
        report.notes += 1


# Nullable note fields and how each is read; a null or absent one stays empty.
_NOTE_VALUES: dict[str, Callable[[_Record, str], object]] = {
    "rating": _Record.integer,
    "due_on": _Record.day,
    "amount_low": _Record.amount,
    "amount_high": _Record.amount,
}


def _import_note(*, round_: Round, item: _Record, people: Mapping[str, Person]) -> None:
    kind = item.choice("kind", NoteKind.values)
    item.text("text")
    fields: dict[str, Any] = dict(item.texts(NOTE_TEXT))
    fields.update({key: item.optional(key, read) for key, read in _NOTE_VALUES.items()})
    if item.has("created_at"):  # else the model stamps it now
        fields["created_at"] = item.instant("created_at")
    person = None
    if item.has("person"):
        person = _person(f"{item.path}.person", item.text("person"), people)
    with _located(item.path):
        services.note_create(round_=round_, kind=kind, person=person, **fields)
