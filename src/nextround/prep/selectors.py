"""The playbook for one round, read from the database and worked out by nextround.playbook."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import User
from django.utils.text import slugify

from nextround import timeutil
from nextround.errors import Invalid, NotFound
from nextround.interviews.models import Opportunity, Party, Person, Round, Stage
from nextround.interviews.selectors import CarryForward, carry_forward, carry_forward_many
from nextround.playbook import asks as ask_rules
from nextround.playbook.calendar import Interview, Todo, build_calendar
from nextround.playbook.field import FieldGuess, detect_field
from nextround.playbook.knowledge import Ask
from nextround.playbook.likely import EarlierQuestion, LikelyQuestion, likely_questions
from nextround.playbook.plan import (
    Attendee,
    Plan,
    PlanItem,
    Progress,
    Readiness,
    RoundFacts,
    checklist_plan,
    readiness,
    retired_keys,
)
from nextround.playbook.wording import Wording, wording_for
from nextround.prep.models import AskItem, AskStatus, PlanProgress


def money_raised(carry: CarryForward) -> bool:
    """Pay was talked about in an earlier round, or there is an offer."""
    return bool(carry.numbers) or carry.round.opportunity.stage == Stage.OFFER


def round_facts(carry: CarryForward) -> RoundFacts:
    round_ = carry.round
    met = {p.pk for p in carry.people_met}
    return RoundFacts(
        starts_at=round_.starts_at,
        ends_at=round_.ends_at,
        timezone=round_.timezone,
        format=round_.format,
        number=round_.number,
        is_final=round_.is_final,
        attendees=tuple(
            Attendee(str(p.pk), p.name, p.relation, p.pk in met) for p in carry.attending
        ),
        earlier_rounds=len(carry.earlier_rounds),
        weak_answers=len(carry.weak_questions),
        money_discussed=money_raised(carry),
        open_concerns=len(carry.open_concerns),
        open_promises=sum(1 for p in carry.open_promises if p.promised_by != Party.THEM),
        video_link=round_.video_link,
        planned_from=round_.created_at,
    )


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    item: PlanItem
    progress: Progress
    overdue: bool
    due_local: datetime


@dataclass
class RoundPlan:
    round: Round
    plan: Plan
    rows: list[PlanRow]
    readiness: Readiness
    retired: list[PlanProgress]  # done or skipped items the changed round no longer needs

    @property
    def before(self) -> list[PlanRow]:
        return [r for r in self.rows if r.item.before]

    @property
    def after(self) -> list[PlanRow]:
        return [r for r in self.rows if not r.item.before]

    def due_today(self, now: datetime) -> list[PlanRow]:
        """Open items that are overdue or due today, "today" on the round's own clock."""
        today = now.astimezone(self.round.local_start.tzinfo).date()
        return [
            r
            for r in self.rows
            if r.progress.status == "todo" and (r.overdue or r.due_local.date() == today)
        ]


NEXT_UP = 4  # items the round page shows before "the rest of the plan"


@dataclass
class PlanSections:
    """The plan as the round page lays it out. Upcoming: the next open items by due time, then
    the rest folded away. Past: the whole plan folded away, without a score or lateness."""

    rp: RoundPlan
    past: bool
    next_up: list[PlanRow]
    rest: list[PlanRow]

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.rp.rows if r.progress.status == "todo")

    @property
    def overdue_count(self) -> int:
        return 0 if self.past else sum(1 for r in self.rp.rows if r.overdue)

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.rp.rows if r.progress.status == "done")

    @property
    def rest_before(self) -> list[PlanRow]:
        return [r for r in self.rest if r.item.before]

    @property
    def rest_after(self) -> list[PlanRow]:
        return [r for r in self.rest if not r.item.before]


def plan_sections(rp: RoundPlan, *, past: bool, keep: str = "") -> PlanSections:
    """``keep``: the key of an item just ticked in the next-up list, left there (now done) so
    that it does not jump away from under the candidate's pointer."""
    if past:
        return PlanSections(rp, past, [], list(rp.rows))
    candidates = [r for r in rp.rows if r.progress.status == "todo" or r.item.key == keep]
    next_up = sorted(candidates, key=lambda r: r.item.due_at)[:NEXT_UP]
    shown = {r.item.key for r in next_up}
    return PlanSections(rp, past, next_up, [r for r in rp.rows if r.item.key not in shown])


def progress_of(round_: Round) -> dict[str, PlanProgress]:
    return {p.key: p for p in PlanProgress.objects.filter(round=round_)}


