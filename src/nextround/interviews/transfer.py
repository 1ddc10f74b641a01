"""Export and import of one owner's whole workspace as a versioned JSON document.

The document carries no database ids: people are named by refs ("p1", "p2", …) and stories by
refs ("s1", "s2", …) given in export order, so a file can be imported into any workspace. Export
order is deterministic, which makes export → import into an empty workspace → export give the
same document (except ``exported_at``). Import writes through the services where they fit, so it
obeys the same rules as the web forms; records a service would re-derive or refuse for reasons
that do not hold for a copy (plan progress, kept questions, tellings, strengths, concern answers)
are written as stored, after ``full_clean``. It runs in one transaction: an invalid record
anywhere saves nothing.

Version 2 added ``stories``, ``strengths`` and ``quotes`` at the top, ``concern_answers`` per
opportunity, and ``created_at``, ``plan``, ``asks`` and ``tellings`` per round. Version 3 added
``practice`` at the top: each practice session with its questions and their analysed attempts.
Version-1 and version-2 files (without them) still import; an optional key left out takes the
model's default.

Practice carries only what the analysis needs: an attempt's text, and for a spoken one its word
timings and pauses, with the figures the history charts use. Attempts still queued, being
transcribed or failed are left out, and so are recordings: the audio files are large and
private, and an analysed attempt no longer needs them. An imported attempt is analysed
("done") and has no recording. A session names the round it was for by its opportunity's uid
and the round's number (null when it was for none).
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
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
from nextround.practice.models import (
    ANSWER_LIMIT,
    Attempt,
    Mode,
    PracticeQuestion,
    PracticeSession,
    Status,
    question_key,
)
from nextround.prep.models import AskItem, AskStatus, ItemStatus, PlanProgress
from nextround.stories import services as story_services
from nextround.stories.models import (
    AnswerKind,
    ConcernAnswer,
    ConcernStatus,
    Quote,
    Story,
    Strength,
    Telling,
)

T = TypeVar("T")

FORMAT = "nextround-workspace"
VERSION = 3

#: Turns a person's database id into how a record names them: a ref in a file, the id itself in
#: the CLI's JSON output.
PersonRef = Callable[[int], object]

# Plain text fields, copied as they are in both directions.
OPPORTUNITY_TEXT = services.OPPORTUNITY_FIELDS
PERSON_TEXT = services.PERSON_FIELDS
ROUND_TEXT = ("kind", "format", "location", "video_link", "dress_code", "logistics")
NOTE_TEXT = ("text", "answer", "improve", "status", "response", "promised_by", "currency")
STORY_TEXT = story_services.STORY_TEXT
PLAN_TEXT = ("note", "reason")
ASK_TEXT = ("bank_id", "theme", "text", "answer")

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
        "due_on": _day_text(note.due_on),
        # Strings, not floats: money must not pick up binary rounding on the way.
        "amount_low": _amount_text(note.amount_low),
        "amount_high": _amount_text(note.amount_high),
        "currency": note.currency,
        "created_at": note.created_at.isoformat(),
    }


def _amount_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _day_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def story_record(story: Story) -> dict[str, Any]:
    return {
        **{name: getattr(story, name) for name in STORY_TEXT},
        "happened_on": _day_text(story.happened_on),
        "created_at": story.created_at.isoformat(),
        "updated_at": story.updated_at.isoformat(),
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "who": quote.who, "created_at": quote.created_at.isoformat()}


def plan_record(progress: PlanProgress) -> dict[str, Any]:
    return {
        "key": progress.key,
        "status": progress.status,
        "note": progress.note,
        "reason": progress.reason,
        "updated_at": progress.updated_at.isoformat(),
    }


def ask_record(ask: AskItem, *, person_ref: PersonRef) -> dict[str, Any]:
    return {
        "person": None if ask.person_id is None else person_ref(ask.person_id),
        **{name: getattr(ask, name) for name in ASK_TEXT},
        "status": ask.status,
        "created_at": ask.created_at.isoformat(),
    }


# --- export --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Refs:
    """How the document names people and stories, by database id."""

    people: Mapping[int, str]
    stories: Mapping[int, str]

    def story(self, pk: int | None) -> str | None:
        return None if pk is None else self.stories[pk]


def workspace_export(*, owner: User, now: datetime) -> dict[str, Any]:
    opportunities = list(_export_queryset(owner))
    stories = list(Story.objects.filter(owner_id=owner.pk).order_by("created_at", "id"))
    refs = _Refs(people=_person_refs(opportunities), stories=_story_refs(stories))
    strengths = Strength.objects.filter(owner_id=owner.pk).order_by("rank", "id")
    quotes = Quote.objects.filter(owner_id=owner.pk).order_by("created_at", "id")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "stories": [{"ref": refs.stories[s.pk], **story_record(s)} for s in stories],
        "strengths": [
            _strength_document(s, refs=refs) for s in strengths.prefetch_related("stories")
        ],
        "quotes": [quote_record(q) for q in quotes],
        "opportunities": [_opportunity_document(o, refs=refs) for o in opportunities],
        "practice": [_session_document(s) for s in _practice_queryset(owner)],
    }


def _export_queryset(owner: User) -> Iterable[Opportunity]:
    """A fixed number of queries whatever the size of the workspace; every level in a fixed
    order."""
    people_by_id = Person.objects.order_by("id")
    tellings = Telling.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("people", queryset=people_by_id)
    )
    rounds = Round.objects.order_by("number").prefetch_related(
        Prefetch("attendees", queryset=people_by_id),
        Prefetch("notes", queryset=RoundNote.objects.order_by("created_at", "id")),
        Prefetch("plan_progress", queryset=PlanProgress.objects.order_by("key", "id")),
        Prefetch("asks", queryset=AskItem.objects.order_by("created_at", "id")),
        Prefetch("tellings", queryset=tellings),
    )
    return (
        Opportunity.objects.filter(owner_id=owner.pk)
        .order_by("created_at", "id")
        .prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.order_by("on", "id")),
            Prefetch("people", queryset=people_by_id),
            Prefetch("rounds", queryset=rounds),
            Prefetch("concern_answers", queryset=ConcernAnswer.objects.order_by("id")),
        )
    )


def _person_refs(opportunities: Sequence[Opportunity]) -> dict[int, str]:
    people = (person for o in opportunities for person in o.people.all())
    return {person.pk: f"p{position}" for position, person in enumerate(people, start=1)}


def _story_refs(stories: Sequence[Story]) -> dict[int, str]:
    return {story.pk: f"s{position}" for position, story in enumerate(stories, start=1)}


def _strength_document(strength: Strength, *, refs: _Refs) -> dict[str, Any]:
    # Backing stories in export order, so the list does not depend on database ids.
    position = {pk: index for index, pk in enumerate(refs.stories)}
    backing = sorted(strength.stories.all(), key=lambda story: position[story.pk])
    return {
        "name": strength.name,
        "description": strength.description,
        "rank": strength.rank,
        "differentiator": strength.differentiator,
        "stories": [refs.stories[story.pk] for story in backing],
    }


def _opportunity_document(opportunity: Opportunity, *, refs: _Refs) -> dict[str, Any]:
    # Every person a round, note, ask or telling names belongs to the same opportunity (the
    # models and services check it), and every story to the same owner, so each has a ref.
    rounds = list(opportunity.rounds.all())
    places = _note_places(rounds)
    return {
        **opportunity_record(opportunity),
        "stage_changes": [stage_change_record(c) for c in opportunity.stage_changes.all()],
        "people": [
            {"ref": refs.people[p.pk], **person_record(p)} for p in opportunity.people.all()
        ],
        "rounds": [_round_document(r, refs=refs) for r in rounds],
        "concern_answers": [
            _concern_answer_document(answer, places=places, refs=refs)
            for answer in opportunity.concern_answers.all()
        ],
    }


def _round_document(round_: Round, *, refs: _Refs) -> dict[str, Any]:
    person_ref = refs.people.__getitem__
    return {
        **round_record(round_, person_ref=person_ref),
        "notes": [note_record(n, person_ref=person_ref) for n in round_.notes.all()],
        "plan": [plan_record(p) for p in round_.plan_progress.all()],
        "asks": [ask_record(a, person_ref=person_ref) for a in round_.asks.all()],
        "tellings": [
            {
                "story": refs.stories[telling.story_id],
                "people": [refs.people[p.pk] for p in telling.people.all()],
                "created_at": telling.created_at.isoformat(),
            }
            for telling in round_.tellings.all()
        ],
    }


def _note_places(rounds: Iterable[Round]) -> dict[int, tuple[int, int]]:
    """Each note's round number and position among the round's exported notes, by note id."""
    return {
        note.pk: (round_.number, position)
        for round_ in rounds
        for position, note in enumerate(round_.notes.all())
    }


def _concern_answer_document(
    answer: ConcernAnswer, *, places: Mapping[int, tuple[int, int]], refs: _Refs
) -> dict[str, Any]:
    if answer.note_id is None:
        target: dict[str, Any] = {
            "requirement_key": answer.requirement_key,
            "requirement_text": answer.requirement_text,
        }
    else:
        number, position = places[answer.note_id]
        target = {"round": number, "note": position}
    return {
        **target,
        "kind": answer.kind,
        "story": refs.story(answer.story_id),
        "answer": answer.answer,
        "status": answer.status,
        "updated_at": answer.updated_at.isoformat(),
    }


# --- export: practice ----------------------------------------------------------------------


def _practice_queryset(owner: User) -> Iterable[PracticeSession]:
    """Sessions oldest first, questions by position, analysed attempts oldest first: three
    queries whatever the number of sessions."""
    attempts = Attempt.objects.filter(status=Status.DONE).order_by("created_at", "id")
    questions = PracticeQuestion.objects.order_by("position").prefetch_related(
        Prefetch("attempts", queryset=attempts)
    )
    return (
        PracticeSession.objects.filter(owner_id=owner.pk)
        .order_by("created_at", "id")
        .select_related("round__opportunity")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


def _session_document(session: PracticeSession) -> dict[str, Any]:
    return {
        "created_at": session.created_at.isoformat(),
        "category": session.category,
        "terms": session.terms,
        "round": None if session.round is None else _round_ref(session.round),
        "questions": [
            {
                "position": question.position,
                "text": question.text,
                "category": question.category,
                "bank_id": question.bank_id,
                "attempts": [_attempt_document(a) for a in question.attempts.all()],
            }
            for question in session.questions.all()
        ],
    }


def _round_ref(round_: Round) -> dict[str, Any]:
    """A round named across the document: its opportunity's uid and its number there."""
    return {"opportunity": str(round_.opportunity.uid), "number": round_.number}


