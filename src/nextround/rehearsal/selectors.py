"""Reads of the rehearsal app: the case picker (the bank filtered by kind and by the field an
opportunity's employer is in, and the case questions noted in rounds), a session with its
phases and feedback, and a round's presentation plan with its budgets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import QuerySet

from nextround.cases import bank
from nextround.cases.feedback import CaseReport, analyse_case
from nextround.cases.phases import PHASE_LABELS, PhaseTime, next_phase, phase_times
from nextround.errors import Invalid, NotFound
from nextround.feedback.report import TimedWord
from nextround.interviews.models import ACTIVE_STAGES, Opportunity, Person, Round, RoundNote
from nextround.playbook.field import FIELD_LABELS
from nextround.prep.selectors import employer_field
from nextround.rehearsal.models import CaseSession, PresentationPlan, RunStatus, RunThrough, Slide
from nextround.slides.audience import LikelyQuestion, Listener, SlideText, likely_questions
from nextround.slides.budget import PlanBudget, SlideBudget, SlideInput, plan_budget
from nextround.slides.rehearsal import RunReport, rehearse

# --- case sessions --------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChoice:
    opportunity: Opportunity
    field: str
    label: str


def field_choices(*, owner: User) -> list[FieldChoice]:
    """The field of each live opportunity's employer, to pick cases that suit it."""
    found = []
    for opportunity in Opportunity.objects.filter(owner=owner, stage__in=ACTIVE_STAGES):
        guess = employer_field(opportunity).guess
        found.append(FieldChoice(opportunity, guess.field, FIELD_LABELS[guess.field]))
    return found


def case_notes(*, owner: User) -> QuerySet[RoundNote]:
    """The questions noted in rounds and tagged as case questions, newest first."""
    return (
        RoundNote.objects.filter(owner=owner, category="case")
        .select_related("round__opportunity")
        .order_by("-created_at", "-id")
    )


def case_session_list(*, owner: User) -> QuerySet[CaseSession]:
    return CaseSession.objects.filter(owner=owner).select_related("round__opportunity")


def case_session_get(*, owner: User, pk: int) -> CaseSession:
    try:
        return CaseSession.objects.select_related("round__opportunity").get(owner=owner, pk=pk)
    except (CaseSession.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No case session with id {pk}.") from None


@dataclass(frozen=True)
class SessionView:
    session: CaseSession
    case: bank.Case | None  # the bank's case, for its facts; None for an own prompt
    phases: list[PhaseTime]
    current: str | None  # the phase in progress
    next: str | None  # the phase the next button begins
    report: CaseReport | None  # once the answer is finished

    @property
    def current_label(self) -> str:
        return PHASE_LABELS[self.current] if self.current else ""

    @property
    def next_label(self) -> str:
        return PHASE_LABELS[self.next] if self.next else ""

    @property
    def current_since(self) -> datetime | None:
        return getattr(self.session, f"{self.current}_at") if self.current else None


def session_view(*, session: CaseSession) -> SessionView:
    started: dict[str, datetime] = session.started()  # type: ignore[assignment]
    times = phase_times(started, session.finished_at)
    current = next((p.phase for p in times if p.verdict == "in progress"), None)
    case = None
    if session.case_key:
        try:
            case = bank.case_get(session.case_key)
        except NotFound:  # a key from a newer bank, read from an import
            case = None
    report = None
    # While a recording is transcribed the answer is not complete yet.
    if session.finished_at is not None and session.answer.strip() and not session.transcribing:
        report = analyse_case(session.answer, structure=session.structure, phases=times)
    upcoming = None if session.finished_at else next_phase(started)
    return SessionView(session, case, times, current, upcoming, report)


# --- presentation plans -----------------------------------------------------------------------


def slide_get(*, owner: User, pk: int) -> Slide:
    try:
        return Slide.objects.select_related("plan__round__opportunity").get(owner=owner, pk=pk)
    except (Slide.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No slide with id {pk}.") from None


@dataclass(frozen=True)
class PlanView:
    round: Round
    plan: PresentationPlan | None
    audience: list[Person]  # the round's attendees, else everyone met at the opportunity
    slides: list[Slide]
    budget: PlanBudget | None  # None with no slides
    rows: list[tuple[Slide, SlideBudget]]  # each slide with its budget
    questions: list[LikelyQuestion]  # what the audience will likely ask; none with no slides


def plan_view(*, round_: Round) -> PlanView:
    plan = PresentationPlan.objects.filter(round=round_).first()
    audience = list(round_.attendees.all()) or list(round_.opportunity.people.all())
    slides = list(plan.slides.all()) if plan else []
    budget = None
    if plan and slides:
        budget = plan_budget(plan.slot_minutes, [_input(slide) for slide in slides])
    rows = list(zip(slides, budget.slides, strict=True)) if budget else []
    questions = audience_questions(audience=audience, slides=slides) if slides else []
    return PlanView(round_, plan, audience, slides, budget, rows, questions)


def audience_questions(*, audience: list[Person], slides: list[Slide]) -> list[LikelyQuestion]:
    """The questions these people will likely ask about these slides (``slides.audience``)."""
    return likely_questions(
        slides=[
            SlideText(number, slide.title, slide.text, slide.notes)
            for number, slide in enumerate(slides, start=1)
        ],
        audience=[Listener(p.name, p.title, p.relation, p.decision_maker) for p in audience],
    )


def _input(slide: Slide) -> SlideInput:
    minutes = float(slide.minutes) if isinstance(slide.minutes, Decimal) else None
    return SlideInput(slide.title, slide.notes, minutes)


# --- run-throughs -----------------------------------------------------------------------------


def run_through_get(*, owner: User, pk: int) -> RunThrough:
    try:
        return RunThrough.objects.select_related("plan__round__opportunity").get(owner=owner, pk=pk)
    except (RunThrough.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No run-through with id {pk}.") from None


def run_report(*, run: RunThrough) -> RunReport | None:
    """The per-slide report, measured against the plan's slides and slot as they are now;
    None until the recording is transcribed. Marks the recording does not reach are refused
    (``Invalid``) by ``rehearse``."""
    if run.status != RunStatus.DONE or run.seconds is None:
        return None
    slides = list(run.plan.slides.all())
    if not slides:
        raise Invalid("The plan has no slides any more: add them to see the report.")
    budget = plan_budget(run.plan.slot_minutes, [_input(slide) for slide in slides])
    return rehearse(
        budgets=budget.slides,
        marks=[float(m) for m in run.marks],
        words=[TimedWord(str(w), float(a), float(b)) for w, a, b in run.words],
        total_seconds=run.seconds,
        slot_minutes=run.plan.slot_minutes,
    )
