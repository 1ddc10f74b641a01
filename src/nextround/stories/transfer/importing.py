"""Reading the stories app's section of an exported file back (the package's docstring
describes it): the schemas each record is checked against, and the records written back."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from msgspec import UNSET, UnsetType

from nextround.core.transfer import (
    Day,
    Doc,
    Moment,
    PersonRefList,
    Record,
    Rows,
    StoryRefList,
    Tally,
    count_phrase,
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
from nextround.interviews.transfer import person_named
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


class OpportunityChecks(Doc):
    cv_checks: Rows | None = None


class CVCheckDoc(Doc):
    requirement_key: str
    requirement_text: str = ""
    status: str | None = None
    updated_at: Moment | None = None


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
