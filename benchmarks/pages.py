"""Page-speed benchmark: fill a large workspace, then time the pages people open most.

Run by ``make bench`` (SQLite, in a fresh data folder). For PostgreSQL point
``NEXTROUND_DATABASE_URL`` at a throwaway database whose name contains "bench"; the script drops
and creates it, and drops it again at the end::

    NEXTROUND_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/nextround_bench \\
        .venv/bin/python benchmarks/pages.py --write-docs

This is not part of the test suite. It exits 1 when a page needs more SQL queries on the large
workspace than on a small one (a query count that grows with data is an N+1); a page slower than
the p95 target is reported as FAIL but does not change the exit status.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchsetup import (  # configures Django: before any model import
    clean_up,
    database_description,
    machine,
    prepare_database,
    vendor,
)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from docsection import DOCS_PATH, write_section

from nextround import timeutil
from nextround.core.services import local_user
from nextround.interviews.models import (
    Format,
    NoteKind,
    NoteStatus,
    Opportunity,
    Party,
    Person,
    Relation,
    Round,
    RoundNote,
    Stage,
    StageChange,
)

TARGET_P95_MS = 50.0
ROUNDS_PER_OPPORTUNITY = 5
PEOPLE_PER_OPPORTUNITY = 10
NOTES_PER_300_OPPORTUNITIES = 20_000
SMALL_OPPORTUNITIES = 3
QUERY_SAMPLES = 20
SEED = 20_240_611

# --- command line ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--requests", type=int, default=200, help="timed requests per page (default 200)"
    )
    parser.add_argument(
        "--opportunities",
        type=int,
        default=300,
        help="size of the large workspace; rounds, people and notes scale with it (default 300)",
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help=f"write the results into {DOCS_PATH.relative_to(DOCS_PATH.parent.parent)}",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write every request's CPU and wall time there, for benchmarks/compare.py",
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.opportunities < 1:
        parser.error("--requests and --opportunities must be at least 1")
    return args


# --- database -------------------------------------------------------------------------------


# --- data generator -------------------------------------------------------------------------
# This is a data generator, not a test of the services: it writes straight to the tables with
# bulk_create (tens of thousands of rows in seconds) and bypasses model validation. The values
# it writes are nevertheless valid and shaped like real use.

TIMEZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Australia/Sydney",
]
COMPANIES = [
    "Northwind",
    "Tidewater",
    "Bluepeak",
    "Harbor",
    "Lumen",
    "Cedar",
    "Quarry",
    "Atlas",
    "Kestrel",
    "Meridian",
    "Orchid",
    "Summit",
]
SUFFIXES = ["Health", "Freight", "Labs", "Analytics", "Energy", "Bank", "Foods", "Systems"]
ROLES = [
    "Operations Analyst",
    "Senior Data Engineer",
    "Product Manager",
    "Engineering Manager",
    "Finance Business Partner",
    "UX Researcher",
    "Head of Customer Success",
]
CITIES = ["Berlin", "London", "Chicago, IL", "Austin, TX", "Singapore", "Remote", "Sydney"]
FIRST_NAMES = [
    "Dana",
    "Sam",
    "Priya",
    "Luis",
    "Grace",
    "Maya",
    "Tom",
    "Aiko",
    "Jonas",
    "Fatima",
    "Noah",
    "Elena",
]
LAST_NAMES = ["Ortiz", "Lee", "Nair", "Brandt", "Okafor", "Kim", "Rossi", "Novak", "Haddad"]
TITLES = ["Director", "Senior Analyst", "VP Operations", "Recruiter", "Staff Engineer", "CFO"]
ROUND_KINDS = ["Hiring manager", "Meet the team", "Case study", "Panel", "Final with VP"]
STAGE_WEIGHTS = {
    Stage.INTERVIEWING: 55,
    Stage.OFFER: 10,
    Stage.ACCEPTED: 3,
    Stage.DECLINED: 5,
    Stage.REJECTED: 20,
    Stage.WITHDRAWN: 7,
}
NOTE_WEIGHTS = {
    NoteKind.QUESTION: 35,
    NoteKind.FEEDBACK: 15,
    NoteKind.CONCERN: 15,
    NoteKind.PROMISE: 15,
    NoteKind.NUMBER: 5,
    NoteKind.FREE: 15,
}
SENTENCES = {
    NoteKind.QUESTION: [
        "Tell me about a time a forecast you built turned out wrong.",
        "How would you prioritise three urgent requests from different teams?",
        "Walk me through the last dashboard you retired and why.",
        "What would you do in your first ninety days?",
    ],
    NoteKind.FEEDBACK: [
        "They liked the structure of the case presentation.",
        "The panel wanted more depth on stakeholder management.",
        "Strong on SQL, less sure about the people side.",
    ],
    NoteKind.CONCERN: [
        "Worried I have not managed a team larger than four.",
        "Asked whether I would be happy with three office days a week.",
        "Unsure about my experience with their ERP system.",
    ],
    NoteKind.PROMISE: [
        "Send the portfolio link and the case write-up.",
        "They will share the salary band and the benefits summary.",
        "Introduce me to a future peer on the analytics team.",
    ],
    NoteKind.NUMBER: [
        "Base salary range for the role.",
        "Annual bonus target.",
        "Relocation budget.",
    ],
    NoteKind.FREE: [
        "The office is a ten-minute walk from the station.",
        "Team of seven, mostly remote, weekly planning on Mondays.",
        "Ask about the on-call rotation next time.",
    ],
}


@dataclass
class Workspace:
    """One owner's generated data: the ids the pages are sampled from."""

    owner: User
    opportunity_ids: list[int] = field(default_factory=list)
    last_round_ids: list[int] = field(default_factory=list)


