"""A dated prep plan for one round, and a readiness score that says what is missing.

The plan is derived, never stored: it follows from the round's facts and the checklist
templates, so changing the round's date or format "regenerates" it for free. What the
candidate did is kept apart, keyed by item, and survives every regeneration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from nextround import timeutil
from nextround.playbook import knowledge
from nextround.playbook.knowledge import ChecklistItem, Fact

REMOTE_FORMATS = frozenset({"video", "phone"})
Status = Literal["todo", "done", "skipped"]


@dataclass(frozen=True)
class Attendee:
    key: str  # stable across regenerations, e.g. the person's id
    name: str
    relation: str
    met_before: bool = False


@dataclass(frozen=True)
class RoundFacts:
    """What the plan needs to know about a round; built from the database or by hand."""

    starts_at: datetime  # aware
    ends_at: datetime  # aware
    timezone: str
    format: str
    number: int
    is_final: bool = False
    attendees: tuple[Attendee, ...] = ()
    earlier_rounds: int = 0
    weak_answers: int = 0
    money_discussed: bool = False
    open_concerns: int = 0
    open_promises: int = 0
    video_link: str = ""
    planned_from: datetime | None = None  # when preparation could start (the round was added)

    def facts(self) -> frozenset[Fact]:
        remote = self.format in REMOTE_FORMATS or bool(self.video_link)
        held: dict[Fact, bool] = {
            "final": self.is_final,
            "later_round": self.number >= 2 or self.is_final,
            "earlier_rounds": self.earlier_rounds > 0,
            "weak_answers": self.weak_answers > 0,
            "money_discussed": self.money_discussed,
            "open_concerns": self.open_concerns > 0,
            "open_promises": self.open_promises > 0,
            "new_interviewers": any(not a.met_before for a in self.attendees),
            "in_person": not remote,
            "remote": remote,
        }
        return frozenset(fact for fact, holds in held.items() if holds)


@dataclass(frozen=True)
class PlanItem:
    key: str
    template: str
    title: str
    detail: str
    weight: int
    due_at: datetime  # UTC
    before: bool  # due before the interview, so it counts towards readiness
    person: str | None = None  # Attendee.key for per-interviewer items


OUT_OF_RANGE = (
    f"This round's date is out of range ({timeutil.EARLIEST.year} to {timeutil.LATEST.year}); "
    "edit it to get a plan."
)


@dataclass(frozen=True)
class Plan:
    items: tuple[PlanItem, ...]
    compressed: bool  # the interview is sooner than the usual lead times allow
    # The round's date lies outside the range (saved before dates were checked): no item can
    # be dated from it, so the plan is empty until the date is edited.
    out_of_range: bool = False

    def item_keys(self) -> frozenset[str]:
        return frozenset(item.key for item in self.items)


def applies(template: ChecklistItem, facts: frozenset[Fact], round_format: str) -> bool:
    cond = template.when
    if cond.formats and round_format not in cond.formats:
        return False
    if not all(f in facts for f in cond.all_of):
        return False
    return not cond.any_of or any(f in facts for f in cond.any_of)


def wall_clock(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at ``at`` in ``tz`` as UTC. A time the clocks skip moves forward by the gap,
    as calendar programs do; an ambiguous time takes its first occurrence."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=tz).astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) != naive:  # inside a spring-forward gap
        offset_before = naive.replace(tzinfo=tz, fold=0).utcoffset() or timedelta(0)
        offset_after = naive.replace(tzinfo=tz, fold=1).utcoffset() or timedelta(0)
        moment = (naive - min(offset_before, offset_after)).replace(tzinfo=UTC)
    return moment


def due_at(template: ChecklistItem, facts: RoundFacts, tz: ZoneInfo) -> datetime:
    due = template.due
    if due.hours_after is not None:
        return facts.ends_at.astimezone(UTC) + timedelta(hours=due.hours_after)
    if due.hours_before is not None:
        return facts.starts_at.astimezone(UTC) - timedelta(hours=due.hours_before)
    assert due.days_before is not None and due.at is not None  # the schema guarantees it
    local_day = facts.starts_at.astimezone(tz).date() - timedelta(days=due.days_before)
    return wall_clock(local_day, time.fromisoformat(due.at), tz)


def _expand(template: ChecklistItem, facts: RoundFacts, due: datetime) -> list[PlanItem]:
    before = template.due.hours_after is None

    def item(key: str, title: str, weight: int, person: str | None = None) -> PlanItem:
        return PlanItem(key, template.id, title, template.detail, weight, due, before, person)

    if not template.per_attendee:
        return [item(template.id, template.title, template.weight)]
    if not facts.attendees:  # one placeholder until the candidate says who attends
        return [
            item(template.id, template.title.replace("{name}", "each interviewer"), template.weight)
        ]
    # Weight is shared among interviewers so a panel does not swamp the score.
    share = max(1, round(template.weight / len(facts.attendees)))
    return [
        item(f"{template.id}:{p.key}", template.title.replace("{name}", p.name), share, p.key)
        for p in facts.attendees
    ]


def _quarter_hour_after(moment: datetime) -> datetime:
    floor = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return floor if floor == moment else floor + timedelta(minutes=15)


def fit_in(template: ChecklistItem, ideal: datetime, facts: RoundFacts, tz: ZoneInfo) -> datetime:
    """Where the time before the interview is shorter than an item's lead time, the item moves
    to the earliest day that is left, at its usual hour, and never before preparation could
    begin nor later than an hour before the start. Otherwise ``ideal`` stands."""
    start, begun = facts.starts_at.astimezone(UTC), facts.planned_from
    if begun is None or ideal >= begun or begun >= start:
        return ideal
    due = ideal
    if template.due.days_before is not None and template.due.at is not None:
        days_left = (start.astimezone(tz).date() - begun.astimezone(tz).date()).days
        day = start.astimezone(tz).date() - timedelta(days=max(days_left, 0))
        due = wall_clock(day, time.fromisoformat(template.due.at), tz)
    due = min(due, start - timedelta(hours=1))
    return max(due, min(_quarter_hour_after(begun), start - timedelta(minutes=1)))


def build_plan(facts: RoundFacts, templates: Sequence[ChecklistItem] | None = None) -> Plan:
    if not (timeutil.in_range(facts.starts_at) and timeutil.in_range(facts.ends_at)):
        return Plan(items=(), compressed=False, out_of_range=True)
    templates = knowledge.checklist() if templates is None else templates
    tz = ZoneInfo(facts.timezone)
    held = facts.facts()
    items: list[PlanItem] = []
    compressed = False
    for template in (t for t in templates if applies(t, held, facts.format)):
        ideal = due_at(template, facts, tz)
        due = ideal if template.due.hours_after is not None else fit_in(template, ideal, facts, tz)
        compressed = compressed or due != ideal
        items.extend(_expand(template, facts, due))
    items.sort(key=lambda i: (i.due_at, -i.weight, i.key))
    return Plan(items=tuple(items), compressed=compressed)


@lru_cache(maxsize=4096)
def checklist_plan(facts: RoundFacts) -> Plan:
    """``build_plan`` from the checklist, kept by the facts: the plan follows from them alone
    (the checklist does not change while the program runs), and the dashboards ask again for
    the same rounds' plans on every view. Plans are frozen, so sharing one is safe."""
    return build_plan(facts)


