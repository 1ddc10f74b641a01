"""The follow-up schedule on hand-worked dates: DST both ways, weekends, Thanksgiving, a given
date on a Friday or already past, replies, unanswered checks and a decision."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from nextround.cadence import (
    Decision,
    FollowUp,
    Kind,
    Reply,
    RoundFacts,
    Sent,
    schedule,
)
from nextround.cadence.schedule import Outcome
from nextround.errors import Invalid

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def ny(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NY)


def real_hours(start: datetime, end: datetime) -> float:
    """Hours between two moments (subtracting in one zone would count wall-clock hours)."""
    return (end.astimezone(UTC) - start.astimezone(UTC)) / timedelta(hours=1)


def facts(ends_at: datetime, **kwargs: object) -> RoundFacts:
    base: dict[str, object] = {
        "ends_at": ends_at,
        "zone": "America/New_York",
        "country": "US",
        "contact": "Sam",
    }
    base.update(kwargs)
    return RoundFacts(**base)  # type: ignore[arg-type]


def of(kind: Kind, items: list[FollowUp]) -> list[FollowUp]:
    return [f for f in items if f.kind is kind]


def only(kind: Kind, items: list[FollowUp]) -> FollowUp:
    found = of(kind, items)
    assert len(found) == 1, found
    return found[0]


# Monday 2 November 2026, 15:00 in New York: a week later is Monday 9 November.
ROUND = ny(2026, 11, 2, 15, 0)
NEXT_DAY = ny(2026, 11, 3, 10, 0)


def test_thanks_in_berlin_across_the_autumn_change() -> None:
    # Saturday 24 Oct 2026 15:00 CEST (UTC+2); clocks go back on Sunday 25 Oct at 03:00.
    end = datetime(2026, 10, 24, 15, 0, tzinfo=BERLIN)
    plan = schedule(
        RoundFacts(ends_at=end, zone="Europe/Berlin", country="DE", interviewers=("Ana",)),
        now=end,
    )
    thanks = only(Kind.THANKS, plan)
    assert real_hours(end, thanks.due) == 24
    assert thanks.due.astimezone(UTC) == datetime(2026, 10, 25, 13, 0, tzinfo=UTC)
    # 24 real hours later the wall clock reads 14:00 CET, an hour earlier than the end time.
    assert thanks.due.replace(tzinfo=None) == datetime(2026, 10, 25, 14, 0)
    assert thanks.due.utcoffset() == timedelta(hours=1)
    assert thanks.person == "Ana"


def test_thanks_in_new_york_across_the_spring_change() -> None:
    # Saturday 7 March 2026 15:00 EST (UTC-5); clocks go forward on Sunday 8 March at 02:00.
    end = ny(2026, 3, 7, 15, 0)
    thanks = only(Kind.THANKS, schedule(facts(end, interviewers=("Lee",)), now=end))
    assert real_hours(end, thanks.due) == 24
    assert thanks.due.replace(tzinfo=None) == datetime(2026, 3, 8, 16, 0)  # 16:00 EDT
    assert thanks.due.utcoffset() == timedelta(hours=-4)


def test_thanks_per_interviewer_not_twice() -> None:
    sent = (Sent(Kind.THANKS, "Ana", ny(2026, 11, 2, 18, 0)),)
    plan = schedule(facts(ROUND, interviewers=("Ana", "Bo", "Cy"), sent=sent), now=NEXT_DAY)
    assert [f.person for f in of(Kind.THANKS, plan)] == ["Bo", "Cy"]
    assert all(f.due == ny(2026, 11, 3, 15, 0) for f in of(Kind.THANKS, plan))


def test_one_thanks_when_no_interviewer_is_named() -> None:
    thanks = only(Kind.THANKS, schedule(facts(ROUND), now=NEXT_DAY))
    assert thanks.person is None


def test_open_concerns_are_answered_with_the_thanks() -> None:
    sent = (Sent(Kind.CONCERN_ANSWER, None, ny(2026, 11, 3, 9, 0), concern="c1"),)
    plan = schedule(facts(ROUND, open_concerns=("c1", "c2", "c3"), sent=sent), now=NEXT_DAY)
    answers = of(Kind.CONCERN_ANSWER, plan)
    assert [a.concern for a in answers] == ["c2", "c3"]
    assert all(a.due == ny(2026, 11, 3, 15, 0) for a in answers)


def test_status_check_a_week_later_at_nine() -> None:
    check = only(Kind.STATUS_CHECK, schedule(facts(ROUND), now=NEXT_DAY))
    assert check.due == ny(2026, 11, 9, 9, 0)
    assert check.person == "Sam"


def test_status_check_week_landing_on_thanksgiving_moves_to_friday() -> None:
    end = ny(2026, 11, 19, 11, 0)  # Thursday; a week later is Thanksgiving
    check = only(Kind.STATUS_CHECK, schedule(facts(end), now=end))
    assert check.due == ny(2026, 11, 27, 9, 0)


def test_status_check_week_landing_on_a_weekend_moves_to_monday() -> None:
    end = ny(2026, 11, 7, 11, 0)  # Saturday
    check = only(Kind.STATUS_CHECK, schedule(facts(end), now=end))
    assert check.due == ny(2026, 11, 16, 9, 0)


def test_stated_friday_gives_the_monday_after() -> None:
    stated = date(2026, 11, 13)
    assert stated.weekday() == 4
    check = only(Kind.STATUS_CHECK, schedule(facts(ROUND, stated_date=stated), now=NEXT_DAY))
    assert check.due == ny(2026, 11, 16, 9, 0)
    assert "2026-11-13" in check.reason


def test_stated_date_before_the_week_keeps_the_week() -> None:
    check = only(
        Kind.STATUS_CHECK, schedule(facts(ROUND, stated_date=date(2026, 11, 4)), now=NEXT_DAY)
    )
    assert check.due == ny(2026, 11, 9, 9, 0)


def test_stated_date_today_is_not_past() -> None:
    check = only(
        Kind.STATUS_CHECK,
        schedule(facts(ROUND, stated_date=date(2026, 11, 12)), now=ny(2026, 11, 12, 20, 0)),
    )
    assert check.due == ny(2026, 11, 13, 9, 0)


def test_stated_date_already_past_goes_to_the_next_working_day_from_now() -> None:
    stated = date(2026, 11, 13)
    # Seen on Wednesday 25 Nov: tomorrow is Thanksgiving, so Friday 27.
    plan = schedule(facts(ROUND, stated_date=stated), now=ny(2026, 11, 25, 8, 0))
    check = only(Kind.STATUS_CHECK, plan)
    assert check.due == ny(2026, 11, 27, 9, 0)
    assert "passed" in check.reason


def test_today_is_read_on_the_rounds_clock() -> None:
    # 03:00 UTC on 14 Nov is still 13 Nov (22:00) in New York: the date they gave is not past.
    stated = date(2026, 11, 13)
    plan = schedule(facts(ROUND, stated_date=stated), now=datetime(2026, 11, 14, 3, 0, tzinfo=UTC))
    assert only(Kind.STATUS_CHECK, plan).due == ny(2026, 11, 16, 9, 0)


def test_status_check_in_berlin_with_a_regional_holiday() -> None:
    # Round Thursday 28 May 2026 in Munich; a week later is Corpus Christi (Bavaria only).
    end = datetime(2026, 5, 28, 16, 0, tzinfo=BERLIN)
    bavaria = RoundFacts(ends_at=end, zone="Europe/Berlin", country="DE", subdivision="BY")
    berlin = RoundFacts(ends_at=end, zone="Europe/Berlin", country="DE", subdivision="BE")
    assert only(Kind.STATUS_CHECK, schedule(bavaria, now=end)).due == datetime(
        2026, 6, 5, 9, 0, tzinfo=BERLIN
    )
    assert only(Kind.STATUS_CHECK, schedule(berlin, now=end)).due == datetime(
        2026, 6, 4, 9, 0, tzinfo=BERLIN
    )


def test_a_reply_closes_the_pending_check() -> None:
    reply = Reply("Sam", ny(2026, 11, 6, 12, 0), said="Still interviewing others.")
    plan = schedule(facts(ROUND, replies=(reply,)), now=ny(2026, 11, 6, 13, 0))
    assert of(Kind.STATUS_CHECK, plan) == []
    assert of(Kind.STOP_SUGGESTED, plan) == []
    assert len(of(Kind.THANKS, plan)) == 1  # the thanks are not a check


def test_an_answered_check_closes_it_too() -> None:
    sent = (Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 9, 9, 30), answered=True),)
    assert of(Kind.STATUS_CHECK, schedule(facts(ROUND, sent=sent), now=NEXT_DAY)) == []


def test_a_reply_with_a_new_date_opens_a_fresh_check() -> None:
    sent = (
        Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 9, 9, 30)),
        Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 16, 9, 30)),
    )
    reply = Reply(
        "Sam", ny(2026, 11, 17, 12, 0), said="By Friday 4 Dec.", new_date=date(2026, 12, 4)
    )
    plan = schedule(facts(ROUND, sent=sent, replies=(reply,)), now=ny(2026, 11, 17, 13, 0))
    assert of(Kind.STOP_SUGGESTED, plan) == []  # the checks before the reply were answered
    assert only(Kind.STATUS_CHECK, plan).due == ny(2026, 12, 7, 9, 0)


def test_one_unanswered_check_is_followed_five_working_days_later() -> None:
    sent = (Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 20, 9, 30)),)  # Friday
    plan = schedule(facts(ROUND, sent=sent), now=ny(2026, 11, 20, 10, 0))
    check = only(Kind.STATUS_CHECK, plan)
    # 23, 24, 25, (26 Thanksgiving), 27, 30.
    assert check.due == ny(2026, 11, 30, 9, 0)
    assert "2026-11-20" in check.reason


def test_two_unanswered_checks_suggest_stopping_instead_of_a_third() -> None:
    sent = (
        Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 9, 9, 30)),
        Sent(Kind.STATUS_CHECK, "Sam", ny(2026, 11, 16, 9, 30)),
    )
    plan = schedule(facts(ROUND, sent=sent), now=ny(2026, 11, 16, 10, 0))
    assert of(Kind.STATUS_CHECK, plan) == []
    stop = only(Kind.STOP_SUGGESTED, plan)
    assert stop.due == ny(2026, 11, 23, 9, 0)
    assert stop.person == "Sam"


def test_checks_to_someone_else_do_not_count_against_the_contact() -> None:
    sent = (
        Sent(Kind.STATUS_CHECK, "Ana", ny(2026, 11, 9, 9, 30)),
        Sent(Kind.STATUS_CHECK, "Ana", ny(2026, 11, 16, 9, 30)),
    )
    plan = schedule(facts(ROUND, sent=sent), now=ny(2026, 11, 16, 10, 0))
    assert of(Kind.STOP_SUGGESTED, plan) == []
    assert only(Kind.STATUS_CHECK, plan).due == ny(2026, 11, 9, 9, 0)  # overdue, kept


def test_a_decision_replaces_the_check_with_a_feedback_request() -> None:
    decision = Decision(Outcome.REJECTION, date(2026, 11, 20))  # Friday
    plan = schedule(facts(ROUND, decision=decision), now=ny(2026, 11, 20, 12, 0))
    assert of(Kind.STATUS_CHECK, plan) == []
    request = only(Kind.FEEDBACK_REQUEST, plan)
    assert request.due == ny(2026, 11, 23, 9, 0)
    assert request.person == "Sam"


def test_an_offer_asks_for_feedback_too_but_only_once() -> None:
    decision = Decision(Outcome.OFFER, date(2026, 11, 25))
    plan = schedule(facts(ROUND, decision=decision), now=ny(2026, 11, 25, 12, 0))
    assert only(Kind.FEEDBACK_REQUEST, plan).due == ny(2026, 11, 27, 9, 0)
    sent = (Sent(Kind.FEEDBACK_REQUEST, "Sam", ny(2026, 11, 27, 9, 5)),)
    again = schedule(facts(ROUND, decision=decision, sent=sent), now=ny(2026, 11, 27, 12, 0))
    assert of(Kind.FEEDBACK_REQUEST, again) == []


def test_earliest_first() -> None:
    plan = schedule(facts(ROUND, interviewers=("Ana",), open_concerns=("c1",)), now=NEXT_DAY)
    assert [f.kind for f in plan] == [Kind.THANKS, Kind.CONCERN_ANSWER, Kind.STATUS_CHECK]
    assert [f.due for f in plan] == sorted(f.due for f in plan)
    assert all(f.due.tzinfo == NY for f in plan)


def test_an_end_given_in_utc_is_shown_on_the_rounds_clock() -> None:
    end = ROUND.astimezone(UTC)
    thanks = only(Kind.THANKS, schedule(facts(end), now=NEXT_DAY))
    assert thanks.due.tzinfo == NY
    assert thanks.due.replace(tzinfo=None) == datetime(2026, 11, 3, 15, 0)


def test_a_naive_end_is_refused() -> None:
    with pytest.raises(Invalid) as caught:
        schedule(facts(datetime(2026, 11, 2, 15, 0)), now=NEXT_DAY)
    assert list(caught.value.field_errors) == ["ends_at"]


def test_an_unknown_country_is_refused() -> None:
    with pytest.raises(Invalid) as caught:
        schedule(facts(ROUND, country="ZZ"), now=NEXT_DAY)
    assert list(caught.value.field_errors) == ["country"]


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(Invalid, match="Unknown time zone"):
        schedule(facts(ROUND, zone="Mars/Olympus"), now=NEXT_DAY)


def test_a_date_out_of_range_is_refused() -> None:
    with pytest.raises(Invalid, match="out of range"):
        schedule(facts(ROUND, stated_date=date(2999, 1, 1)), now=NEXT_DAY)
