"""The .ics file for a round, parsed back with icalendar and checked line by line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from nextround.playbook.calendar import Interview, Todo, build_calendar
from nextround.playbook.plan import Attendee, Plan, Progress, RoundFacts, build_plan

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 30 March 2026 10:00–11:30 CEST; clocks went forward the day before.
BERLIN_START = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
BERLIN_END = datetime(2026, 3, 30, 9, 30, tzinfo=UTC)
# 13:00:00.5 CET on 1 March is 12:00:00 UTC once microseconds are dropped.
NOW = datetime(2026, 3, 1, 13, 0, 0, 500000, tzinfo=BERLIN)
ATTENDEES = (
    Attendee("p1", "Dana Ortiz", "hiring_manager", met_before=True),
    Attendee("p2", "Jürgen Müller-Lüdenscheidt", "peer"),
)
PROGRESS = {
    "research-company-news": Progress("done", note="Read the Q4 results"),
    "clothes": Progress("skipped", reason="Interview is on video"),
}


def berlin_plan() -> Plan:
    return build_plan(
        RoundFacts(
            starts_at=BERLIN_START,
            ends_at=BERLIN_END,
            timezone="Europe/Berlin",
            format="video",
            number=2,
            attendees=ATTENDEES,
        )
    )


def berlin_interview() -> Interview:
    return Interview(
        uid="round-42",
        summary="Second interview — Northwind Gesundheit, Müller & Ortiz",
        starts_at=BERLIN_START,
        ends_at=BERLIN_END,
        timezone="Europe/Berlin",
        location="Friedrichstraße 12, Berlin",
        video_link="https://meet.example.com/abc-defg-hij",
        description="Bring the case deck",
    )


@pytest.fixture
def berlin() -> tuple[Plan, bytes]:
    plan = berlin_plan()
    return plan, build_calendar(berlin_interview(), plan, PROGRESS, now=NOW)


# Parsed calendars are typed Any: icalendar types each property's value as the union of all its
# value classes, and the tests read `.dt` from the date, time and duration ones.
def todos_by_uid(cal: icalendar.Calendar) -> dict[str, Any]:
    return {str(todo["UID"]): todo for todo in cal.walk("VTODO")}


def uid_for(key: str) -> str:
    return "round-42-" + key.replace(":", "-") + "@nextround"


def test_one_event_at_the_local_start_with_two_reminders(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    cal: Any = icalendar.Calendar.from_ical(raw)
    [event] = cal.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    assert event["DTSTART"].dt == datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN)
    assert event["DTSTART"].dt == BERLIN_START
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert event["DTEND"].dt == datetime(2026, 3, 30, 11, 30, tzinfo=BERLIN)
    assert b"DTSTART;TZID=Europe/Berlin:20260330T100000\r\n" in raw
    assert b"DTEND;TZID=Europe/Berlin:20260330T113000\r\n" in raw
    assert str(event["UID"]) == "round-42@nextround"
    assert str(event["SUMMARY"]) == "Second interview — Northwind Gesundheit, Müller & Ortiz"
    assert str(event["LOCATION"]) == "Friedrichstraße 12, Berlin"
    assert str(event["URL"]) == "https://meet.example.com/abc-defg-hij"
    assert str(event["DESCRIPTION"]) == (
        "Bring the case deck\nhttps://meet.example.com/abc-defg-hij"
    )
    alarms = event.walk("VALARM")
    assert len(alarms) == 2
    assert sorted(a["TRIGGER"].dt for a in alarms) == [timedelta(hours=-24), timedelta(hours=-1)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert sorted(str(a["DESCRIPTION"]) for a in alarms) == [
        "Second interview — Northwind Gesundheit, Müller & Ortiz in 1 h",
        "Second interview — Northwind Gesundheit, Müller & Ortiz in 24 h",
    ]


def test_one_todo_per_plan_item_with_its_due_time_title_and_status(
    berlin: tuple[Plan, bytes],
) -> None:
    plan, raw = berlin
    cal: Any = icalendar.Calendar.from_ical(raw)
    todos = todos_by_uid(cal)
    assert len(cal.walk("VTODO")) == len(plan.items) == len(todos)
    assert set(todos) == {uid_for(item.key) for item in plan.items}
    expected_status = {"research-company-news": "COMPLETED", "clothes": "CANCELLED"}
    for item in plan.items:
        todo = todos[uid_for(item.key)]
        assert todo["DUE"].params["TZID"] == "Europe/Berlin"
        assert todo["DUE"].dt == item.due_at, item.key
        assert str(todo["SUMMARY"]) == item.title
        assert str(todo["STATUS"]) == expected_status.get(item.key, "NEEDS-ACTION"), item.key
        assert str(todo["RELATED-TO"]) == "round-42@nextround"
        # Only follow-ups carry a reminder, at the deadline itself.
        triggers = [a["TRIGGER"].dt for a in todo.walk("VALARM")]
        assert triggers == ([] if item.before else [timedelta(0)]), item.key
    news = todos[uid_for("research-company-news")]
    assert str(news["DESCRIPTION"]).endswith("\n\nNote: Read the Q4 results")
    assert "Note:" not in str(todos[uid_for("clothes")]["DESCRIPTION"])


def test_known_due_times_survive_the_round_trip(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    todos = todos_by_uid(icalendar.Calendar.from_ical(raw))

    def due(key: str) -> datetime:
        when: datetime = todos[uid_for(key)]["DUE"].dt
        return when

    # Two days before at 18:00: Saturday 28 March, still CET.
    assert due("research-interviewer:p2") == datetime(2026, 3, 28, 17, 0, tzinfo=UTC)
    assert b"DUE;TZID=Europe/Berlin:20260328T180000\r\n" in raw
    # One day before at 18:00: Sunday 29 March, CEST.
    assert due("questions-for-interviewer:p1") == datetime(2026, 3, 29, 16, 0, tzinfo=UTC)
    assert b"DUE;TZID=Europe/Berlin:20260329T180000\r\n" in raw
    # The debrief three hours after the 09:30 UTC end (the follow-ups after it are extra to-dos
    # the followup app adds: test_extra_todos_carry_their_own_due_times).
    assert due("debrief") == datetime(2026, 3, 30, 12, 30, tzinfo=UTC)
    assert due("debrief").astimezone(UTC) - BERLIN_END == timedelta(hours=3)
    research = todos[uid_for("research-interviewer:p2")]
    assert str(research["SUMMARY"]) == "Research Jürgen Müller-Lüdenscheidt"


def test_the_file_defines_its_time_zone(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    cal: Any = icalendar.Calendar.from_ical(raw)
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert b"TZOFFSETTO:+0100\r\n" in raw
    assert b"TZOFFSETTO:+0200\r\n" in raw


def test_raw_bytes_follow_rfc_5545(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    raw.decode("utf-8")  # folding never splits a multi-byte character
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines[:-1]:
        assert b"\n" not in line
        assert b"\r" not in line
        assert len(line) <= 75, line
    assert b"\r\nVERSION:2.0\r\n" in raw
    assert b"\r\nPRODID:-//nextround//second-round playbook//EN\r\n" in raw
    assert raw.count(b"BEGIN:VCALENDAR") == 1


def test_every_event_and_todo_has_a_unique_uid_and_a_utc_stamp(berlin: tuple[Plan, bytes]) -> None:
    plan, raw = berlin
    cal: Any = icalendar.Calendar.from_ical(raw)
    components = cal.walk("VEVENT") + cal.walk("VTODO")
    assert len(components) == 1 + len(plan.items)
    uids = [str(c["UID"]) for c in components]
    assert len(set(uids)) == len(uids)
    for component in components:
        assert component["DTSTAMP"].dt == datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)
    assert raw.count(b"DTSTAMP:20260301T120000Z\r\n") == len(components)


def test_same_round_gives_the_same_uids_when_exported_again(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    again = build_calendar(berlin_interview(), berlin_plan(), {}, now=NOW + timedelta(days=3))
    first: Any = icalendar.Calendar.from_ical(raw)
    second: Any = icalendar.Calendar.from_ical(again)
    assert set(todos_by_uid(first)) == set(todos_by_uid(second))
    assert {str(t["STATUS"]) for t in second.walk("VTODO")} == {"NEEDS-ACTION"}


def test_new_york_round_across_the_november_clock_change() -> None:
    # Monday 2 November 2026 09:00–10:00 EST = 14:00–15:00 UTC; EDT until Sunday 02:00.
    start = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    end = start + timedelta(hours=1)
    plan = build_plan(
        RoundFacts(
            starts_at=start,
            ends_at=end,
            timezone="America/New_York",
            format="video",
            number=2,
            attendees=(Attendee("p7", "Dana Ortiz", "hiring_manager"),),
        )
    )
    interview = Interview("nyc-1", "Final round", start, end, "America/New_York")
    raw = build_calendar(interview, plan, {}, now=datetime(2026, 10, 1, tzinfo=UTC))
    cal: Any = icalendar.Calendar.from_ical(raw)
    [event] = cal.walk("VEVENT")
    assert event["DTSTART"].dt == datetime(2026, 11, 2, 9, 0, tzinfo=NEW_YORK)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=-5)
    assert b"DTSTART;TZID=America/New_York:20261102T090000\r\n" in raw
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    research = todos["nyc-1-research-interviewer-p7@nextround"]["DUE"].dt
    questions = todos["nyc-1-questions-for-interviewer-p7@nextround"]["DUE"].dt
    debrief = todos["nyc-1-debrief@nextround"]["DUE"].dt
    # Saturday 31 October 18:00 EDT and Sunday 1 November 18:00 EST.
    assert research == datetime(2026, 10, 31, 22, 0, tzinfo=UTC)
    assert questions == datetime(2026, 11, 1, 23, 0, tzinfo=UTC)
    # Same-zone subtraction in Python is wall-clock time; the real gap is 25 hours.
    assert questions.astimezone(UTC) - research.astimezone(UTC) == timedelta(hours=25)
    assert debrief == datetime(2026, 11, 2, 18, 0, tzinfo=UTC)  # three hours after the end
    assert b"DUE;TZID=America/New_York:20261031T180000\r\n" in raw
    assert b"DUE;TZID=America/New_York:20261101T180000\r\n" in raw
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/New_York"
    assert b"TZOFFSETTO:-0400\r\n" in raw
    assert b"TZOFFSETTO:-0500\r\n" in raw


def test_empty_plan_still_gives_the_interview_and_its_zone() -> None:
    plan = build_plan(
        RoundFacts(
            starts_at=BERLIN_START,
            ends_at=BERLIN_END,
            timezone="Europe/Berlin",
            format="video",
            number=1,
        ),
        templates=[],
    )
    interview = Interview("round-1", "Call", BERLIN_START, BERLIN_END, "Europe/Berlin")
    cal: Any = icalendar.Calendar.from_ical(build_calendar(interview, plan, {}, now=NOW))
    assert len(cal.walk("VEVENT")) == 1
    assert cal.walk("VTODO") == []
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    [event] = cal.walk("VEVENT")
    assert "LOCATION" not in event
    assert "URL" not in event
    assert "DESCRIPTION" not in event


def test_follow_up_reminders_are_anchored_to_the_due_time(berlin: tuple[Plan, bytes]) -> None:
    _, raw = berlin
    cal: Any = icalendar.Calendar.from_ical(raw)
    alarms = [(todo, alarm) for todo in cal.walk("VTODO") for alarm in todo.walk("VALARM")]
    assert len(alarms) == 1  # the debrief
    for todo, alarm in alarms:
        trigger = alarm["TRIGGER"]
        relative_to_due = trigger.params.get("RELATED") == "END"
        absolute = isinstance(trigger.dt, datetime)
        assert relative_to_due or absolute or "DTSTART" in todo, str(todo["UID"])


def test_extra_todos_carry_their_own_due_times(berlin: tuple[Plan, bytes]) -> None:
    """The follow-ups the followup app adds: a to-do each, due on the round's clock, with a
    reminder at the due time, and the file's time zone still covering them."""
    plan, _ = berlin
    interview = Interview("round-42", "Second round", BERLIN_START, BERLIN_END, "Europe/Berlin")
    # 24 real hours after the end, and a status check on Wednesday 8 April 09:00 CEST.
    thanks = Todo(
        "followup-thanks-p1",
        "Thank-you note to Dana",
        "Thank Dana",
        BERLIN_END + timedelta(hours=24),
    )
    check = Todo(
        "followup-status_check-p1",
        "Status check to Dana",
        "A week has passed",
        datetime(2026, 4, 8, 7, 0, tzinfo=UTC),
    )
    raw = build_calendar(interview, plan, {}, now=BERLIN_START, todos=[thanks, check])
    todos = todos_by_uid(icalendar.Calendar.from_ical(raw))
    got = todos["round-42-followup-thanks-p1@nextround"]
    assert got["DUE"].dt == BERLIN_END + timedelta(hours=24)
    assert str(got["SUMMARY"]) == "Thank-you note to Dana"
    assert [a["TRIGGER"].params.get("RELATED") for a in got.walk("VALARM")] == ["END"]
    assert b"DUE;TZID=Europe/Berlin:20260408T090000\r\n" in raw