# --- progress and readiness ----------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    status: Status = "todo"
    note: str = ""
    reason: str = ""  # why it was skipped


@dataclass(frozen=True)
class Readiness:
    score: int  # 0–100
    done_weight: int
    counted_weight: int
    missing: tuple[PlanItem, ...]  # heaviest first
    overdue: tuple[PlanItem, ...]
    skipped: tuple[PlanItem, ...]
    summary: str = field(default="")


def _names(items: Sequence[PlanItem], limit: int = 3) -> str:
    shown = [i.title for i in items[:limit]]
    extra = len(items) - len(shown)
    text = "; ".join(shown)
    return text + (f"; and {extra} more" if extra else "")


def readiness(plan: Plan, progress: Mapping[str, Progress], now: datetime) -> Readiness:
    """Weighted share of the before-interview items that are done. A skipped item (with its
    reason) leaves the count: the candidate decided it does not apply."""
    before = [i for i in plan.items if i.before]
    state = {i.key: progress.get(i.key, Progress()).status for i in before}
    skipped = tuple(i for i in before if state[i.key] == "skipped")
    counted = [i for i in before if state[i.key] != "skipped"]
    done = [i for i in counted if state[i.key] == "done"]
    missing = tuple(
        sorted((i for i in counted if state[i.key] == "todo"), key=lambda i: (-i.weight, i.due_at))
    )
    overdue = tuple(i for i in missing if i.due_at < now)
    counted_weight = sum(i.weight for i in counted)
    done_weight = sum(i.weight for i in done)
    score = 100 if counted_weight == 0 else round(100 * done_weight / counted_weight)
    if plan.out_of_range:
        score, summary = 0, OUT_OF_RANGE
    elif not missing:
        summary = "Nothing missing: every prep item is done or skipped."
    else:
        summary = f"Missing {len(missing)} of {len(counted)}: {_names(missing)}."
        if overdue:
            summary += f" {len(overdue)} overdue."
    return Readiness(
        score=score,
        done_weight=done_weight,
        counted_weight=counted_weight,
        missing=missing,
        overdue=overdue,
        skipped=skipped,
        summary=summary,
    )


def retired_keys(plan: Plan, recorded: Iterable[str]) -> list[str]:
    """Recorded progress for items the current plan no longer has (the round changed)."""
    keys = plan.item_keys()
    return sorted(k for k in recorded if k not in keys)
