"""Practice a coach sets a candidate: a set of questions with a due date. It becomes a practice
session in the candidate's own workspace, made by the practice app like any other, and an item
on their dashboard, and in the plan of each round it is due by, until every question has an
attempt.

A coach (or an administrator) sets practice only for a candidate who shares something with
them (``access.candidates_of``); anyone else is not found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from nextround.coaching import access
from nextround.coaching.models import Area, Assignment, AuditAction, AuditEntry
from nextround.core.services import save_validated
from nextround.errors import Invalid, NotFound
from nextround.practice import services as practice
from nextround.practice.models import MAX_QUESTIONS


def candidate_get(coach: User, pk: int) -> User:
    """The candidate with id ``pk`` if they share anything with ``coach``."""
    candidate = access.candidates_of(coach).filter(pk=pk).first()
    if candidate is None:
        raise NotFound(access.NOTHING_HERE)
    return candidate


def _questions(lines: Sequence[str]) -> list[str]:
    questions = [" ".join(line.split()) for line in lines if line.strip()]
    if not questions:
        message = "Give at least one question, one a line."
        raise Invalid(message, {"questions": [message]})
    if len(questions) > MAX_QUESTIONS:
        message = f"Set at most {MAX_QUESTIONS} questions at a time."
        raise Invalid(message, {"questions": [message]})
    return questions


@transaction.atomic
def assignment_create(
    *, coach: User, candidate_id: int, questions: Sequence[str], due_on: date, now: datetime
) -> Assignment:
    """Set ``questions`` (blank ones dropped) for the candidate, due ``due_on``: today at the
    earliest, on the server's calendar."""
    candidate = candidate_get(coach, candidate_id)
    chosen = _questions(questions)
    if due_on < timezone.localdate(now):
        message = "Give a due date from today on."
        raise Invalid(message, {"due_on": [message]})
    session = practice.session_start(owner=candidate, own=chosen, count=len(chosen))
    made = save_validated(
        Assignment(
            candidate=candidate, coach=coach, session=session, due_on=due_on, created_at=now
        ),
        what="assignment",
    )
    count = f"{len(chosen)} question{'' if len(chosen) == 1 else 's'}"
    AuditEntry.objects.create(
        candidate=candidate,
        actor=coach,
        action=AuditAction.ASSIGNED,
        area=Area.PRACTICE,
        label=f"{count}, due {due_on:%d %b %Y}",
        at=now,
    )
    return made


@dataclass(frozen=True)
class Progress:
    assignment: Assignment
    questions: int
    answered: int  # questions with at least one attempt

    @property
    def done(self) -> bool:
        return self.answered >= self.questions


def _counted(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """Each with how many questions it has and how many have an attempt, in the same query."""
    return assignments.select_related("coach", "session").annotate(
        questions=Count("session__questions", distinct=True),
        answered=Count(
            "session__questions",
            filter=Q(session__questions__attempts__isnull=False),
            distinct=True,
        ),
    )


def _progress(counted: QuerySet[Assignment]) -> list[Progress]:
    return [Progress(a, a.questions, a.answered) for a in counted]  # type: ignore[attr-defined]


def assignments_open(candidate: User) -> list[Progress]:
    """The candidate's assigned practice not done yet, soonest due first: the dashboard's."""
    counted = _counted(Assignment.objects.filter(candidate=candidate))
    # A Q object: the stubs know no annotations as keywords.
    return _progress(counted.filter(Q(answered__lt=F("questions"))))


def assignments_before(
    candidate_id: int, day: date, *, coach: User | None = None
) -> list[Progress]:
    """The candidate's assigned practice not done yet and due by ``day`` (a round's date), soonest
    due first: a round's plan lists it as an item of its own. ``coach``: only what they set."""
    chosen = Assignment.objects.filter(candidate_id=candidate_id, due_on__lte=day)
    if coach is not None:
        chosen = chosen.filter(coach=coach)
    return _progress(_counted(chosen).filter(Q(answered__lt=F("questions"))))


def assignments_set(coach: User, candidate: User) -> list[Progress]:
    """What ``coach`` set ``candidate``, latest due first, with how far along each is."""
    counted = _counted(Assignment.objects.filter(coach=coach, candidate=candidate))
    return _progress(counted.order_by("-due_on", "-id"))
