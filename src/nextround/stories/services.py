"""Writes for stories, the ledger of tellings, strengths, quotes, postings and concern answers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround import intake
from nextround.core.models import POSTING_LIMIT
from nextround.core.services import claim, save_validated
from nextround.errors import Invalid, NotFound
from nextround.interviews.models import (
    NoteKind,
    NoteStatus,
    Opportunity,
    Person,
    Round,
    RoundNote,
)
from nextround.stories.matching import matcher
from nextround.stories.models import (
    PARKED,
    TOP_STRENGTHS,
    AnswerKind,
    CheckStatus,
    ConcernAnswer,
    ConcernStatus,
    CVCheck,
    Embedding,
    Quote,
    Story,
    Strength,
    Telling,
)
from nextround.stories.selectors import cv_check_requirements, embedding_texts, requirements

# Plain text fields of a story; the export copies them as they are.
STORY_TEXT = (
    "title",
    "situation",
    "task",
    "action",
    "result",
    "numbers",
    "competencies",
    "employer",
)
STORY_FIELDS = (*STORY_TEXT, "happened_on")


def story_create(*, owner: User, **fields: Any) -> Story:
    story = Story(owner=owner, **{k: v for k, v in fields.items() if k in STORY_FIELDS})
    save_validated(story, what="story")
    return story


def story_update(*, story: Story, **fields: Any) -> Story:
    for name in STORY_FIELDS:
        if name in fields:
            setattr(story, name, fields[name])
    story.updated_at = timezone.now()
    save_validated(story, what="story")
    return story


def story_delete(*, story: Story) -> None:
    story.delete()


@transaction.atomic
def telling_record(*, story: Story, round_: Round, people: list[Person] | None = None) -> Telling:
    """Log that the story was told in the round, to these attendees (all of them by default)."""
    if story.owner_id != round_.owner_id:
        raise NotFound(f"No story with id {story.pk}.")
    attendees = list(round_.attendees.all())
    heard = attendees if people is None else people
    strangers = [p for p in heard if p not in attendees]
    if strangers:
        names = ", ".join(p.name for p in strangers)
        raise Invalid(f"{names} did not attend this round.", {"people": [f"{names} not there."]})
    telling, _ = Telling.objects.get_or_create(owner=story.owner, story=story, round=round_)
    telling.people.set(heard)
    return telling


def telling_delete(*, telling: Telling) -> None:
    telling.delete()


@transaction.atomic
def tellings_for_person_set(*, round_: Round, person: Person, told: list[Story]) -> None:
    """Exactly these stories were told to this attendee in the round: each gets a telling with
    the person among its listeners; a telling the person no longer heard loses them, and goes
    when no listener is left."""
    if not round_.attendees.filter(pk=person.pk).exists():
        raise Invalid(f"{person.name} did not attend this round.")
    wanted = {story.pk: story for story in told if story.owner_id == round_.owner_id}
    for telling in Telling.objects.filter(round=round_).prefetch_related("people"):
        listeners = list(telling.people.all())
        if telling.story_id in wanted:
            wanted.pop(telling.story_id)
            if person not in listeners:
                telling.people.add(person)
        elif person in listeners:
            if len(listeners) == 1:
                telling.delete()
            else:
                telling.people.remove(person)
    for story in wanted.values():
        telling = Telling.objects.create(owner=round_.owner, story=story, round=round_)
        telling.people.add(person)


@transaction.atomic
def strength_save(
    *,
    owner: User,
    name: str,
    rank: int,
    description: str = "",
    differentiator: bool = False,
    stories: list[Story] | None = None,
    strength: Strength | None = None,
) -> Strength:
    """Add or edit one of the top five. Backing stories are required: a strength nobody can
    prove is only a claim. Taking a rank another strength holds swaps the two."""
    if not stories:
        raise Invalid(
            "Back the strength with at least one story.",
            {"stories": ["Pick at least one story that shows it."]},
        )
    if any(s.owner_id != owner.pk for s in stories):
        raise NotFound("No such story.")
    if not 1 <= rank <= TOP_STRENGTHS:
        raise Invalid(f"Rank must be 1 to {TOP_STRENGTHS}.", {"rank": ["Choose 1 to 5."]})
    mine = Strength.objects.filter(owner=owner)
    current = strength or Strength(owner=owner, rank=rank)
    if strength is None and mine.count() >= TOP_STRENGTHS:
        raise Invalid(
            f"You already have {TOP_STRENGTHS} strengths; edit or remove one first.",
            {"name": ["Five is the limit: pick the strongest."]},
        )
    vacated = current.rank if current.pk else None
    holder = mine.filter(rank=rank).exclude(pk=current.pk).first()
    if holder is not None:
        Strength.objects.filter(pk=holder.pk).update(rank=PARKED)
    if differentiator:
        mine.exclude(pk=current.pk).update(differentiator=False)
    current.name, current.description = name.strip(), description.strip()
    current.rank, current.differentiator = rank, differentiator
    save_validated(current, what="strength")
    current.stories.set(stories)
    if holder is not None:
        # The holder takes the rank the edited strength left, or the first free one.
        taken = set(mine.exclude(pk=holder.pk).values_list("rank", flat=True))
        free = [r for r in range(1, TOP_STRENGTHS + 1) if r not in taken]
        Strength.objects.filter(pk=holder.pk).update(rank=vacated or free[0])
    return current


def strength_delete(*, strength: Strength) -> None:
    strength.delete()


def quote_create(*, owner: User, text: str, who: str) -> Quote:
    quote = Quote(owner=owner, text=text.strip(), who=who.strip())
    save_validated(quote, what="quote")
    return quote


def quote_delete(*, quote: Quote) -> None:
    quote.delete()


def posting_set(
    *, opportunity: Opportunity, text: str = "", document: intake.Document | None = None
) -> Opportunity:
    """Replace the posting text with pasted text or a read document (file or URL)."""
    if document is not None:
        text = document.text
        if document.source.startswith(("http://", "https://")):
            opportunity.source_url = document.source
    text = text.strip()
    if not text:
        raise Invalid("The posting is empty.", {"text": ["Paste the posting, or give a file."]})
    if len(text) > POSTING_LIMIT:
        raise Invalid(
            f"The posting is longer than {POSTING_LIMIT:,} characters; keep only the job's part.",
            {"text": [f"At most {POSTING_LIMIT:,} characters."]},
        )
    opportunity.posting_text = text
    save_validated(opportunity, what="posting")
    return opportunity


@transaction.atomic
def concern_answer_set(
    *,
    opportunity: Opportunity,
    ref: str,
    kind: str,
    answer: str | None = None,
    story: Story | None = None,
    status: str | None = None,
) -> ConcernAnswer:
    """Plan (or update) the answer to a concern named by ``note-<id>`` or ``req-<key>``;
    ``answer=None`` keeps what I will say as it is.

    For a concern raised in a round, what I will say and whether it is addressed go on the note
    (its planned response and open/addressed), the one record the round page edits too; the
    answer row keeps how I answer and the story."""
    target = _concern_target(opportunity, ref)
    note: RoundNote | None = target.get("note")
    # The same first answer sent twice at once (two tabs, a double click) meets on one row.
    if note is not None:
        unique: dict[str, Any] = {"note": note}
        defaults: dict[str, Any] = {"owner": opportunity.owner, "opportunity": opportunity}
    else:
        unique = {"opportunity": opportunity, "requirement_key": target["requirement_key"]}
        defaults = {"owner": opportunity.owner}
    record = claim(ConcernAnswer, unique=unique, defaults=defaults)
    if note is None:
        record.requirement_text = target["requirement_text"]
    if answer is None:
        answer = note.response if note is not None else record.answer
    if kind not in AnswerKind.values:
        raise Invalid(f"Unknown answer kind {kind!r}.", {"kind": ["Choose how you will answer."]})
    if kind == AnswerKind.STORY and story is None:
        raise Invalid("Pick the story that answers it.", {"story": ["Pick a story."]})
    if kind != AnswerKind.STORY and not answer.strip():
        raise Invalid("Say what you will answer.", {"answer": ["Write the answer in short."]})
    if story is not None and story.owner_id != opportunity.owner_id:
        raise NotFound("No such story.")
    status = status or ConcernStatus.PLANNED
    if status not in ConcernStatus.values:
        raise Invalid(f"Unknown status {status!r}.", {"status": ["Choose a status."]})
    record.kind = kind
    record.story = story if kind == AnswerKind.STORY else None
    record.updated_at = timezone.now()
    if note is None:
        record.answer, record.status = answer.strip(), status
    else:
        _answer_on_note(note, answer=answer.strip(), status=status)
    save_validated(record, what="answer")
    return record


def _answer_on_note(note: RoundNote, *, answer: str, status: str) -> None:
    closed = status == ConcernStatus.ADDRESSED
    note.response = answer
    note.status = NoteStatus.CLOSED if closed else NoteStatus.OPEN
    try:
        save_validated(note, what="answer")
    except Invalid as exc:  # the note's names for what the Concerns page calls answer, status
        renamed = {"response": "answer"}
        fields = {renamed.get(k, k): v for k, v in exc.field_errors.items()}
        raise Invalid(exc.message, fields) from exc


def _concern_target(opportunity: Opportunity, ref: str) -> dict[str, Any]:
    """What the answer row is about: ``{"note": …}``, or the requirement's key and text (as the
    posting says it now, or as it read when answered should the posting have changed)."""
    kind, _, value = ref.partition("-")
    answers = opportunity.concern_answers
    if kind == "note" and value.isdigit():
        note = RoundNote.objects.filter(
            pk=int(value), round__opportunity=opportunity, kind=NoteKind.CONCERN
        ).first()
        if note is not None:
            return {"note": note}
    if kind == "req":
        found = next(
            (r for r in requirements(opportunity=opportunity).requirements if r.key == value), None
        )
        existing = answers.filter(requirement_key=value).first()
        if found is not None or existing is not None:
            text = found.text if found else existing.requirement_text  # type: ignore[union-attr]
            return {"requirement_key": value, "requirement_text": text}
    raise NotFound(f"This opportunity has no concern {ref!r}.")


@transaction.atomic
def cv_check_set(*, opportunity: Opportunity, key: str, status: str) -> CVCheck:
    """Record what the candidate found when checking a requirement against their CV: ``key``
    names one of the posting's CV checks (or one checked before, should the posting have
    changed since)."""
    if status not in CheckStatus.values:
        choices = ", ".join(CheckStatus.values)
        raise Invalid(f"Unknown status {status!r}; use one of {choices}.")
    existing = opportunity.cv_checks.filter(requirement_key=key).first()
    found = next(
        (
            c.requirement
            for c in cv_check_requirements(opportunity=opportunity)
            if c.requirement.key == key
        ),
        None,
    )
    if existing is None and found is None:
        raise NotFound(f"This opportunity's posting has no requirement {key!r} to check.")
    # The same first check sent twice at once meets on one row.
    record = claim(
        CVCheck,
        unique={"opportunity": opportunity, "requirement_key": key},
        defaults={"owner": opportunity.owner},
    )
    if found is not None:
        record.requirement_text = found.text
    record.status = status
    record.updated_at = timezone.now()
    save_validated(record, what="check")
    return record


def embeddings_prepare(*, owner_id: int) -> int:
    """Embed and store every text the owner's coverage pages need (the background worker's
    job); returns how many texts that was. Nothing to do with word matching."""
    embed = matcher().embedding()
    if embed is None:
        return 0
    texts = embedding_texts(owner=User.objects.get(pk=owner_id))
    embed(texts)
    return len(texts)


def embeddings_drop_stale() -> int:
    """Delete the stored vectors of every model but the one in use: after the model or its
    precision changed (NEXTROUND_EMBEDDING_PRECISION) they are never read again, and the worker
    embeds the texts anew. Nothing is dropped while matching by words, so switching back keeps
    them. Returns how many vectors went."""
    current = matcher()
    if current.method != "semantic":
        return 0
    deleted, _ = Embedding.objects.exclude(model_id=current.model_id).delete()
    return deleted
