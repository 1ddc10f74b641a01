"""Writes: every change to opportunities, rounds, people and notes goes through here.

Each service validates with the model's own rules (``full_clean``) and raises
:class:`~nextround.errors.Invalid` with field messages, so web forms and the CLI report the same
thing. Writes that touch several rows run in one transaction: nothing is saved half-way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from nextround import timeutil
from nextround.core.services import lock_for_write, save_validated
from nextround.errors import Invalid
from nextround.interviews import jobs
from nextround.interviews.models import (
    NoteKind,
    Opportunity,
    Person,
    Round,
    RoundNote,
    Stage,
    StageChange,
)
from nextround.playbook.classify import classify_question

OPPORTUNITY_FIELDS = ("company", "role_title", "location", "source_url", "posting_text")
PERSON_FIELDS = (
    "name",
    "title",
    "relation",
    "email",
    "profile_url",
    "background",
    "common_ground",
    "decision_maker",
)
ROUND_FIELDS = (
    "number",
    "is_final",
    "kind",
    "format",
    "location",
    "video_link",
    "dress_code",
    "logistics",
)
NOTE_FIELDS = (
    "person",
    "text",
    "answer",
    "rating",
    "improve",
    "status",
    "response",
    "promised_by",
    "due_on",
    "amount_low",
    "amount_high",
    "currency",
)


def _assign(instance: models.Model, fields: Iterable[str], values: dict[str, Any]) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise Invalid(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    for name, value in values.items():
        setattr(instance, name, "" if value is None and _is_text(instance, name) else value)


def _is_text(instance: models.Model, name: str) -> bool:
    return isinstance(instance._meta.get_field(name), models.CharField | models.TextField)


# --- opportunities -------------------------------------------------------------------------


@transaction.atomic
def opportunity_create(
    *,
    owner: User,
    stage: str = Stage.APPLIED,
    stage_on: date | None = None,
    **fields: Any,
) -> Opportunity:
    opportunity = Opportunity(owner=owner, stage=stage)
    if "uid" in fields:
        opportunity.uid = fields.pop("uid")
    _assign(opportunity, OPPORTUNITY_FIELDS, fields)
    save_validated(opportunity, what="opportunity")
    _record_stage(opportunity, stage=stage, on=stage_on or timezone.localdate())
    return opportunity


def opportunity_update(*, opportunity: Opportunity, **fields: Any) -> Opportunity:
    _assign(opportunity, OPPORTUNITY_FIELDS, fields)
    return save_validated(opportunity, what="opportunity")


@transaction.atomic
def opportunity_set_stage(
    *, opportunity: Opportunity, stage: str, on: date | None = None
) -> Opportunity:
    if stage not in Stage.values:
        raise Invalid(f"Unknown stage {stage!r}; choose one of {', '.join(Stage.values)}.")
    on = on or timezone.localdate()
    latest = opportunity.stage_changes.order_by("-on").values_list("on", flat=True).first()
    if latest and on < latest:
        raise Invalid(
            "The stage was not changed.",
            {
                "on": [
                    f"The history already has a change on {latest:%d %b %Y}; "
                    "date this one on or after it."
                ]
            },
        )
    opportunity.stage = stage
    save_validated(opportunity, what="opportunity")
    _record_stage(opportunity, stage=stage, on=on)
    return opportunity


def _record_stage(opportunity: Opportunity, *, stage: str, on: date) -> None:
    save_validated(StageChange(opportunity=opportunity, stage=stage, on=on), what="stage change")


def opportunity_delete(*, opportunity: Opportunity) -> None:
    opportunity.delete()


# --- people --------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *, opportunity: Opportunity, rounds: Iterable[Round] = (), **fields: Any
) -> Person:
    person = Person(owner=opportunity.owner, opportunity=opportunity)
    _assign(person, PERSON_FIELDS, fields)
    save_validated(person, what="person")
    _attach(person, rounds)
    return person


@transaction.atomic
def person_update(
    *, person: Person, rounds: Iterable[Round] | None = None, **fields: Any
) -> Person:
    _assign(person, PERSON_FIELDS, fields)
    save_validated(person, what="person")
    if rounds is not None:
        person.rounds.clear()
        _attach(person, rounds)
    return person


def _attach(person: Person, rounds: Iterable[Round]) -> None:
    rounds = list(rounds)
    if any(r.opportunity_id != person.opportunity_id for r in rounds):
        raise Invalid("A person can only attend rounds of their own opportunity.")
    person.rounds.add(*rounds)


def person_delete(*, person: Person) -> None:
    person.delete()


# --- rounds --------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    opportunity: Opportunity,
    starts: datetime,
    ends: datetime,
    timezone_name: str,
    attendees: Iterable[Person] = (),
    **fields: Any,
) -> Round:
    """``starts``/``ends`` are wall-clock times in ``timezone_name`` (or aware datetimes).
    ``created_at`` (default now) is when preparation could begin, e.g. the invitation."""
    round_ = Round(owner=opportunity.owner, opportunity=opportunity)
    if "created_at" in fields:
        round_.created_at = fields.pop("created_at")
    if "number" not in fields:
        fields["number"] = next_round_number(opportunity)
    _assign(round_, ROUND_FIELDS, fields)
    _set_times(round_, starts=starts, ends=ends, timezone_name=timezone_name)
    save_validated(round_, what="round")
    _set_attendees(round_, attendees)
    return round_


@transaction.atomic
def round_update(
    *,
    round_: Round,
    starts: datetime | None = None,
    ends: datetime | None = None,
    timezone_name: str | None = None,
    attendees: Iterable[Person] | None = None,
    **fields: Any,
) -> Round:
    _assign(round_, ROUND_FIELDS, fields)
    tz_name = timezone_name or round_.timezone
    _set_times(
        round_,
        starts=starts or round_.local_start.replace(tzinfo=None),
        ends=ends or round_.local_end.replace(tzinfo=None),
        timezone_name=tz_name,
    )
    save_validated(round_, what="round")
    if attendees is not None:
        round_.attendees.clear()
        _set_attendees(round_, attendees)
    return round_


def next_round_number(opportunity: Opportunity) -> int:
    last = opportunity.rounds.aggregate(models.Max("number"))["number__max"]
    return (last or 0) + 1


def _set_times(round_: Round, *, starts: datetime, ends: datetime, timezone_name: str) -> None:
    round_.timezone = timezone_name
    for field, wall_clock in (("timezone", None), ("starts_at", starts), ("ends_at", ends)):
        try:
            if wall_clock is None:
                timeutil.zone(timezone_name)
            else:
                setattr(round_, field, timeutil.to_utc(wall_clock, timezone_name))
        except Invalid as exc:
            raise Invalid("The round was not saved.", {field: [exc.message]}) from exc


def round_attendee_add(*, round_: Round, person: Person) -> None:
    """Someone of the opportunity (met in an earlier round, say) attends this round too."""
    _set_attendees(round_, [person])


def _set_attendees(round_: Round, attendees: Iterable[Person]) -> None:
    people = list(attendees)
    if any(p.opportunity_id != round_.opportunity_id for p in people):
        raise Invalid("Only people of this opportunity can attend its rounds.")
    round_.attendees.add(*people)


def round_delete(*, round_: Round) -> None:
    round_.delete()


# --- notes ---------------------------------------------------------------------------------


def note_create(
    *, round_: Round, kind: str, person: Person | None = None, **fields: Any
) -> RoundNote:
    if kind not in NoteKind.values:
        raise Invalid(f"Unknown note kind {kind!r}; choose one of {', '.join(NoteKind.values)}.")
    note = RoundNote(owner=round_.owner, round=round_, kind=kind, person=person)
    if "created_at" in fields:
        note.created_at = fields.pop("created_at")
    chosen = fields.pop("category", None)
    _assign(note, NOTE_FIELDS, fields)
    later = _tag_question(note, chosen=chosen)
    return _saved(note, tag_later=later)


def note_update(*, note: RoundNote, **fields: Any) -> RoundNote:
    """Changes only the fields given; ``person=None`` unlinks the person. ``category`` is the
    kind of question picked by hand, or "" to let the classifier tag it again."""
    chosen = fields.pop("category", None)
    _assign(note, NOTE_FIELDS, fields)
    later = _tag_question(note, chosen=chosen)
    return _saved(note, tag_later=later)


def _saved(note: RoundNote, *, tag_later: bool) -> RoundNote:
    saved = save_validated(note, what="note")
    if tag_later:
        jobs.tag_later(saved.pk)
    return saved


def _tag_question(note: RoundNote, *, chosen: str | None) -> bool:
    """Questions are tagged with their category so later rounds can see what was covered. A
    category the candidate chose (``chosen``) wins, and stays through later saves that do not
    name one; "" hands the tag back to the classifier. While serving, the tag comes from the
    words alone, and the answer says whether the background worker should tag it again by
    meaning (``jobs``): only a guess can change, never the bank's wording or an opening rule."""
    if note.kind != NoteKind.QUESTION or not note.text.strip():
        note.category, note.category_by_hand = "", False
        return False
    if chosen:
        note.category, note.category_by_hand = chosen, True
        return False
    if chosen == "":
        note.category_by_hand = False
    if note.category_by_hand:
        return False
    note.category = ""
    serving = jobs.serving()
    try:
        prediction = classify_question(note.text[:1000], meaning=not serving)
    except Invalid:  # no words to classify: leave it untagged
        return False
    note.category = prediction.category
    return serving and prediction.source == "words"


def note_tag_by_meaning(*, note_id: int) -> str | None:
    """Tag a question note again with the embedding model (the background worker's job); the
    tag it now has, or None when the note is gone, no longer a question or tagged by hand. A
    note edited meanwhile keeps the newer save's tag (its own job follows)."""
    note = RoundNote.objects.filter(pk=note_id, kind=NoteKind.QUESTION).first()
    if note is None or note.category_by_hand or not note.text.strip():
        return None
    try:
        category = classify_question(note.text[:1000]).category
    except Invalid:
        return None
    with transaction.atomic():  # saved as a note, so whatever listens to note saves hears it
        current = lock_for_write(RoundNote.objects.filter(pk=note_id), of=note).first()
        if current is None or current.kind != NoteKind.QUESTION or current.text != note.text:
            return None
        if current.category_by_hand:
            return None
        if current.category != category:
            current.category = category
            current.save(update_fields=["category"])
    return category


def note_delete(*, note: RoundNote) -> None:
    note.delete()
