"""From a notice period as people write it to the earliest date a new job can start.

``parse_notice("3 months to the end of a month")`` reads the text into a ``NoticeRule``;
``start_date(rule_or_text, country=..., ...)`` works out when the notice ends, the last working
day (earlier when holiday left is taken during the notice) and the earliest start: the first
working day after the notice's end and any planned break. Working days are the country's (and
region's) from the ``holidays`` data, through ``nextround.cadence.business``.

How periods are counted (docs/money.md, "Notice period and start date"):

* notice given on a day runs from the next day: "4 weeks" given on a Thursday ends on the
  Thursday four weeks later, "1 month" given on 31 January ends on 28 (or 29) February;
* notice that runs "from Monday" starts at the beginning of the next Monday, so it ends the day
  before the same weekday: "2 weeks from Monday" ends on a Sunday;
* "to the end of a month" (or quarter, or year) moves the end to the first such end on or after
  the plain period's end; "end of the month" alone is the first month end after the notice day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

import msgspec
from dateutil.relativedelta import relativedelta

from nextround.cadence.business import (
    business_days_after,
    holiday_name,
    next_business_day,
    previous_business_day,
    working_day,
)
from nextround.errors import Invalid
from nextround.timeutil import check_date

EXAMPLES = (
    "4 weeks",
    "one month",
    "3 months to the end of a month",
    "2 weeks from Monday",
    "end of the quarter",
    "30 days",
    "10 working days",
    "immediately",
)
# Longer than any notice period in use: a number past these is more likely a typing slip.
_LIMITS = {"day": 730, "working_day": 520, "week": 104, "month": 24, "year": 2}
MAX_HOLIDAY_LEFT = 100  # working days
MAX_BREAK_DAYS = 366


class Unit(StrEnum):
    DAY = "day"
    WORKING_DAY = "working_day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Boundary(StrEnum):
    NONE = "none"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class NoticeRule(msgspec.Struct, frozen=True, kw_only=True):
    """A notice period: ``amount`` ``unit``s (0 for immediately), moved to the end of a month,
    quarter or year when ``to_end_of`` says so, counted from the next ``from_weekday``
    (0 = Monday) when one is named."""

    amount: int
    unit: Unit = Unit.DAY
    to_end_of: Boundary = Boundary.NONE
    from_weekday: int | None = None

    def describe(self) -> str:
        if self.amount == 0 and self.to_end_of is Boundary.NONE:
            return "immediately"
        parts = []
        if self.amount:
            parts.append(_plural(self.amount, self.unit.value.replace("_", " ")))
        if self.to_end_of is not Boundary.NONE:
            article = "to the end of a" if self.amount else "end of the"
            parts.append(f"{article} {self.to_end_of.value}")
        if self.from_weekday is not None:
            parts.append(f"from {_WEEKDAY_NAMES[self.from_weekday]}")
        return " ".join(parts)


class StartDate(msgspec.Struct, frozen=True, kw_only=True):
    """The dates worked out from a notice period, with the steps a person can follow."""

    rule: NoticeRule
    given_on: date
    notice_ends: date
    last_working_day: date
    earliest_start: date
    holiday_left: int
    break_days: int
    lines: tuple[str, ...]


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)} | {
    name[:3].lower(): i for i, name in enumerate(_WEEKDAY_NAMES)
}
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUMBERS = {word: i for i, word in enumerate(_NUMBER_WORDS)} | {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a": 1,
    "an": 1,
}
_IMMEDIATE = {
    "immediately",
    "immediate",
    "immediate effect",
    "with immediate effect",
    "none",
    "no",
    "zero",
    "0",
    "nil",
    "at once",
    "now",
}
_PATTERN = re.compile(
    r"""^
    (?:(?P<amount>\d+|[a-z]+)\s+
       (?P<kind>calendar\s+|working\s+|business\s+|work\s+)?
       (?P<unit>day|week|month|year)s?
    )?
    (?:\s*(?:to|until|till|at|by|on)?\s*(?:the\s+)?end\s+of\s+(?:a|the|each|every|any)?\s*
       (?:calendar\s+)?(?P<boundary>month|quarter|year)
    )?
    (?:\s*(?:from|starting|beginning|commencing)\s+(?:on\s+)?(?:the\s+)?(?:next\s+|coming\s+)?
       (?P<weekday>[a-z]+)
    )?
    $""",
    re.VERBOSE,
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _normalise(text: str) -> str:
    lowered = text.lower().replace("’", "'").replace("-", " ")
    lowered = re.sub(r"'s\b", "", lowered).replace("'", "")  # "4 weeks' notice", "a month's"
    lowered = re.sub(r"[.,;:!()]", " ", lowered)
    lowered = re.sub(r"\b(?:notice(?:\s+period)?|period|of\s+notice|is|it)\b", " ", lowered)
    lowered = re.sub(r"\b(month|quarter|year)\s+end\b", r"end of the \1", lowered)
    return " ".join(lowered.split())


def _refuse(text: str, why: str) -> Invalid:
    examples = "; ".join(f'"{example}"' for example in EXAMPLES)
    message = f"{why} Write the notice period like one of these: {examples}."
    return Invalid(message, {"notice": [f"Cannot read {text.strip()!r} as a notice period."]})


def parse_notice(text: str) -> NoticeRule:
    """The rule a notice period written in words stands for, or Invalid with examples."""
    cleaned = _normalise(text)
    if not cleaned:
        raise _refuse(text, "The notice period is empty.")
    if cleaned in _IMMEDIATE:
        return NoticeRule(amount=0)
    found = _PATTERN.match(cleaned)
    if found is None or not (found["unit"] or found["boundary"]):
        raise _refuse(text, f"The notice period {text.strip()!r} is not one we can read.")
    amount, unit = 0, Unit.DAY
    if found["unit"]:
        amount, unit = _amount(found["amount"], text), _unit(found["kind"], found["unit"])
        if amount > _LIMITS[unit.value]:
            period = _plural(amount, unit.value.replace("_", " "))
            raise _refuse(text, f"{period} is longer than any notice period we expect.")
    weekday = None
    if found["weekday"]:
        if found["weekday"] not in _WEEKDAYS:
            raise _refuse(text, f"{found['weekday']!r} is not a day of the week.")
        weekday = _WEEKDAYS[found["weekday"]]
    return NoticeRule(
        amount=amount,
        unit=unit,
        to_end_of=Boundary(found["boundary"]) if found["boundary"] else Boundary.NONE,
        from_weekday=weekday,
    )


def _unit(kind: str | None, unit: str) -> Unit:
    if unit == "day" and (kind or "").strip() in {"working", "business", "work"}:
        return Unit.WORKING_DAY
    return Unit(unit)


def _amount(word: str, text: str) -> int:
    if word.isdigit():
        return int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    raise _refuse(text, f"{word!r} is not a number we can read; write it in digits.")


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_text(day: date) -> str:
    """``Monday 4 January 2027``."""
    return f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _after(start: date, rule: NoticeRule, country: str, subdivision: str | None) -> date:
    """``start`` plus the rule's plain period (no boundary)."""
    if rule.unit is Unit.WORKING_DAY:
        return business_days_after(start, rule.amount, country, subdivision)
    if rule.unit is Unit.DAY:
        return start + timedelta(days=rule.amount)
    if rule.unit is Unit.WEEK:
        return start + timedelta(weeks=rule.amount)
    months = rule.amount * (12 if rule.unit is Unit.YEAR else 1)
    # relativedelta keeps the day of the month, or the month's last day when it has none:
    # 31 January + 1 month = 28 (or 29) February.
    return start + relativedelta(months=months)


