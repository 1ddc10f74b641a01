"""Reads for stories, strengths, the posting's requirements, coverage and concerns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, QuerySet

from nextround.errors import NotFound
from nextround.fit import star
from nextround.fit.coverage import (
    CheckRow,
    Coverage,
    Row,
    StoryText,
    StrengthText,
    cover,
)
from nextround.fit.requirements import (
    Extraction,
    PostingFacts,
    Requirement,
    extract_requirements,
)
from nextround.fit.requirements import posting_facts as read_posting_facts
from nextround.fit.semantic_coverage import embedded_texts
from nextround.interviews.models import (
    NoteKind,
    NoteStatus,
    Opportunity,
    Person,
    Round,
    RoundNote,
)
from nextround.stories import jobs
from nextround.stories.matching import Matcher, matcher
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

# How the concerns page says what the CV lacks.
CV_LACKS: dict[str, str] = {
    CheckStatus.MISSING: "you don't have it",
    CheckStatus.PARTLY: "you have it only in part",
}

# One story told this often within one opportunity carries too much of the case.
OVERUSED = 3


def story_list(*, owner: User) -> QuerySet[Story]:
    # Explicit order: Django leaves Meta.ordering out of aggregate queries.
    return (
        Story.objects.filter(owner=owner).annotate(told=Count("tellings")).order_by("title", "id")
    )


def story_get(*, owner: User, pk: int) -> Story:
    try:
        return Story.objects.get(owner=owner, pk=pk)
    except (Story.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No story with id {pk}.") from None


def story_report(story: Story) -> star.StoryReport:
    return star.analyze_story(
        title=story.title,
        situation=story.situation,
        task=story.task,
        action=story.action,
        result=story.result,
        numbers=story.numbers,
    )


def story_tellings(*, story: Story) -> QuerySet[Telling]:
    return story.tellings.select_related("round__opportunity").prefetch_related("people")


def strengths(*, owner: User) -> QuerySet[Strength]:
    return Strength.objects.filter(owner=owner).prefetch_related("stories")


def strength_get(*, owner: User, pk: int) -> Strength:
    try:
        return Strength.objects.get(owner=owner, pk=pk)
    except (Strength.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No strength with id {pk}.") from None


def quotes(*, owner: User) -> QuerySet[Quote]:
    return Quote.objects.filter(owner=owner)


def requirements(*, opportunity: Opportunity) -> Extraction:
    """Requirements are derived from the posting each time: extraction takes a few ms."""
    return extract_requirements(opportunity.posting_text)


def posting_facts(*, opportunity: Opportunity) -> PostingFacts:
    """What the opportunity's posting states about pay, place, setting, schedule and employment
    type: the one accessor for capabilities that need them (money, the brief)."""
    return read_posting_facts(opportunity.posting_text)


@dataclass(frozen=True)
class Library:
    """The owner's stories and strengths (each with its stories), read once by a page that
    both shows them and matches the posting against them (the brief)."""

    stories: list[Story]
    strengths: list[Strength]


def library(*, owner: User) -> Library:
    return Library(list(Story.objects.filter(owner=owner)), list(strengths(owner=owner)))


def _story_texts(stories: Iterable[Story]) -> list[StoryText]:
    return [
        StoryText(
            id=s.pk,
            title=s.title,
            situation=s.situation,
            task=s.task,
            action=s.action,
            result=s.result,
            competencies=s.competencies,
        )
        for s in stories
    ]


@dataclass(frozen=True)
class CheckLine:
    """A requirement to check against the CV, with what the candidate found."""

    row: CheckRow
    record: CVCheck | None

    @property
    def status(self) -> str:
        return self.record.status if self.record else CheckStatus.TO_CHECK

    @property
    def status_label(self) -> str:
        return CheckStatus(self.status).label

    @property
    def needs_answer(self) -> bool:
        """Missing, or only partly there: a doubt to prepare an answer for."""
        return self.status in {CheckStatus.MISSING, CheckStatus.PARTLY}


@dataclass(frozen=True)
class CoverageView:
    extraction: Extraction
    coverage: Coverage
    matcher: Matcher
    stories: int
    # Texts still without a vector: until they have one, the page shows word matching.
    pending: int = 0
    preparing: bool = False  # the background worker has them queued or in hand
    checks: list[CheckLine] = field(default_factory=list)

    @property
    def must_have_gaps(self) -> list[Row]:
        return [r for r in self.coverage.gaps if r.requirement.kind == "must-have"]


def cv_check_requirements(*, opportunity: Opportunity) -> tuple[CheckRow, ...]:
    """The posting's requirements to check against the CV (no stories or embeddings needed)."""
    return cover(requirements(opportunity=opportunity).requirements, []).checks