@dataclass
class Plan:
    """An opportunity and the local dates of its rounds."""

    opportunity: Opportunity
    tz: str
    round_days: list[date]


def _text(rng: random.Random, kind: str, count: int = 2) -> str:
    return " ".join(rng.sample(SENTENCES[NoteKind(kind)], k=count))


def _round_days(rng: random.Random, today: date, *, upcoming: bool = False) -> list[date]:
    # The first opportunity of every workspace has rounds ahead, so the dashboard's query
    # counts compare like with like (its prep plans need queries only when a round is ahead).
    day = today - timedelta(days=12 if upcoming else rng.randint(-12, 110))
    days = []
    for _ in range(ROUNDS_PER_OPPORTUNITY):
        days.append(day)
        day += timedelta(days=rng.randint(3, 10))
    return days


def _stage(rng: random.Random, last_round: date, today: date) -> Stage:
    if last_round >= today:
        return Stage.INTERVIEWING
    stages = list(STAGE_WEIGHTS)
    return rng.choices(stages, weights=[STAGE_WEIGHTS[s] for s in stages])[0]


def _new_opportunity(owner: User, rng: random.Random, today: date, index: int) -> Plan:
    days = _round_days(rng, today, upcoming=index == 1)
    created = days[0] - timedelta(days=rng.randint(10, 30))
    opportunity = Opportunity(
        owner=owner,
        company=f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)} {index}",
        role_title=rng.choice(ROLES),
        location=rng.choice(CITIES),
        source_url=f"https://example.com/careers/{index}",
        posting_text=_text(rng, NoteKind.FREE, 3) * 10,
        stage=_stage(rng, days[-1], today),
        created_at=datetime.combine(created, clock(12), tzinfo=timezone.get_current_timezone()),
    )
    return Plan(opportunity=opportunity, tz=rng.choice(TIMEZONES), round_days=days)


def create_opportunities(owner: User, count: int, rng: random.Random) -> list[Plan]:
    today = timezone.localdate()
    plans = [_new_opportunity(owner, rng, today, i) for i in range(1, count + 1)]
    Opportunity.objects.bulk_create([p.opportunity for p in plans])
    return plans


