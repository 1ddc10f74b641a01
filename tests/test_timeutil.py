from datetime import UTC, datetime
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