def _check_lines(opportunity: Opportunity, rows: tuple[CheckRow, ...]) -> list[CheckLine]:
    records = {c.requirement_key: c for c in opportunity.cv_checks.all()}
    return [CheckLine(row=r, record=records.get(r.requirement.key)) for r in rows]


def coverage(
    *,
    opportunity: Opportunity,
    use: Matcher | None = None,
    wait: bool = False,
    owned: Library | None = None,
) -> CoverageView:
    """Every requirement of the posting with the owner's best stories, and the gaps; ``owned``:
    the owner's stories and strengths when the caller already read them.

    Pages don't ``wait``: they read the stored vectors and never load the model; while the
    background worker (``stories.jobs``) has not embedded every text, they get word matching
    and the count of texts left. The CLI waits and embeds."""
    extraction = requirements(opportunity=opportunity)
    if owned is None:
        owned = Library(
            list(Story.objects.filter(owner_id=opportunity.owner_id)),
            list(Strength.objects.filter(owner_id=opportunity.owner_id)),
        )
    stories = _story_texts(owned.stories)
    strengths_ = [
        StrengthText(id=s.pk, name=s.name, description=s.description) for s in owned.strengths
    ]
    use = use or matcher()
    if wait:
        embed, pending = use.embedding(), 0
    else:
        embed, pending = use.ready(embedded_texts(extraction.requirements, stories))
    result = cover(extraction.requirements, stories, strengths=strengths_, embed=embed)
    return CoverageView(
        extraction=extraction,
        coverage=result,
        matcher=use,
        stories=len(stories),
        pending=pending,
        preparing=bool(pending) and jobs.is_active(opportunity.owner_id),
        checks=_check_lines(opportunity, result.checks),
    )


def proof_rows(
    *, opportunity: Opportunity, extraction: Extraction | None = None
) -> tuple[Row, ...]:
    """``coverage``'s rows alone (the requirements a story can prove, each with its best
    stories), without the strengths, CV checks and background work it also reads: what the
    money page's case counts. ``extraction`` when the caller read the posting already."""
    if extraction is None:
        extraction = requirements(opportunity=opportunity)
    stories = _story_texts(Story.objects.filter(owner_id=opportunity.owner_id))
    embed = None
    if stories:  # with no story, there is no meaning to compare
        embed, _pending = matcher().ready(embedded_texts(extraction.requirements, stories))
    return cover(extraction.requirements, stories, embed=embed).rows


def embedding_texts(*, owner: User) -> list[str]:
    """Every text the owner's coverage pages embed: what the background worker prepares."""
    stories = _story_texts(Story.objects.filter(owner=owner))
    texts: dict[str, None] = {}
    for opportunity in Opportunity.objects.filter(owner=owner).exclude(posting_text=""):
        found = requirements(opportunity=opportunity).requirements
        texts.update(dict.fromkeys(embedded_texts(found, stories)))
    return list(texts)


@dataclass(frozen=True)
class ConcernRow:
    """A concern to answer: raised in a round (``note``) or an uncovered must-have.

    A concern raised in a round is answered on its note (planned response, open/addressed),
    which the round page edits too; ``answer`` adds how I answer and the story."""

    text: str
    source: str  # where it came from, in words
    note: RoundNote | None
    requirement: Requirement | None
    answer: ConcernAnswer | None

    @property
    def said(self) -> str:
        """What I will say."""
        if self.note is not None:
            return self.note.response
        return self.answer.answer if self.answer else ""

    @property
    def story(self) -> Story | None:
        return self.answer.story if self.answer else None

    @property
    def is_planned(self) -> bool:
        """Something is planned: words to say or a story to tell."""
        return bool(self.said.strip() or (self.answer and self.answer.story_id))

    @property
    def status(self) -> str:
        """One of ``ConcernStatus``; for a note, read from the note: closed is addressed, open
        with something planned is planned."""
        if self.note is not None:
            if self.note.status == NoteStatus.CLOSED:
                return ConcernStatus.ADDRESSED
            return ConcernStatus.PLANNED if self.is_planned else ConcernStatus.OPEN
        return self.answer.status if self.answer else ConcernStatus.OPEN

    @property
    def status_label(self) -> str:
        return ConcernStatus(self.status).label

    @property
    def kind_label(self) -> str:
        """How I answer, in words, once it was chosen."""
        return self.answer.get_kind_display() if self.answer else ""

    @property
    def ref(self) -> str:
        """How the concern form names it: ``note-<id>`` or ``req-<key>``."""
        return f"note-{self.note.pk}" if self.note else f"req-{self.requirement.key}"  # type: ignore[union-attr]


