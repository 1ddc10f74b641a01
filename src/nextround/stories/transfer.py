"""The stories app's section of the workspace export: the owner's stories (named by refs "s1",
"s2", … in export order), strengths and quotes at the top of the document; in each round, where
stories were told ("tellings"); in each opportunity, the planned answers to its concerns
("concern_answers") and what the CV showed for the requirements to check against it
("cv_checks", left out when there are none).

A concern raised in a round keeps what I will say and its status on its note, which the
interviews section carries (``response``, ``status``); its entry here names the note, how I
answer and the story, and nothing else. A file of version 3 or before also gave the answer's
text and status there: the text joins the note's response (both kept, a blank line between,
the same text once) and the note's status stands, as the migration of stored answers does.

Tellings, strengths and concern answers are written back as stored, after ``full_clean``: the
services would refuse them for reasons that do not hold for a copy (attendees who no longer
attend, a posting that reads differently now).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch
from msgspec import UNSET, UnsetType

from nextround.core.transfer import (
    Day,
    Doc,
    Moment,
    PersonRef,
    PersonRefList,
    Record,
    Rows,
    StoryRefList,
    Tally,
    count_phrase,
    day_text,
    located,
    lookup,
    once,
    restore_times,
    save_valid,
    stamps,
    validate,
)
from nextround.errors import Invalid
from nextround.interviews.models import NoteKind, Opportunity, Person, Round, RoundNote
from nextround.interviews.transfer import note_places, person_named
from nextround.stories import services
from nextround.stories.models import (
    AnswerKind,
    CheckStatus,
    ConcernAnswer,
    ConcernStatus,
    CVCheck,
    Quote,
    Story,
    Strength,
    Telling,
)
from nextround.text import join_texts

STORY_TEXT = services.STORY_TEXT


class Library(Doc):
    stories: Rows | None = None
    strengths: Rows | None = None
    quotes: Rows | None = None


class StoryDoc(Doc):
    ref: str
    title: str
    happened_on: Day | None = None
    created_at: Moment | None = None
    updated_at: Moment | None = None


class StrengthDoc(Doc):
    name: str
    rank: int
    description: str = ""
    differentiator: bool | None = None
    stories: StoryRefList | None = None


class QuoteDoc(Doc):
    text: str
    who: str
    created_at: Moment | None = None


class RoundTellings(Doc):
    tellings: Rows | None = None


class TellingDoc(Doc):
    story: str
    people: PersonRefList | None = None
    created_at: Moment | None = None


class OpportunityAnswers(Doc):
    concern_answers: Rows | None = None


class ConcernAnswerDoc(Doc):
    # A concern raised in a round (round and note) or a requirement of the posting.
    round: int | None = None
    note: int | None = None
    requirement_key: str | None = None
    requirement_text: str | UnsetType | None = UNSET
    kind: str | None = None
    story: str | None = None
    status: str | None = None
    updated_at: Moment | None = None


def story_record(story: Story) -> dict[str, Any]:
    return {
        **{name: getattr(story, name) for name in STORY_TEXT},
        "happened_on": day_text(story.happened_on),
        "created_at": story.created_at.isoformat(),
        "updated_at": story.updated_at.isoformat(),
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "who": quote.who, "created_at": quote.created_at.isoformat()}


# --- export --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryRefs:
    """How the document names each of the owner's stories, by database id."""

    refs: Mapping[int, str]

    def __getitem__(self, pk: int) -> str:
        return self.refs[pk]

    def optional(self, pk: int | None) -> str | None:
        return None if pk is None else self.refs[pk]


def library_export(*, owner: User) -> tuple[dict[str, Any], StoryRefs]:
    """The top of the document: stories, strengths and quotes; and the stories' refs."""
    stories = list(Story.objects.filter(owner_id=owner.pk).order_by("created_at", "id"))
    refs = StoryRefs({story.pk: f"s{n}" for n, story in enumerate(stories, start=1)})
    strengths = Strength.objects.filter(owner_id=owner.pk).order_by("rank", "id")
    quotes = Quote.objects.filter(owner_id=owner.pk).order_by("created_at", "id")
    return {
        "stories": [{"ref": refs[s.pk], **story_record(s)} for s in stories],
        "strengths": [
            _strength_document(s, refs=refs) for s in strengths.prefetch_related("stories")
        ],
        "quotes": [quote_record(q) for q in quotes],
    }, refs