def _decided_on(plan: Plan, today: date) -> date:
    return min(plan.round_days[-1] + timedelta(days=4), today)


def create_stage_changes(plans: list[Plan]) -> None:
    today = timezone.localdate()
    changes = []
    for plan in plans:
        opp = plan.opportunity
        changes.append(StageChange(opportunity=opp, stage=Stage.APPLIED, on=opp.created_at.date()))
        changes.append(
            StageChange(
                opportunity=opp, stage=Stage.INTERVIEWING, on=plan.round_days[0] - timedelta(3)
            )
        )
        if opp.stage != Stage.INTERVIEWING:
            changes.append(
                StageChange(opportunity=opp, stage=opp.stage, on=_decided_on(plan, today))
            )
    StageChange.objects.bulk_create(changes)


def create_people(owner: User, plans: list[Plan], rng: random.Random) -> dict[int, list[Person]]:
    people = {
        plan.opportunity.pk: [
            Person(
                owner=owner,
                opportunity=plan.opportunity,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                title=rng.choice(TITLES),
                relation=rng.choice(Relation.values),
                email=f"person{plan.opportunity.pk}.{i}@example.com",
                background="Joined from a logistics start-up; ran the analytics guild.",
            )
            for i in range(PEOPLE_PER_OPPORTUNITY)
        ]
        for plan in plans
    }
    Person.objects.bulk_create([p for group in people.values() for p in group])
    return people


def _new_round(owner: User, plan: Plan, number: int, rng: random.Random) -> Round:
    fmt = rng.choice(Format.values)
    wall_clock = datetime.combine(
        plan.round_days[number - 1], clock(rng.choice([9, 10, 11, 13, 14, 15]), rng.choice([0, 30]))
    )
    starts = timeutil.to_utc(wall_clock, plan.tz)
    minutes = 360 if fmt == Format.ALL_DAY else rng.choice([30, 45, 60, 90, 120])
    return Round(
        owner=owner,
        opportunity=plan.opportunity,
        number=number,
        is_final=number == ROUNDS_PER_OPPORTUNITY,
        kind=ROUND_KINDS[(number - 1) % len(ROUND_KINDS)],
        format=fmt,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=minutes),
        timezone=plan.tz,
        location=plan.opportunity.location,
        dress_code="Business casual",
        logistics="Ask for the visitor badge at reception.",
    )


def create_rounds(owner: User, plans: list[Plan], rng: random.Random) -> list[Round]:
    rounds = [
        _new_round(owner, plan, number, rng)
        for plan in plans
        for number in range(1, ROUNDS_PER_OPPORTUNITY + 1)
    ]
    return Round.objects.bulk_create(rounds)


def create_attendance(
    rounds: list[Round], people: dict[int, list[Person]], rng: random.Random
) -> dict[int, list[Person]]:
    attending = {r.pk: rng.sample(people[r.opportunity_id], k=rng.randint(2, 4)) for r in rounds}
    through = Round.attendees.through
    through.objects.bulk_create(
        [
            through(round_id=round_pk, person_id=person.pk)
            for round_pk, group in attending.items()
            for person in group
        ]
    )
    return attending


def _note_details(kind: str, round_: Round, rng: random.Random) -> dict[str, Any]:
    """The kind-specific fields, as the note forms would fill them."""
    if kind == NoteKind.QUESTION:
        rating = rng.choice([None, 1, 2, 3, 4, 4, 5, 5])
        improve = "Lead with the result, then the method." if rating and rating <= 2 else ""
        return {"answer": "Used the dock-scheduling pilot.", "rating": rating, "improve": improve}
    if kind == NoteKind.CONCERN:
        status = rng.choice([NoteStatus.OPEN, NoteStatus.CLOSED])
        return {"status": status, "response": "Point to the cross-team project lead role."}
    if kind == NoteKind.PROMISE:
        due = round_.local_start.date() + timedelta(days=rng.randint(1, 10))
        # Most promises that fell due were kept; a few are overdue, most future ones are open.
        still_open = 0.15 if due < timezone.localdate() else 0.8
        status = NoteStatus.OPEN if rng.random() < still_open else NoteStatus.CLOSED
        return {"promised_by": rng.choice(Party.values), "due_on": due, "status": status}
    if kind == NoteKind.NUMBER:
        low = Decimal(rng.randrange(60_000, 120_000, 5_000))
        return {"amount_low": low, "amount_high": low + 15_000, "currency": "USD"}
    return {}