def _attempt_document(attempt: Attempt) -> dict[str, Any]:
    """An analysed attempt without its recording, status or progress (see the module doc)."""
    return {
        "mode": attempt.mode,
        "text": attempt.text,
        "seconds": attempt.seconds,
        "timings": attempt.timings,
        "pauses": attempt.pauses,
        "score": attempt.score,
        "fillers_per_minute": attempt.fillers_per_minute,
        "wpm": attempt.wpm,
        "pace_measured": attempt.pace_measured,
        "kept": attempt.kept,
        "created_at": attempt.created_at.isoformat(),
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

    def at(self, key: str) -> str:
        """The path of one of this record's keys (the document itself has an empty path)."""
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> Invalid:
        return Invalid(f"{self.at(key)}: {message}")

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

    def choice_or(self, key: str, allowed: Sequence[str], default: str) -> str:
        """An optional choice: ``default`` when the key is absent or null."""
        return self.choice(key, allowed) if self.has(key) else default

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

    def number(self, key: str) -> float:
        """A finite number, whole or not."""
        value = self._value(key, (int, float), "a number")
        if not math.isfinite(value):
            raise self.error(key, f"expected a finite number, got {value!r}.")
        return float(value)

    def record(self, key: str) -> _Record:
        """A nested object, read with its own path."""
        return _Record(self._value(key, (dict,), "an object"), self.at(key))

    def optional(self, key: str, read: Callable[[_Record, str], T]) -> T | None:
        """``read(self, key)`` when the key holds a value; None when it is absent or null."""
        return read(self, key) if self.has(key) else None

    def records(self, key: str) -> list[_Record]:
        if not self.has(key):
            return []
        items: list[Any] = self._value(key, (list,), "a list")
        return [_Record(item, f"{self.at(key)}[{i}]") for i, item in enumerate(items)]

    def refs(self, key: str, what: str = "a person ref") -> list[tuple[str, str]]:
        """A list of refs, each with its own path."""
        if not self.has(key):
            return []
        items: list[Any] = self._value(key, (list,), "a list")
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise Invalid(f"{self.at(key)}[{i}]: expected {what}, got {_kind(item)}.")
        return [(f"{self.at(key)}[{i}]", item) for i, item in enumerate(items)]


@contextmanager
def _located(path: str) -> Iterator[None]:
    """Prefix a service's Invalid with where in the document the record is."""
    try:
        yield
    except Invalid as exc:
        raise Invalid(_where(path, exc), exc.field_errors) from exc


def _validate(instance: models.Model, *, path: str, what: str, exclude: Sequence[str] = ()) -> None:
    """``full_clean`` for a record written without a service. Constraints across records are
    checked by the callers instead, with messages that name the other record; ``exclude``
    names links the caller sets itself (to a parent not saved yet, or one it just read)."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        error = Invalid(f"The {what} was not saved.", exc.message_dict)
        raise Invalid(_where(path, error), error.field_errors) from exc


def _save_valid(instance: models.Model, *, path: str, what: str) -> None:
    _validate(instance, path=path, what=what)
    instance.save()


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
    stories: int = 0
    strengths: int = 0
    quotes: int = 0
    practice_sessions: int = 0
    attempts: int = 0
    # Practice sessions imported without their round: the file names one this workspace lacks.
    practice_without_round: int = 0
    # Opportunities, stories, quotes, strengths and practice sessions this workspace already
    # holds.
    skipped: int = 0

    def summary(self) -> str:
        counts = [
            _count(self.opportunities, "opportunity", "opportunities"),
            _count(self.rounds, "round", "rounds"),
            _count(self.people, "person", "people"),
            _count(self.notes, "note", "notes"),
        ]
        # Named only when there are some, so a file of opportunities alone reads as before.
        extras = [
            (self.stories, "story", "stories"),
            (self.strengths, "strength", "strengths"),
            (self.quotes, "quote", "quotes"),
        ]
        counts += [_count(n, one, many) for n, one, many in extras if n]
        if self.practice_sessions:
            sessions = _count(self.practice_sessions, "practice session", "practice sessions")
            if self.practice_without_round:
                sessions += (
                    f" ({self.practice_without_round} without the round it was for, which "
                    "this workspace does not have)"
                )
            counts += [sessions, _count(self.attempts, "attempt", "attempts")]
        return f"Imported {', '.join(counts)}; skipped {self.skipped} already present."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def workspace_import(*, owner: User, document: dict[str, Any]) -> ImportReport:
    """Add the document's records to the owner's workspace. What is already here is skipped,
    never overwritten: an opportunity with the same uid, a story with the same title and
    creation time, a quote with the same text, author and creation time, all of the file's
    strengths when the workspace already ranks its own, and a practice session with the same
    creation time and the same question texts in the same order. Raises Invalid naming the
    first bad record's path; then nothing is saved."""
    check_header(document)
    root = _Record(document, "")
    items = root.records("opportunities")
    uids = _unique_uids(items)
    present = set(
        Opportunity.objects.filter(owner_id=owner.pk, uid__in=uids).values_list("uid", flat=True)
    )
    report = ImportReport()
    with transaction.atomic():
        stories = _import_stories(owner=owner, root=root, report=report)
        _import_strengths(owner=owner, root=root, stories=stories, report=report)
        _import_quotes(owner=owner, root=root, report=report)
        for item, uid in zip(items, uids, strict=True):
            if uid in present:
                report.skipped += 1
            else:
                opportunity = _import_opportunity(owner=owner, item=item, uid=uid, report=report)
                _import_contents(opportunity, item=item, stories=stories, report=report)
        _import_practice(owner=owner, root=root, report=report)  # after the rounds it names
    return report


def _unique_uids(items: Sequence[_Record]) -> list[uuid.UUID]:
    uids: list[uuid.UUID] = []
    for item in items:
        uid = item.uid("uid")
        if uid in uids:
            raise item.error("uid", f"{uid} appears more than once in the file.")
        uids.append(uid)
    return uids


def _once(item: _Record, key: str, value: Hashable, seen: dict[Hashable, str], what: str) -> None:
    """Refuse a value that an earlier record of the same list already holds."""
    if value in seen:
        raise item.error(key, f"{what} is already at {seen[value]}.")
    seen[value] = item.path


def _restore_times(instance: models.Model, times: Mapping[str, datetime]) -> None:
    """Creation and update times are not set by the services, but a copy must keep them."""
    if times:
        type(instance)._default_manager.filter(pk=instance.pk).update(**times)
        for name, value in times.items():
            setattr(instance, name, value)


def _times(item: _Record, *keys: str) -> dict[str, datetime]:
    return {key: item.instant(key) for key in keys if item.has(key)}


# --- import: the owner's stories, strengths and quotes ---------------------------------------


def _import_stories(*, owner: User, root: _Record, report: ImportReport) -> dict[str, Story]:
    """The file's stories by ref; one already here (same title and creation time) is reused."""
    present: dict[tuple[str, datetime | None], Story] = {
        (s.title, s.created_at): s for s in Story.objects.filter(owner_id=owner.pk)
    }
    stories: dict[str, Story] = {}
    refs: dict[Hashable, str] = {}
    for item in root.records("stories"):
        ref = item.text("ref")
        _once(item, "ref", ref, refs, f"Story ref {ref!r}")
        times = _times(item, "created_at", "updated_at")
        existing = present.get((item.text("title"), times.get("created_at")))
        if existing is None:
            stories[ref] = _import_story(owner=owner, item=item, times=times)
            report.stories += 1
        else:
            stories[ref] = existing
            report.skipped += 1
    return stories


def _import_story(*, owner: User, item: _Record, times: Mapping[str, datetime]) -> Story:
    fields: dict[str, Any] = dict(item.texts(STORY_TEXT))
    fields["happened_on"] = item.optional("happened_on", _Record.day)
    with _located(item.path):
        story = story_services.story_create(owner=owner, **fields)
    _restore_times(story, times)
    return story


def _story(path: str, ref: str, stories: Mapping[str, Story]) -> Story:
    try:
        return stories[ref]
    except KeyError:
        raise Invalid(f"{path}: no story with ref {ref!r} in this file.") from None


def _optional_story(item: _Record, stories: Mapping[str, Story]) -> Story | None:
    return _story(item.at("story"), item.text("story"), stories) if item.has("story") else None


def _import_strengths(
    *, owner: User, root: _Record, stories: Mapping[str, Story], report: ImportReport
) -> None:
    """The file's ranking, checked whole; it is skipped if the workspace ranks its own."""
    strengths = _read_strengths(owner=owner, root=root, stories=stories)
    if strengths and Strength.objects.filter(owner_id=owner.pk).exists():
        report.skipped += len(strengths)
        return
    for strength, backing in strengths:
        strength.save()
        strength.stories.set(backing)
        report.strengths += 1


def _read_strengths(
    *, owner: User, root: _Record, stories: Mapping[str, Story]
) -> list[tuple[Strength, list[Story]]]:
    strengths: list[tuple[Strength, list[Story]]] = []
    ranks: dict[Hashable, str] = {}
    differentiator: str | None = None
    for item in root.records("strengths"):
        strength = Strength(
            owner=owner,
            name=item.text("name"),
            description=item.texts(["description"]).get("description", ""),
            rank=item.integer("rank"),
            differentiator=item.has("differentiator") and item.flag("differentiator"),
        )
        _validate(strength, path=item.path, what="strength")
        _once(item, "rank", strength.rank, ranks, f"Rank {strength.rank}")
        if strength.differentiator and differentiator is not None:
            raise item.error(
                "differentiator",
                f"only one strength can be the differentiator; {differentiator} is.",
            )
        differentiator = item.path if strength.differentiator else differentiator
        backing = [_story(path, ref, stories) for path, ref in item.refs("stories", "a story ref")]
        strengths.append((strength, backing))
    return strengths


def _import_quotes(*, owner: User, root: _Record, report: ImportReport) -> None:
    """Each quote, unless one with the same text, author and creation time is already here."""
    present = set(Quote.objects.filter(owner_id=owner.pk).values_list("text", "who", "created_at"))
    for item in root.records("quotes"):
        text, who = item.text("text"), item.text("who")
        times = _times(item, "created_at")
        if (text, who, times.get("created_at")) in present:
            report.skipped += 1
            continue
        with _located(item.path):
            quote = story_services.quote_create(owner=owner, text=text, who=who)
        _restore_times(quote, times)
        report.quotes += 1


# --- import: one opportunity -----------------------------------------------------------------


def _import_opportunity(
    *, owner: User, item: _Record, uid: uuid.UUID, report: ImportReport
) -> Opportunity:
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
    _restore_times(opportunity, _times(item, "created_at"))
    report.opportunities += 1
    return opportunity


def _local_date(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


def _import_contents(
    opportunity: Opportunity, *, item: _Record, stories: Mapping[str, Story], report: ImportReport
) -> None:
    """The opportunity's people, its rounds with all they hold, and its concern answers."""
    people = _import_people(opportunity=opportunity, item=item, report=report)
    notes: dict[int, list[RoundNote]] = {}
    for round_item in item.records("rounds"):
        round_ = _import_round(opportunity=opportunity, item=round_item, people=people)
        notes[round_.number] = _import_notes(round_, item=round_item, people=people, report=report)
        _import_plan(round_, item=round_item)
        _import_asks(round_, item=round_item, people=people)
        _import_tellings(round_, item=round_item, people=people, stories=stories)
        report.rounds += 1
    _import_concern_answers(opportunity, item=item, notes=notes, stories=stories)


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


def _optional_person(item: _Record, people: Mapping[str, Person]) -> Person | None:
    return _person(item.at("person"), item.text("person"), people) if item.has("person") else None


def _import_round(
    *, opportunity: Opportunity, item: _Record, people: Mapping[str, Person]
) -> Round:
    fields: dict[str, Any] = dict(item.texts(ROUND_TEXT))
    if item.has("number"):
        fields["number"] = item.integer("number")
    if item.has("is_final"):
        fields["is_final"] = item.flag("is_final")
    if item.has("created_at"):  # else the model stamps it now
        fields["created_at"] = item.instant("created_at")
    attendees = [_person(path, ref, people) for path, ref in item.refs("attendees")]
    starts, ends, tz_name = item.moment("starts"), item.moment("ends"), item.text("timezone")
    with _located(item.path):
        return services.round_create(
            opportunity=opportunity,
            starts=starts,
            ends=ends,
            timezone_name=tz_name,
            attendees=attendees,
            **fields,
        )


# Nullable note fields and how each is read; a null or absent one stays empty.
_NOTE_VALUES: dict[str, Callable[[_Record, str], object]] = {
    "rating": _Record.integer,
    "due_on": _Record.day,
    "amount_low": _Record.amount,
    "amount_high": _Record.amount,
}


def _import_notes(
    round_: Round, *, item: _Record, people: Mapping[str, Person], report: ImportReport
) -> list[RoundNote]:
    notes = [
        _import_note(round_=round_, item=note, people=people) for note in item.records("notes")
    ]
    report.notes += len(notes)
    return notes


def _import_note(*, round_: Round, item: _Record, people: Mapping[str, Person]) -> RoundNote:
    kind = item.choice("kind", NoteKind.values)
    item.text("text")
    fields: dict[str, Any] = dict(item.texts(NOTE_TEXT))
    fields.update({key: item.optional(key, read) for key, read in _NOTE_VALUES.items()})
    fields.update(_times(item, "created_at"))  # else the model stamps it now
    person = _optional_person(item, people)
    with _located(item.path):
        return services.note_create(round_=round_, kind=kind, person=person, **fields)


# --- import: what the candidate did with a round's playbook and stories -----------------------
#
# Written as stored rather than through the services: those check the item against the plan or
# question bank of today, and that attendees still attend, which need not hold for a copy.


def _import_plan(round_: Round, *, item: _Record) -> None:
    keys: dict[Hashable, str] = {}
    for plan_item in item.records("plan"):
        key = plan_item.text("key")
        _once(plan_item, "key", key, keys, f"Plan item {key!r}")
        progress = PlanProgress(
            owner=round_.owner,
            round=round_,
            key=key,
            status=plan_item.choice_or("status", ItemStatus.values, ItemStatus.TODO),
            **plan_item.texts(PLAN_TEXT),
            **_times(plan_item, "updated_at"),
        )
        _save_valid(progress, path=plan_item.path, what="plan item")


def _import_asks(round_: Round, *, item: _Record, people: Mapping[str, Person]) -> None:
    kept: dict[Hashable, str] = {}
    for ask_item in item.records("asks"):
        ask_item.text("text")
        ask = AskItem(
            owner=round_.owner,
            round=round_,
            person=_optional_person(ask_item, people),
            status=ask_item.choice_or("status", AskStatus.values, AskStatus.PLANNED),
            **ask_item.texts(ASK_TEXT),
            **_times(ask_item, "created_at"),
        )
        if ask.bank_id and ask.person is not None:  # a suggestion is kept once per person
            what = f"Suggestion {ask.bank_id!r} for this person"
            _once(ask_item, "bank_id", (ask.person.pk, ask.bank_id), kept, what)
        _save_valid(ask, path=ask_item.path, what="question")


def _import_tellings(
    round_: Round, *, item: _Record, people: Mapping[str, Person], stories: Mapping[str, Story]
) -> None:
    told: dict[Hashable, str] = {}
    for telling_item in item.records("tellings"):
        ref = telling_item.text("story")
        story = _story(telling_item.at("story"), ref, stories)
        _once(telling_item, "story", story.pk, told, f"A telling of story {ref!r}")
        heard = _heard(telling_item, round_=round_, people=people)
        telling = Telling(
            owner=round_.owner, story=story, round=round_, **_times(telling_item, "created_at")
        )
        _save_valid(telling, path=telling_item.path, what="telling")
        telling.people.set(heard)


def _heard(item: _Record, *, round_: Round, people: Mapping[str, Person]) -> list[Person]:
    """The people named, or every attendee when the key is left out (as when logging one)."""
    if not item.has("people"):
        return list(round_.attendees.all())
    return [_person(path, ref, people) for path, ref in item.refs("people")]


def _import_concern_answers(
    opportunity: Opportunity,
    *,
    item: _Record,
    notes: Mapping[int, Sequence[RoundNote]],
    stories: Mapping[str, Story],
) -> None:
    answered: dict[Hashable, str] = {}
    for answer_item in item.records("concern_answers"):
        target = _concern_target(answer_item, notes=notes)
        key = "note" if "note" in target else "requirement_key"
        concern = target["note"].pk if "note" in target else target["requirement_key"]
        _once(answer_item, key, (key, concern), answered, "An answer to this concern")
        answer = ConcernAnswer(
            owner=opportunity.owner,
            opportunity=opportunity,
            kind=answer_item.choice_or("kind", AnswerKind.values, AnswerKind.STORY),
            story=_optional_story(answer_item, stories),
            status=answer_item.choice_or("status", ConcernStatus.values, ConcernStatus.OPEN),
            **answer_item.texts(["answer"]),
            **_times(answer_item, "updated_at"),
            **target,
        )
        _save_valid(answer, path=answer_item.path, what="answer")


def _concern_target(item: _Record, *, notes: Mapping[int, Sequence[RoundNote]]) -> dict[str, Any]:
    """A concern raised in a round (its round number and note position), or a requirement of
    the posting, kept with its key and text as they were: the posting may read differently
    now."""
    if item.has("requirement_key") == item.has("round"):
        raise Invalid(
            f"{item.path}: give either round and note (a concern raised in a round) or "
            "requirement_key and requirement_text (a requirement of the posting)."
        )
    if not item.has("requirement_key"):
        return {"note": _concern_note(item, notes=notes)}
    key = item.text("requirement_key")
    if not key:
        raise item.error("requirement_key", "must not be blank.")
    return {"requirement_key": key, "requirement_text": item.text("requirement_text")}


def _concern_note(item: _Record, *, notes: Mapping[int, Sequence[RoundNote]]) -> RoundNote:
    number, position = item.integer("round"), item.integer("note")
    if number not in notes:
        raise item.error("round", f"this opportunity has no round {number}.")
    if not 0 <= position < len(notes[number]):
        raise item.error(
            "note", f"round {number} has no note at position {position} (counted from 0)."
        )
    note = notes[number][position]
    if note.kind != NoteKind.CONCERN:
        raise item.error(
            "note", f"note {position} of round {number} is a {note.kind}, not a concern."
        )
    return note


# --- import: practice ------------------------------------------------------------------------
#
# Written as stored rather than through the services: they pick questions from today's bank and
# analyse answers again, while a copy keeps the questions and figures it was given. Every
# session of the file is read and checked before any is saved or skipped.

SESSION_TEXT = ("category", "terms")
MAX_SCORE = 100

#: How a practice session is recognised as already here: its creation time and its question
#: texts, in order of position.
SessionIdentity = tuple[datetime, tuple[str, ...]]

#: Rounds of this workspace by how the document names them: opportunity uid and round number.
RoundsByRef = Mapping[tuple[uuid.UUID, int], Round]


@dataclass
class _PracticeRead:
    """One practice session of the file, checked and not yet saved."""

    session: PracticeSession
    questions: list[tuple[PracticeQuestion, list[Attempt]]]
    round_missing: bool  # the file names a round this workspace does not have

    @property
    def identity(self) -> SessionIdentity:
        return (self.session.created_at, tuple(q.text for q, _ in self.questions))


def _import_practice(*, owner: User, root: _Record, report: ImportReport) -> None:
    """Each practice session, unless one with the same creation time and question texts is
    already here. A session for a round this workspace does not have (nor the file brings) is
    kept without its round rather than refused. An attempt kept as the best comes in kept
    unless the workspace already keeps one at the same question; then that one stays the best."""
    items = root.records("practice")
    if not items:
        return
    rounds = {
        (round_.opportunity.uid, round_.number): round_
        for round_ in Round.objects.filter(owner_id=owner.pk).select_related("opportunity")
    }
    best: dict[Hashable, str] = {}
    sessions = [_read_session(owner=owner, item=item, rounds=rounds, best=best) for item in items]
    present = _present_sessions(owner)
    kept_here = set(
        Attempt.objects.filter(owner_id=owner.pk, kept=True).values_list("question__key", flat=True)
    )
    for read in sessions:
        if read.identity in present:  # also the second of two identical sessions in the file
            report.skipped += 1
            continue
        report.attempts += _save_session(read, kept_here=kept_here)
        present.add(read.identity)
        report.practice_sessions += 1
        report.practice_without_round += read.round_missing


def _present_sessions(owner: User) -> set[SessionIdentity]:
    questions = PracticeQuestion.objects.order_by("position").only("session_id", "text")
    sessions = PracticeSession.objects.filter(owner_id=owner.pk).prefetch_related(
        Prefetch("questions", queryset=questions)
    )
    return {(s.created_at, tuple(q.text for q in s.questions.all())) for s in sessions}


def _save_session(read: _PracticeRead, *, kept_here: set[str]) -> int:
    """Save the session with its questions and attempts; how many attempts."""
    read.session.save()
    saved = 0
    for question, attempts in read.questions:
        question.session = read.session
        question.save()
        for attempt in attempts:
            attempt.question = question
            attempt.kept = attempt.kept and question.key not in kept_here
            attempt.save()
            saved += 1
    return saved


def _read_session(
    *, owner: User, item: _Record, rounds: RoundsByRef, best: dict[Hashable, str]
) -> _PracticeRead:
    round_, missing = _practice_round(item, rounds)
    session = PracticeSession(
        owner=owner,
        round=round_,
        created_at=item.instant("created_at"),  # required: it identifies the session
        **item.texts(SESSION_TEXT),
    )
    _validate(session, path=item.path, what="practice session", exclude=["owner", "round"])
    if not item.has("questions"):
        raise item.error("questions", "missing.")
    question_items = item.records("questions")
    if not question_items:
        raise item.error("questions", "a practice session has at least one question.")
    positions: dict[Hashable, str] = {}
    questions = [
        _read_question(owner=owner, item=question_item, place=place, positions=positions, best=best)
        for place, question_item in enumerate(question_items, start=1)
    ]
    questions.sort(key=lambda pair: pair[0].position)
    return _PracticeRead(session=session, questions=questions, round_missing=missing)


def _practice_round(item: _Record, rounds: RoundsByRef) -> tuple[Round | None, bool]:
    """The round a session was for, and whether the file names one this workspace lacks."""
    if not item.has("round"):
        return None, False
    ref = item.record("round")
    uid, number = ref.uid("opportunity"), ref.integer("number")
    if number < 1:
        raise ref.error("number", f"round numbers start at 1, got {number}.")
    round_ = rounds.get((uid, number))
    return round_, round_ is None


def _read_question(
    *,
    owner: User,
    item: _Record,
    place: int,
    positions: dict[Hashable, str],
    best: dict[Hashable, str],
) -> tuple[PracticeQuestion, list[Attempt]]:
    """A question (numbered by its place in the list when its position is left out) and its
    attempts; at most one attempt at the same question is kept as the best in the whole file,
    as in a workspace."""
    position = item.integer("position") if item.has("position") else place
    _once(item, "position", position, positions, f"Position {position}")
    text = item.text("text")
    question = PracticeQuestion(
        position=position,
        text=text,
        category=item.text("category"),
        key=question_key(text),
        **item.texts(["bank_id"]),
    )
    _validate(question, path=item.path, what="question", exclude=["session"])
    attempts = []
    for attempt_item in item.records("attempts"):
        attempt = _read_attempt(owner=owner, item=attempt_item)
        if attempt.kept:
            _once(attempt_item, "kept", question.key, best, "The best attempt at this question")
        attempts.append(attempt)
    return question, attempts


def _read_attempt(*, owner: User, item: _Record) -> Attempt:
    """An analysed attempt: status done, no recording."""
    text = item.text("text")
    if not text.strip():
        raise item.error("text", "must not be blank: an analysed attempt has its answer.")
    if len(text) > ANSWER_LIMIT:
        raise item.error("text", f"at most {ANSWER_LIMIT} characters, got {len(text)}.")
    attempt = Attempt(
        owner=owner,
        mode=item.choice_or("mode", Mode.values, Mode.TYPED),
        status=Status.DONE,
        audio="",
        text=text,
        seconds=_measure(item, "seconds"),
        timings=_spans(item, "timings", worded=True),
        pauses=_spans(item, "pauses", worded=False),
        score=_score(item),
        fillers_per_minute=_measure(item, "fillers_per_minute"),
        wpm=_measure(item, "wpm"),
        pace_measured=item.has("pace_measured") and item.flag("pace_measured"),
        kept=item.has("kept") and item.flag("kept"),
        **_times(item, "created_at"),  # else the model stamps it now
    )
    _validate(attempt, path=item.path, what="attempt", exclude=["owner", "question"])
    return attempt


def _measure(item: _Record, key: str) -> float | None:
    """An optional figure that cannot be negative: a length, a rate."""
    if not item.has(key):
        return None
    value = item.number(key)
    if value < 0:
        raise item.error(key, f"must not be negative, got {value:g}.")
    return value


def _score(item: _Record) -> int | None:
    if not item.has("score"):
        return None
    score = item.integer("score")
    if not 0 <= score <= MAX_SCORE:
        raise item.error("score", f"must be between 0 and {MAX_SCORE}, got {score}.")
    return score


def _spans(item: _Record, key: str, *, worded: bool) -> list[list[Any]]:
    """Word timings ([word, start, end], ``worded``) or pauses ([start, end]), in seconds from
    the start of the recording; each must not end before it starts."""
    if not item.has(key):
        return []
    rows: list[Any] = item._value(key, (list,), "a list")
    shape = "[word, start, end]" if worded else "[start, end]"
    spans: list[list[Any]] = []
    for index, row in enumerate(rows):
        path = f"{item.at(key)}[{index}]"
        times = row[1:] if worded and isinstance(row, list) else row
        if (
            not isinstance(row, list)
            or len(row) != (3 if worded else 2)
            or (worded and not isinstance(row[0], str))
            or not all(_is_number(t) for t in times)
        ):
            what = "a word and two times" if worded else "two times"
            raise Invalid(f"{path}: expected {shape}, {what} in seconds.")
        start, end = float(times[0]), float(times[1])
        if not (math.isfinite(start) and math.isfinite(end)) or start < 0:
            raise Invalid(f"{path}: times must be finite and not negative.")
        if end < start:
            raise Invalid(f"{path}: ends at {end:g}, before it starts at {start:g}.")
        spans.append([row[0], start, end] if worded else [start, end])
    return spans


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
