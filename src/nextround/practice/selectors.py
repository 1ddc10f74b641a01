"""Reading practice: sessions, attempts with their analysis, comparisons and the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from statistics import mean

from django.contrib.auth.models import User
from django.db.models import Count, QuerySet

from nextround.errors import NotFound
from nextround.feedback import AnswerReport, Pause, TimedWord, analyze_answer
from nextround.fit.requirements import extract_requirements
from nextround.playbook.knowledge import CATEGORY_LABELS
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession, Status
from nextround.research import selectors as research

POSTING_TERMS = 8  # the posting's key terms an answer is checked against
RECENT = 5  # attempts per category that decide how it is going
WEAKEST = 3  # categories suggested for the next session
FIRST_CATEGORY = "behavioral"  # before any history: the kind asked most in later rounds


def session_list(*, owner: User) -> QuerySet[PracticeSession]:
    return (
        PracticeSession.objects.filter(owner=owner)
        .select_related("round__opportunity")
        .annotate(answered=Count("questions__attempts"))
    )


def session_get(*, owner: User, pk: int) -> PracticeSession:
    found = (
        PracticeSession.objects.filter(owner=owner, pk=pk)
        .select_related("round__opportunity")
        .first()
    )
    if found is None:
        raise NotFound("No such practice session.")
    return found


def question_get(*, session: PracticeSession, position: int) -> PracticeQuestion:
    found = session.questions.filter(position=position).first()
    if found is None:
        raise NotFound("This session has no such question.")
    return found


def attempt_get(*, owner: User, pk: int) -> Attempt:
    found = (
        Attempt.objects.filter(owner=owner, pk=pk)
        .select_related("question__session__round__opportunity")
        .first()
    )
    if found is None:
        raise NotFound("No such attempt.")
    return found


# --- analysis ------------------------------------------------------------------------------


def terms_for(session: PracticeSession) -> tuple[list[str], list[str]]:
    """What an answer in this session is checked against: the posting's key terms (when the
    session is for a round) and the words to work in: those the candidate chose for the session
    and, for a round, the business terms confirmed on its opportunity's research page."""
    opportunity = session.round.opportunity if session.round else None
    posting = opportunity.posting_text if opportunity else ""
    requirements = list(extract_requirements(posting).terms[:POSTING_TERMS]) if posting else []
    chosen = session.term_list()
    if opportunity is not None:
        known = {t.casefold() for t in chosen}
        glossary = [t.term for t in research.words_to_work_in(opportunity)]
        chosen += [t for t in glossary if t.casefold() not in known]
    return requirements, chosen


def report_for(attempt: Attempt) -> AnswerReport:
    """The analysis of a finished attempt (a few milliseconds; recomputed on every view)."""
    requirements, company_terms = terms_for(attempt.question.session)
    return analyze(
        attempt.text,
        question=attempt.question.text,
        category=attempt.question.category or None,
        timings=attempt.timings,
        pauses=attempt.pauses,
        requirements=requirements,
        company_terms=company_terms,
    )


def analyze(
    text: str,
    *,
    question: str,
    category: str | None = None,
    timings: list[list[object]],
    pauses: list[list[float]],
    requirements: list[str],
    company_terms: list[str],
) -> AnswerReport:
    words = [TimedWord(str(w), float(s), float(e)) for w, s, e in timings]  # type: ignore[arg-type]
    return analyze_answer(
        text,
        question=question,
        category=category,
        words=words or None,
        requirements=requirements,
        company_terms=company_terms,
        pauses=[Pause(float(s), float(e)) for s, e in pauses],
    )


# --- comparing attempts --------------------------------------------------------------------


@dataclass(frozen=True)
class Earlier:
    attempts: list[Attempt]  # every analysed attempt at this question, oldest first
    best: Attempt | None  # the one kept, else the highest score


def earlier_attempts(*, owner: User, key: str) -> Earlier:
    attempts = list(
        Attempt.objects.filter(owner=owner, question__key=key, status=Status.DONE).order_by(
            "created_at", "id"
        )
    )
    kept = [a for a in attempts if a.kept]
    best = kept[-1] if kept else max(attempts, key=lambda a: a.score or 0, default=None)
    return Earlier(attempts=attempts, best=best)


# --- history -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    at: datetime
    value: float


@dataclass
class CategoryHistory:
    category: str
    label: str
    attempts: int = 0
    score: list[Point] = field(default_factory=list)
    fillers: list[Point] = field(default_factory=list)  # per minute
    pace: list[Point] = field(default_factory=list)  # words per minute, recordings only

    @property
    def recent_score(self) -> float:
        recent = [p.value for p in self.score[-RECENT:]]
        return round(mean(recent), 1) if recent else 0.0


@dataclass(frozen=True)
class History:
    categories: list[CategoryHistory]
    weakest: list[CategoryHistory]
    total: int


def history(*, owner: User) -> History:
    """Every analysed attempt, by category, in one query."""
    rows = (
        Attempt.objects.filter(owner=owner, status=Status.DONE, score__isnull=False)
        .order_by("created_at", "id")
        .values_list(
            "created_at",
            "question__category",
            "score",
            "fillers_per_minute",
            "wpm",
            "pace_measured",
        )
    )
    by_category: dict[str, CategoryHistory] = {}
    for at, category, score, fillers, wpm, measured in rows:
        entry = by_category.setdefault(
            category, CategoryHistory(category, CATEGORY_LABELS.get(category, category.title()))
        )
        entry.attempts += 1
        entry.score.append(Point(at, float(score or 0)))
        if fillers is not None:
            entry.fillers.append(Point(at, fillers))
        if measured and wpm is not None:
            entry.pace.append(Point(at, wpm))
    categories = sorted(by_category.values(), key=lambda c: (-c.attempts, c.label))
    weakest = sorted(categories, key=lambda c: (c.recent_score, -c.attempts))[:WEAKEST]
    return History(
        categories=categories, weakest=weakest, total=sum(c.attempts for c in categories)
    )


def suggested_category(*, owner: User) -> str:
    """The kind of question to practise next: the weakest so far, else behavioral."""
    weakest = history(owner=owner).weakest
    return weakest[0].category if weakest else FIRST_CATEGORY
