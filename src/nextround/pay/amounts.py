"""Checks and rounding shared by the money arithmetic: amounts are ``Decimal`` with at most two
decimals, never negative, never absurdly large; percentages stay in their range. Every refusal is
an ``Invalid`` naming the field."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from nextround.errors import Invalid

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
HOURS_PER_YEAR = 2080  # 40 hours a week for 52 weeks: how an hourly rate becomes a year
MONTHS_PER_YEAR = 12


class Period(StrEnum):
    """What a pay figure is per."""

    HOUR = "hour"
    MONTH = "month"
    YEAR = "year"


def refuse(field: str, message: str) -> Invalid:
    return Invalid(message, {field: [message]})


def check_amount(value: object, field: str, *, limit: Decimal, what: str = "An amount") -> Decimal:
    """``value`` as a Decimal of at most two decimals between 0 and ``limit``, or Invalid.
    Integers pass; floats do not (0.1 is not a tenth), nor booleans."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise refuse(field, f"{what} must be a number of money, such as 1250 or 1250.50.")
    amount = Decimal(value)
    if not amount.is_finite():
        raise refuse(field, f"{what} must be a finite number.")
    if amount < 0:
        raise refuse(field, f"{what} cannot be negative.")
    if amount > limit:
        raise refuse(field, f"{what} above {limit:,} is out of range; check the figure.")
    if amount != amount.quantize(CENT):
        raise refuse(field, f"{what} has at most two decimals (cents).")
    return amount


def check_percent(
    value: object, field: str, *, low: Decimal, high: Decimal, what: str = "A rate"
) -> Decimal:
    """A percentage (22 means 22 %) between ``low`` and ``high``, with at most four decimals."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise refuse(field, f"{what} must be a number of percent, such as 5 or 4.5.")
    rate = Decimal(value)
    if not rate.is_finite() or not low <= rate <= high:
        raise refuse(field, f"{what} must be between {low} % and {high} %.")
    if rate != rate.quantize(Decimal("0.0001")):
        raise refuse(field, f"{what} has at most four decimals.")
    return rate


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, halves up (as payroll rounds)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def of(rate: Decimal, base: Decimal) -> Decimal:
    """``rate`` percent of ``base``, to the cent."""
    return cents(base * rate / HUNDRED)


def whole_up(value: Decimal) -> Decimal:
    """Up to the next whole unit of money."""
    return value.to_integral_value(rounding=ROUND_CEILING)


def round_figure_up(value: Decimal) -> Decimal:
    """Up to three significant figures (124,317 becomes 125,000; 65,432 becomes 65,500): a
    number one can say out loud. Whole units below 1,000."""
    whole = whole_up(value)
    digits = len(str(int(whole)))
    step = Decimal(10) ** max(0, digits - 3)
    return (whole / step).to_integral_value(rounding=ROUND_CEILING) * step


def to_yearly(amount: Decimal, period: Period) -> Decimal:
    """A pay figure per hour or month as a year's (2,080 hours; 12 months), to the cent."""
    if period is Period.HOUR:
        return cents(amount * HOURS_PER_YEAR)
    if period is Period.MONTH:
        return cents(amount * MONTHS_PER_YEAR)
    return amount
