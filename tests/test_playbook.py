"""The playbook as plain Python: knowledge base, prep plans, readiness, likely questions,
questions to ask and the question classifier. Every expected date and score is worked out
by hand in the comments, never by calling the code under test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest

from nextround.errors import Invalid
from nextround.playbook import knowledge
from nextround.playbook.asks import AskPlan, suggest_asks
from nextround.playbook.classify import classify_question, cross_validate
from nextround.playbook.knowledge import (
    CATEGORIES,
    RELATIONS,
    THEMES,
    Ask,
    ChecklistFile,
    ChecklistItem,
    Condition,
    Due,
    KnowledgeError,
    Question,
    QuestionFile,
)
from nextround.playbook.likely import EarlierQuestion, likely_questions
from nextround.playbook.plan import (
    Attendee,
    Plan,
    Progress,
    RoundFacts,
    build_plan,
    readiness,
    retired_keys,
    wall_clock,
)

# Monday 2026-03-30 10:00 CEST in Berlin. Clocks went forward on Sunday 29 March at 02:00 CET.
BERLIN_START = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
DETAIL = "Long enough to satisfy the schema's thirty-character minimum for guidance."

DANA = Attendee("p1", "Dana Ortiz", "hiring_manager", met_before=True)
SAM = Attendee("p2", "Sam Lee", "peer")
PRIYA = Attendee("p3", "Priya Nair", "managers_manager")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def round_facts(**changes: object) -> RoundFacts:
    base: dict[str, object] = {
        "starts_at": BERLIN_START,
        "ends_at": BERLIN_START + timedelta(hours=1),
        "timezone": "Europe/Berlin",
        "format": "one_on_one",
        "number": 1,
    }
    return RoundFacts(**(base | changes))  # type: ignore[arg-type]


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


# --- knowledge ---------------------------------------------------------------------------


def test_question_bank_loads_with_enough_questions_in_every_category() -> None:
    bank = knowledge.questions()
    assert len(bank) >= 200
    per_category = Counter(q.category for q in bank)
    assert set(per_category) == set(CATEGORIES)
    assert all(per_category[c] >= 8 for c in CATEGORIES), per_category
    assert len({q.id for q in bank}) == len(bank)


def test_every_question_lists_only_known_relations_and_distinct_variants() -> None:
    for q in knowledge.questions():
        assert set(q.asked_by) <= set(RELATIONS), q.id
        assert q.text not in q.variants, q.id
        assert len(set(q.variants)) == len(q.variants), q.id


def test_question_by_id_finds_each_bank_question_and_nothing_else() -> None:
    for q in knowledge.questions():
        assert knowledge.question_by_id(q.id) is q
    assert knowledge.question_by_id("") is None  # an own question has no bank id
    assert knowledge.question_by_id("no-such-question") is None


def test_asks_cover_every_theme_and_only_pay_asks_are_money() -> None:
    bank = knowledge.asks()
    assert len(bank) >= 80
    assert len({a.id for a in bank}) == len(bank)
    assert set(Counter(a.theme for a in bank)) == set(THEMES)
    for ask in bank:
        assert ask.money is (ask.theme == "pay_benefits"), ask.id


def test_every_relation_has_asks_on_at_least_three_themes() -> None:
    bank = knowledge.asks()
    for relation in RELATIONS:
        themes = {a.theme for a in bank if relation in a.relations and not a.money}
        assert len(themes) >= 3, relation


def test_checklist_ids_are_unique_and_name_placeholders_only_in_per_attendee_items() -> None:
    items = knowledge.checklist()
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert ("{name}" in item.title) is item.per_attendee, item.id


QUESTION_TOML = """
[[question]]
id = "basics-odd-one"
text = "Tell me something odd about yourself."
category = "{category}"
competencies = ["communication"]
asked_by = ["hr"]
later_round = false
testing = "Whether you can say something short and true about yourself under pressure."
approach = "Pick one fact that links to the job and say it in two sentences, then stop."
"""


def test_well_formed_question_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "basics.toml"
    path.write_text(QUESTION_TOML.replace("{category}", "basics"), encoding="utf-8")
    decoded = msgspec.toml.decode(path.read_bytes(), type=QuestionFile)
    assert [q.id for q in decoded.question] == ["basics-odd-one"]
    assert decoded.question[0].variants == []


def test_question_with_unknown_category_fails_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "gossip.toml"
    path.write_text(QUESTION_TOML.replace("{category}", "gossip"), encoding="utf-8")
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.toml.decode(path.read_bytes(), type=QuestionFile)
    message = str(caught.value)
    assert "gossip" in message
    assert "$.question[0].category" in message


def checklist_toml(extra: str, due: str = "due = { hours_after = 3 }", item_id: str = "x-y") -> str:
    return (
        f'[[item]]\nid = "{item_id}"\ntitle = "Do the thing"\ndetail = "{DETAIL}"\n'
        f"weight = 5\n{due}\n{extra}"
    )


@pytest.mark.parametrize(
    ("toml", "fragments"),
    [
        (
            checklist_toml("", 'due = { days_before = 1, at = "18:00", hours_after = 3 }'),
            ["exactly one of", "$.item[0].due"],
        ),
        (checklist_toml("", "due = { days_before = 1 }"), ["go together", "$.item[0].due"]),
        (checklist_toml("", 'due = { at = "18:00", hours_before = 2 }'), ["go together"]),
        (checklist_toml("", 'due = { days_before = 1, at = "24:00" }'), ["$.item[0].due.at"]),
        (checklist_toml("", 'due = { days_before = 15, at = "09:00" }'), ["days_before"]),
        (checklist_toml("", "due = { hours_before = 0 }"), ["$.item[0].due.hours_before"]),
        (checklist_toml('when = { all_of = ["sunny"] }'), ["sunny", "$.item[0].when.all_of[0]"]),
        (checklist_toml('when = { formats = ["dinner"] }'), ["dinner", "$.item[0].when.formats"]),
        (checklist_toml('colour = "red"'), ["colour", "$.item[0]"]),
        (checklist_toml("", item_id="Not An Id"), ["$.item[0].id"]),
    ],
)
def test_malformed_checklist_entry_fails_with_a_useful_message(
    tmp_path: Path, toml: str, fragments: list[str]
) -> None:
    path = tmp_path / "checklist.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.toml.decode(path.read_bytes(), type=ChecklistFile)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_due_checks_its_parts_when_built_in_code() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Due(hours_before=2, hours_after=3)
    with pytest.raises(ValueError, match="go together"):
        Due(days_before=1)
    with pytest.raises(ValueError, match="exactly one"):
        Due()


@pytest.fixture
def fresh_checklist() -> Iterator[None]:
    knowledge.checklist.cache_clear()
    yield
    knowledge.checklist.cache_clear()


def test_shipped_checklist_with_a_bad_entry_raises_knowledge_error(
    monkeypatch: pytest.MonkeyPatch, fresh_checklist: None
) -> None:
    bad = checklist_toml("").replace("weight = 5", "weight = 11").encode()
    monkeypatch.setattr(knowledge, "_read", lambda name: bad)
    with pytest.raises(KnowledgeError, match=r"^checklist\.toml: .*\$\.item\[0\]\.weight"):
        knowledge.checklist()


def test_shipped_checklist_with_repeated_ids_raises_knowledge_error(
    monkeypatch: pytest.MonkeyPatch, fresh_checklist: None
) -> None:
    twice = (checklist_toml("", item_id="dup-item") + "\n" + checklist_toml("")).encode()
    twice += b"\n" + checklist_toml("", item_id="dup-item").encode()
    monkeypatch.setattr(knowledge, "_read", lambda name: twice)
    with pytest.raises(KnowledgeError, match=r"repeated ids dup-item$"):
        knowledge.checklist()


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
    # thank-you note: 24 hours after the 09:00 UTC end; status check a week after it.
    assert due["thank-you-note:p1"] == utc(2026, 3, 31, 9, 0)
    assert due["status-check"] == utc(2026, 4, 6, 9, 0)


def test_per_attendee_items_are_one_per_interviewer_with_a_shared_weight() -> None:
    plan = build_plan(round_facts(number=2, attendees=(DANA, SAM, PRIYA)))
    research = [i for i in plan.items if i.template == "research-interviewer"]
    assert [(i.key, i.title, i.weight, i.person) for i in research] == [
        ("research-interviewer:p1", "Research Dana Ortiz", 2, "p1"),  # 6 / 3
        ("research-interviewer:p2", "Research Sam Lee", 2, "p2"),
        ("research-interviewer:p3", "Research Priya Nair", 2, "p3"),
    ]
    thanks = sorted(
        (i.key, i.title, i.weight, i.before) for i in plan.items if i.template == "thank-you-note"
    )
    assert thanks == [
        ("thank-you-note:p1", "Send a thank-you note to Dana Ortiz", 2, False),
        ("thank-you-note:p2", "Send a thank-you note to Sam Lee", 2, False),
        ("thank-you-note:p3", "Send a thank-you note to Priya Nair", 2, False),
    ]
    assert all("{name}" not in i.title for i in plan.items)


def test_per_attendee_item_without_attendees_is_one_placeholder() -> None:
    plan = build_plan(round_facts(number=2))
    research = [i for i in plan.items if i.template == "research-interviewer"]
    assert [(i.key, i.title, i.weight, i.person) for i in research] == [
        ("research-interviewer", "Research each interviewer", 6, None)
    ]
    keys = plan.item_keys()
    assert {"questions-for-interviewer", "thank-you-note"} <= keys


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


# --- likely questions -----------------------------------------------------------------------


def question(id_: str, text: str, category: str, **extra: object) -> Question:
    fields: dict[str, object] = {
        "competencies": [],
        "asked_by": ["other"],
        "later_round": False,
        "testing": DETAIL,
        "approach": DETAIL,
    }
    return Question(id=id_, text=text, category=category, **(fields | extra))  # type: ignore[arg-type]


def test_case_round_brings_case_questions_with_the_format_as_reason() -> None:
    found = likely_questions(round_facts(format="case"))
    case = [lq for lq in found if lq.category == "case"]
    assert len(case) == 4  # the per-category cap, and the format outweighs everything else
    assert all("This is a case round." in lq.reasons for lq in case)
    assert [lq.category for lq in found[:4]] == ["case"] * 4
    assert "presentation" not in {lq.category for lq in found}


def test_one_on_one_round_never_offers_case_or_presentation_questions() -> None:
    found = likely_questions(round_facts(format="one_on_one", number=2), limit=1000)
    categories = {lq.category for lq in found}
    assert not categories & {"case", "presentation"}
    assert len(found) > 40


def test_presentation_round_brings_presentation_questions_and_no_case() -> None:
    found = likely_questions(round_facts(format="presentation"), limit=1000)
    categories = Counter(lq.category for lq in found)
    assert categories["presentation"] == 4
    assert categories["case"] == 0


def test_relation_reasons_name_the_attending_person() -> None:
    found = likely_questions(round_facts(attendees=(PRIYA,)), limit=1000)
    reason = "Often asked by the manager's manager: Priya Nair attends."
    for lq in found:
        assert lq.bank is not None
        assert (reason in lq.reasons) is ("managers_manager" in lq.bank.asked_by), lq.text
    assert any(reason in lq.reasons for lq in found)


def test_new_interviewers_bring_basics_with_a_reason_naming_them() -> None:
    found = likely_questions(round_facts(number=2, attendees=(DANA, SAM)), limit=1000)
    reason = "New interviewers (Sam Lee) often start here, even if you covered it before."
    basics = [lq for lq in found if lq.category == "basics"]
    assert basics
    assert all(reason in lq.reasons for lq in basics)
    assert not any(reason in lq.reasons for lq in found if lq.category != "basics")
    known = likely_questions(round_facts(number=2, attendees=(DANA,)), limit=1000)
    assert not any("New interviewers" in r for lq in known for r in lq.reasons)


def test_scores_and_reasons_for_a_single_bank_question() -> None:
    # 1 + later round 1 + hiring manager 1.2 + panel behavioral 0.5 + two posting terms 1.6.
    bank = [
        question(
            "behavioral-stakeholders",
            "Tell me about a stakeholder you won over.",
            "behavioral",
            asked_by=["hiring_manager", "hr"],
            later_round=True,
            competencies=["stakeholder management", "sql", "python"],
        )
    ]
    [lq] = likely_questions(
        round_facts(format="panel", number=2, attendees=(DANA,)),
        job_text="We need strong stakeholder management and SQL.",
        bank=bank,
    )
    assert lq.score == pytest.approx(5.3)
    assert lq.reasons == [
        "Typical of second and final rounds.",
        "Often asked by hiring managers: Dana Ortiz attends.",
        "Panels lean on behavioral questions to compare candidates.",
        "The posting asks for stakeholder management, sql.",
    ]
    assert lq.asked_before is False


def test_earlier_question_matching_the_bank_is_marked_with_its_history() -> None:
    facts = round_facts(number=2, attendees=(DANA, SAM))
    earlier = EarlierQuestion(
        "Tell me about yourself",
        round_number=1,
        asked_by="Dana Ortiz",
        rating=2,
        improve="Keep it under two minutes",
    )
    without = likely_questions(facts, limit=1000)
    found = likely_questions(facts, earlier=[earlier], limit=1000)
    before = [lq.text for lq in without].index("Tell me about yourself.")
    [lq] = [lq for lq in found if lq.text == "Tell me about yourself."]
    assert lq.asked_before is True
    assert lq.earlier == [earlier]
    assert lq.bank is not None
    assert lq.bank.id == "basics-tell-me-about-yourself"
    assert lq.reasons[0] == (
        "Asked in round 1 by Dana Ortiz; you rated your answer 2/5. "
        "To improve: Keep it under two minutes."
    )
    # A weak answer adds 3: it was tied at 5.9 with others and now leads the list.
    assert found.index(lq) < before
    assert found[0] is lq
    assert lq.score == pytest.approx(8.9)


def test_earlier_question_without_rating_or_name_has_a_short_reason() -> None:
    bank = [question("basics-about", "Tell me about yourself.", "basics")]
    [lq] = likely_questions(
        round_facts(), earlier=[EarlierQuestion("tell me about YOURSELF!", 3)], bank=bank
    )
    assert lq.reasons == ["Asked in round 3."]
    assert lq.score == pytest.approx(2.5)  # 1 + 1.5 for a question seen before


def test_earlier_question_not_in_the_bank_still_appears() -> None:
    seen = EarlierQuestion(
        "Walk us through migrating the billing ledger to Postgres",
        round_number=1,
        asked_by="Sam Lee",
        rating=3,
        category="technical",
    )
    found = likely_questions(round_facts(format="one_on_one"), earlier=[seen])
    [lq] = [lq for lq in found if lq.asked_before]
    assert (lq.text, lq.category, lq.bank, lq.earlier) == (seen.text, "technical", None, [seen])
    assert lq.reasons == [
        "Asked in round 1 by Sam Lee; you rated your answer 3/5.",
        "They may come back to it to hear a better answer.",
    ]
    assert lq.score == pytest.approx(3.5)


def test_unmatched_earlier_question_without_category_is_other_and_weak_ones_score_higher() -> None:
    bank = [question("basics-about", "Tell me about yourself.", "basics")]
    weak = EarlierQuestion("How many piano tuners are there in Chicago?", 1, rating=1)
    [first, second] = likely_questions(round_facts(), earlier=[weak], bank=bank)
    assert (first.text, first.category, first.score) == (weak.text, "other", 5)
    assert second.text == "Tell me about yourself."


def test_own_earlier_question_stays_even_when_generic_guesses_score_higher() -> None:
    # In a later round with known interviewers generic questions score up to 5.9, well above
    # the 3.5 of an unrated note the bank does not know; the note is kept all the same.
    seen = EarlierQuestion(
        "Walk us through migrating the billing ledger to Postgres", 1, "Sam Lee", rating=3
    )
    found = likely_questions(round_facts(number=2, attendees=(DANA, SAM)), earlier=[seen])
    assert len(found) == 15
    [lq] = [lq for lq in found if lq.asked_before]
    assert lq.text == seen.text
    assert lq is found[-1]  # kept, and still shown in score order
    assert found[0].score > lq.score


def test_when_earlier_questions_exceed_the_limit_weak_answers_come_first() -> None:
    texts = [
        "Describe your favourite spreadsheet formula.",
        "Name the last conference you attended.",
        "Where did you grow up originally?",
    ]
    bank = [question(f"basics-{n}", text, "basics") for n, text in enumerate(texts)]
    earlier = [
        EarlierQuestion(texts[0], 1, rating=4),  # 1 + 1.5
        EarlierQuestion(texts[1], 1, rating=1),  # 1 + 3
        EarlierQuestion(texts[2], 1),  # 1 + 1.5
    ]
    found = likely_questions(round_facts(), earlier=earlier, bank=bank, limit=2)
    assert [(lq.text, lq.score) for lq in found] == [(texts[1], 4.0), (texts[0], 2.5)]
    assert [lq.went_badly for lq in found] == [True, False]


def test_a_weak_answer_is_kept_over_a_higher_scoring_question_seen_before() -> None:
    # "Tell me about yourself." rated 4/5: 1 + hiring manager 1.2 + peer 1.2 + new
    # interviewer 2.5 + 1.5 = 7.4. The unmatched weak answer scores a flat 5.
    good = EarlierQuestion("Tell me about yourself", 1, "Dana Ortiz", rating=4)
    weak = EarlierQuestion("How many piano tuners are there in Chicago?", 1, rating=2)
    facts = round_facts(number=2, attendees=(DANA, SAM))
    both = likely_questions(facts, earlier=[good, weak], limit=2)
    assert [(lq.text, lq.score) for lq in both] == [
        ("Tell me about yourself.", pytest.approx(7.4)),
        (weak.text, 5),
    ]
    [only] = likely_questions(facts, earlier=[good, weak], limit=1)
    assert only.text == weak.text


def test_salary_questions_appear_for_a_final_round() -> None:
    found = likely_questions(round_facts(number=3, is_final=True))
    salary = [lq for lq in found if lq.category == "salary"]
    assert salary
    reason = "Final rounds and money already discussed bring up pay and terms."
    assert all(reason in lq.reasons for lq in salary)


def test_salary_questions_appear_once_money_was_discussed() -> None:
    found = likely_questions(round_facts(number=2, money_discussed=True))
    assert any(lq.category == "salary" for lq in found)


def test_no_salary_questions_in_an_early_round_without_money() -> None:
    # Without interviewers to lift them a salary question scores 1 - 1.5 < 0 and is dropped.
    everything = likely_questions(round_facts(number=1), limit=1000)
    assert "salary" not in {lq.category for lq in everything}
    top = likely_questions(round_facts(number=1, attendees=(DANA, SAM)))
    assert "salary" not in {lq.category for lq in top}


@pytest.mark.parametrize(
    "facts",
    [
        round_facts(),
        round_facts(format="panel", number=2, attendees=(DANA, SAM, PRIYA)),
        round_facts(format="case", number=3, is_final=True, money_discussed=True),
    ],
)
def test_never_more_than_four_per_category(facts: RoundFacts) -> None:
    found = likely_questions(facts, limit=1000)
    assert max(Counter(lq.category for lq in found).values()) == 4
    scores = [lq.score for lq in found]
    assert scores == sorted(scores, reverse=True)
    assert all(lq.reasons for lq in found if lq.score > 1)


def test_questions_asked_before_may_pass_the_category_cap() -> None:
    texts = [
        "Describe your favourite spreadsheet formula.",
        "Which commute do you take every morning?",
        "Name the last conference you attended.",
        "What languages can you speak fluently?",
        "Explain your hobby of model railways.",
        "Where did you grow up originally?",
        "How big is your current department?",
    ]
    bank = [question(f"basics-{n}", text, "basics") for n, text in enumerate(texts)]
    # Two seen before: they score 2.5 and lead; two more fill the category up to four.
    two = [EarlierQuestion(texts[5], 1), EarlierQuestion(texts[6], 1)]
    found = likely_questions(round_facts(), earlier=two, bank=bank)
    assert [lq.text for lq in found] == [
        texts[6],  # "How big…" sorts before "Where…"
        texts[5],
        texts[0],  # then the rest alphabetically: "Describe…", "Explain…"
        texts[4],
    ]
    # Five seen before: all five come back, and nothing else in the category.
    five = [EarlierQuestion(t, 1) for t in texts[:5]]
    found = likely_questions(round_facts(), earlier=five, bank=bank)
    assert len(found) == 5
    assert all(lq.asked_before for lq in found)


@pytest.mark.parametrize("limit", [1, 5, 15])
def test_likely_questions_respect_the_limit(limit: int) -> None:
    assert len(likely_questions(round_facts(number=2, attendees=(DANA,)), limit=limit)) == limit


# --- questions to ask -----------------------------------------------------------------------


def ask(id_: str, theme: str, relations: list[str], *, money: bool = False) -> Ask:
    return Ask(
        id=id_,
        text=f"Question {id_}?",
        theme=theme,  # type: ignore[arg-type]
        relations=relations,  # type: ignore[arg-type]
        why=DETAIL,
        money=money,
    )


SMALL_BANK = [
    ask("hm-1", "first_months", ["hiring_manager"]),
    ask("hm-2", "success", ["hiring_manager", "managers_manager"]),
    ask("hm-3", "first_months", ["hiring_manager"]),
    ask("hm-4", "hard_problems", ["hiring_manager"]),
    ask("peer-1", "team", ["peer"]),
    ask("peer-2", "culture", ["peer", "other"]),
    ask("other-1", "team", ["other"]),
    ask("hr-1", "decision", ["hr"]),
    ask("hr-pay", "pay_benefits", ["hr"], money=True),
    ask("hr-2", "culture", ["hr"]),
]


def chosen_ids(plan: AskPlan) -> dict[str, list[str]]:
    return {key: [a.id for a in asks] for key, asks in plan.by_person.items()}


def test_asks_follow_the_relations_preferred_themes_without_repeating_a_theme() -> None:
    # Hiring managers: first_months, success, hard_problems… hm-3 repeats first_months.
    plan = suggest_asks([DANA], bank=SMALL_BANK)
    assert chosen_ids(plan) == {"p1": ["hm-1", "hm-2", "hm-4"]}
    assert plan.money_held_back is False


def test_second_interviewer_of_the_same_kind_gets_what_is_left() -> None:
    other_manager = Attendee("p9", "Lee Chan", "hiring_manager")
    plan = suggest_asks([DANA, other_manager], bank=SMALL_BANK)
    assert chosen_ids(plan) == {"p1": ["hm-1", "hm-2", "hm-4"], "p9": ["hm-3"]}


def test_pay_asks_wait_until_money_is_raised() -> None:
    hr = Attendee("p4", "Kim Park", "hr")
    held = suggest_asks([hr], bank=SMALL_BANK)
    assert chosen_ids(held) == {"p4": ["hr-1", "hr-2"]}
    assert held.money_held_back is True
    raised = suggest_asks([hr], bank=SMALL_BANK, money_raised=True)
    assert chosen_ids(raised) == {"p4": ["hr-1", "hr-2", "hr-pay"]}
    assert raised.money_held_back is False


def test_relation_without_asks_falls_back_to_other() -> None:
    boss = Attendee("p5", "Alex Stone", "executive")
    plan = suggest_asks([boss], bank=SMALL_BANK)
    # Executives rank culture (4th) ahead of team (not listed).
    assert chosen_ids(plan) == {"p5": ["peer-2", "other-1"]}


def test_covered_themes_and_used_asks_are_not_suggested_again() -> None:
    plan = suggest_asks([DANA], bank=SMALL_BANK, covered_themes={"success"}, used={"hm-1"})
    assert chosen_ids(plan) == {"p1": ["hm-3", "hm-4"]}
    assert plan.covered_themes == frozenset({"success"})


def test_per_person_limit_is_respected() -> None:
    plan = suggest_asks([DANA], bank=SMALL_BANK, per_person=1)
    assert chosen_ids(plan) == {"p1": ["hm-1"]}


EVERYONE = [
    DANA,
    SAM,
    PRIYA,
    Attendee("p4", "Kim Park", "hr"),
    Attendee("p5", "Alex Stone", "executive"),
    Attendee("p6", "Jo Bell", "other"),
    Attendee("p7", "Lee Chan", "hiring_manager"),
]


@pytest.mark.parametrize("money_raised", [False, True])
def test_real_bank_suggestions_suit_each_person_and_never_repeat(money_raised: bool) -> None:
    plan = suggest_asks(EVERYONE, money_raised=money_raised)
    assert list(plan.by_person) == [p.key for p in EVERYONE]
    seen: list[str] = []
    for person in EVERYONE:
        suggested = plan.by_person[person.key]
        assert len(suggested) == 3, person.key
        assert all(person.relation in a.relations for a in suggested), person.key
        assert len({a.theme for a in suggested}) == 3, person.key
        seen += [a.id for a in suggested]
        if not money_raised:
            assert not any(a.money for a in suggested)
    assert len(seen) == len(set(seen))
    assert plan.money_held_back is not money_raised


def test_real_bank_second_hiring_manager_hears_different_themes() -> None:
    first_themes = {"first_months", "success", "hard_problems"}
    plan = suggest_asks([DANA, Attendee("p7", "Lee Chan", "hiring_manager")])
    assert [a.theme for a in plan.by_person["p1"]] == ["first_months", "success", "hard_problems"]
    assert [a.theme for a in plan.by_person["p7"]] == ["manager_style", "team", "cross_team"]
    assert not {a.theme for a in plan.by_person["p7"]} & first_themes


def test_real_bank_respects_covered_themes_and_used_ids() -> None:
    plan = suggest_asks(
        [DANA], covered_themes={"success", "hard_problems"}, used={"first-months-priorities"}
    )
    suggested = plan.by_person["p1"]
    assert not {a.theme for a in suggested} & {"success", "hard_problems"}
    # The next first-months question for hiring managers in the bank's order.
    assert suggested[0].id == "first-months-waiting-work"
    assert [a.theme for a in suggested] == ["first_months", "manager_style", "team"]


def test_real_bank_peers_have_no_pay_asks_to_hold_back() -> None:
    plan = suggest_asks([SAM])
    assert plan.money_held_back is False


def test_real_bank_offers_pay_asks_to_hr_once_money_is_raised_and_themes_run_out() -> None:
    hr = Attendee("p4", "Kim Park", "hr")
    covered = {"decision", "culture", "growth", "team", "first_months", "direction"}
    held = suggest_asks([hr], covered_themes=covered)
    assert held.money_held_back is True
    assert not any(a.money for a in held.by_person["p4"])
    raised = suggest_asks([hr], covered_themes=covered, money_raised=True)
    assert any(a.money and a.theme == "pay_benefits" for a in raised.by_person["p4"])


# --- classifier -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("What are your salary expectations?", "salary"),
        ("Tell me about a time you disagreed with a colleague", "behavioral"),
        ("What would you do if a client threatened to leave?", "situational"),
        ("Do you have any questions for us?", "closing"),
    ],
)
def test_classifier_recognises_clear_questions(text: str, category: str) -> None:
    prediction = classify_question(text)
    assert prediction.category == category
    assert 0 < prediction.confidence <= 1
    assert prediction.runner_up != category
    assert prediction.runner_up in CATEGORIES


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tell me about yourself.", "basics"),
        ("  tell ME about   yourself ", "basics"),
        ("Walk me through your resume.", "basics"),
    ],
)
def test_classifier_is_certain_about_wordings_from_the_bank(text: str, category: str) -> None:
    prediction = classify_question(text)
    assert (prediction.category, prediction.confidence) == (category, 1.0)
    assert prediction.runner_up != category


def test_classifier_ignores_extra_whitespace() -> None:
    assert classify_question("  What are your\n\tsalary   expectations?  ").category == "salary"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "x" * 1001, "word " * 300, "?!... — ¿¡ …", "--- *** ---"],
)
def test_classifier_refuses_unusable_input(text: str) -> None:
    with pytest.raises(Invalid):
        classify_question(text)


def test_classifier_length_limit_counts_collapsed_whitespace() -> None:
    assert classify_question("a" * 1000).category in CATEGORIES
    padded = ("salary" + " " * 30) * 40  # 1440 characters, 279 once whitespace is collapsed
    assert classify_question(padded).category == "salary"


def test_cross_validation_on_the_bank_beats_chance_by_far() -> None:
    bank = knowledge.questions()
    result = cross_validate(bank, folds=5)
    assert result.folds == 5
    assert result.texts == sum(1 + len(q.variants) for q in bank)
    assert result.accuracy > 0.4  # chance is 1/13
    assert 0 < result.macro_f1 <= 1
    assert set(result.recall) == set(CATEGORIES)
    assert all(0 <= r <= 1 for r in result.recall.values())
    assert 0 <= result.confident_share <= 1
    assert result.confident_accuracy >= result.accuracy  # sure predictions are better
    # Calibrated: the mean confidence is close to the accuracy.
    assert abs(result.mean_confidence - result.accuracy) < 0.1
    counts = [n for _, _, n in result.confusions]
    assert counts == sorted(counts, reverse=True)
    assert len(result.confusions) <= 8
    assert all(t != g for t, g, _ in result.confusions)


def test_cross_validation_on_a_separable_bank_is_perfect() -> None:
    bank = [
        question(
            "salary-a",
            "What salary do you expect?",
            "salary",
            variants=["What salary would you expect?"],
        ),
        question("salary-b", "What salary are you hoping for?", "salary"),
        question("closing-a", "Do you have any questions for us?", "closing"),
        question("closing-b", "Any questions for us before we finish?", "closing"),
    ]
    result = cross_validate(bank, folds=2)
    assert (result.folds, result.texts) == (2, 5)
    assert result.accuracy == 1.0
    assert result.macro_f1 == 1.0
    assert result.recall == {"closing": 1.0, "salary": 1.0}
    assert result.confusions == []