def round_plan(
    *, carry: CarryForward, now: datetime, stored: dict[str, PlanProgress] | None = None
) -> RoundPlan:
    """The plan with its progress; ``stored`` when the caller already read the progress."""
    round_ = carry.round
    plan = checklist_plan(round_facts(carry))
    stored = progress_of(round_) if stored is None else stored
    progress = _progress(stored)
    rows = [
        PlanRow(
            item=item,
            progress=progress.get(item.key, Progress()),
            overdue=item.due_at < now and progress.get(item.key, Progress()).status == "todo",
            due_local=item.due_at.astimezone(round_.local_start.tzinfo),
        )
        for item in plan.items
    ]
    retired = [stored[k] for k in retired_keys(plan, stored) if stored[k].status != "todo"]
    return RoundPlan(
        round=round_,
        plan=plan,
        rows=rows,
        readiness=readiness(plan, progress, now),
        retired=retired,
    )


# --- the employer's field -------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerField:
    """The employer's field with the words that told it, and the bank's wording for it."""

    guess: FieldGuess
    wording: Wording


def employer_field(
    opportunity: Opportunity, *, people: Sequence[Person] | None = None
) -> EmployerField:
    """From the posting, the role, the employer's name and the titles of the people met
    (``people``: the opportunity's, in their own order, when the caller already read them)."""
    if people is None:
        titles = [t for t in opportunity.people.values_list("title", flat=True) if t]
    else:
        titles = [p.title for p in people if p.title]
    guess = detect_field(
        posting=opportunity.posting_text,
        role_title=opportunity.role_title,
        company=opportunity.company,
        others=titles,
    )
    wording = wording_for(guess, posting=opportunity.posting_text, company=opportunity.company)
    return EmployerField(guess, wording)


# --- likely questions ----------------------------------------------------------------------


def earlier_questions(carry: CarryForward) -> list[EarlierQuestion]:
    return [
        EarlierQuestion(
            text=note.text,
            round_number=note.round.number,
            asked_by=note.person.name if note.person else "",
            rating=note.rating,
            improve=note.improve,
            category=note.category,
        )
        for note in carry.questions
    ]


def round_likely(
    *, carry: CarryForward, limit: int = 15, field: EmployerField | None = None
) -> list[LikelyQuestion]:
    """The round's likely questions, chosen and worded for the employer's field (``field``
    when the caller already worked it out)."""
    opportunity = carry.round.opportunity
    field = field or employer_field(opportunity)
    return likely_questions(
        round_facts(carry),
        job_text=f"{opportunity.role_title}\n{opportunity.posting_text}",
        earlier=earlier_questions(carry),
        limit=limit,
        wording=field.wording,
    )


# --- questions to ask ----------------------------------------------------------------------


@dataclass(frozen=True)
class AskRow:
    """One question for one interviewer: stored (``item``) or a fresh suggestion (``ask``)."""

    text: str
    theme: str
    item: AskItem | None = None
    ask: Ask | None = None

    @property
    def status(self) -> str:
        return self.item.status if self.item else AskStatus.PLANNED


@dataclass
class PersonAsks:
    person: Person
    rows: list[AskRow] = field(default_factory=list)


@dataclass
class RoundAsks:
    people: list[PersonAsks]
    unassigned: list[AskItem]  # kept after their interviewer left the round
    covered_themes: frozenset[str]
    money_held_back: bool
    field: FieldGuess | None = None  # what the suggestions were chosen and worded for


def round_asks(*, carry: CarryForward, field: EmployerField | None = None) -> RoundAsks:
    round_ = carry.round
    field = field or employer_field(round_.opportunity)
    earlier = AskItem.objects.filter(
        round__opportunity_id=round_.opportunity_id,
        round__number__lt=round_.number,
        status=AskStatus.ASKED,
    ).only("bank_id", "theme", "answer")
    covered = frozenset(a.theme for a in earlier if a.theme and a.answer.strip())
    stored = list(AskItem.objects.filter(round=round_).select_related("person"))
    used = {a.bank_id for a in earlier if a.bank_id} | {a.bank_id for a in stored if a.bank_id}
    plan = ask_rules.suggest_asks(
        round_facts(carry).attendees,
        covered_themes=covered,
        used=used,
        money_raised=money_raised(carry),
        wording=field.wording,
    )
    people = []
    attending = {p.pk for p in carry.attending}
    for person in carry.attending:
        mine = [a for a in stored if a.person_id == person.pk]
        kept = [a for a in mine if a.status != AskStatus.DROPPED]
        room = max(0, ask_rules.PER_PERSON - sum(1 for a in kept if a.bank_id))
        rows = [AskRow(a.text, a.theme, item=a) for a in kept]
        rows += [AskRow(a.text, a.theme, ask=a) for a in plan.by_person[str(person.pk)][:room]]
        people.append(PersonAsks(person, rows))
    unassigned = [
        a
        for a in stored
        if a.status != AskStatus.DROPPED and (a.person_id is None or a.person_id not in attending)
    ]
    return RoundAsks(people, unassigned, covered, plan.money_held_back, field.guess)


