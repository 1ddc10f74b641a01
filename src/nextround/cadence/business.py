"""Business days: the country's weekend and its public holidays (with a region's own, when one
is given) skipped, from the data the ``holidays`` package ships. No network."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from nextround.errors import Invalid

# Long enough to cross any run of weekend days and holidays on Earth, short enough that a bug
# cannot spin: no calendar has a month without a working day.
_MAX_STEPS = 31


@cache
def _calendar(country: str, subdivision: str | None) -> holidays.HolidayBase:
    if not country:  # no country known: a Saturday-Sunday weekend and no holidays
        return holidays.HolidayBase()
    return holidays.country_holidays(country, subdiv=subdivision)


def canonical_region(country: str, subdivision: str | None) -> tuple[str, str | None]:
    """The country code in capitals and the region as the holiday data names it, or Invalid.
    An empty country stands for "none known": weekends only."""
    code = country.strip().upper()
    if not code:
        return "", None
    supported = holidays.list_supported_countries()
    if code not in supported:
        raise Invalid(
            f"No public holidays are known for country {country!r}; "
            "use a two-letter ISO 3166 code such as US, GB or DE.",
            {"country": [f"Unknown country code {country!r}."]},
        )
    if subdivision is None or not subdivision.strip():
        return code, None
    wanted = subdivision.strip().upper()
    for name in supported[code]:
        if name.upper() == wanted:
            return code, name
    regions = ", ".join(supported[code][:12])
    raise Invalid(
        f"{code} has no region {subdivision!r}"
        + (f"; use one of {regions}{', …' * (len(supported[code]) > 12)}." if regions else "."),
        {"subdivision": [f"Unknown region {subdivision!r} for {code}."]},
    )


def working_day(day: date, country: str, subdivision: str | None = None) -> bool:
    """Whether ``day`` is a working day: not on the country's weekend, not a public holiday."""
    code, region = canonical_region(country, subdivision)
    return bool(_calendar(code, region).is_working_day(day))


def holiday_name(day: date, country: str, subdivision: str | None = None) -> str | None:
    """The public holiday's name on ``day`` (several joined by "; "), or None."""
    code, region = canonical_region(country, subdivision)
    name = _calendar(code, region).get(day)
    return str(name) if name else None


def previous_business_day(day: date, country: str, subdivision: str | None = None) -> date:
    """The last working day strictly before ``day``."""
    code, region = canonical_region(country, subdivision)
    calendar = _calendar(code, region)
    candidate = day
    for _ in range(_MAX_STEPS):
        candidate -= timedelta(days=1)
        if calendar.is_working_day(candidate):
            return candidate
    raise Invalid(f"No working day in {code} within a month before {day.isoformat()}.")


def next_business_day(day: date, country: str, subdivision: str | None = None) -> date:
    """The first working day strictly after ``day``."""
    code, region = canonical_region(country, subdivision)
    calendar = _calendar(code, region)
    candidate = day
    for _ in range(_MAX_STEPS):
        candidate += timedelta(days=1)
        if calendar.is_working_day(candidate):
            return candidate
    raise Invalid(f"No working day in {code} within a month after {day.isoformat()}.")


def business_days_after(
    day: date, count: int, country: str, subdivision: str | None = None
) -> date:
    """The ``count``-th working day after ``day`` (``count`` ≥ 1)."""
    for _ in range(count):
        day = next_business_day(day, country, subdivision)
    return day


def on_or_after(day: date, country: str, subdivision: str | None = None) -> date:
    """``day`` when it is a working day, else the next one."""
    if working_day(day, country, subdivision):
        return day
    return next_business_day(day, country, subdivision)
