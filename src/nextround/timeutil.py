"""Wall-clock times in a named time zone, converted with care for daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from nextround.errors import Invalid

# The one range of dates nextround takes, wherever a date comes in (forms, the command line, an
# import): wide enough for a long career's stories, narrow enough that adding a plan's days or a
# time zone's offset to any of them stays a valid date.
EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
# An aware moment is in range when some clock on Earth (UTC+14 to UTC-12) reads a date in range.
_FIRST_MOMENT = datetime.combine(EARLIEST, time.min, tzinfo=timezone(timedelta(hours=14)))
_LAST_MOMENT = datetime.combine(LATEST, time.max, tzinfo=timezone(timedelta(hours=-12)))


def in_range(value: date) -> bool:
    """Whether a date, or a date and time, lies in EARLIEST–LATEST."""
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return _FIRST_MOMENT <= value <= _LAST_MOMENT
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def check_date(value: date) -> None:
    """Refuse a date, or a date and time, outside EARLIEST–LATEST (Invalid, naming the range)."""
    if not in_range(value):
        raise Invalid(
            f"{value.isoformat()[:10]} is out of range: "
            f"use a date from {EARLIEST.year} to {LATEST.year}."
        )


@cache
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@cache
def _known_zones() -> frozenset[str]:
    """The names as a set: every time shown on a page asks (the sorted tuple took a scan)."""
    return frozenset(timezone_names())


def zone(name: str) -> ZoneInfo:
    if name not in _known_zones():
        raise Invalid(f"Unknown time zone {name!r}; use an IANA name such as Europe/Berlin.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - listed but unreadable
        raise Invalid(f"Time zone {name!r} cannot be read.") from exc


def to_utc(wall_clock: datetime, tz_name: str) -> datetime:
    """A naive local time in ``tz_name`` as an aware UTC datetime.

    A time skipped by a spring-forward change does not exist; we refuse it rather than guess.
    An ambiguous autumn time takes its first occurrence (fold=0), as a calendar would.
    """
    check_date(wall_clock)
    if wall_clock.tzinfo is not None:
        return wall_clock.astimezone(UTC)
    tz = zone(tz_name)
    aware = wall_clock.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall_clock:
        raise Invalid(
            f"{wall_clock:%Y-%m-%d %H:%M} does not exist in {tz_name}: the clocks skip that hour."
        )
    return aware.astimezone(UTC)


def to_local(moment: datetime, tz_name: str) -> datetime:
    """``moment`` on the clock of ``tz_name``. A moment outside the range (stored before dates
    were checked) stays in UTC: near year 1 or 9999 an offset can leave Python's calendar, and
    the page that shows it says the date needs editing (``in_range``)."""
    if not in_range(moment):
        return moment.astimezone(UTC)
    return moment.astimezone(zone(tz_name))


def two_clocks(
    moment: datetime, round_zone: str, own_zone: tzinfo
) -> tuple[datetime, datetime | None]:
    """``moment`` on the round's clock, and on the user's own clock when that one reads
    differently at that moment (a zone of another name but the same offset reads the same)."""
    on_round = to_local(moment, round_zone)
    if not in_range(moment):
        return on_round, None
    on_own = moment.astimezone(own_zone)
    same = on_own.replace(tzinfo=None) == on_round.replace(tzinfo=None)
    return on_round, None if same else on_own


def countdown(until: datetime, now: datetime) -> str:
    """'in 2 days, 3 hours' / 'in 45 minutes' / 'started'."""
    left = until - now
    if left <= timedelta(0):
        return "started"
    days, rest = divmod(int(left.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' * (days != 1)}")
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    if not days and (minutes or not parts):
        parts.append(f"{minutes} minute{'s' * (minutes != 1)}")
    return "in " + ", ".join(parts)