def boundary_end(day: date, boundary: Boundary) -> date:
    """The first end of a month, quarter or year on or after ``day``."""
    if boundary is Boundary.MONTH:
        return day + relativedelta(day=31)
    if boundary is Boundary.QUARTER:
        return day + relativedelta(month=(day.month - 1) // 3 * 3 + 3, day=31)
    if boundary is Boundary.YEAR:
        return date(day.year, 12, 31)
    return day


def _next_weekday(day: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``day``."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _notice_end(
    rule: NoticeRule, given_on: date, country: str, subdivision: str | None
) -> tuple[date, list[str]]:
    lines: list[str] = []
    if rule.amount == 0:
        plain_end = given_on
    elif rule.from_weekday is not None:
        begins = _next_weekday(given_on, rule.from_weekday)
        # A period that starts at the beginning of a day ends the day before the same point
        # one period later.
        plain_end = _after(begins - timedelta(days=1), rule, country, subdivision)
        period = _plural(rule.amount, rule.unit.value.replace("_", " "))
        lines.append(f"It runs from {day_text(begins)}: {period} end on {day_text(plain_end)}.")
    else:
        plain_end = _after(given_on, rule, country, subdivision)
        period = _plural(rule.amount, rule.unit.value.replace("_", " "))
        lines.append(f"{period.capitalize()} after that is {day_text(plain_end)}.")
    if rule.to_end_of is Boundary.NONE:
        return plain_end, lines
    floor = plain_end if rule.amount else given_on + timedelta(days=1)
    end = boundary_end(floor, rule.to_end_of)
    if end != plain_end:
        lines.append(f"Moved to the end of the {rule.to_end_of.value}: {day_text(end)}.")
    return end, lines


def _take_holiday(
    last: date, given_on: date, holiday_left: int, country: str, subdivision: str | None
) -> tuple[date, list[date]]:
    """Holiday taken on the notice's last working days (never on or before the notice day):
    the last day actually worked, and the days taken, latest first."""
    taken: list[date] = []
    candidate = last
    while len(taken) < holiday_left and candidate > given_on:
        taken.append(candidate)
        candidate = previous_business_day(candidate, country, subdivision)
    return candidate, taken


def _check_counts(holiday_left: int, break_days: int) -> None:
    if not 0 <= holiday_left <= MAX_HOLIDAY_LEFT:
        raise Invalid(
            f"Holiday left is {holiday_left} days: give a number of working days from 0 to "
            f"{MAX_HOLIDAY_LEFT}.",
            {"holiday_left": [f"Use 0 to {MAX_HOLIDAY_LEFT} working days."]},
        )
    if not 0 <= break_days <= MAX_BREAK_DAYS:
        raise Invalid(
            f"A break of {break_days} days is out of range: give 0 to {MAX_BREAK_DAYS} days "
            "(or up to 52 weeks).",
            {"break": [f"Use 0 to {MAX_BREAK_DAYS} days."]},
        )


def start_date(
    notice: NoticeRule | str,
    *,
    country: str,
    subdivision: str | None = None,
    given_on: date | None = None,
    holiday_left: int = 0,
    break_days: int = 0,
    break_weeks: int = 0,
) -> StartDate:
    """When the notice ends, the last working day and the earliest start, with each step.

    ``given_on`` is the day notice is handed in (today when None); ``holiday_left`` is working
    days of holiday still owed, taken at the end of the notice; the break (days plus weeks)
    comes between the notice's end and the new job. Working days follow ``country`` (ISO 3166
    code) and ``subdivision`` (its region, e.g. ``BY`` or ``SCT``)."""
    rule = parse_notice(notice) if isinstance(notice, str) else notice
    given = date.today() if given_on is None else given_on
    check_date(given)
    pause = break_days + 7 * break_weeks
    _check_counts(holiday_left, pause)
    lines = [f"Notice given on {day_text(given)}: {rule.describe()}."]
    end, steps = _notice_end(rule, given, country, subdivision)
    lines += steps
    lines.append(f"The notice ends on {day_text(end)}.")
    last = (
        end
        if working_day(end, country, subdivision)
        else previous_business_day(end, country, subdivision)
    )
    if last != end:
        lines.append(f"The last working day of the notice is {day_text(last)}.")
    if holiday_left:
        last, taken = _take_holiday(last, given, holiday_left, country, subdivision)
        if taken:
            span = (
                day_text(taken[0])
                if len(taken) == 1
                else (f"{day_text(taken[-1])} to {day_text(taken[0])}")
            )
            lines.append(
                f"{_plural(len(taken), 'day')} of holiday taken at the end of the notice "
                f"({span}): the last day at work is {day_text(last)}."
            )
        if len(taken) < holiday_left:
            lines.append(
                f"{_plural(holiday_left - len(taken), 'day')} of holiday more than the notice "
                "has working days: ask for them to be paid out."
            )
    ready = end + timedelta(days=pause)
    if pause:
        lines.append(f"A break of {_plural(pause, 'day')} after that: until {day_text(ready)}.")
    start = next_business_day(ready, country, subdivision)
    check_date(start)
    lines.append(
        f"Earliest start: {day_text(start)}, the first working day after {day_text(ready)}."
    )
    lines += _holidays_between(ready, start, country, subdivision)
    return StartDate(
        rule=rule,
        given_on=given,
        notice_ends=end,
        last_working_day=last,
        earliest_start=start,
        holiday_left=holiday_left,
        break_days=pause,
        lines=tuple(lines),
    )


def _holidays_between(
    after: date, before: date, country: str, subdivision: str | None
) -> list[str]:
    """A line naming each public holiday skipped between two days (both excluded)."""
    named = []
    day = after + timedelta(days=1)
    while day < before:
        name = holiday_name(day, country, subdivision)
        if name:
            named.append(f"{day_text(day)} is {name}")
        day += timedelta(days=1)
    return [f"Skipped: {'; '.join(named)}."] if named else []
