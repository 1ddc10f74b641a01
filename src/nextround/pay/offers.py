"""Offers side by side: what each is worth per year for its first four years, part by part,
against the current job, the walk-away number and the target.

An ``Offer`` holds what an employer offered (base, target bonus, sign-on, equity with its
vesting schedule, retirement match, the employee's health premium, PTO, remote days, commute,
dates, verbal or written). ``yearly(offer)`` gives total compensation for years 1–4 with its
parts; ``vesting(equity)`` the tranches, whose amounts always add up to the grant to the cent;
``compare(offers, baseline, walk_away, target)`` the table a page or the command line shows.
Rules and the reasons behind them: docs/money.md, "Offers side by side".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

import msgspec

from nextround.errors import Invalid
from nextround.pay.text import amount_text

CENT = Decimal("0.01")
YEARS = 4
ZERO = Decimal(0)
HUNDRED = Decimal(100)
MAX_CUSTOM_YEARS = 10
WEEK_DAYS = 5  # a commute counts the days of a five-day week not worked from home


class Schedule(StrEnum):
    YEARLY = "yearly"  # 25/25/25/25, once a year from the first anniversary
    BACK_LOADED = "back_loaded"  # 5/15/40/40
    MONTHLY = "monthly"  # 25 % at a one-year cliff, then 1/48 a month for 36 months
    QUARTERLY = "quarterly"  # 25 % at a one-year cliff, then 1/16 a quarter for 3 years
    CUSTOM = "custom"  # yearly percentages the user gives, summing to 100


SCHEDULE_NAMES = {
    Schedule.YEARLY: "25/25/25/25 a year",
    Schedule.BACK_LOADED: "5/15/40/40 a year",
    Schedule.MONTHLY: "monthly after a one-year cliff",
    Schedule.QUARTERLY: "quarterly after a one-year cliff",
    Schedule.CUSTOM: "custom",
}


class Status(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    CURRENT = "current"  # the job the candidate has now, as a baseline


class Equity(msgspec.Struct, frozen=True, kw_only=True):
    """A grant given either as a value or as units at a price, and how it vests."""

    value: Decimal | None = None
    units: Decimal | None = None
    unit_price: Decimal | None = None
    schedule: Schedule = Schedule.YEARLY
    custom: tuple[Decimal, ...] = ()  # yearly percentages, for Schedule.CUSTOM


class Tranche(msgspec.Struct, frozen=True):
    month: int  # months after the start date
    amount: Decimal


class Offer(msgspec.Struct, frozen=True, kw_only=True):
    """One offer, or the current job (``status=Status.CURRENT``). Amounts are a year's, in
    ``currency``; percentages are numbers of percent (``Decimal("10")`` is 10 %)."""

    name: str
    base: Decimal
    currency: str = "USD"
    bonus_percent: Decimal | None = None  # target bonus as a share of base …
    bonus_amount: Decimal | None = None  # … or as an amount
    sign_on: Decimal = ZERO
    equity: Equity | None = None
    match_percent: Decimal = ZERO  # the share of the employee's contributions matched …
    match_up_to: Decimal = ZERO  # … up to this percentage of base
    health_premium: Decimal = ZERO  # what the employee pays for health cover in a year
    commute_cost: Decimal = ZERO  # a year
    commute_minutes: int | None = None  # a working day in the office, there and back
    pto_days: int | None = None
    remote_days: int | None = None  # a week
    start: date | None = None
    deadline: date | None = None
    status: Status = Status.VERBAL


class Year(msgspec.Struct, frozen=True, kw_only=True):
    """One year's total compensation and its parts; costs (health, commute) are negative, so
    the parts add up to ``total``."""

    year: int
    base: Decimal
    bonus: Decimal
    sign_on: Decimal
    equity: Decimal
    retirement: Decimal
    health: Decimal
    commute: Decimal
    total: Decimal


PARTS = (
    ("base", "Base salary"),
    ("bonus", "Target bonus"),
    ("sign_on", "Sign-on bonus"),
    ("equity", "Equity vesting"),
    ("retirement", "Retirement match"),
    ("health", "Health premium (your cost)"),
    ("commute", "Commute cost"),
)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# Vesting -------------------------------------------------------------------------------------


def grant_value(equity: Equity) -> Decimal:
    """The grant's value to the cent: the value given, or units × price."""
    if equity.value is not None and (equity.units is not None or equity.unit_price is not None):
        raise Invalid(
            "Give the grant either as a value or as units and a price, not both.",
            {"equity": ["Either a value, or units and a price."]},
        )
    if equity.value is not None:
        value = equity.value
    elif equity.units is not None and equity.unit_price is not None:
        value = equity.units * equity.unit_price
    else:
        raise Invalid(
            "The grant needs a value, or both its number of units and the price of one.",
            {"equity": ["Give a value, or units and a price."]},
        )
    if not value.is_finite() or value < 0:
        raise Invalid("The grant's value cannot be negative.", {"equity": ["Not below 0."]})
    return _cents(value)


