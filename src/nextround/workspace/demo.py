"""A realistic example opportunity, so a new user sees every part of nextround filled in.

Everything is placed relative to ``now`` (a first round nine days ago, the panel in three days,
news items from the last three weeks), so the demo always looks current. It has a fixed uid:
loading it twice adds it once.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround import timeutil
from nextround.decision.demo import demo_scorecard
from nextround.followup import services as followup
from nextround.interviews import services
from nextround.interviews.models import (
    Format,
    NoteKind,
    NoteStatus,
    Opportunity,
    Party,
    Person,
    Relation,
    Round,
    Stage,
)
from nextround.money import services as money
from nextround.money.models import Budget
from nextround.rehearsal.demo import demo_rehearsal
from nextround.research import services as research
from nextround.research.models import FactKind
from nextround.stories import services as stories

DEMO_UID = uuid.uuid5(uuid.NAMESPACE_URL, "https://nextround.invalid/demo/tidewater-freight")
DEMO_TIMEZONE = "America/New_York"

POSTING = """\
Tidewater Freight moves refrigerated and dry cargo for about four hundred regional shippers \
along the East Coast. Our operations team keeps trucks, docks and warehouse crews in step, and \
we are hiring a Senior Operations Analyst to help it plan with numbers instead of hunches.

What you will do: build and keep up the weekly capacity forecast for our three Boston-area \
terminals; turn late-delivery and dwell-time data into dashboards that dispatch leads actually \
open; run small experiments on routing and dock scheduling and report what changed; partner \
with finance on the quarterly cost review.

What we hope you bring: four or more years in operations, supply chain or logistics analytics; \
strong SQL and one scripting language; the knack of presenting findings to people who do not \
read charts for fun; patience with messy data from scanners and driver apps.

