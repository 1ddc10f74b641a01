from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from nextround import timeutil
from nextround.errors import Invalid


def test_wall_clock_to_utc_respects_daylight_saving() -> None:
    summer = timeutil.to_utc(datetime(2026, 7, 1, 9, 0), "Europe/Berlin")
    winter = timeutil.to_utc(datetime(2026, 12, 1, 9, 0), "Europe/Berlin")
    assert summer == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    assert winter == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_time_skipped_by_spring_forward_is_refused() -> None:
    with pytest.raises(Invalid, match="clocks skip"):
        timeutil.to_utc(datetime(2027, 3, 28, 2, 30), "Europe/Berlin")


def test_ambiguous_autumn_time_takes_first_occurrence() -> None:
    moment = timeutil.to_utc(datetime(2026, 10, 25, 2, 30), "Europe/Berlin")
    assert moment == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_unknown_zone_is_refused_with_a_hint() -> None:
    with pytest.raises(Invalid, match="IANA"):
        timeutil.to_utc(datetime(2026, 1, 1, 9, 0), "Moon/Base")


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (-5, "started"),
        (59, "in 0 minutes"),
        (45 * 60, "in 45 minutes"),
        (3600 + 120, "in 1 hour, 2 minutes"),
        (2 * 86400 + 3 * 3600 + 600, "in 2 days, 3 hours"),
    ],
)
def test_countdown(seconds: int, expected: str) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    from datetime import timedelta

    assert timeutil.countdown(now + timedelta(seconds=seconds), now) == expected


def test_two_clocks_gives_the_users_time_only_when_it_reads_differently() -> None:
    moment = datetime(2026, 12, 9, 0, 0, tzinfo=UTC)
    on_round, on_own = timeutil.two_clocks(moment, "America/Chicago", ZoneInfo("Asia/Tokyo"))
    assert on_round.isoformat() == "2026-12-08T18:00:00-06:00"
    assert on_own is not None and on_own.isoformat() == "2026-12-09T09:00:00+09:00"
    # Another name, the same clock in December: nothing to add.
    same = timeutil.two_clocks(moment, "America/Chicago", ZoneInfo("America/Winnipeg"))
    assert same[1] is None
    assert timeutil.two_clocks(moment, "Asia/Tokyo", ZoneInfo("Asia/Tokyo"))[1] is None


@pytest.mark.parametrize(
    "value",
    [
        date(1970, 1, 1),
        date(2100, 12, 31),
        datetime(2100, 12, 31, 23, 59),
        # Still 1 January 1970 on a clock 14 hours ahead; still 31 December 2100 12 hours behind.
        datetime(1969, 12, 31, 10, 0, tzinfo=UTC),
        datetime(2101, 1, 1, 11, 0, tzinfo=UTC),
    ],
)
def test_dates_inside_the_range_pass(value: date) -> None:
    timeutil.check_date(value)


@pytest.mark.parametrize(
    "value",
    [
        date(1, 1, 1),
        date(1969, 12, 31),
        date(2101, 1, 1),
        date(9999, 12, 31),
        datetime(9999, 12, 31, 23, 59),
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2101, 1, 1, 13, 0, tzinfo=UTC),
    ],
)
def test_dates_outside_the_range_are_refused_with_the_range(value: date) -> None:
    with pytest.raises(Invalid, match=r"from 1970 to 2100") as caught:
        timeutil.check_date(value)
    assert value.isoformat()[:10] in caught.value.message


@pytest.mark.parametrize(
    ("wall_clock", "zone"),
    [(datetime(1, 1, 1, 0, 30), "Europe/Berlin"), (datetime(9999, 12, 31, 23, 30), "Asia/Tokyo")],
)
def test_to_utc_refuses_a_wall_clock_outside_the_range(wall_clock: datetime, zone: str) -> None:
    with pytest.raises(Invalid, match="from 1970 to 2100"):
        timeutil.to_utc(wall_clock, zone)


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        (date(1970, 1, 1), True),
        (date(2100, 12, 31), True),
        (date(1969, 12, 31), False),
        (date(9999, 12, 31), False),
        (datetime(1, 1, 1, 1, 0, tzinfo=UTC), False),
        (datetime(2026, 5, 1, 9, 0, tzinfo=UTC), True),
    ],
)
def test_in_range_answers_what_check_date_refuses(value: date, inside: bool) -> None:
    assert timeutil.in_range(value) is inside
    if inside:
        timeutil.check_date(value)
    else:
        with pytest.raises(Invalid, match="out of range"):
            timeutil.check_date(value)


@pytest.mark.parametrize(
    "moment", [datetime(1, 1, 1, 1, 0, tzinfo=UTC), datetime(9999, 12, 31, 23, 0, tzinfo=UTC)]
)
def test_a_moment_out_of_range_stays_in_utc_on_every_clock(moment: datetime) -> None:
    """Year 1 in New York, or 9999 in Tokyo, has no calendar: shown in UTC, never a crash."""
    for zone in ("America/New_York", "Asia/Tokyo"):
        assert timeutil.to_local(moment, zone) == moment
        assert timeutil.to_local(moment, zone).utcoffset() == timedelta(0)
        assert timeutil.two_clocks(moment, zone, ZoneInfo("Pacific/Kiritimati"))[1] is None