def _new_note(
    owner: User,
    round_: Round,
    attendees: list[Person],
    rng: random.Random,
    index: int,
) -> RoundNote:
    kinds = list(NOTE_WEIGHTS)
    kind = rng.choices(kinds, weights=[NOTE_WEIGHTS[k] for k in kinds])[0]
    person = rng.choice(attendees) if kind != NoteKind.FREE and rng.random() < 0.7 else None
    return RoundNote(
        owner=owner,
        round=round_,
        kind=kind,
        text=_text(rng, kind, rng.randint(1, 2)),
        person=person,
        created_at=round_.ends_at + timedelta(minutes=index % 600),
        **_note_details(kind, round_, rng),
    )


def create_notes(
    owner: User,
    rounds: list[Round],
    attending: dict[int, list[Person]],
    count: int,
    rng: random.Random,
) -> None:
    notes = []
    for index in range(count):
        round_ = rng.choice(rounds)
        notes.append(_new_note(owner, round_, attending[round_.pk], rng, index))
    RoundNote.objects.bulk_create(notes, batch_size=2_000)


def fill_workspace(owner: User, opportunities: int, rng: random.Random) -> Workspace:
    notes = round(opportunities * NOTES_PER_300_OPPORTUNITIES / 300)
    with transaction.atomic():
        plans = create_opportunities(owner, opportunities, rng)
        create_stage_changes(plans)
        people = create_people(owner, plans, rng)
        rounds = create_rounds(owner, plans, rng)
        attending = create_attendance(rounds, people, rng)
        create_notes(owner, rounds, attending, notes, rng)
    workspace = Workspace(
        owner=owner,
        opportunity_ids=[p.opportunity.pk for p in plans],
        last_round_ids=[r.pk for r in rounds if r.number == ROUNDS_PER_OPPORTUNITY],
    )
    rng.shuffle(workspace.opportunity_ids)
    rng.shuffle(workspace.last_round_ids)
    return workspace


def data_sizes(owner: User) -> dict[str, int]:
    return {
        "opportunities": Opportunity.objects.filter(owner=owner).count(),
        "stage changes": StageChange.objects.filter(opportunity__owner=owner).count(),
        "rounds": Round.objects.filter(owner=owner).count(),
        "people": Person.objects.filter(owner=owner).count(),
        "attendances": Round.attendees.through.objects.filter(round__owner=owner).count(),
        "notes": RoundNote.objects.filter(owner=owner).count(),
        "overdue open promises": RoundNote.objects.filter(
            owner=owner,
            kind=NoteKind.PROMISE,
            status=NoteStatus.OPEN,
            due_on__lt=timezone.localdate(),
        ).count(),
    }


# --- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[Workspace, int], str]


def _pick(ids: list[int], index: int) -> int:
    return ids[index % len(ids)]


KEPT_PAGES = "pages"  # core.pagecache's cache alias, named here for baselines without it

