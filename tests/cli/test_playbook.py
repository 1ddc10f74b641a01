"""The playbook commands: plan, questions, ask, calendar and classify-question.

They run in-process with click's CliRunner against the test database, except one run of the
installed script. Expected plans are worked out by hand from playbook/data/checklist.toml.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from nextround.interviews import services
from nextround.interviews.models import Person, Round
from nextround.prep.models import PlanProgress
from tests.prep.helpers import TZ, wall

SCRIPT = Path(sys.executable).parent / "nextround"


@pytest.fixture
def later(two_rounds: tuple[Round, Round]) -> Round:
    """Round 2 in a month (panel, in person) after a first round with Dana two weeks ago.

    Before the interview: review-earlier-notes 8, research-company-news 7, research-business 7,
    stories-for-needs 9, follow-up-questions 6, approach-plan 7, why-this-company 5,
    refresh-introduction 5, practise-behavioral 7, panel-plan 5, route-and-arrival 5, clothes 3,
    documents 4, and 2 for each of the three research-interviewer and questions-for-interviewer
    items: 90 in all.
    """
    return two_rounds[1]


def plan_json(ok: Callable[..., str], round_: Round, *args: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(ok("plan", str(round_.pk), *args, "--json"))
    return found


def items_by_key(found: dict[str, object]) -> dict[str, dict[str, Any]]:
    items = found["items"]
    assert isinstance(items, list)
    return {item["key"]: item for item in items}


# --- plan ----------------------------------------------------------------------------------


def test_plan_json(ok: Callable[..., str], later: Round, people: list[Person]) -> None:
    found = plan_json(ok, later)
    assert set(found) == {"round", "timezone", "readiness", "compressed", "items"}
    assert (found["round"], found["timezone"], found["compressed"]) == (later.pk, TZ, False)
    readiness = found["readiness"]
    assert isinstance(readiness, dict)
    assert set(readiness) == {"score", "summary", "missing", "overdue"}
    assert readiness["score"] == 0
    assert readiness["overdue"] == []
    assert len(readiness["missing"]) == 19  # 13 items and 2 x 3 per interviewer
    assert readiness["missing"][0] == "stories-for-needs"  # heaviest first
    assert readiness["summary"].startswith("Missing 19 of 19: ")

    items = items_by_key(found)
    assert len(items) == 19 + 1  # and the debrief after (follow-ups are the followup app's)
    news = items["research-company-news"]
    due = datetime.combine(wall(30, 0).date() - timedelta(days=3), time(18), ZoneInfo(TZ))
    assert news == {
        "key": "research-company-news",
        "title": "Catch up on the company's recent news",
        "due": due.isoformat(),
        "weight": 7,
        "before_interview": True,
        "status": "todo",
        "overdue": False,
        "note": "",
        "reason": "",
    }
    assert items["debrief"]["before_interview"] is False
    assert not any(key.startswith("thank-you-note") for key in items)
    assert sum(i["weight"] for i in items.values() if i["before_interview"]) == 90


def test_plan_text(ok: Callable[..., str], later: Round) -> None:
    out = ok("plan", str(later.pk))
    assert "Readiness 0/100." in out
    assert "Before the interview:" in out
    assert "Afterwards:" in out
    assert "[ ] " in out
    assert "(stories-for-needs)" in out


def test_plan_times_are_on_the_rounds_clock_with_the_users_beside_them(
    ok: Callable[..., str], later: Round
) -> None:
    rows = json.loads(ok("plan", str(later.pk), "--json"))["items"]
    due = datetime.fromisoformat(rows[0]["due"])
    with override_settings(TIME_ZONE="Asia/Tokyo"):
        away = ok("plan", str(later.pk))
    with override_settings(TIME_ZONE=TZ):
        home = ok("plan", str(later.pk))
    on_round = f"{due.astimezone(ZoneInfo(TZ)):%a %d %b %H:%M}"
    on_own = f"{due.astimezone(ZoneInfo('Asia/Tokyo')):%a %H:%M}"
    assert f"Due times on the round's clock ({TZ})." in away
    assert f"{on_round} ({on_own} your time)  {rows[0]['title']}" in away
    assert f"{on_round}  {rows[0]['title']}" in home and "your time" not in home


def test_plan_done_and_skip_change_the_score(ok: Callable[..., str], later: Round) -> None:
    found = plan_json(ok, later, "--done", "stories-for-needs", "--done", "clothes")
    assert found["readiness"]["score"] == round(100 * (9 + 3) / 90) == 13  # type: ignore[index]
    items = items_by_key(found)
    assert items["stories-for-needs"]["status"] == items["clothes"]["status"] == "done"

    found = plan_json(ok, later, "--skip", "route-and-arrival", "--reason", "Sent by car")
    assert found["readiness"]["score"] == round(100 * 12 / 85) == 14  # type: ignore[index]
    skipped = items_by_key(found)["route-and-arrival"]
    assert (skipped["status"], skipped["reason"]) == ("skipped", "Sent by car")

    found = plan_json(ok, later, "--undo", "clothes")
    assert found["readiness"]["score"] == round(100 * 9 / 85) == 11  # type: ignore[index]
    assert ok("plan", str(later.pk), "--done", "clothes").startswith(
        f"{later.label}: Operations Analyst at Northwind Health\nReadiness 14/100."
    )


def test_plan_skip_needs_a_reason(bad: Callable[..., str], later: Round) -> None:
    line = bad("plan", str(later.pk), "--skip", "clothes")
    assert "Say why you are skipping it." in line
    assert "reason" in line
    assert "Say why" in bad("plan", str(later.pk), "--skip", "clothes", "--reason", "  ")
    assert "--reason goes with --skip" in bad("plan", str(later.pk), "--reason", "Not needed")
    assert PlanProgress.objects.count() == 0


def test_plan_unknown_key_saves_nothing(bad: Callable[..., str], later: Round) -> None:
    assert "no item 'practise-case'" in bad("plan", str(later.pk), "--done", "practise-case")
    # All or nothing: the good key before the bad one is not kept either.
    bad("plan", str(later.pk), "--done", "clothes", "--done", "no-such-item")
    assert PlanProgress.objects.count() == 0


@pytest.mark.parametrize("command", ["plan", "questions", "ask", "calendar"])
def test_unknown_round_is_refused(bad: Callable[..., str], user: User, command: str) -> None:
    assert bad(command, "999999") == "Error: No round with id 999999."


def test_another_accounts_round_is_not_found(
    bad: Callable[..., str], user: User, other_user: User
) -> None:
    theirs = services.opportunity_create(owner=other_user, company="Secret", role_title="CFO")
    round_ = services.round_create(
        opportunity=theirs, starts=wall(10, 9), ends=wall(10, 10), timezone_name=TZ
    )
    assert "No round" in bad("plan", str(round_.pk), "--done", "clothes")
    assert PlanProgress.objects.count() == 0


# --- questions and asks --------------------------------------------------------------------


def test_questions_json(ok: Callable[..., str], later: Round, people: list[Person]) -> None:
    first = later.opportunity.rounds.get(number=1)
    services.note_create(
        round_=first,
        kind="question",
        person=people[0],
        text="Walk me through your resume.",
        rating=2,
        improve="Shorter",
    )
    found = json.loads(ok("questions", str(later.pk), "--json"))
    assert isinstance(found, list)
    assert len(found) == 15
    for q in found:
        assert set(q) == {
            "text",
            "category",
            "score",
            "reasons",
            "asked_before",
            "testing",
            "approach",
        }
        assert q["reasons"]
    # The question asked before leads; the rest follow best first.
    assert found[0]["asked_before"]
    scores = [q["score"] for q in found[1:]]
    assert scores == sorted(scores, reverse=True)
    again = [q for q in found if q["asked_before"]]
    assert [q["asked_before"] for q in again] == [
        [{"round": 1, "by": "Dana Ortiz", "rating": 2, "improve": "Shorter"}]
    ]
    assert again[0]["category"] == "basics"
    assert len(json.loads(ok("questions", str(later.pk), "--limit", "3", "--json"))) == 3


def test_questions_text(ok: Callable[..., str], later: Round) -> None:
    out = ok("questions", str(later.pk), "--limit", "2")
    lines = out.splitlines()
    assert lines[0] == "Field: general (nothing in the posting settles it)."
    assert lines[1].startswith(" 1. [")
    assert any(line.startswith("      - ") for line in lines)


def add_earlier_questions(round_: Round, people: list[Person]) -> None:
    for text, rating, person in (
        ("Walk me through your resume.", 4, people[0]),
        ("What are your salary expectations?", 1, people[0]),
        ("How would you clear the claims backlog in our billing system?", None, people[1]),
        ("Tell me about a time you disagreed with your manager.", 2, None),
        ("Why do you want to work here?", 5, people[2]),
    ):
        services.note_create(
            round_=round_, kind="question", person=person, text=text, rating=rating
        )


@pytest.mark.parametrize("limit", [1, 2, 4, 6, 15])
def test_questions_with_a_limit_are_the_start_of_the_longer_list(
    ok: Callable[..., str], later: Round, people: list[Person], limit: int
) -> None:
    add_earlier_questions(later.opportunity.rounds.get(number=1), people)
    longest = json.loads(ok("questions", str(later.pk), "--limit", "60", "--json"))
    found = json.loads(ok("questions", str(later.pk), "--limit", str(limit), "--json"))
    assert [q["text"] for q in found] == [q["text"] for q in longest[:limit]]
    assert [bool(q["asked_before"]) for q in longest[:6]] == [True] * 5 + [False]
    text = ok("questions", str(later.pk), "--limit", str(limit)).splitlines()[1:]
    assert [line for line in text if not line.startswith("      - ")] == [
        f"{n:>2}. [{q['category']}] {q['text']}" for n, q in enumerate(longest[:limit], 1)
    ]


NURSE_POSTING = (
    "Lead our 28-bed acute medical unit. You will manage a team of nurses and healthcare "
    "assistants, keep staffing safe and make sure every patient receives dignified care. "
    "Current NMC registration is essential."
)


@pytest.fixture
def ward_round(user: User) -> Round:
    """A final round for a nurse manager with the chief nursing officer and a matron."""
    opportunity = services.opportunity_create(
        owner=user,
        company="Northgate General Hospital",
        role_title="Nurse Manager",
        posting_text=NURSE_POSTING,
        stage="interviewing",
    )
    cno = services.person_create(
        opportunity=opportunity,
        name="Ruth Okafor",
        title="Chief Nursing Officer",
        relation="executive",
    )
    matron = services.person_create(
        opportunity=opportunity, name="Ben Hale", title="Matron", relation="hiring_manager"
    )
    return services.round_create(
        opportunity=opportunity,
        starts=wall(20, 10),
        ends=wall(20, 12),
        timezone_name=TZ,
        format="panel",
        is_final=True,
        attendees=[cno, matron],
    )


def test_questions_for_a_hospital_fit_the_field(ok: Callable[..., str], ward_round: Round) -> None:
    out = ok("questions", str(ward_round.pk), "--limit", "60")
    first = out.splitlines()[0]
    assert first.startswith("Field: clinical (from: ")
    assert "nurse" in first and "hospital" in first
    found = json.loads(ok("questions", str(ward_round.pk), "--limit", "60", "--json"))
    texts = " ".join(q["text"] for q in found)
    assert "product" not in texts and "company" not in texts and "customer" not in texts
    assert "our hospital" in texts and "patient is deteriorating" in texts


def test_the_strategic_ask_for_a_chief_nursing_officer_is_about_the_hospital(
    ok: Callable[..., str], ward_round: Round
) -> None:
    found = json.loads(ok("ask", str(ward_round.pk), "--json"))
    assert found["field"]["field"] == "clinical"
    assert "matron" in found["field"]["evidence"]  # from his title
    [cno] = [p for p in found["people"] if p["name"] == "Ruth Okafor"]
    texts = [q["text"] for q in cno["questions"]]
    assert any("the hospital" in t for t in texts), texts
    assert not any("company" in t.lower() for p in found["people"] for t in texts)
    out = ok("ask", str(ward_round.pk))
    assert out.splitlines()[0].startswith("Field: clinical (from: ")


def test_ask_json(ok: Callable[..., str], later: Round, people: list[Person]) -> None:
    found = json.loads(ok("ask", str(later.pk), "--json"))
    assert set(found) == {"people", "for_anyone", "covered_themes", "money_held_back", "field"}
    assert found["field"] == {"field": "general", "label": "general", "evidence": []}
    assert [p["name"] for p in found["people"]] == ["Dana Ortiz", "Priya Nair", "Sam Lee"]
    dana = found["people"][0]
    assert (dana["person"], dana["relation"]) == (people[0].pk, "hiring_manager")
    assert [q["theme"] for q in dana["questions"]] == ["first_months", "success", "hard_problems"]
    first = dana["questions"][0]
    assert first["suggestion"] == "first-months-priorities"
    assert (first["id"], first["status"], first["answer"]) == (None, "planned", "")
    assert (found["for_anyone"], found["covered_themes"]) == ([], [])
    assert found["money_held_back"] is True  # the bank has pay questions for hiring managers


def test_ask_text(ok: Callable[..., str], later: Round) -> None:
    out = ok("ask", str(later.pk))
    assert "Dana Ortiz (Hiring manager):" in out
    assert out.count("\n  - ") == 9


# --- calendar ------------------------------------------------------------------------------


def test_calendar_to_a_file(ok: Callable[..., str], later: Round, tmp_path: Path) -> None:
    target = tmp_path / "round.ics"
    out = ok("calendar", str(later.pk), "-o", str(target))
    assert out == f"Wrote the calendar for {later.label} to {target}.\n"
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == later.starts_at
    assert str(event["summary"]) == "Second round: Operations Analyst at Northwind Health"
    assert len(cal.walk("VTODO")) == 24
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [TZ]


def test_calendar_to_stdout(ok: Callable[..., str], later: Round) -> None:
    out = ok("calendar", str(later.pk))
    assert out.startswith("BEGIN:VCALENDAR")
    cal = icalendar.Calendar.from_ical(out)
    assert len(cal.walk("VEVENT")) == 1
    assert len(cal.walk("VTODO")) == 24


def test_calendar_refuses_an_unwritable_place(
    bad: Callable[..., str], later: Round, tmp_path: Path
) -> None:
    line = bad("calendar", str(later.pk), "-o", str(tmp_path / "missing" / "round.ics"))
    assert "No such file or directory" in line


# --- classify-question ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("What are your salary expectations?", "salary"),
        ("Tell me about a time you handled a conflict with a colleague.", "behavioral"),
        ("Why do you want to work here?", "motivation"),
    ],
)
def test_classify_question_json(ok: Callable[..., str], text: str, category: str) -> None:
    found = json.loads(ok("classify-question", text, "--json"))
    assert set(found) == {
        "category",
        "confidence",
        "runner_up",
        "runner_up_confidence",
        "unsure",
    }
    assert found["category"] == category
    assert 0 < found["confidence"] <= 1
    assert found["runner_up"] != category
    assert 0 <= found["runner_up_confidence"] <= found["confidence"]
    assert found["unsure"] is (found["confidence"] < 0.5)


def test_classify_question_text(ok: Callable[..., str]) -> None:
    out = ok("classify-question", "What are your salary expectations?")
    assert out == "salary (Pay and terms), confidence 90%\n"  # an opening rule decides


def test_an_unsure_answer_names_the_runner_up(ok: Callable[..., str]) -> None:
    # Two words and no telling opening: no category reaches half the votes.
    out = ok("classify-question", "Blue sky?")
    assert re.fullmatch(r"\w+ \([^)]+\), confidence \d+%; or \w+ \([^)]+\), \d+%\n", out)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give the question's text."),
        ("   ", "Give the question's text."),
        ("?!", "The question has no words to classify."),
        ("why " * 300, "at most 1000 characters"),
    ],
)
def test_classify_question_refuses_bad_text(
    bad: Callable[..., str], text: str, message: str
) -> None:
    assert message in bad("classify-question", text, "--json")


def test_script_classifies_a_question(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEXTROUND_DATABASE_URL"}
    env["NEXTROUND_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [str(SCRIPT), "classify-question", "What is your notice period?", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)["category"] == "salary"


@pytest.mark.parametrize("year", [1, 9999])
def test_a_round_stored_out_of_range_is_shown_not_crashed(
    ok: Callable[..., str], bad: Callable[..., str], later: Round, year: int
) -> None:
    """A round saved before dates were checked (here written straight into the database)."""
    starts = datetime(year, 6, 1, 10, 0, tzinfo=ZoneInfo("UTC"))
    Round.objects.filter(pk=later.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=1))
    out = ok("plan", str(later.pk))
    assert "Readiness 0/100. This round's date is out of range (1970 to 2100)" in out
    assert json.loads(ok("plan", str(later.pk), "--json"))["items"] == []
    assert "date is out of range" in bad("calendar", str(later.pk))
    assert f"{year:04d}-06-01 10:00 UTC: this date is out of range" in ok(
        "round", "show", str(later.pk)
    )
    ok("round", "list", "--json")
