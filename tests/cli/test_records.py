"""`nextround opportunity`, `round` and `person`: each command's happy path, and bad input as
one line, status 2. They run in-process with click's CliRunner against the test database.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.workspace.demo import demo_load
from tests.interviews.helpers import _web_default_zone


def _rounds(opportunity: Opportunity) -> tuple[Round, Round]:
    first, second = opportunity.rounds.order_by("number")
    return first, second


def _person(opportunity: Opportunity, relation: str) -> Person:
    return opportunity.people.get(relation=relation)


# --- opportunity ---------------------------------------------------------------------------


def test_opportunity_list(ok: Callable[..., str], demo: Opportunity, rounds: list[Round]) -> None:
    out = ok("opportunity", "list")
    assert out.splitlines()[0].split() == ["ID", "STAGE", "COMPANY", "ROLE", "LOCATION"]
    assert "Tidewater Freight" in out
    assert "Northwind Health" in out


def test_opportunity_list_json_and_stage_filter(
    ok: Callable[..., str], demo: Opportunity, user: User
) -> None:
    services.opportunity_create(owner=user, company="Acme", role_title="Analyst", stage="offer")
    listed = json.loads(ok("opportunity", "list", "--json", "--stage", "offer"))
    assert [(o["company"], o["stage"]) for o in listed] == [("Acme", "offer")]
    assert isinstance(listed[0]["id"], int)


def test_opportunity_show(ok: Callable[..., str], demo: Opportunity) -> None:
    out = ok("opportunity", "show", str(demo.pk))
    assert "Senior Operations Analyst at Tidewater Freight" in out
    assert "Maya Okafor" in out
    assert "Second round (final)" in out


def test_opportunity_show_json(ok: Callable[..., str], demo: Opportunity) -> None:
    shown = json.loads(ok("opportunity", "show", str(demo.pk), "--json"))
    assert shown["id"] == demo.pk
    assert [c["stage"] for c in shown["stage_changes"]] == ["applied", "interviewing"]
    people = {p["name"]: p["id"] for p in shown["people"]}
    second = next(r for r in shown["rounds"] if r["number"] == 2)
    assert sorted(second["attendees"]) == sorted(people.values())  # people named by their ids


def test_opportunity_add(ok: Callable[..., str], user: User) -> None:
    out = ok(
        "opportunity", "add", "--company", "Acme", "--role", "Data Engineer",
        "--location", "Remote", "--url", "https://example.com/jobs/1", "--stage", "interviewing",
    )  # fmt: skip
    added = Opportunity.objects.get(owner_id=user.pk)
    assert out == f"Added opportunity {added.pk}: Data Engineer at Acme\n"
    assert (added.location, added.stage) == ("Remote", "interviewing")
    assert added.stage_changes.count() == 1


@pytest.mark.parametrize("company", ["", "x" * 201])
def test_opportunity_add_refuses_a_bad_company(
    bad: Callable[..., str], company: str, user: User
) -> None:
    assert "company:" in bad("opportunity", "add", "--company", company, "--role", "Analyst")
    assert not Opportunity.objects.exists()


def test_opportunity_list_refuses_an_unknown_stage(bad: Callable[..., str]) -> None:
    assert "'hired' is not one of applied" in bad("opportunity", "list", "--stage", "hired")


# --- bad ids -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("opportunity", "show", "999999"), "No opportunity with id 999999."),
        (("opportunity", "show", "abc"), "'abc' is not a valid integer"),
        (("round", "show", "999999"), "No round with id 999999."),
        (("round", "list", "--opportunity", "999999"), "No opportunity with id 999999."),
        (("person", "add", "--opportunity", "999999", "--name", "X"), "No opportunity with id"),
    ],
)
def test_unknown_ids_are_refused(
    bad: Callable[..., str], user: User, args: tuple[str, ...], message: str
) -> None:
    assert message in bad(*args)


def test_another_accounts_records_are_not_found(
    bad: Callable[..., str], user: User, other_user: User
) -> None:
    theirs, _ = demo_load(owner=other_user, now=timezone.now())
    assert "No opportunity" in bad("opportunity", "show", str(theirs.pk))
    assert "No round" in bad("round", "show", str(_rounds(theirs)[0].pk))


# --- round ---------------------------------------------------------------------------------


def test_round_list(ok: Callable[..., str], demo: Opportunity, rounds: list[Round]) -> None:
    everything = ok("round", "list")
    assert everything.count("First round") == 2
    only_demo = ok("round", "list", "--opportunity", str(demo.pk))
    assert "Tidewater Freight" in only_demo
    assert "Northwind" not in only_demo


def test_round_list_json(ok: Callable[..., str], demo: Opportunity) -> None:
    listed = json.loads(ok("round", "list", "--json"))
    assert [r["number"] for r in listed] == [1, 2]
    assert listed[1]["timezone"] == "America/New_York"
    assert len(listed[1]["attendees"]) == 3


def test_round_show_with_carry_forward(ok: Callable[..., str], demo: Opportunity) -> None:
    _, second = _rounds(demo)
    out = ok("round", "show", str(second.pk))
    assert "Panel" in out
    assert "Carry forward from round(s) 1:" in out
    assert "New faces" in out
    assert "Answers to improve" in out
    assert "Questions already asked" in out and "rated 4/5" in out
    # The demo's addressed concern is carried forward as a concern, with its answer.
    after = out.split("  Concerns addressed:\n", 1)[1].splitlines()
    addressed = "\n".join(itertools.takewhile(lambda line: line.startswith("    "), after))
    assert "Whether three office days a week would work for me." in addressed
    assert "planned answer: Confirmed on the call: the train gets me there" in addressed
    first_out = ok("round", "show", str(_rounds(demo)[0].pk))
    assert "Notes (11):" in first_out
    assert "nothing yet" in first_out


def test_round_show_json(ok: Callable[..., str], demo: Opportunity) -> None:
    first, second = _rounds(demo)
    shown = json.loads(ok("round", "show", str(second.pk), "--json"))
    assert shown["id"] == second.pk
    assert shown["notes"] == []
    carried = shown["carry_forward"]
    assert [r["number"] for r in carried["earlier_rounds"]] == [1]
    assert [p["name"] for p in carried["people_met"]] == ["Maya Okafor"]
    assert len(carried["people_new"]) == 2
    assert len(carried["open_concerns"]) == 1
    assert carried["weak_questions"][0]["rating"] == 2
    first_shown = json.loads(ok("round", "show", str(first.pk), "--json"))
    assert len(first_shown["notes"]) == 11


def test_round_add_with_every_option(
    ok: Callable[..., str], opportunity: Opportunity, people: list[Person]
) -> None:
    out = ok(
        "round", "add", "--opportunity", str(opportunity.pk),
        "--start", "2026-03-29 01:30", "--end", "2026-03-29 04:00", "--tz", "Europe/Berlin",
        "--number", "3", "--final", "--format", "panel", "--kind", "Meet the team",
        "--place", "HQ, room 4", "--link", "https://meet.example.com/x", "--dress-code", "Smart",
        "--person", str(people[0].pk), "--person", str(people[1].pk),
    )  # fmt: skip
    added = Round.objects.get(opportunity=opportunity, number=3)
    assert out.startswith(f"Added round {added.pk}: Third round (final)")
    # Across the spring-forward change: 01:30 CET to 04:00 CEST is 90 minutes.
    assert added.starts_at == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert added.ends_at - added.starts_at == timedelta(minutes=90)
    assert (added.is_final, added.format, added.kind) == (True, "panel", "Meet the team")
    assert (added.location, added.video_link, added.dress_code) == (
        "HQ, room 4", "https://meet.example.com/x", "Smart",
    )  # fmt: skip
    assert sorted(p.pk for p in added.attendees.all()) == sorted(p.pk for p in people[:2])


def test_round_add_defaults_to_the_configured_time_zone(
    ok: Callable[..., str], opportunity: Opportunity
) -> None:
    ok("round", "add", "--opportunity", str(opportunity.pk),
       "--start", "2026-05-04 09:00", "--end", "2026-05-04 10:00")  # fmt: skip
    added = Round.objects.get(opportunity=opportunity)
    assert (added.number, added.timezone) == (1, settings.TIME_ZONE)
    assert added.local_start.replace(tzinfo=None) == datetime(2026, 5, 4, 9, 0)


def test_round_add_and_the_round_form_default_to_the_same_zone(
    ok: Callable[..., str], opportunity: Opportunity
) -> None:
    """The zone of the round added last, else the configured zone, wherever a round is added."""
    assert settings.TIME_ZONE != "America/Chicago"  # or this test would prove nothing
    assert _web_default_zone(opportunity) == settings.TIME_ZONE
    services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 5, 4, 9, 0),
        ends=datetime(2026, 5, 4, 10, 0),
        timezone_name="America/Chicago",
    )
    assert _web_default_zone(opportunity) == "America/Chicago"
    ok("round", "add", "--opportunity", str(opportunity.pk),
       "--start", "2026-05-11 09:00", "--end", "2026-05-11 10:00")  # fmt: skip
    added = Round.objects.get(opportunity=opportunity, number=2)
    assert added.timezone == "America/Chicago"
    assert added.local_start.replace(tzinfo=None) == datetime(2026, 5, 11, 9, 0)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 09:00"), "must end after it starts"),
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 10:00"), "must end after it starts"),
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 11:00", "--tz", "Mars/Base"),
         "Unknown time zone 'Mars/Base'"),
        (("--start", "2026-03-29 02:30", "--end", "2026-03-29 04:00", "--tz", "Europe/Berlin"),
         "does not exist in Europe/Berlin"),
        (("--start", "4 May", "--end", "2026-05-04 11:00"), "'4 May' does not match the format"),
        (("--end", "2026-05-04 11:00"), "Missing option '--start'"),
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 11:00", "--person", "999999"),
         "No person with id 999999"),
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 11:00", "--format", "dinner"),
         "'dinner' is not one of"),
        (("--start", "2026-05-04 10:00", "--end", "2026-05-04 11:00", "--number", "0"),
         "number:"),
        (("--start", "9999-12-31 09:00", "--end", "9999-12-31 10:00", "--tz", "UTC"),
         "9999-12-31 is out of range: use a date from 1970 to 2100"),
        (("--start", "0001-01-01 00:30", "--end", "0001-01-01 01:00", "--tz", "Europe/Berlin"),
         "0001-01-01 is out of range"),
    ],
)  # fmt: skip
def test_round_add_refuses_bad_input(
    bad: Callable[..., str], opportunity: Opportunity, options: tuple[str, ...], message: str
) -> None:
    assert message in bad("round", "add", "--opportunity", str(opportunity.pk), *options)
    assert not Round.objects.exists()


def test_round_add_refuses_a_person_of_another_opportunity(
    bad: Callable[..., str], opportunity: Opportunity, demo: Opportunity
) -> None:
    stranger = _person(demo, "peer")
    line = bad("round", "add", "--opportunity", str(opportunity.pk),
               "--start", "2026-05-04 10:00", "--end", "2026-05-04 11:00",
               "--person", str(stranger.pk))  # fmt: skip
    assert f"No person with id {stranger.pk}" in line


# --- person --------------------------------------------------------------------------------


def test_person_add(ok: Callable[..., str], demo: Opportunity) -> None:
    first, second = _rounds(demo)
    out = ok("person", "add", "--opportunity", str(demo.pk), "--name", "Ada Park",
             "--title", "Recruiter", "--relation", "hr", "--email", "ada@example.com",
             "--round", str(first.pk), "--round", str(second.pk))  # fmt: skip
    added = demo.people.get(name="Ada Park")
    assert out == f"Added person {added.pk}: Ada Park, Recruiter\n"
    assert (added.relation, added.email) == ("hr", "ada@example.com")
    assert sorted(r.number for r in added.rounds.all()) == [1, 2]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--name", ""), "name: This field cannot be blank."),
        (("--name", "Bo", "--email", "bo@"), "email: Enter a valid email address."),
        (("--name", "Bo", "--relation", "cousin"), "'cousin' is not one of"),
        (("--name", "Bo", "--round", "999999"), "No round with id 999999."),
    ],
)
def test_person_add_refuses_bad_input(
    bad: Callable[..., str], demo: Opportunity, options: tuple[str, ...], message: str
) -> None:
    assert message in bad("person", "add", "--opportunity", str(demo.pk), *options)
    assert demo.people.count() == 3


def test_person_add_refuses_a_round_of_another_opportunity(
    bad: Callable[..., str], demo: Opportunity, rounds: list[Round]
) -> None:
    line = bad("person", "add", "--opportunity", str(demo.pk), "--name", "Bo",
               "--round", str(rounds[0].pk))  # fmt: skip
    assert "only attend rounds of their own opportunity" in line
    assert demo.people.count() == 3