PAGES = [
    # A new address each time (the dashboard reads no query string), so that the kept page
    # (core.pagecache) is never served here: its first drawing. "Seen again" below times that.
    Page("Dashboard `/`", lambda ws, i: f"{reverse('dashboard')}?drawn={i}"),
    Page(
        "Opportunity `/opportunities/<id>/`",
        lambda ws, i: reverse("opportunity_detail", args=[_pick(ws.opportunity_ids, i)]),
    ),
    Page(
        "Round (5th) `/rounds/<id>/`",
        lambda ws, i: reverse("round_detail", args=[_pick(ws.last_round_ids, i)]),
    ),
    Page(
        "Carry-forward (5th) `/rounds/<id>/carry-forward/`",
        lambda ws, i: reverse("round_carry_forward", args=[_pick(ws.last_round_ids, i)]),
    ),
    Page("Opportunity list `/opportunities/`", lambda ws, i: reverse("opportunity_list")),
    # The same round again and again, as a person going back to it does: what keeping the
    # page (core.pagecache) saves. The rows above ask for a different round each time.
    Page(
        "Round (5th), seen again `/rounds/<id>/`",
        lambda ws, i: reverse("round_detail", args=[ws.last_round_ids[0]]),
    ),
    Page("Dashboard, seen again `/`", lambda ws, i: reverse("dashboard")),
    Page(
        "Carry-forward (5th), seen again",
        lambda ws, i: reverse("round_carry_forward", args=[ws.last_round_ids[0]]),
    ),
    Page(
        "Debrief (5th) `/rounds/<id>/debrief/`",
        lambda ws, i: reverse("debrief", args=[_pick(ws.last_round_ids, i)]),
    ),
    Page(
        "Thank-you (5th) `/rounds/<id>/thanks/`",
        lambda ws, i: reverse("thanks", args=[_pick(ws.last_round_ids, i)]),
    ),
    Page(
        "Brief (5th) `/rounds/<id>/brief/`",
        lambda ws, i: reverse("brief", args=[_pick(ws.last_round_ids, i)]),
    ),
    Page(
        "Research `/opportunities/<id>/research/`",
        lambda ws, i: reverse("research", args=[_pick(ws.opportunity_ids, i)]),
    ),
    Page(
        "Money `/opportunities/<id>/money/`",
        lambda ws, i: reverse("money", args=[_pick(ws.opportunity_ids, i)]),
    ),
    Page("Budget `/budget/`", lambda ws, i: reverse("budget")),
    Page("Offers `/offers/`", lambda ws, i: reverse("offers")),
]


@dataclass
class Result:
    page: Page
    timings_ms: list[float]  # wall time
    cpu_ms: list[float]  # this process's CPU time: Django, templates and SQLite, not PostgreSQL
    queries_small: list[int]
    queries_big: list[int]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.timings_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.timings_ms)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]

    @property
    def passed(self) -> bool:
        return self.p95_ms <= TARGET_P95_MS

    @property
    def queries_grow(self) -> bool:
        return max(self.queries_big) > max(self.queries_small)


def get_ok(client: Client, url: str) -> None:
    response = client.get(url, REMOTE_ADDR="127.0.0.1")
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, expected 200")


def timed_get(client: Client, url: str) -> tuple[float, float]:
    """Wall and CPU milliseconds of one request. CPU time is what a ratio between two commits
    measured in one run should compare: other processes on the machine barely change it."""
    cpu, wall = time.process_time(), time.perf_counter()
    get_ok(client, url)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def available(pages: list[Page], workspace: Workspace) -> tuple[list[Page], list[Page]]:
    """The pages this commit has, and those it has not (a baseline from before they were
    added: their URL names do not resolve)."""
    present, missing = [], []
    for page in pages:
        try:
            page.url(workspace, 0)
        except NoReverseMatch:
            missing.append(page)
        else:
            present.append(page)
    return present, missing