def _strength_document(strength: Strength, *, refs: StoryRefs) -> dict[str, Any]:
    # Backing stories in export order, so the list does not depend on database ids.
    position = {pk: index for index, pk in enumerate(refs.refs)}
    backing = sorted(strength.stories.all(), key=lambda story: position[story.pk])
    return {
        "name": strength.name,
        "description": strength.description,
        "rank": strength.rank,
        "differentiator": strength.differentiator,
        "stories": [refs[story.pk] for story in backing],
    }


def round_prefetch() -> Sequence[Prefetch[Any]]:
    people_by_id = Person.objects.order_by("id")
    tellings = Telling.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("people", queryset=people_by_id)
    )
    return (Prefetch("tellings", queryset=tellings),)


def tellings_export(refs: StoryRefs) -> Callable[[Round, PersonRef], dict[str, Any]]:
    def export(round_: Round, person_ref: PersonRef) -> dict[str, Any]:
        return {
            "tellings": [
                {
                    "story": refs[telling.story_id],
                    "people": [person_ref(p.pk) for p in telling.people.all()],
                    "created_at": telling.created_at.isoformat(),
                }
                for telling in round_.tellings.all()
            ]
        }

    return export


def opportunity_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("concern_answers", queryset=ConcernAnswer.objects.order_by("id")),
        Prefetch("cv_checks", queryset=CVCheck.objects.order_by("id")),
    )


def concern_answers_export(refs: StoryRefs) -> Callable[[Opportunity], dict[str, Any]]:
    def export(opportunity: Opportunity) -> dict[str, Any]:
        places = note_places(opportunity.rounds.all())
        return {
            "concern_answers": [
                _concern_answer_document(answer, places=places, refs=refs)
                for answer in opportunity.concern_answers.all()
            ]
        }

    return export


def _concern_answer_document(
    answer: ConcernAnswer, *, places: Mapping[int, tuple[int, int]], refs: StoryRefs
) -> dict[str, Any]:
    if answer.note_id is None:
        target: dict[str, Any] = {
            "requirement_key": answer.requirement_key,
            "requirement_text": answer.requirement_text,
        }
        said: dict[str, Any] = {"answer": answer.answer, "status": answer.status}
    else:
        number, position = places[answer.note_id]
        target = {"round": number, "note": position}
        said = {}  # on the note
    return {
        **target,
        "kind": answer.kind,
        "story": refs.optional(answer.story_id),
        **said,
        "updated_at": answer.updated_at.isoformat(),
    }


class OpportunityChecks(Doc):
    cv_checks: Rows | None = None


class CVCheckDoc(Doc):
    requirement_key: str
    requirement_text: str = ""
    status: str | None = None
    updated_at: Moment | None = None


def cv_checks_export(opportunity: Opportunity) -> dict[str, Any]:
    """What the CV showed for each requirement checked; the key is left out when none was."""
    checks = [
        {
            "requirement_key": c.requirement_key,
            "requirement_text": c.requirement_text,
            "status": c.status,
            "updated_at": c.updated_at.isoformat(),
        }
        for c in opportunity.cv_checks.all()
    ]
    return {"cv_checks": checks} if checks else {}


def cv_checks_import(
    opportunity: Opportunity, item: Record[Any], notes: Mapping[int, Sequence[RoundNote]]
) -> None:
    """The opportunity's ``cv_checks``; files from before they existed have none."""
    seen: dict[Hashable, str] = {}
    for check in item.view(OpportunityChecks).records("cv_checks", CVCheckDoc):
        key = check.doc.requirement_key
        if not key.strip():
            raise check.error("requirement_key", "must not be blank.")
        once(check, "requirement_key", key, seen, "A check of this requirement")
        record = CVCheck(
            owner=opportunity.owner,
            opportunity=opportunity,
            requirement_key=key,
            requirement_text=check.doc.requirement_text,
            status=check.choice_or("status", CheckStatus.values, CheckStatus.TO_CHECK),
            **stamps(check, "updated_at"),
        )
        save_valid(record, path=check.path, what="check")


# --- import --------------------------------------------------------------------------------


