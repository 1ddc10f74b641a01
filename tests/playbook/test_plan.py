"""Prep plans (nextround.playbook.plan): due dates in the round's own time zone, the conditions
that choose items, compression for short notice, regeneration and readiness. Every expected date
and score is worked out by hand in the comments, never by calling the code under test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nextround.playbook.knowledge import ChecklistItem, Condition, Due
from nextround.playbook.plan import (
    Attendee,
    Plan,
    Progress,
    build_plan,
    readiness,
    retired_keys,
    wall_clock,
)
from tests.playbook.helpers import BERLIN_START, DANA, DETAIL, PRIYA, SAM, round_facts, utc


def template(
    id_: str,
    due: Due,
    *,
    weight: int = 5,
    when: Condition | None = None,
    per_attendee: bool = False,
    title: str | None = None,
) -> ChecklistItem:
    return ChecklistItem(
        id=id_,
        title=title or f"Title {id_}",
        detail=DETAIL,
        weight=weight,
        due=due,
        when=when or Condition(),
        per_attendee=per_attendee,
    )


def ids(plan: Plan) -> list[str]:
    return [item.template for item in plan.items]


# --- due dates ---------------------------------------------------------------------------

# Berlin, Monday 2026-03-30 10:00 CEST = 08:00 UTC; CET (+1) before Sunday 29 March 02:00.
# New York, Monday 2026-11-02 09:00 EST = 14:00 UTC; EDT (-4) until Sunday 1 November 02:00.
# Kolkata, Monday 2026-06-15 02:00 IST (+05:30) = Sunday 2026-06-14 20:30 UTC.
# Chatham, Tuesday 2026-04-07 10:00 +12:45 = 2026-04-06 21:15 UTC; +13:45 until Sunday
# 5 April 03:45, when the clocks went back to 02:45.
NEW_YORK_START = utc(2026, 11, 2, 14, 0)
KOLKATA_START = utc(2026, 6, 14, 20, 30)
CHATHAM_START = utc(2026, 4, 6, 21, 15)


@pytest.mark.parametrize(
    ("zone", "start", "due", "expected"),
    [
        # Sunday 29 March 18:00 CEST.
        ("Europe/Berlin", BERLIN_START, Due(days_before=1, at="18:00"), utc(2026, 3, 29, 16, 0)),
        # Saturday 28 March 18:00 CET.
        ("Europe/Berlin", BERLIN_START, Due(days_before=2, at="18:00"), utc(2026, 3, 28, 17, 0)),
        # Sunday 29 March 02:30 does not exist: it moves forward to 03:30 CEST.
        ("Europe/Berlin", BERLIN_START, Due(days_before=1, at="02:30"), utc(2026, 3, 29, 1, 30)),
        # Sunday 29 March 01:30 is still CET.
        ("Europe/Berlin", BERLIN_START, Due(days_before=1, at="01:30"), utc(2026, 3, 29, 0, 30)),
        ("Europe/Berlin", BERLIN_START, Due(hours_before=2), utc(2026, 3, 30, 6, 0)),
        ("Europe/Berlin", BERLIN_START, Due(hours_before=1.5), utc(2026, 3, 30, 6, 30)),
        # The end is 11:00 CEST = 09:00 UTC.
        ("Europe/Berlin", BERLIN_START, Due(hours_after=24), utc(2026, 3, 31, 9, 0)),
        ("Europe/Berlin", BERLIN_START, Due(hours_after=3), utc(2026, 3, 30, 12, 0)),
        # Saturday 31 October 18:00 EDT.
        ("America/New_York", NEW_YORK_START, Due(days_before=2, at="18:00"), utc(2026, 10, 31, 22)),
        # Sunday 1 November 18:00 EST.
        ("America/New_York", NEW_YORK_START, Due(days_before=1, at="18:00"), utc(2026, 11, 1, 23)),
        # Sunday 1 November 01:30 happens twice; the first one is EDT.
        (
            "America/New_York",
            NEW_YORK_START,
            Due(days_before=1, at="01:30"),
            utc(2026, 11, 1, 5, 30),
        ),
        # Monday 26 October 09:00 EDT.
        ("America/New_York", NEW_YORK_START, Due(days_before=7, at="09:00"), utc(2026, 10, 26, 13)),
        # Elapsed hours: 14:00 UTC minus 24 h, although the wall clock says 10:00 the day before.
        ("America/New_York", NEW_YORK_START, Due(hours_before=24), utc(2026, 11, 1, 14, 0)),
        # The local date is 15 June, so "the day before" is 14 June 18:00 IST.
        ("Asia/Kolkata", KOLKATA_START, Due(days_before=1, at="18:00"), utc(2026, 6, 14, 12, 30)),
        ("Asia/Kolkata", KOLKATA_START, Due(days_before=3, at="09:15"), utc(2026, 6, 12, 3, 45)),
        ("Asia/Kolkata", KOLKATA_START, Due(hours_before=2), utc(2026, 6, 14, 18, 30)),
        # Monday 6 April 18:00 +12:45.
        ("Pacific/Chatham", CHATHAM_START, Due(days_before=1, at="18:00"), utc(2026, 4, 6, 5, 15)),
        # Saturday 4 April 18:00 +13:45.
        ("Pacific/Chatham", CHATHAM_START, Due(days_before=3, at="18:00"), utc(2026, 4, 4, 4, 15)),
        ("Pacific/Chatham", CHATHAM_START, Due(hours_before=24), utc(2026, 4, 5, 21, 15)),
    ],
)
def test_due_dates_follow_the_rounds_own_time_zone(
    zone: str, start: datetime, due: Due, expected: datetime
) -> None:
    facts = round_facts(starts_at=start, ends_at=start + timedelta(hours=1), timezone=zone)
    plan = build_plan(facts, templates=[template("only-item", due)])
    [item] = plan.items
    assert item.due_at == expected
    assert item.due_at.utcoffset() == timedelta(0)
    assert plan.compressed is False


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        # Sunday 29 March 04:00 CEST = 02:00 UTC; counting back on the wall clock would give
        # 02:00 (a time that does not exist) and 01:00 CET = 00:00 UTC respectively.
        (2, utc(2026, 3, 29, 0, 0)),
        (3, utc(2026, 3, 28, 23, 0)),
    ],
)
def test_hours_before_is_elapsed_time_across_a_clock_change(hours: int, expected: datetime) -> None:
    start = utc(2026, 3, 29, 2, 0)
    facts = round_facts(starts_at=start, ends_at=start + timedelta(hours=1))
    plan = build_plan(facts, templates=[template("only-item", Due(hours_before=hours))])
    assert plan.items[0].due_at == expected


def test_hours_after_is_elapsed_time_across_a_clock_change() -> None:
    # Saturday 31 October 20:00–21:00 EDT = 1 November 00:00–01:00 UTC. Twenty-four hours
    # after the end is 2 November 01:00 UTC, which is 20:00 EST on the Sunday.
    start = utc(2026, 11, 1, 0, 0)
    facts = round_facts(
        starts_at=start, ends_at=start + timedelta(hours=1), timezone="America/New_York"
    )
    plan = build_plan(
        facts,
        templates=[
            template("thanks", Due(hours_after=24)),
            template("status", Due(hours_after=168)),
        ],
    )
    assert [(i.key, i.due_at, i.before) for i in plan.items] == [
        ("thanks", utc(2026, 11, 2, 1, 0), False),
        ("status", utc(2026, 11, 8, 1, 0), False),
    ]


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected"),
    [
        # Skipped by spring-forward: moves on by the gap.
        (date(2026, 3, 29), time(2, 30), "Europe/Berlin", utc(2026, 3, 29, 1, 30)),
        (date(2026, 3, 29), time(2, 0), "Europe/Berlin", utc(2026, 3, 29, 1, 0)),
        (date(2026, 3, 8), time(2, 30), "America/New_York", utc(2026, 3, 8, 7, 30)),
        # Chatham springs forward from 02:45 to 03:45 on Sunday 27 September 2026.
        (date(2026, 9, 27), time(3, 0), "Pacific/Chatham", utc(2026, 9, 26, 14, 15)),
        # Ambiguous autumn times take their first occurrence (summer time).
        (date(2026, 10, 25), time(2, 30), "Europe/Berlin", utc(2026, 10, 25, 0, 30)),
        (date(2026, 11, 1), time(1, 30), "America/New_York", utc(2026, 11, 1, 5, 30)),
        # Ordinary times.
        (date(2026, 3, 29), time(3, 30), "Europe/Berlin", utc(2026, 3, 29, 1, 30)),
        (date(2026, 1, 15), time(9, 0), "Asia/Kolkata", utc(2026, 1, 15, 3, 30)),
        (date(2026, 1, 15), time(9, 0), "Pacific/Chatham", utc(2026, 1, 14, 19, 15)),
    ],
)
def test_wall_clock(day: date, at: time, zone: str, expected: datetime) -> None:
    moment = wall_clock(day, at, ZoneInfo(zone))
    assert moment == expected
    assert moment.utcoffset() == timedelta(0)


def test_items_are_sorted_by_due_then_heavier_first_then_key() -> None:
    same = Due(days_before=1, at="18:00")
    plan = build_plan(
        round_facts(),
        templates=[
            template("late", Due(hours_before=1), weight=9),
            template("b-light", same, weight=3),
            template("c-heavy", same, weight=7),
            template("a-light", same, weight=3),
            template("after", Due(hours_after=1), weight=10),
        ],
    )
    assert [i.key for i in plan.items] == ["c-heavy", "a-light", "b-light", "late", "after"]
    assert [i.before for i in plan.items] == [True, True, True, True, False]


# --- conditions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "changes", "applies"),
    [
        (Condition(), {}, True),
        (Condition(formats=["case"]), {"format": "case"}, True),
        (Condition(formats=["case"]), {"format": "video"}, False),
        (Condition(formats=["case", "presentation"]), {"format": "presentation"}, True),
        (Condition(all_of=["final", "money_discussed"]), {"is_final": True}, False),
        (
            Condition(all_of=["final", "money_discussed"]),
            {"is_final": True, "money_discussed": True},
            True,
        ),
        (Condition(any_of=["final", "money_discussed"]), {"money_discussed": True}, True),
        (Condition(any_of=["final", "money_discussed"]), {"is_final": True}, True),
        (Condition(any_of=["final", "money_discussed"]), {}, False),
        (Condition(all_of=["remote"]), {"format": "video"}, True),
        (Condition(all_of=["remote"]), {"format": "phone"}, True),
        (Condition(all_of=["remote"]), {"video_link": "https://meet.example.com/x"}, True),
        (Condition(all_of=["remote"]), {}, False),
        (Condition(all_of=["in_person"]), {"format": "panel"}, True),
        (
            Condition(all_of=["in_person"]),
            {"format": "panel", "video_link": "https://x.test"},
            False,
        ),
        (Condition(all_of=["in_person"]), {"format": "phone"}, False),
        (Condition(all_of=["new_interviewers"]), {}, False),
        (Condition(all_of=["new_interviewers"]), {"attendees": (DANA,)}, False),
        (Condition(all_of=["new_interviewers"]), {"attendees": (DANA, SAM)}, True),
        (Condition(all_of=["weak_answers"]), {"weak_answers": 1}, True),
        (Condition(all_of=["weak_answers"]), {"weak_answers": 0}, False),
        (Condition(all_of=["later_round"]), {"number": 1}, False),
        (Condition(all_of=["later_round"]), {"number": 1, "is_final": True}, True),
        (Condition(all_of=["later_round"]), {"number": 2}, True),
        (Condition(all_of=["earlier_rounds"]), {"earlier_rounds": 1}, True),
        (Condition(any_of=["open_concerns", "open_promises"]), {"open_promises": 2}, True),
        (Condition(any_of=["open_concerns", "open_promises"]), {}, False),
        (
            Condition(formats=["panel"], all_of=["final"], any_of=["open_concerns"]),
            {"format": "panel", "is_final": True, "open_concerns": 1},
            True,
        ),
        (
            Condition(formats=["panel"], all_of=["final"], any_of=["open_concerns"]),
            {"format": "panel", "is_final": True},
            False,
        ),
        (
            Condition(formats=["panel"], all_of=["final"], any_of=["open_concerns"]),
            {"format": "video", "is_final": True, "open_concerns": 1},
            False,
        ),
    ],
)
def test_conditions_choose_the_items_that_apply(
    when: Condition, changes: dict[str, object], applies: bool
) -> None:
    plan = build_plan(
        round_facts(**changes), templates=[template("maybe", Due(hours_before=1), when=when)]
    )
    assert (ids(plan) == ["maybe"]) is applies


def test_round_facts_for_a_plain_first_video_round() -> None:
    assert round_facts(format="video").facts() == frozenset({"remote"})


def test_round_facts_when_everything_holds() -> None:
    facts = round_facts(
        format="one_on_one",
        number=3,
        is_final=True,
        attendees=(DANA, SAM),
        earlier_rounds=2,
        weak_answers=1,
        money_discussed=True,
        open_concerns=1,
        open_promises=1,
    )
    assert facts.facts() == frozenset(
        {
            "final",
            "later_round",
            "earlier_rounds",
            "weak_answers",
            "money_discussed",
            "open_concerns",
            "open_promises",
            "new_interviewers",
            "in_person",
        }
    )


CASE_ITEMS = {"practise-case", "case-toolkit"}
PRESENTATION_ITEMS = {"build-presentation", "rehearse-presentation", "presentation-backup"}
MONEY_ITEMS = {"pay-range", "budget-walk-away", "notice-and-start"}


def test_case_round_gets_case_items_and_no_presentation_items() -> None:
    chosen = set(ids(build_plan(round_facts(format="case", number=2))))
    assert chosen >= CASE_ITEMS
    assert not chosen & PRESENTATION_ITEMS
    assert "practise-behavioral" not in chosen  # behavioral practice lists no case format
    assert "route-and-arrival" in chosen  # a case round without a link is in person
    assert "tech-check" not in chosen


def test_presentation_round_gets_presentation_items_and_no_case_items() -> None:
    chosen = set(ids(build_plan(round_facts(format="presentation", number=2))))
    assert chosen >= PRESENTATION_ITEMS
    assert not chosen & CASE_ITEMS


def test_remote_round_gets_a_tech_check_instead_of_a_route() -> None:
    chosen = set(ids(build_plan(round_facts(format="panel", video_link="https://x.test/abc"))))
    assert "tech-check" in chosen
    assert "route-and-arrival" not in chosen
    assert "panel-plan" in chosen


def test_final_round_gets_pay_range_and_walk_away_number() -> None:
    chosen = set(ids(build_plan(round_facts(number=3, is_final=True))))
    assert chosen >= MONEY_ITEMS | {"brief-references"}


def test_non_final_round_without_money_gets_no_pay_items() -> None:
    chosen = set(ids(build_plan(round_facts(number=2))))
    assert not chosen & (MONEY_ITEMS | {"brief-references"})


def test_money_discussed_brings_pay_items_but_not_references() -> None:
    chosen = set(ids(build_plan(round_facts(number=2, money_discussed=True))))
    assert chosen >= MONEY_ITEMS
    assert "brief-references" not in chosen


def test_first_round_skips_later_round_and_earlier_round_items() -> None:
    chosen = set(ids(build_plan(round_facts(number=1))))
    later = {"research-business", "approach-plan", "review-earlier-notes", "follow-up-questions"}
    assert not chosen & later
    again = set(ids(build_plan(round_facts(number=2, earlier_rounds=1))))
    assert again >= later


def test_real_checklist_due_dates_for_a_berlin_video_round() -> None:
    plan = build_plan(round_facts(format="video", attendees=(DANA,)))
    due = {i.key: i.due_at for i in plan.items}
    # research-interviewer: 2 days before at 18:00 -> Saturday 28 March 18:00 CET.
    assert due["research-interviewer:p1"] == utc(2026, 3, 28, 17, 0)
    # questions-for-interviewer: 1 day before at 18:00 -> Sunday 29 March 18:00 CEST.
    assert due["questions-for-interviewer:p1"] == utc(2026, 3, 29, 16, 0)
    # tech-check: 2 hours before the start.
    assert due["tech-check"] == utc(2026, 3, 30, 6, 0)
    # debrief: 3 hours after the 09:00 UTC end (the follow-ups are the followup app's).
    assert due["debrief"] == utc(2026, 3, 30, 12, 0)
    assert not any(key.startswith(("thank-you-note", "status-check")) for key in due)


def test_per_attendee_items_are_one_per_interviewer_with_a_shared_weight() -> None:
    plan = build_plan(round_facts(number=2, attendees=(DANA, SAM, PRIYA)))
    research = [i for i in plan.items if i.template == "research-interviewer"]
    assert [(i.key, i.title, i.weight, i.person) for i in research] == [
        ("research-interviewer:p1", "Research Dana Ortiz", 2, "p1"),  # 6 / 3
        ("research-interviewer:p2", "Research Sam Lee", 2, "p2"),
        ("research-interviewer:p3", "Research Priya Nair", 2, "p3"),
    ]
    questions = sorted(
        (i.key, i.weight) for i in plan.items if i.template == "questions-for-interviewer"
    )
    assert [key for key, _ in questions] == [
        "questions-for-interviewer:p1",
        "questions-for-interviewer:p2",
        "questions-for-interviewer:p3",
    ]
    assert len({weight for _, weight in questions}) == 1  # one shared weight
    assert all("{name}" not in i.title for i in plan.items)


def test_per_attendee_item_without_attendees_is_one_placeholder() -> None:
    plan = build_plan(round_facts(number=2))
    research = [i for i in plan.items if i.template == "research-interviewer"]
    assert [(i.key, i.title, i.weight, i.person) for i in research] == [
        ("research-interviewer", "Research each interviewer", 6, None)
    ]
    keys = plan.item_keys()
    assert "questions-for-interviewer" in keys


def test_per_attendee_share_never_drops_below_one() -> None:
    people = tuple(Attendee(f"k{n}", f"Person {n}", "peer") for n in range(5))
    plan = build_plan(
        round_facts(attendees=people),
        templates=[
            template("meet", Due(hours_before=1), weight=2, per_attendee=True, title="Meet {name}")
        ],
    )
    assert [(i.key, i.title, i.weight) for i in plan.items] == [
        (f"meet:k{n}", f"Meet Person {n}", 1) for n in range(5)
    ]


# --- compression ---------------------------------------------------------------------------

# Ideal dues for the Berlin round starting Monday 30 March 08:00 UTC (10:00 CEST):
# A Friday 27 March 18:00 CET = 17:00 UTC, B Sunday 29 March 18:00 CEST = 16:00 UTC,
# C two hours before = Monday 06:00 UTC, D three hours after the 09:00 UTC end = 12:00 UTC.
SQUEEZE = [
    template("a-first", Due(days_before=3, at="18:00")),
    template("b-second", Due(days_before=1, at="18:00")),
    template("c-third", Due(hours_before=2)),
    template("d-after", Due(hours_after=3)),
]


@pytest.mark.parametrize(
    ("planned_from", "expected"),
    [
        # Sunday 01:30 CET: A moves to the earliest day left (Sunday) at its usual 18:00,
        # now CEST; B and C are still ahead, so they stand.
        (
            utc(2026, 3, 29, 0, 30),
            [
                ("a-first", utc(2026, 3, 29, 16, 0)),
                ("b-second", utc(2026, 3, 29, 16, 0)),
                ("c-third", utc(2026, 3, 30, 6, 0)),
            ],
        ),
        # Sunday 21:05:30 CEST: A and B would fall at 18:00 that day, already gone, so they
        # go to the next quarter hour after planning began, 21:15 CEST = 19:15 UTC.
        (
            utc(2026, 3, 29, 19, 5) + timedelta(seconds=30, microseconds=7),
            [
                ("a-first", utc(2026, 3, 29, 19, 15)),
                ("b-second", utc(2026, 3, 29, 19, 15)),
                ("c-third", utc(2026, 3, 30, 6, 0)),
            ],
        ),
        # Monday 08:40 CEST, 80 minutes before the start: A and B would be at 18:00 on the
        # interview day, so they are capped an hour before the start (07:00 UTC); C's ideal
        # 06:00 has passed, so it moves to the next quarter hour, 06:45 UTC.
        (
            utc(2026, 3, 30, 6, 40),
            [
                ("c-third", utc(2026, 3, 30, 6, 45)),
                ("a-first", utc(2026, 3, 30, 7, 0)),
                ("b-second", utc(2026, 3, 30, 7, 0)),
            ],
        ),
        # Thirty minutes before the start: never before planning began wins over the cap.
        (
            utc(2026, 3, 30, 7, 30),
            [
                ("a-first", utc(2026, 3, 30, 7, 30)),
                ("b-second", utc(2026, 3, 30, 7, 30)),
                ("c-third", utc(2026, 3, 30, 7, 30)),
            ],
        ),
    ],
)
def test_short_notice_round_fits_prep_into_the_time_left(
    planned_from: datetime, expected: list[tuple[str, datetime]]
) -> None:
    plan = build_plan(round_facts(planned_from=planned_from), templates=SQUEEZE)
    assert plan.compressed is True
    before = [(i.key, i.due_at) for i in plan.items if i.before]
    assert before == expected
    assert all(planned_from <= due < BERLIN_START for _, due in before)
    # After-interview items keep their time.
    assert [(i.key, i.due_at) for i in plan.items if not i.before] == [
        ("d-after", utc(2026, 3, 30, 12, 0))
    ]
    # Nothing is overdue at the moment the round was added.
    assert readiness(plan, {}, now=planned_from).overdue == ()


def test_round_planned_well_ahead_keeps_exact_due_dates() -> None:
    plan = build_plan(round_facts(planned_from=utc(2026, 3, 1, 9, 0)), templates=SQUEEZE)
    assert plan.compressed is False
    assert [i.due_at for i in plan.items] == [
        utc(2026, 3, 27, 17, 0),
        utc(2026, 3, 29, 16, 0),
        utc(2026, 3, 30, 6, 0),
        utc(2026, 3, 30, 12, 0),
    ]


@pytest.mark.parametrize(
    "planned_from",
    [None, utc(2026, 3, 27, 17, 0), utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 9, 0)],
)
def test_no_compression_without_a_planning_time_or_when_it_is_useless(
    planned_from: datetime | None,
) -> None:
    # No planning time, planning from exactly the earliest due, at the start or after it.
    plan = build_plan(round_facts(planned_from=planned_from), templates=SQUEEZE)
    assert plan.compressed is False
    assert [i.due_at for i in plan.items] == [
        utc(2026, 3, 27, 17, 0),
        utc(2026, 3, 29, 16, 0),
        utc(2026, 3, 30, 6, 0),
        utc(2026, 3, 30, 12, 0),
    ]


def test_compressed_real_plan_keeps_every_prep_item_between_planning_and_the_start() -> None:
    facts = round_facts(format="video", number=2, earlier_rounds=1, attendees=(DANA, SAM))
    ideal = build_plan(facts)
    planned_from = utc(2026, 3, 29, 12, 3, 20)  # Sunday 14:03 CEST, the day before
    squeezed = build_plan(replace(facts, planned_from=planned_from))
    assert ideal.compressed is False
    assert squeezed.compressed is True
    assert squeezed.item_keys() == ideal.item_keys()
    new_due = {i.key: i.due_at for i in squeezed.items}
    for item in ideal.items:
        if not item.before:
            assert new_due[item.key] == item.due_at, item.key
            continue
        assert planned_from <= new_due[item.key] < BERLIN_START, item.key
        if item.due_at >= planned_from:  # still ahead: unchanged
            assert new_due[item.key] == item.due_at, item.key
        else:  # moved later, never earlier
            assert new_due[item.key] > item.due_at, item.key
    # research-interviewer (2 days before, 18:00) lands on Sunday 18:00 CEST = 16:00 UTC;
    # stories-for-needs (3 days before, 20:30) on Sunday 20:30 CEST = 18:30 UTC.
    assert new_due["research-interviewer:p1"] == utc(2026, 3, 29, 16, 0)
    assert new_due["stories-for-needs"] == utc(2026, 3, 29, 18, 30)
    # questions-for-interviewer (1 day before, 18:00) was already on Sunday.
    assert new_due["questions-for-interviewer:p2"] == utc(2026, 3, 29, 16, 0)


# --- regeneration ---------------------------------------------------------------------------


def test_moving_the_round_keeps_keys_and_progress() -> None:
    progress = {"research-company-news": Progress("done"), "clothes": Progress("skipped")}
    # Monday 13 April 10:00 CEST moves to Tuesday 28 April; every due date of both rounds
    # falls in summer time, so everything moves by exactly 15 days.
    start, later_start = utc(2026, 4, 13, 8, 0), utc(2026, 4, 28, 8, 0)
    first = build_plan(
        round_facts(format="video", starts_at=start, ends_at=start + timedelta(hours=1))
    )
    moved = build_plan(
        round_facts(format="video", starts_at=later_start, ends_at=later_start + timedelta(hours=1))
    )
    assert moved.item_keys() == first.item_keys()
    old_due = {i.key: i.due_at for i in first.items}
    assert all(i.due_at - old_due[i.key] == timedelta(days=15) for i in moved.items)
    assert retired_keys(moved, progress) == []
    # Before items of a first video round: news 7, research 6, questions 5, stories 9,
    # why 5, behavioral 7, clothes 3, documents 4, tech check 5 = 51. Clothes is skipped
    # (48 counted) and news is done: 7 / 48 = 14.6 %.
    for plan in (first, moved):
        ready = readiness(plan, progress, now=utc(2026, 3, 1, 0, 0))
        assert (ready.score, ready.done_weight, ready.counted_weight) == (15, 7, 48)


def test_changing_the_format_keeps_matching_progress_and_retires_the_rest() -> None:
    progress = {
        "research-company-news": Progress("done"),
        "tech-check": Progress("done"),
        "practise-behavioral": Progress("skipped", reason="not relevant"),
        "clothes": Progress("skipped"),
    }
    video = build_plan(round_facts(format="video"))
    case = build_plan(round_facts(format="case"))
    assert retired_keys(video, progress) == []
    assert retired_keys(case, progress) == ["practise-behavioral", "tech-check"]
    assert case.item_keys() - video.item_keys() == CASE_ITEMS | {"route-and-arrival"}
    # Case round before items: news 7, research 6, questions 5, stories 9, why 5, case 9,
    # toolkit 5, route 5, clothes 3, documents 4 = 58; clothes skipped -> 55; 7 / 55 = 12.7 %.
    ready = readiness(case, progress, now=utc(2026, 3, 1, 0, 0))
    assert (ready.score, ready.done_weight, ready.counted_weight) == (13, 7, 55)
    assert [i.key for i in ready.skipped] == ["clothes"]


def test_attendee_change_retires_only_their_items() -> None:
    progress = {
        "research-interviewer:p1": Progress("done"),
        "research-interviewer:p2": Progress("done"),
    }
    plan = build_plan(round_facts(attendees=(DANA,)))
    assert retired_keys(plan, progress) == ["research-interviewer:p2"]


# --- readiness ------------------------------------------------------------------------------


def test_readiness_is_the_weighted_share_of_done_items() -> None:
    plan = build_plan(
        round_facts(),
        templates=[
            template("heavy", Due(days_before=2, at="18:00"), weight=8),
            template("light", Due(days_before=1, at="18:00"), weight=2),
            template("after", Due(hours_after=3), weight=10),
        ],
    )
    ready = readiness(plan, {"heavy": Progress("done")}, now=utc(2026, 3, 1, 0, 0))
    assert (ready.score, ready.done_weight, ready.counted_weight) == (80, 8, 10)
    assert [i.key for i in ready.missing] == ["light"]
    assert ready.overdue == ()
    assert ready.summary == "Missing 1 of 2: Title light."
    # Doing the after-interview item changes nothing; doing the light one completes it.
    after_done = readiness(
        plan, {"heavy": Progress("done"), "after": Progress("done")}, now=utc(2026, 3, 1)
    )
    assert after_done.score == 80
    both = {"heavy": Progress("done"), "light": Progress("done")}
    complete = readiness(plan, both, now=utc(2026, 4, 1))
    assert (complete.score, complete.missing, complete.overdue) == (100, (), ())
    assert complete.summary == "Nothing missing: every prep item is done or skipped."


def test_skipped_items_leave_the_denominator() -> None:
    plan = build_plan(
        round_facts(),
        templates=[
            template("heavy", Due(days_before=2, at="18:00"), weight=8),
            template("light", Due(days_before=1, at="18:00"), weight=2),
            template("skip-me", Due(days_before=1, at="12:00"), weight=5),
        ],
    )
    progress = {"heavy": Progress("done"), "skip-me": Progress("skipped", reason="n/a")}
    ready = readiness(plan, progress, now=utc(2026, 3, 1))
    assert (ready.score, ready.done_weight, ready.counted_weight) == (80, 8, 10)
    assert [i.key for i in ready.skipped] == ["skip-me"]
    assert ready.summary == "Missing 1 of 2: Title light."


def test_nothing_counted_means_fully_ready() -> None:
    plan = build_plan(round_facts(), templates=[template("only", Due(hours_before=1), weight=4)])
    ready = readiness(plan, {"only": Progress("skipped")}, now=utc(2026, 3, 1))
    assert (ready.score, ready.counted_weight) == (100, 0)
    assert ready.summary.startswith("Nothing missing")


def test_missing_items_heaviest_first_and_overdue_counted_against_now() -> None:
    plan = build_plan(
        round_facts(),
        templates=[
            template("w1", Due(days_before=4, at="09:00"), weight=1),  # Thu 26 Mar 08:00 UTC
            template("w3", Due(hours_before=2), weight=3),  # Mon 30 Mar 06:00 UTC
            template("w5", Due(days_before=2, at="18:00"), weight=5),  # Sat 28 Mar 17:00 UTC
            template("w7", Due(days_before=1, at="18:00"), weight=7),  # Sun 29 Mar 16:00 UTC
            template("w9", Due(days_before=3, at="18:00"), weight=9),  # Fri 27 Mar 17:00 UTC
            template("w4", Due(days_before=1, at="09:00"), weight=4),
            template("x-after", Due(hours_after=24), weight=10),
        ],
    )
    now = utc(2026, 3, 28, 12, 0)
    ready = readiness(plan, {"w4": Progress("done")}, now=now)
    assert [i.key for i in ready.missing] == ["w9", "w7", "w5", "w3", "w1"]
    assert [i.key for i in ready.overdue] == ["w9", "w1"]
    # 4 of 9 + 7 + 5 + 3 + 1 + 4 = 29 -> 13.8 %.
    assert (ready.score, ready.done_weight, ready.counted_weight) == (14, 4, 29)
    assert ready.summary == "Missing 5 of 6: Title w9; Title w7; Title w5; and 2 more. 2 overdue."


def test_equal_weights_in_missing_are_ordered_by_due_date() -> None:
    plan = build_plan(
        round_facts(),
        templates=[
            template("z-early", Due(days_before=3, at="18:00"), weight=5),
            template("a-late", Due(days_before=1, at="18:00"), weight=5),
        ],
    )
    ready = readiness(plan, {}, now=utc(2026, 3, 1))
    assert [i.key for i in ready.missing] == ["z-early", "a-late"]


@pytest.mark.parametrize(
    "start",
    [
        datetime(1, 1, 1, 9, 0, tzinfo=ZoneInfo("UTC")),
        datetime(9999, 12, 31, 9, 0, tzinfo=ZoneInfo("UTC")),
    ],
)
def test_a_round_dated_out_of_range_has_an_empty_plan_that_says_why(start: datetime) -> None:
    """A round saved before dates were checked: counting days back from it would leave the
    calendar, so there is no plan and readiness says to edit the date."""
    plan = build_plan(round_facts(starts_at=start, ends_at=start + timedelta(hours=1)))
    assert (plan.items, plan.out_of_range) == ((), True)
    ready = readiness(plan, {}, utc(2026, 5, 1, 9))
    assert ready.score == 0
    assert ready.summary.startswith("This round's date is out of range (1970 to 2100)")
    assert build_plan(round_facts()).out_of_range is False