def time_pages(
    client: Client, workspace: Workspace, requests: int, pages: list[Page]
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU times per page. The pages are requested in turn rather than one after the
    other, so that a burst of load from another process on the machine spreads over all of them
    instead of hitting one."""
    for page in pages:
        get_ok(client, page.url(workspace, 0))  # warm-up: templates, URL resolver, caches
    timings: dict[str, tuple[list[float], list[float]]] = {p.name: ([], []) for p in pages}
    for index in range(requests):
        for page in pages:
            wall, cpu = timed_get(client, page.url(workspace, index))
            timings[page.name][0].append(wall)
            timings[page.name][1].append(cpu)
    return timings


def count_queries(client: Client, page: Page, workspace: Workspace) -> list[int]:
    """The queries of drawing the page: a page kept from the timed requests is dropped first
    (a baseline from before ``core.pagecache`` has no such cache)."""
    counts = []
    for index in range(QUERY_SAMPLES):
        if KEPT_PAGES in settings.CACHES:
            caches[KEPT_PAGES].clear()
        with CaptureQueriesContext(connection) as captured:
            get_ok(client, page.url(workspace, index))
        counts.append(len(captured.captured_queries))
    return counts


def local_client() -> Client:
    """Signs in as the local user the way a browser on this machine is: by loopback address.
    It asks for host 127.0.0.1, as a browser here does: the test client's default host,
    "testserver", is not among the allowed hosts outside the test suite."""
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1")
    get_ok(client, reverse("dashboard"))  # the warm-up request; it signs the local user in
    return client


def owner_client(owner: User) -> Client:
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1")
    client.force_login(owner)
    get_ok(client, reverse("dashboard"))
    return client


def measure(big: Workspace, small: Workspace, requests: int, pages: list[Page]) -> list[Result]:
    big_client, small_client = local_client(), owner_client(small.owner)
    timings = time_pages(big_client, big, requests, pages)
    return [
        Result(
            page=page,
            timings_ms=timings[page.name][0],
            cpu_ms=timings[page.name][1],
            queries_small=count_queries(small_client, page, small),
            queries_big=count_queries(big_client, page, big),
        )
        for page in pages
    ]


def write_json(path: Path, results: list[Result], missing: list[Page], context: Context) -> None:
    """Every request's times, for benchmarks/compare.py to set beside another commit's."""
    document = {
        "benchmark": "pages",
        "database": database_description(),
        "vendor": vendor(),
        "load_average": context.load_average,
        "sizes": context.sizes,
        "pages": [
            {
                "name": r.page.name,
                "wall_ms": r.timings_ms,
                "cpu_ms": r.cpu_ms,
                "queries_small": r.queries_small,
                "queries_big": r.queries_big,
            }
            for r in results
        ],
        "missing": [page.name for page in missing],
    }
    path.write_text(json.dumps(document), encoding="utf-8")


# --- reporting ------------------------------------------------------------------------------


def _queries(counts: list[int]) -> str:
    low, high = min(counts), max(counts)
    return str(high) if low == high else f"{low}–{high}"


def markdown_table(results: list[Result]) -> str:
    lines = [
        "| page | median ms | p95 ms | queries (small) | queries (big) | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        verdict = "PASS" if r.passed else "FAIL"
        grow = " (grows!)" if r.queries_grow else ""
        lines.append(
            f"| {r.page.name} | {r.median_ms:.1f} | {r.p95_ms:.1f} | {_queries(r.queries_small)} "
            f"| {_queries(r.queries_big)}{grow} | p95 ≤ {TARGET_P95_MS:.0f} ms: {verdict} |"
        )
    return "\n".join(lines)


def verdict_lines(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        speed = "PASS" if r.passed else "FAIL"
        lines.append(f"{speed}  {r.page.name}: p95 {r.p95_ms:.1f} ms (target {TARGET_P95_MS} ms)")
        if r.queries_grow:
            lines.append(
                f"GROWS {r.page.name}: {max(r.queries_big)} queries on the large workspace, "
                f"{max(r.queries_small)} on the small one"
            )
    return lines


def _sizes_text(sizes: dict[str, int]) -> str:
    return ", ".join(f"{count:,} {name}" for name, count in sizes.items())


@dataclass
class Context:
    """What the results table needs beside the timings, to be read and compared later."""

    sizes: dict[str, int]
    fill_seconds: float
    requests: int
    load_average: float


def section_body(results: list[Result], context: Context) -> str:
    return "\n".join(
        [
            f"### {'PostgreSQL' if vendor() == 'postgresql' else 'SQLite'}",
            "",
            f"- Date: {timezone.localdate():%Y-%m-%d}",
            f"- Database: {database_description()}",
            f"- Machine: {machine()}; 1-minute load average {context.load_average:.2f} when the "
            "timing started",
            f"- Large workspace: {_sizes_text(context.sizes)} "
            f"(filled in {context.fill_seconds:.1f} s)",
            f"- Small workspace (query counts only): {SMALL_OPPORTUNITIES} opportunities "
            "built the same way, under a second account",
            f"- {context.requests} timed requests per page over different ids, the pages taken "
            f"in turn, after a warm-up request; query counts are the range over {QUERY_SAMPLES} "
            "requests",
            "",
            markdown_table(results),
        ]
    )


DOCS_INTRO = """\
# Performance

How quickly the main pages answer when a workspace is large, measured by
`benchmarks/pages.py`. The script fills a workspace of 300 opportunities, 1,500 rounds,
3,000 people and 20,000 notes, then requests each page in-process through Django's test
client (no network and no WSGI server; the database connection stays open between requests)
and reports the median and 95th-percentile time and the SQL queries per request. It also counts
the queries for the same pages on a 3-opportunity workspace: a page whose query count grows
with the data has an N+1 problem, and the script then exits with status 1.

Target: every page answers within 50 ms at the 95th percentile.

## Running it

```sh
make bench                                    # SQLite, in a fresh data folder
.venv/bin/python benchmarks/pages.py --help   # --requests, --opportunities, --write-docs
NEXTROUND_DATA_DIR=$(mktemp -d) \\
  NEXTROUND_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/nextround_bench \\
  .venv/bin/python benchmarks/pages.py --write-docs
```

On PostgreSQL the script drops and recreates the database it is given (its name must contain
"bench") and drops it again at the end. `--write-docs` updates this file, one section per
database.

Machine for the figures below: 2 cores, Python 3.11, SQLite in WAL mode / PostgreSQL 15.

## Results
"""


def write_docs(body: str) -> None:
    write_section(f"pages-benchmark-{vendor()}", body, DOCS_INTRO)


# --- main -----------------------------------------------------------------------------------


def _as_user(account: object) -> User:
    if not isinstance(account, User):
        raise SystemExit("The benchmark expects Django's own auth.User as the account model.")
    return account


def build_workspaces(opportunities: int) -> tuple[Workspace, Workspace, float]:
    rng = random.Random(SEED)
    started = time.perf_counter()
    big = fill_workspace(_as_user(local_user()), opportunities, rng)
    fill_seconds = time.perf_counter() - started
    second = _as_user(get_user_model().objects.create_user("bench-small", password=None))
    small = fill_workspace(second, SMALL_OPPORTUNITIES, rng)
    return big, small, fill_seconds


def run(args: argparse.Namespace) -> int:
    prepare_database()
    print(f"Database: {database_description()}")
    big, small, fill_seconds = build_workspaces(args.opportunities)
    sizes = data_sizes(big.owner)
    print(f"Filled the large workspace in {fill_seconds:.1f} s: {_sizes_text(sizes)}")
    context = Context(sizes, fill_seconds, args.requests, load_average=os.getloadavg()[0])
    print(f"Timing {args.requests} requests per page (load average {context.load_average:.2f})…")
    pages, missing = available(PAGES, big)
    for page in missing:
        print(f"Not in this commit (its URL does not resolve): {page.name}")
    results = measure(big, small, args.requests, pages)
    print()
    print(markdown_table(results))
    print()
    print("\n".join(verdict_lines(results)))
    if args.write_docs:
        write_docs(section_body(results, context))
    if args.json:
        write_json(args.json, results, missing, context)
    return 1 if any(r.queries_grow for r in results) else 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(parse_args(argv))
    finally:
        clean_up()


if __name__ == "__main__":
    sys.exit(main())