def library_import(*, owner: User, root: Record[Any], report: Tally) -> dict[str, Story]:
    """The file's stories, strengths and quotes; the stories by ref, for the rounds and
    opportunities that name them."""
    library = root.view(Library)
    stories = _import_stories(owner=owner, root=library, report=report)
    _import_strengths(owner=owner, root=library, stories=stories, report=report)
    _import_quotes(owner=owner, root=library, report=report)
    return stories


def tellings_import(
    stories: Mapping[str, Story],
) -> Callable[[Round, Record[Any], Mapping[str, Person]], None]:
    def read(round_: Round, item: Record[Any], people: Mapping[str, Person]) -> None:
        _import_tellings(round_, item=item.view(RoundTellings), people=people, stories=stories)

    return read


def concern_answers_import(
    stories: Mapping[str, Story],
) -> Callable[[Opportunity, Record[Any], Mapping[int, Sequence[RoundNote]]], None]:
    def read(
        opportunity: Opportunity, item: Record[Any], notes: Mapping[int, Sequence[RoundNote]]
    ) -> None:
        answers = item.view(OpportunityAnswers)
        _import_concern_answers(opportunity, item=answers, notes=notes, stories=stories)

    return read


def _import_stories(*, owner: User, root: Record[Library], report: Tally) -> dict[str, Story]:
    """The file's stories by ref; one already here (same title and creation time) is reused."""
    present: dict[tuple[str, datetime | None], Story] = {
        (s.title, s.created_at): s for s in Story.objects.filter(owner_id=owner.pk)
    }
    stories: dict[str, Story] = {}
    refs: dict[Hashable, str] = {}
    for item in root.records("stories", StoryDoc):
        ref = item.doc.ref
        once(item, "ref", ref, refs, f"Story ref {ref!r}")
        times = stamps(item, "created_at", "updated_at")
        existing = present.get((item.doc.title, times.get("created_at")))
        if existing is None:
            stories[ref] = _import_story(owner=owner, item=item, times=times)
            report.add("stories")
        else:
            stories[ref] = existing
            report.skipped += 1
    return stories


def _import_story(*, owner: User, item: Record[StoryDoc], times: Mapping[str, datetime]) -> Story:
    fields: dict[str, Any] = dict(item.texts(STORY_TEXT))
    fields["happened_on"] = item.optional("happened_on", Record.day)
    with located(item.path):
        story = services.story_create(owner=owner, **fields)
    restore_times(story, times)
    return story


def _story(path: str, ref: str, stories: Mapping[str, Story]) -> Story:
    return lookup(path, ref, stories, what="story", where="this file")


def _optional_story(item: Record[Any], stories: Mapping[str, Story]) -> Story | None:
    return _story(item.at("story"), item.doc.story, stories) if item.has("story") else None


def _import_strengths(
    *, owner: User, root: Record[Library], stories: Mapping[str, Story], report: Tally
) -> None:
    """The file's ranking, checked whole; it is skipped if the workspace ranks its own."""
    strengths = _read_strengths(owner=owner, root=root, stories=stories)
    if strengths and Strength.objects.filter(owner_id=owner.pk).exists():
        report.skipped += len(strengths)
        return
    for strength, backing in strengths:
        strength.save()
        strength.stories.set(backing)
        report.add("strengths")


def _read_strengths(
    *, owner: User, root: Record[Library], stories: Mapping[str, Story]
) -> list[tuple[Strength, list[Story]]]:
    strengths: list[tuple[Strength, list[Story]]] = []
    ranks: dict[Hashable, str] = {}
    differentiator: str | None = None
    for item in root.records("strengths", StrengthDoc):
        strength = Strength(
            owner=owner,
            name=item.doc.name,
            description=item.doc.description,
            rank=item.doc.rank,
            differentiator=bool(item.doc.differentiator),
        )
        validate(strength, path=item.path, what="strength")
        once(item, "rank", strength.rank, ranks, f"Rank {strength.rank}")
        if strength.differentiator and differentiator is not None:
            raise item.error(
                "differentiator",
                f"only one strength can be the differentiator; {differentiator} is.",
            )
        differentiator = item.path if strength.differentiator else differentiator
        backing = [_story(path, ref, stories) for path, ref in item.refs("stories")]
        strengths.append((strength, backing))
    return strengths


