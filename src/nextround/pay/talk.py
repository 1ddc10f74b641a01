"""Talking points once an offer has arrived: how far it is from the target and the market, and
what to ask for (base, sign-on, start date, paid time off), each with reasons drawn from the
user's own data: the market figures and their sources, a competing offer or the current job,
a strength a story backs, the notice period. Plus the answer's deadline, counted down.

Only what the data supports is said: no market range, no market reason; no competing offer,
no comparison. Amounts are yearly, in the offer's currency."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import msgspec

from nextround.pay.needs import Market, Numbers, market_point
from nextround.pay.notice import day_text
from nextround.pay.offers import Offer, Status
from nextround.pay.text import amount_text


class Backing(msgspec.Struct, frozen=True):
    """A strength of the user's and the title of a story that shows it."""

    strength: str
    story: str


class TalkingPoint(msgspec.Struct, frozen=True, kw_only=True):
    topic: str  # "base", "sign_on", "start", "pto"
    ask: str
    because: tuple[str, ...]


class Talk(msgspec.Struct, frozen=True, kw_only=True):
    offer: str
    gap_to_target: Decimal | None  # target less base: above 0, the offer falls short
    gap_to_market: Decimal | None  # the market's median less base
    summary: tuple[str, ...]
    points: tuple[TalkingPoint, ...]
    deadline: date | None
    days_left: int | None
    deadline_text: str


def _money(amount: Decimal, offer: Offer) -> str:
    return amount_text(amount, offer.currency)


def _gap_line(gap: Decimal, line: str, offer: Offer) -> str:
    if gap > 0:
        return f"The base is {_money(gap, offer)} below {line}."
    if gap < 0:
        return f"The base is {_money(-gap, offer)} above {line}."
    return f"The base is exactly {line}."


def _market_reason(market: Market | None, sources: Sequence[str], offer: Offer) -> str | None:
    median = market_point(market, Decimal(50), nearest=False) if market else None
    high = market_point(market, Decimal(75), nearest=False) if market else None
    if median is None:
        return None
    named = ", ".join(sources) if sources else "your market range"
    said = f"{named}: the median is {_money(median.value, offer)}"
    if high is not None:
        said += f" and the 75th percentile {_money(high.value, offer)}"
    return said + "."


def _best(others: Sequence[Offer], key: str, offer: Offer) -> Offer | None:
    """The other offer (or the current job) that beats this one most on ``key``."""
    mine = getattr(offer, key)
    better = [
        o
        for o in others
        if o.currency == offer.currency
        and getattr(o, key) is not None
        and (mine is None or getattr(o, key) > mine)
    ]
    return max(better, key=lambda o: getattr(o, key), default=None)


def _who(other: Offer) -> str:
    return "Your current job" if other.status is Status.CURRENT else f"The offer from {other.name}"


def _base_point(
    offer: Offer,
    numbers: Numbers,
    market_reason: str | None,
    others: Sequence[Offer],
    backing: Sequence[Backing],
) -> TalkingPoint | None:
    if offer.base >= numbers.ask:
        return None
    because: list[str] = []
    if offer.base < numbers.walk_away:
        because.append(
            f"Below {_money(numbers.walk_away, offer)} (your walk-away number) the job does not "
            "pay for your budget."
        )
    if market_reason:
        because.append(market_reason)
    rival = _best(others, "base", offer)
    if rival is not None:
        because.append(f"{_who(rival)} pays a base of {_money(rival.base, offer)}.")
    if backing:
        first = backing[0]
        because.append(f"{first.strength}: your story “{first.story}” shows it.")
    return TalkingPoint(
        topic="base",
        ask=f"Ask for a base of {_money(numbers.ask, offer)} (they offered "
        f"{_money(offer.base, offer)}); settle no lower than {_money(numbers.target, offer)}.",
        because=tuple(because),
    )