def concerns(*, opportunity: Opportunity, view: CoverageView | None = None) -> list[ConcernRow]:
    """Concerns raised in the opportunity's rounds, then the posting's (``posting_concerns``)."""
    answers = list(opportunity.concern_answers.select_related("story", "note"))
    by_note = {a.note_id: a for a in answers if a.note_id}
    # The round's opportunity too: each row's source names the round, whose name names it.
    notes = RoundNote.objects.filter(
        round__opportunity=opportunity, kind=NoteKind.CONCERN
    ).select_related("round__opportunity", "person")
    rows = [
        ConcernRow(
            text=n.text,
            source=f"Raised in {n.round}" + (f" by {n.person}" if n.person else ""),
            note=n,
            requirement=None,
            answer=by_note.get(n.pk),
        )
        for n in notes
    ]
    return rows + posting_concerns(opportunity=opportunity, view=view, answers=answers)


def posting_concerns(
    *,
    opportunity: Opportunity,
    view: CoverageView | None = None,
    answers: list[ConcernAnswer] | None = None,
) -> list[ConcernRow]:
    """Must-haves no story covers, then requirements the candidate checked against the CV and
    lacks (wholly or partly); ``answers``: the opportunity's, when the caller read them."""
    if answers is None:
        answers = list(opportunity.concern_answers.select_related("story"))
    by_key = {a.requirement_key: a for a in answers if a.requirement_key}
    view = view or coverage(opportunity=opportunity)
    rows = [
        ConcernRow(
            text=r.requirement.text,
            source="A must-have in the posting that no story covers yet",
            note=None,
            requirement=r.requirement,
            answer=by_key.get(r.requirement.key),
        )
        for r in view.must_have_gaps
    ]
    rows += [
        ConcernRow(
            text=line.row.requirement.text,
            source=f"Checked against your CV: {CV_LACKS[line.status]} ({line.row.label})",
            note=None,
            requirement=line.row.requirement,
            answer=by_key.get(line.row.requirement.key),
        )
        for line in view.checks
        if line.needs_answer
    ]
    return rows


def concern_find(*, opportunity: Opportunity, ref: str) -> ConcernRow | None:
    """The concern named ``ref`` (see ``ConcernRow.ref``), or None."""
    return next((r for r in concerns(opportunity=opportunity) if r.ref == ref), None)


def concern_get(*, opportunity: Opportunity, ref: str) -> ConcernRow:
    row = concern_find(opportunity=opportunity, ref=ref)
    if row is None:
        raise NotFound(f"This opportunity has no concern {ref!r}.")
    return row


def concern_answer_draft(*, row: ConcernRow | None) -> dict[str, object]:
    """What the answer form starts from: the concern's answer as planned so far. Words planned
    on the round page without a story read as other evidence until a story is picked."""
    if row is None:
        return {"status": ConcernStatus.PLANNED}
    status = ConcernStatus.PLANNED if row.status == ConcernStatus.OPEN else row.status
    draft: dict[str, object] = {"answer": row.said, "status": status}
    if row.answer is not None:
        draft.update(kind=row.answer.kind, story=row.answer.story)
    elif row.said.strip():
        draft["kind"] = AnswerKind.EVIDENCE
    return draft


@dataclass(frozen=True)
class StoryWarning:
    story: Story
    message: str


@dataclass
class RoundStories:
    """The ledger as it bears on one round: what was told here, and what to watch out for."""

    told_here: list[Telling] = field(default_factory=list)
    warnings: list[StoryWarning] = field(default_factory=list)


def round_stories(*, round_: Round, attendees: Sequence[Person] | None = None) -> RoundStories:
    """Warn about stories an attendee heard in an earlier round, and stories the opportunity
    leans on. ``attendees``: the round's, when the caller has them (the round page's carry
    forward), else loaded."""
    attending = {p.pk for p in (round_.attendees.all() if attendees is None else attendees)}
    tellings = list(
        Telling.objects.filter(round__opportunity_id=round_.opportunity_id)
        .select_related("story", "round")
        .prefetch_related(Prefetch("people", queryset=Person.objects.only("pk", "name")))
    )
    result = RoundStories(told_here=[t for t in tellings if t.round_id == round_.pk])
    for telling in tellings:
        if telling.round_id == round_.pk or telling.round.starts_at >= round_.starts_at:
            continue
        heard = [p for p in telling.people.all() if p.pk in attending]
        if heard:
            names = ", ".join(p.name for p in heard)
            result.warnings.append(
                StoryWarning(
                    telling.story,
                    f"{names} already heard “{telling.story}” in {telling.round}; "
                    "tell another story or take it further.",
                )
            )
    uses = Counter(t.story_id for t in tellings)
    stories = {t.story_id: t.story for t in tellings}
    for story_id, count in uses.items():
        if count >= OVERUSED:
            result.warnings.append(
                StoryWarning(
                    stories[story_id],
                    f"“{stories[story_id]}” has been told {count} times in this process; "
                    "show range with a different story.",
                )
            )
    return result
