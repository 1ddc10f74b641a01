"""Talking points once an offer is in: gaps, what to ask for and why, the deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nextround.pay.needs import Numbers, market_range
from nextround.pay.offers import Offer, Status
from nextround.pay.talk import Backing, talking_points

TODAY = date(2026, 12, 6)
NUMBERS = Numbers(
    walk_away=Decimal(64_000),
    target=Decimal(104_000),
    ask=Decimal(118_000),
    target_reason="the market's median",
    ask_reason="the market's 75th percentile",
)
MARKET = market_range(low=92_000, median=104_000, high=118_000)


def _offer(**changes: object) -> Offer:
    fields: dict[str, object] = {
        "name": "Tidewater",
        "base": Decimal(99_000),
        "currency": "USD",
        "pto_days": 18,
        "deadline": date(2026, 12, 12),
    }
    fields.update(changes)
    return Offer(**fields)  # type: ignore[arg-type]


def test_an_offer_under_the_ask_gets_a_counter_with_its_reasons() -> None:
    rival = _offer(
        name="Harbor Logistics", base=Decimal(108_000), pto_days=25, sign_on=Decimal(10_000)
    )
    talk = talking_points(
        offer=_offer(),
        numbers=NUMBERS,
        market=MARKET,
        sources=["Survey A", "BLS OEWS, May 2025"],
        others=[rival],
        backing=[Backing("Calm under load", "Dock scheduling trial")],
        earliest_start=date(2027, 1, 7),
        today=TODAY,
    )
    assert talk.gap_to_target == Decimal(5_000)  # 104,000 - 99,000
    assert talk.gap_to_market == Decimal(5_000)
    assert talk.summary == (
        "The base is $5,000 below your target of $104,000.",
        "The base is $5,000 below the market's median of $104,000.",
    )
    topics = [p.topic for p in talk.points]
    assert topics == ["base", "sign_on", "start", "pto"]
    base = talk.points[0]
    assert base.ask == (
        "Ask for a base of $118,000 (they offered $99,000); settle no lower than $104,000."
    )
    assert base.because == (
        "Survey A, BLS OEWS, May 2025: the median is $104,000 and the 75th percentile $118,000.",
        "The offer from Harbor Logistics pays a base of $108,000.",
        "Calm under load: your story “Dock scheduling trial” shows it.",
    )
    # The sign-on: the larger of the gap to target (5,000) and the rival's sign-on (10,000).
    assert talk.points[1].ask == "If the base cannot move, ask for a sign-on bonus of $10,000."
    assert talk.points[2].ask == "Agree a start date: Thursday 7 January 2027 or later."
    assert talk.points[3].ask == "Ask for 25 days of paid time off (the offer has 18 days)."
    assert talk.days_left == 6
    assert talk.deadline_text == "Answer by Saturday 12 December 2026: 6 days left."


def test_below_walk_away_says_so_first() -> None:
    talk = talking_points(
        offer=_offer(base=Decimal(60_000)), numbers=NUMBERS, market=None, today=TODAY
    )
    assert talk.points[0].because[0].startswith("Below $64,000 (your walk-away number)")
    assert talk.gap_to_market is None


def test_an_offer_at_the_ask_has_nothing_to_push_on() -> None:
    current = _offer(name="Now", base=Decimal(90_000), pto_days=10, status=Status.CURRENT)
    talk = talking_points(
        offer=_offer(base=Decimal(120_000), start=date(2027, 2, 1)),
        numbers=NUMBERS,
        market=MARKET,
        others=[current],
        earliest_start=date(2027, 1, 7),
        today=TODAY,
    )
    assert talk.points == ()
    assert talk.summary[0] == "The base is $16,000 above your target of $104,000."


def test_deadlines_count_down_and_pass() -> None:
    def text(deadline: date | None) -> str:
        return talking_points(
            offer=_offer(deadline=deadline), numbers=None, market=None, today=TODAY
        ).deadline_text

    assert text(date(2026, 12, 7)) == "Answer by Monday 7 December 2026: tomorrow."
    assert text(TODAY) == "Answer by Sunday 6 December 2026: today."
    assert text(date(2026, 12, 4)) == "The deadline, Friday 4 December 2026, passed 2 days ago."
    assert text(None) == "No deadline given: ask when they need your answer."