def _sign_on_point(offer: Offer, numbers: Numbers, others: Sequence[Offer]) -> TalkingPoint | None:
    gap = numbers.target - offer.base
    rival = _best(others, "sign_on", offer)
    if gap <= 0 and rival is None:
        return None
    because = []
    amount = max(gap, rival.sign_on if rival else Decimal(0))
    if gap > 0:
        because.append(
            "A sign-on is paid once, so it is often easier to grant than base; "
            f"{_money(gap, offer)} covers the first year's gap to your target."
        )
    if rival is not None:
        because.append(f"{_who(rival)} comes with a sign-on of {_money(rival.sign_on, offer)}.")
    return TalkingPoint(
        topic="sign_on",
        ask=f"If the base cannot move, ask for a sign-on bonus of {_money(amount, offer)}.",
        because=tuple(because),
    )


def _start_point(offer: Offer, earliest: date | None) -> TalkingPoint | None:
    if earliest is None or (offer.start is not None and offer.start >= earliest):
        return None
    reason = f"Your notice period lets you start on {day_text(earliest)} at the earliest."
    if offer.start is None:
        ask = f"Agree a start date: {day_text(earliest)} or later."
    else:
        ask = f"Ask to start on {day_text(earliest)} rather than {day_text(offer.start)}."
    return TalkingPoint(topic="start", ask=ask, because=(reason,))


def _pto_point(offer: Offer, others: Sequence[Offer]) -> TalkingPoint | None:
    rival = _best(others, "pto_days", offer)
    if rival is None or rival.pto_days is None:
        return None
    has = "no paid time off named" if offer.pto_days is None else f"{offer.pto_days} days"
    return TalkingPoint(
        topic="pto",
        ask=f"Ask for {rival.pto_days} days of paid time off (the offer has {has}).",
        because=(f"{_who(rival)} gives {rival.pto_days} days.",),
    )


def _deadline(offer: Offer, today: date) -> tuple[int | None, str]:
    return answer_by(offer.deadline, today)


def answer_by(deadline: date | None, today: date) -> tuple[int | None, str]:
    """The days left to answer an offer and the sentence that says it."""
    if deadline is None:
        return None, "No deadline given: ask when they need your answer."
    left = (deadline - today).days
    when = day_text(deadline)
    if left > 1:
        return left, f"Answer by {when}: {left} days left."
    if left == 1:
        return left, f"Answer by {when}: tomorrow."
    if left == 0:
        return left, f"Answer by {when}: today."
    return left, f"The deadline, {when}, passed {-left} day{'s' * (left != -1)} ago."


def talking_points(
    *,
    offer: Offer,
    numbers: Numbers | None,
    market: Market | None,
    sources: Sequence[str] = (),
    others: Sequence[Offer] = (),
    backing: Sequence[Backing] = (),
    earliest_start: date | None = None,
    today: date,
) -> Talk:
    """What to say about ``offer``. ``numbers`` (walk-away, target, ask) in the offer's
    currency, or None when the budget is not filled in; ``others`` the other offers and the
    current job; ``sources`` the names behind the market range."""
    summary: list[str] = []
    gap_target = numbers.target - offer.base if numbers else None
    median = market_point(market, Decimal(50), nearest=False) if market else None
    gap_market = median.value - offer.base if median else None
    if numbers and gap_target is not None:
        summary.append(
            _gap_line(gap_target, f"your target of {_money(numbers.target, offer)}", offer)
        )
    if median and gap_market is not None:
        summary.append(
            _gap_line(gap_market, f"the market's median of {_money(median.value, offer)}", offer)
        )
    points: list[TalkingPoint | None] = []
    if numbers:
        reason = _market_reason(market, sources, offer)
        points += [
            _base_point(offer, numbers, reason, others, backing),
            _sign_on_point(offer, numbers, others),
        ]
    points += [_start_point(offer, earliest_start), _pto_point(offer, others)]
    days_left, deadline_text = _deadline(offer, today)
    return Talk(
        offer=offer.name,
        gap_to_target=gap_target,
        gap_to_market=gap_market,
        summary=tuple(summary),
        points=tuple(p for p in points if p is not None),
        deadline=offer.deadline,
        days_left=days_left,
        deadline_text=deadline_text,
    )