def _import_quotes(*, owner: User, root: Record[Library], report: Tally) -> None:
    """Each quote, unless one with the same text, author and creation time is already here."""
    present = set(Quote.objects.filter(owner_id=owner.pk).values_list("text", "who", "created_at"))
    for item in root.records("quotes", QuoteDoc):
        text, who = item.doc.text, item.doc.who
        times = stamps(item, "created_at")
        if (text, who, times.get("created_at")) in present:
            report.skipped += 1
            continue
        with located(item.path):
            quote = services.quote_create(owner=owner, text=text, who=who)
        restore_times(quote, times)
        report.add("quotes")


def _import_tellings(
    round_: Round,
    *,
    item: Record[RoundTellings],
    people: Mapping[str, Person],
    stories: Mapping[str, Story],
) -> None:
    told: dict[Hashable, str] = {}
    for telling_item in item.records("tellings", TellingDoc):
        ref = telling_item.doc.story
        story = _story(telling_item.at("story"), ref, stories)
        once(telling_item, "story", story.pk, told, f"A telling of story {ref!r}")
        heard = _heard(telling_item, round_=round_, people=people)
        telling = Telling(
            owner=round_.owner, story=story, round=round_, **stamps(telling_item, "created_at")
        )
        save_valid(telling, path=telling_item.path, what="telling")
        telling.people.set(heard)


def _heard(
    item: Record[TellingDoc], *, round_: Round, people: Mapping[str, Person]
) -> list[Person]:
    """The people named, or every attendee when the key is left out (as when logging one)."""
    if not item.has("people"):
        return list(round_.attendees.all())
    return [person_named(path, ref, people) for path, ref in item.refs("people")]


def _import_concern_answers(
    opportunity: Opportunity,
    *,
    item: Record[OpportunityAnswers],
    notes: Mapping[int, Sequence[RoundNote]],
    stories: Mapping[str, Story],
) -> None:
    answered: dict[Hashable, str] = {}
    for answer_item in item.records("concern_answers", ConcernAnswerDoc):
        target = _concern_target(answer_item, notes=notes)
        key = "note" if "note" in target else "requirement_key"
        concern = target["note"].pk if "note" in target else target["requirement_key"]
        once(answer_item, key, (key, concern), answered, "An answer to this concern")
        said = answer_item.texts(["answer"]).get("answer", "")
        status = answer_item.choice_or("status", ConcernStatus.values, ConcernStatus.OPEN)
        if "note" in target:
            _answer_onto_note(target["note"], said)
            said, status = "", ConcernStatus.OPEN
        answer = ConcernAnswer(
            owner=opportunity.owner,
            opportunity=opportunity,
            kind=answer_item.choice_or("kind", AnswerKind.values, AnswerKind.STORY),
            story=_optional_story(answer_item, stories),
            status=status,
            answer=said,
            **stamps(answer_item, "updated_at"),
            **target,
        )
        save_valid(answer, path=answer_item.path, what="answer")


def _answer_onto_note(note: RoundNote, said: str) -> None:
    """An older file's answer to a concern raised in a round, joined to the note's response.
    Saved as joined: each part was within its limit, and cutting one would lose it."""
    merged = join_texts(note.response, said)
    if merged != note.response:
        note.response = merged
        note.save(update_fields=["response"])


def _concern_target(
    item: Record[ConcernAnswerDoc], *, notes: Mapping[int, Sequence[RoundNote]]
) -> dict[str, Any]:
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
    key = item.doc.requirement_key or ""
    if not key:
        raise item.error("requirement_key", "must not be blank.")
    text = item.doc.requirement_text
    if text is UNSET:
        raise item.error("requirement_text", "missing.")
    if text is None:
        raise item.error("requirement_text", "expected text, got null.")
    return {"requirement_key": key, "requirement_text": text}


def _concern_note(
    item: Record[ConcernAnswerDoc], *, notes: Mapping[int, Sequence[RoundNote]]
) -> RoundNote:
    number, position = item.doc.round, item.doc.note
    if number is None or position is None:  # the caller saw a round; a note must come with it
        raise item.error("note", "missing.")
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


def imported(report: Tally) -> list[str]:
    """The import summary's part for this section: named only when there are some, so a file of
    opportunities alone reads as before stories existed."""
    kinds = [
        (report.stories, "story", "stories"),
        (report.strengths, "strength", "strengths"),
        (report.quotes, "quote", "quotes"),
    ]
    return [count_phrase(n, one, many) for n, one, many in kinds if n]