def _shares(equity: Equity) -> list[tuple[int, Fraction]]:
    """Each tranche's month and its share of the grant."""
    cliff = [(12, Fraction(1, 4))]
    if equity.schedule is Schedule.YEARLY:
        return [(12 * year, Fraction(1, 4)) for year in range(1, 5)]
    if equity.schedule is Schedule.BACK_LOADED:
        return [(12 * (i + 1), Fraction(p, 100)) for i, p in enumerate((5, 15, 40, 40))]
    if equity.schedule is Schedule.MONTHLY:
        return cliff + [(month, Fraction(1, 48)) for month in range(13, 49)]
    if equity.schedule is Schedule.QUARTERLY:
        return cliff + [(month, Fraction(1, 16)) for month in range(15, 49, 3)]
    return [(12 * (i + 1), Fraction(p) / 100) for i, p in enumerate(_custom(equity.custom))]


def _custom(percentages: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """Yearly percentages that add up to exactly 100, or Invalid."""
    given = tuple(percentages)
    if not given or len(given) > MAX_CUSTOM_YEARS:
        raise Invalid(
            f"A custom schedule needs one percentage per year, for 1 to {MAX_CUSTOM_YEARS} years.",
            {"custom": ["Give a percentage for each year, such as 10, 20, 30, 40."]},
        )
    if any(not p.is_finite() or p < 0 for p in given):
        raise Invalid("A year's percentage cannot be negative.", {"custom": ["Use 0 or more."]})
    total = sum(given, ZERO)
    if total != HUNDRED:
        listed = " + ".join(f"{p.normalize():f}" for p in given)
        raise Invalid(
            f"The vesting percentages add up to {total.normalize():f} % ({listed}), not 100 %.",
            {"custom": [f"They add up to {total.normalize():f} %; make them add up to 100."]},
        )
    return given


def vesting(equity: Equity) -> tuple[Tranche, ...]:
    """The grant's tranches by month. Each is rounded down to the cent and the remainder goes
    to the last tranche with a share, so they add up to ``grant_value`` exactly."""
    value = grant_value(equity)
    shares = _shares(equity)
    amounts = [
        (Decimal(share.numerator) * value / Decimal(share.denominator)).quantize(
            CENT, rounding=ROUND_DOWN
        )
        for _, share in shares
    ]
    last = max(i for i, (_, share) in enumerate(shares) if share > 0)
    amounts[last] += value - sum(amounts, ZERO)
    return tuple(Tranche(month, amount) for (month, _), amount in zip(shares, amounts, strict=True))


def vesting_by_year(equity: Equity) -> tuple[Decimal, ...]:
    """What vests in each year after the start (year 1 holds months 1–12), to the last
    tranche's year; at least four years."""
    tranches = vesting(equity)
    years = max(YEARS, *((t.month + 11) // 12 for t in tranches))
    totals = [ZERO] * years
    for tranche in tranches:
        totals[(tranche.month - 1) // 12] += tranche.amount
    return tuple(totals)


# One offer -----------------------------------------------------------------------------------


def _field_error(field: str, message: str) -> Invalid:
    return Invalid(message, {field: [message]})


def check_offer(offer: Offer) -> None:
    """Invalid naming the first field that breaks a rule."""
    if not offer.name.strip():
        raise _field_error("name", "Give the offer a name, such as the employer's.")
    if not offer.base.is_finite() or offer.base <= 0:
        raise _field_error("base", f"{offer.name}: the base salary must be more than 0.")
    if offer.bonus_percent is not None and offer.bonus_amount is not None:
        raise _field_error(
            "bonus", f"{offer.name}: give the target bonus as a percentage or an amount, not both."
        )
    percentages = {
        "bonus_percent": offer.bonus_percent,
        "match_percent": offer.match_percent,
        "match_up_to": offer.match_up_to,
    }
    for field, percent in percentages.items():
        if percent is not None and (not percent.is_finite() or not 0 <= percent <= 200):
            raise _field_error(field, f"{offer.name}: use a percentage from 0 to 200.")
    amounts = {
        "bonus_amount": offer.bonus_amount,
        "sign_on": offer.sign_on,
        "health_premium": offer.health_premium,
        "commute_cost": offer.commute_cost,
    }
    for field, amount in amounts.items():
        if amount is not None and (not amount.is_finite() or amount < 0):
            raise _field_error(field, f"{offer.name}: amounts cannot be negative.")
    counts = {
        "pto_days": (offer.pto_days, 366),
        "remote_days": (offer.remote_days, 7),
        "commute_minutes": (offer.commute_minutes, 24 * 60),
    }
    for field, (count, most) in counts.items():
        if count is not None and not 0 <= count <= most:
            raise _field_error(field, f"{offer.name}: use a number from 0 to {most}.")


def yearly(offer: Offer, years: int = YEARS) -> tuple[Year, ...]:
    """Total compensation for each of the first ``years`` years, with its parts."""
    check_offer(offer)
    bonus = (
        _cents(offer.base * offer.bonus_percent / HUNDRED)
        if offer.bonus_percent is not None
        else (offer.bonus_amount or ZERO)
    )
    retirement = _cents(offer.base * offer.match_percent * offer.match_up_to / HUNDRED / HUNDRED)
    equity = vesting_by_year(offer.equity) if offer.equity else ()
    rows = []
    for year in range(1, years + 1):
        parts = {
            "base": offer.base,
            "bonus": bonus,
            "sign_on": offer.sign_on if year == 1 else ZERO,
            "equity": equity[year - 1] if year <= len(equity) else ZERO,
            "retirement": retirement,
            "health": -offer.health_premium,
            "commute": -offer.commute_cost,
        }
        rows.append(Year(year=year, total=sum(parts.values(), ZERO), **parts))
    return tuple(rows)


# Side by side --------------------------------------------------------------------------------


class Column(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    baseline: bool
    years: tuple[Year, ...]
    year_one: Decimal
    four_years: Decimal
    year_one_vs_baseline: Decimal | None
    four_years_vs_baseline: Decimal | None
    below_walk_away: bool
    below_target: bool
    flags: tuple[str, ...]


class Row(msgspec.Struct, frozen=True, kw_only=True):
    """One part of pay across the columns: in year 1, and over years 1–4."""

    key: str
    label: str
    year_one: tuple[Decimal, ...]
    four_years: tuple[Decimal, ...]


class Fact(msgspec.Struct, frozen=True, kw_only=True):
    """Something other than money, as text per column ("" when not given)."""

    key: str
    label: str
    values: tuple[str, ...]


class Comparison(msgspec.Struct, frozen=True, kw_only=True):
    currency: str
    columns: tuple[Column, ...]  # the baseline first, when there is one
    rows: tuple[Row, ...]
    facts: tuple[Fact, ...]
    walk_away: Decimal | None
    target: Decimal | None


def _flags(
    offer: Offer, walk_away: Decimal | None, target: Decimal | None
) -> tuple[bool, bool, tuple[str, ...]]:
    """Base salary against the walk-away number and the target: only the base is sure money."""
    base = amount_text(offer.base, offer.currency)
    flags = []
    below_walk_away = walk_away is not None and offer.base < walk_away
    below_target = target is not None and offer.base < target
    if walk_away is not None and below_walk_away:
        need = amount_text(walk_away, offer.currency)
        flags.append(f"Base {base} is below your walk-away number of {need}.")
    elif target is not None and below_target:
        want = amount_text(target, offer.currency)
        flags.append(f"Base {base} is below your target of {want}.")
    return below_walk_away, below_target, tuple(flags)


def _check_amount(value: Decimal | None, field: str) -> None:
    if value is not None and (not value.is_finite() or value < 0):
        raise _field_error(field, "Give a number of 0 or more.")


def compare(
    offers: Sequence[Offer],
    baseline: Offer | None = None,
    walk_away: Decimal | None = None,
    target: Decimal | None = None,
) -> Comparison:
    """Every offer beside the current job (when given), part by part, with the totals for
    year 1 and years 1–4, the difference to the current job, and the walk-away and target
    flags. All amounts must be in one currency."""
    if not offers:
        raise Invalid("Add an offer to compare.", {"offers": ["No offers yet."]})
    _check_amount(walk_away, "walk_away")
    _check_amount(target, "target")
    everyone = ([baseline] if baseline else []) + list(offers)
    currencies = {o.currency.strip().upper() for o in everyone}
    if len(currencies) > 1:
        raise Invalid(
            f"The offers are in several currencies ({', '.join(sorted(currencies))}); "
            "convert them to one to compare.",
            {"currency": ["Use one currency for every offer."]},
        )
    tables = [yearly(o) for o in everyone]
    base_years = tables[0] if baseline else None
    columns = tuple(
        _column(o, years, base_years, walk_away, target, baseline=(i == 0 and bool(baseline)))
        for i, (o, years) in enumerate(zip(everyone, tables, strict=True))
    )
    rows = tuple(
        Row(
            key=key,
            label=label,
            year_one=tuple(getattr(years[0], key) for years in tables),
            four_years=tuple(sum((getattr(y, key) for y in years), ZERO) for years in tables),
        )
        for key, label in PARTS
    )
    return Comparison(
        currency=currencies.pop(),
        columns=columns,
        rows=rows,
        facts=_facts(everyone),
        walk_away=walk_away,
        target=target,
    )


def _column(
    offer: Offer,
    years: tuple[Year, ...],
    base_years: tuple[Year, ...] | None,
    walk_away: Decimal | None,
    target: Decimal | None,
    *,
    baseline: bool,
) -> Column:
    year_one = years[0].total
    four = sum((y.total for y in years), ZERO)
    below_walk_away, below_target, flags = _flags(offer, walk_away, target)
    against = base_years is not None and not baseline
    return Column(
        name=offer.name,
        baseline=baseline,
        years=years,
        year_one=year_one,
        four_years=four,
        year_one_vs_baseline=year_one - base_years[0].total if base_years and against else None,
        four_years_vs_baseline=(
            four - sum((y.total for y in base_years), ZERO) if base_years and against else None
        ),
        below_walk_away=below_walk_away,
        below_target=below_target,
        flags=flags,
    )


def _commute_text(offer: Offer) -> str:
    if offer.commute_minutes is None:
        return ""
    text = f"{offer.commute_minutes} min a day"
    if offer.remote_days is not None:
        office = max(WEEK_DAYS - offer.remote_days, 0)
        minutes = offer.commute_minutes * office
        text += f", {minutes // 60} h {minutes % 60:02d} min a week"
    return text


def _facts(everyone: Sequence[Offer]) -> tuple[Fact, ...]:
    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def schedule(offer: Offer) -> str:
        return SCHEDULE_NAMES[offer.equity.schedule] if offer.equity else ""

    return (
        Fact(key="vesting", label="Vesting", values=tuple(schedule(o) for o in everyone)),
        Fact(
            key="pto_days",
            label="Paid time off (days)",
            values=tuple(text(o.pto_days) for o in everyone),
        ),
        Fact(
            key="remote_days",
            label="Remote days a week",
            values=tuple(text(o.remote_days) for o in everyone),
        ),
        Fact(key="commute", label="Commute", values=tuple(_commute_text(o) for o in everyone)),
        Fact(key="start", label="Start date", values=tuple(text(o.start) for o in everyone)),
        Fact(key="deadline", label="Answer by", values=tuple(text(o.deadline) for o in everyone)),
        Fact(key="status", label="Offer", values=tuple(o.status.value for o in everyone)),
    )