Hybrid schedule, three days a week at our Chelsea office. The salary band is shared on the \
first call, and we answer every applicant within two weeks.
"""


def demo_load(*, owner: User, now: datetime) -> tuple[Opportunity, bool]:
    """The demo opportunity and whether this call added it (False: it was already there)."""
    existing = Opportunity.objects.filter(owner_id=owner.pk, uid=DEMO_UID).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        return _build(owner=owner, now=now), True


def _build(*, owner: User, now: datetime) -> Opportunity:
    today = timezone.localdate(now)
    opportunity = services.opportunity_create(
        owner=owner,
        uid=DEMO_UID,
        company="Tidewater Freight",
        role_title="Senior Operations Analyst",
        location="Chelsea, MA (hybrid)",
        source_url="https://example.com/careers/senior-operations-analyst",
        posting_text=POSTING,
        stage=Stage.APPLIED,
        stage_on=today - timedelta(days=21),
    )
    services.opportunity_set_stage(
        opportunity=opportunity, stage=Stage.INTERVIEWING, on=today - timedelta(days=12)
    )
    maya, luis, grace = _people(opportunity)
    first = _first_round(opportunity, now=now, attendees=[maya])
    _first_round_notes(first, maya=maya, today=today)
    panel = _second_round(opportunity, now=now, attendees=[maya, luis, grace])
    _stories(owner, first_round=first)
    _first_round_debrief(first, maya=maya)
    _research(opportunity, first_round=first, now=now)
    _money(opportunity, today=today)
    demo_rehearsal(panel=panel, now=now)
    demo_scorecard(opportunity, first_round=first)
    return opportunity


def _research(opportunity: Opportunity, *, first_round: Round, now: datetime) -> None:
    """Facts with their sources, three recent news items pasted with their dates, and two
    confirmed business terms, so the research page is filled on a first start."""
    today = timezone.localdate(now)
    site = "https://example.com/tidewater/about"
    facts = [
        (FactKind.WHAT, "Moves refrigerated and dry cargo for about 400 regional shippers "
         "along the East Coast.", "Tidewater Freight's about page", site, 12),
        (FactKind.PRODUCTS, "Full and part truckload, cold-chain warehousing at three "
         "Boston-area terminals, and a shipment-tracking portal for customers.",
         "Tidewater Freight's services page", "https://example.com/tidewater/services", 12),
        (FactKind.CUSTOMERS, "Regional grocery chains and food producers; two of the largest "
         "are named as case studies.", "Tidewater Freight's case studies",
         "https://example.com/tidewater/customers", 11),
        (FactKind.SIZE, "Privately held, around 900 staff, about 350 trucks.",
         "Regional business journal", "https://example.com/journal/tidewater-profile", 10),
    ]  # fmt: skip
    for kind, text, name, url, days_ago in facts:
        research.fact_save(
            opportunity=opportunity,
            kind=kind,
            text=text,
            source_name=name,
            source_url=url,
            source_date=today - timedelta(days=days_ago),
            now=now,
        )
    warehouse = first_round.notes.filter(kind=NoteKind.FREE).first()
    if warehouse is not None:
        research.fact_save(
            opportunity=opportunity,
            kind=FactKind.CHALLENGES,
            text="The dashboards are being rebuilt after last spring's move to a new data "
            "warehouse.",
            note=warehouse,
            now=now,
        )
    news = [
        ("Tidewater Freight opens a cold-storage annex in Everett", 4,
         "The new annex adds 40 refrigerated dock doors north of Boston and is meant to cut "
         "the wait for grocery deliveries before the summer peak."),
        ("Tidewater Freight names a new head of customer operations", 11,
         "The company hired a customer-operations lead from a national carrier to bring its "
         "on-time rate above 95%."),
        ("Regional carriers face a shortage of refrigerated trailers", 19,
         "Carriers along the East Coast, Tidewater Freight among them, report waiting months "
         "for new reefer trailers; several are squeezing more use out of their fleets."),
    ]  # fmt: skip
    for title, days_ago, text in news:
        research.news_paste(
            opportunity=opportunity,
            text=text,
            published_on=today - timedelta(days=days_ago),
            title=title,
            source="New England Freight News",
            now=now,
        )
    terms = [
        ("dwell time", "How long a truck waits at a terminal between gate-in and gate-out."),
        ("reefer", "A refrigerated trailer; the cold-chain part of the fleet."),
    ]
    for term, meaning in terms:
        research.term_confirm(opportunity=opportunity, term=term, meaning=meaning)


def _money(opportunity: Opportunity, *, today: date) -> None:
    """A budget (only when the account has none: the demo never overwrites the user's own),
    a market range with its source, and a verbal offer, so the money page is filled in."""
    owner = opportunity.owner
    if not Budget.objects.filter(owner=owner).exists():
        money.budget_save(
            owner=owner,
            changes={
                "country": "us",
                "filing_status": "single",
                "state_local_rate": Decimal(5),
                "housing": Decimal(2300),
                "utilities": Decimal(180),
                "food": Decimal(650),
                "transport": Decimal(250),
                "insurance": Decimal(220),
                "debt": Decimal(300),
                "savings": Decimal(600),
                "other": Decimal(300),
            },
        )
    money.market_entry_add(
        opportunity=opportunity,
        fields={
            "source": "Regional logistics pay survey (example)",
            "address": "https://example.com/surveys/logistics-analysts",
            "on": today - timedelta(days=40),
            "currency": "USD",
            "period": "year",
            "low": Decimal(92_000),
            "median": Decimal(104_000),
            "high": Decimal(118_000),
            "note": "Senior analysts, Boston area, four to seven years.",
        },
    )
    money.offer_save(
        owner=owner,
        opportunity=opportunity,
        fields={
            "name": opportunity.company,
            "status": "verbal",
            "currency": "USD",
            "base": Decimal(99_000),
            "bonus_percent": Decimal(8),
            "sign_on": Decimal(3_000),
            "pto_days": 18,
            "remote_days": 2,
            "commute_minutes": 70,
            "start": today + timedelta(days=21),
            "deadline": today + timedelta(days=6),
            "note": "The recruiter's figures on the phone, to be confirmed in writing.",
        },
    )


def _first_round_debrief(round_: Round, *, maya: Person) -> None:
    """The finished first round's debrief on Maya, so her thank-you draft shows on a first
    start; the note went out the next morning."""
    followup.debrief_save(
        round_=round_,
        entry=followup.RoundEntry(
            overall=4,
            feel="Relaxed and specific. She pushed hardest on data quality and on how the "
            "dispatch leads would take to a new analyst.",
            done=True,
        ),
        people=[
            followup.PersonEntry(
                person=maya,
                topics="the weekly capacity forecast for the three terminals\n"
                "scanner data gaps\nhow dispatch leads use dashboards",
                cared_about="analysis that the dispatch leads actually act on",
                specific="the dwell-time study that was paused last spring when the scanner "
                "vendor changed",
                rapport=3,
            )
        ],
        now=round_.ends_at + timedelta(minutes=30),
    )
    next_day = timeutil.to_local(round_.ends_at, round_.timezone).date() + timedelta(days=1)
    followup.followup_sent(round_=round_, kind="thanks", person=maya, on=next_day)
    followup.reply_record(
        round_=round_,
        person=maya,
        received_on=next_day + timedelta(days=2),
        said="Invited me to a panel with Luis and Grace; the VP will join for the last half hour.",
    )


def _stories(owner: User, *, first_round: Round) -> None:
    """Two stories (one already told to Maya), a strength backed by both, and a quote."""
    dock = stories.story_create(
        owner=owner,
        title="Dock scheduling trial",
        situation="At Harbor Cold Storage, trucks waited an average of 70 minutes at our six "
        "docks every morning, and two grocery customers were charging us detention fees.",
        task="I was asked to cut the waiting without adding staff or doors.",
        action="I pulled three months of gate and scanner timestamps into SQL and found that "
        "half the trucks arrived in the same ninety minutes. I proposed appointment windows, "
        "ran a four-week trial on two docks, met the dispatch leads each Friday to adjust the "
        "slots, and wrote the one-page guide the gate staff used.",
        result="Average dwell fell from 70 to 38 minutes, detention fees dropped by $52,000 a "
        "year, and the windows were rolled out to all six docks.",
        numbers="70 → 38 minutes dwell; $52k a year in fees",
        competencies="analysis, SQL, experiments, stakeholder management",
        employer="Harbor Cold Storage",
    )
    forecast = stories.story_create(
        owner=owner,
        title="Peak-season capacity forecast",
        situation="Before the holiday peak, our terminal planned labour from last year's "
        "volumes and was short of pickers most weekends.",
        task="I owned the weekly capacity forecast for the peak season.",
        action="I built a forecast from order history and customer promotions, checked it "
        "against actuals every Monday, and presented the shortfall by shift to the operations "
        "manager with three staffing options.",
        result="Weekend overtime fell by 25% and we shipped every order on time through the peak.",
        competencies="forecasting, presenting findings",
        employer="Harbor Cold Storage",
    )
    stories.telling_record(story=dock, round_=first_round)
    stories.strength_save(
        owner=owner,
        name="Turning messy operations data into decisions",
        description="I find the few numbers that matter and get the floor to act on them.",
        rank=1,
        differentiator=True,
        stories=[dock, forecast],
    )
    stories.quote_create(
        owner=owner,
        text="She makes the numbers make sense to the people who have to act on them.",
        who="Former manager at Harbor Cold Storage",
    )


def _people(opportunity: Opportunity) -> tuple[Person, Person, Person]:
    maya = services.person_create(
        opportunity=opportunity,
        name="Maya Okafor",
        title="Director of Operations Analytics",
        relation=Relation.HIRING_MANAGER,
        email="maya.okafor@example.com",
        background="Started as a dispatcher, moved into analytics, has led the team for "
        "three years. Reports to the VP of Operations.",
        common_ground="We both began on warehouse floors before turning to data work. She "
        "mentioned training for a trail half-marathon.",
    )
    luis = services.person_create(
        opportunity=opportunity,
        name="Luis Herrera",
        title="Operations Analyst II",
        relation=Relation.PEER,
        background="Built the current dwell-time dashboard; about two years on the team. "
        "Would be the closest day-to-day colleague.",
    )
    grace = services.person_create(
        opportunity=opportunity,
        name="Grace Lindqvist",
        title="VP of Operations",
        relation=Relation.MANAGERS_MANAGER,
        decision_maker=True,
        background="Runs all three terminals. Known for asking how an analysis turns into "
        "saved cost or time.",
    )
    return maya, luis, grace


def _wall_clock(now: datetime, *, days: int, at: time) -> datetime:
    """A naive time of day in the demo's zone, ``days`` from the local date of ``now``."""
    local_day = timeutil.to_local(now, DEMO_TIMEZONE).date() + timedelta(days=days)
    return datetime.combine(local_day, at)


def _first_round(opportunity: Opportunity, *, now: datetime, attendees: list[Person]) -> Round:
    return services.round_create(
        opportunity=opportunity,
        number=1,
        kind="Conversation with the hiring manager",
        format=Format.VIDEO,
        starts=_wall_clock(now, days=-9, at=time(10, 0)),
        ends=_wall_clock(now, days=-9, at=time(11, 0)),
        timezone_name=DEMO_TIMEZONE,
        video_link="https://meet.example.com/tidewater-okafor",
        attendees=attendees,
    )


def _second_round(opportunity: Opportunity, *, now: datetime, attendees: list[Person]) -> Round:
    return services.round_create(
        opportunity=opportunity,
        number=2,
        is_final=True,
        created_at=now - timedelta(days=6),  # invited three days after the first round
        kind="Panel with the team and the VP",
        format=Format.PANEL,
        starts=_wall_clock(now, days=3, at=time(13, 0)),
        ends=_wall_clock(now, days=3, at=time(15, 30)),
        timezone_name=DEMO_TIMEZONE,
        location="Tidewater Freight office, 4th floor, Chelsea, MA",
        dress_code="Business casual; the office is relaxed, but the VP wears a jacket.",
        logistics="Bring photo ID for the front desk and ask for Maya. Visitor parking is "
        "behind the building; the commuter train from North Station takes ten minutes. "
        "Plan a ten-minute walk-through of the dwell-time study; the room has a screen "
        "with HDMI.",
        attendees=attendees,
    )


def _first_round_notes(round_: Round, *, maya: Person, today: date) -> None:
    """Each note is stamped a minute apart after the round, in the order it was written."""
    for minute, (kind, fields) in enumerate(_notes(maya=maya, today=today), start=1):
        services.note_create(
            round_=round_,
            kind=kind,
            created_at=round_.ends_at + timedelta(minutes=minute),
            **fields,
        )


def _notes(*, maya: Person, today: date) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            NoteKind.QUESTION,
            {
                "person": maya,
                "text": "Walk me through a forecast you built that other people relied on.",
                "answer": "The weekly volume forecast at my last job: its inputs, the error band "
                "we published with it, and how planners used it to staff shifts.",
                "rating": 4,
            },
        ),
        (
            NoteKind.QUESTION,
            {
                "person": maya,
                "text": "What do you do with data you do not trust?",
                "answer": "My checks for gaps in scanner data, and flagging doubtful figures "
                "openly instead of quietly dropping them.",
                "rating": 5,
            },
        ),
        (
            NoteKind.QUESTION,
            {
                "person": maya,
                "text": "Tell me about an analysis of yours that was ignored.",
                "answer": "The route-consolidation study. I wandered through the details and "
                "never said what I would do differently.",
                "rating": 2,
                "improve": "Open with the outcome in one sentence, then the change I made: I now "
                "book a short walk-through with the decision maker before sending a report.",
            },
        ),
        (
            NoteKind.QUESTION,
            {
                "person": maya,
                "text": "How would you find trucks that wait more than an hour at a dock?",
                "answer": "Sketched a window-function query over gate-in and gate-out scans.",
                "rating": 3,
                "improve": "Name the edge cases early: missing scans, overnight stays and "
                "daylight-saving changes.",
            },
        ),
        (
            NoteKind.FEEDBACK,
            {
                "person": maya,
                "text": "My forecasting example was the most concrete she has heard so far; the "
                "panel will dig into how I work with people who push back.",
            },
        ),
        (
            NoteKind.CONCERN,
            {
                "person": maya,
                "text": "Whether I have worked with unionized dock crews.",
                "response": "At Harbor Cold Storage I rolled out a shift-bid change together "
                "with the night crew's lead, so I have seen how much goes better when changes "
                "are agreed with the crews first.",
                "status": NoteStatus.OPEN,
            },
        ),
        (
            NoteKind.CONCERN,
            {
                "person": maya,
                "text": "Whether three office days a week would work for me.",
                "response": "Confirmed on the call: the train gets me there in half an hour.",
                "status": NoteStatus.CLOSED,
            },
        ),
        (
            NoteKind.PROMISE,
            {
                "person": maya,
                "text": "Send Maya the two-page summary of my dwell-time study, "
                "with client names removed.",
                "promised_by": Party.ME,
                "due_on": today - timedelta(days=2),
                "status": NoteStatus.OPEN,
            },
        ),
        (
            NoteKind.PROMISE,
            {
                "person": maya,
                "text": "Maya will email the team's goals for this quarter before the panel.",
                "promised_by": Party.THEM,
                "due_on": today + timedelta(days=1),
                "status": NoteStatus.OPEN,
            },
        ),
        (
            NoteKind.NUMBER,
            {
                "person": maya,
                "text": "Base salary band for the role; the bonus target is 8% on top.",
                "amount_low": Decimal("98000.00"),
                "amount_high": Decimal("112000.00"),
                "currency": "USD",
            },
        ),
        (
            NoteKind.FREE,
            {
                "text": "The team moved to a new data warehouse last spring and is still "
                "rebuilding its dashboards: a good place to offer help early on.",
            },
        ),
    ]