def ask_get(*, owner: User, pk: int) -> AskItem:
    try:
        return AskItem.objects.select_related("round__opportunity", "person").get(
            owner=owner, pk=pk
        )
    except (AskItem.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No question with id {pk}.") from None


# --- everything for the round page ---------------------------------------------------------


@dataclass
class RoundPlaybook:
    plan: RoundPlan
    likely: list[LikelyQuestion]
    asks: RoundAsks
    field: FieldGuess


def round_playbook(
    *, round_: Round, now: datetime, carry: CarryForward | None = None
) -> RoundPlaybook:
    carry = carry or carry_forward(round_=round_)
    field = employer_field(round_.opportunity, people=carry.people)
    return RoundPlaybook(
        plan=round_plan(carry=carry, now=now),
        likely=round_likely(carry=carry, field=field),
        asks=round_asks(carry=carry, field=field),
        field=field.guess,
    )


def _progress(stored: dict[str, PlanProgress]) -> dict[str, Progress]:
    return {k: Progress(p.status, p.note, p.reason) for k, p in stored.items()}  # type: ignore[arg-type]


def _stored_progress(rounds: list[Round]) -> dict[int, dict[str, PlanProgress]]:
    """Each round's recorded progress by item key, in one query."""
    stored: dict[int, dict[str, PlanProgress]] = {r.pk: {} for r in rounds}
    for progress in PlanProgress.objects.filter(round__in=[r.pk for r in rounds]):
        stored[progress.round_id][progress.key] = progress
    return stored


def upcoming_plans(*, rounds: list[Round], now: datetime) -> list[RoundPlan]:
    """Plans for the dashboard's upcoming rounds, in a fixed number of queries."""
    stored = _stored_progress(rounds)
    return [
        round_plan(carry=carry, now=now, stored=stored[carry.round.pk])
        for carry in carry_forward_many(rounds=rounds)
    ]


def readiness_many(*, rounds: list[Round], now: datetime) -> dict[int, Readiness]:
    """Each round's readiness by the round's id, without the plan's dated rows that only a
    round page shows (the coach's dashboard); the queries of ``upcoming_plans``."""
    stored = _stored_progress(rounds)
    return {
        carry.round.pk: readiness(
            checklist_plan(round_facts(carry)), _progress(stored[carry.round.pk]), now
        )
        for carry in carry_forward_many(rounds=rounds)
    }


# --- calendar ------------------------------------------------------------------------------


def round_calendar(
    *, round_: Round, now: datetime, todos: Sequence[Todo] = ()
) -> tuple[str, bytes]:
    """The round's .ics file name and content: the interview, the plan's to-dos, and the
    ``todos`` the apps above add (the follow-ups)."""
    if not round_.date_in_range:
        raise Invalid(
            f"{round_.label}: its date is out of range; edit it to a date from "
            f"{timeutil.EARLIEST.year} to {timeutil.LATEST.year} to get its calendar file."
        )
    carry = carry_forward(round_=round_)
    rp = round_plan(carry=carry, now=now)
    opportunity = round_.opportunity
    lines = [round_.kind] if round_.kind else []
    if carry.attending:
        lines.append("With " + ", ".join(p.name for p in carry.attending))
    if round_.dress_code:
        lines.append(f"Dress code: {round_.dress_code}")
    if round_.logistics:
        lines.append(round_.logistics)
    interview = Interview(
        uid=f"{opportunity.uid}-round-{round_.number}",
        summary=f"{round_.label}: {opportunity.role_title} at {opportunity.company}",
        starts_at=round_.starts_at,
        ends_at=round_.ends_at,
        timezone=round_.timezone,
        location=round_.location,
        video_link=round_.video_link,
        description="\n".join(lines),
    )
    progress = {r.item.key: r.progress for r in rp.rows}
    name = f"{slugify(opportunity.company) or 'interview'}-round-{round_.number}.ics"
    return name, build_calendar(interview, rp.plan, progress, now=now, todos=todos)
