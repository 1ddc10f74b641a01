"""The `nextround` command line: each command's happy path, and bad input as one line, status 2.

Most tests run the commands in-process with click's CliRunner, so they use the test database;
a few run the installed script in a subprocess against a fresh SQLite file.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone

from nextround import __version__
from nextround.cli import main
from nextround.interviews import selectors, services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import VERSION, workspace_export

SCRIPT = Path(sys.executable).parent / "nextround"


@pytest.fixture
def demo(user: User) -> Opportunity:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    return opportunity


def _rounds(opportunity: Opportunity) -> tuple[Round, Round]:
    first, second = opportunity.rounds.order_by("number")
    return first, second


def _person(opportunity: Opportunity, relation: str) -> Person:
    return opportunity.people.get(relation=relation)


# --- basics --------------------------------------------------------------------------------


def test_version(ok: Callable[..., str]) -> None:
    assert ok("--version") == f"nextround {__version__}\n"


def test_no_command_shows_help(ok: Callable[..., str]) -> None:
    out = ok()
    assert "Usage:" in out
    assert "opportunity" in out


def test_unknown_command_is_one_line(bad: Callable[..., str]) -> None:
    assert "No such command 'frobnicate'" in bad("frobnicate")


def test_demo_adds_once(ok: Callable[..., str], user: User) -> None:
    assert ok("demo").startswith("Added demo opportunity")
    assert ok("demo").startswith("Already present: demo opportunity")
    assert Opportunity.objects.filter(owner_id=user.pk).count() == 1


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


def _web_default_zone(opportunity: Opportunity) -> str:
    page = Client().get(f"/opportunities/{opportunity.pk}/rounds/new/")  # local mode signs in
    chosen = BeautifulSoup(page.content, "html.parser").select_one(
        "select#id_timezone option[selected]"
    )
    assert chosen is not None
    return str(chosen["value"])


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


def test_a_fixed_offset_zone_is_suggested_by_its_iana_name(
    user: User, opportunity: Opportunity
) -> None:
    with override_settings(TIME_ZONE="Etc/GMT+5"):
        assert selectors.default_timezone(owner=user) == "Etc/GMT+5"
        assert _web_default_zone(opportunity) == "Etc/GMT+5"


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


# --- export and import ---------------------------------------------------------------------


def test_export_to_stdout(ok: Callable[..., str], demo: Opportunity) -> None:
    document = json.loads(ok("export"))
    assert document["format"] == "nextround-workspace"
    assert [o["company"] for o in document["opportunities"]] == ["Tidewater Freight"]


def test_export_to_a_file_and_import_it_back(
    ok: Callable[..., str], demo: Opportunity, tmp_path: Path
) -> None:
    target = tmp_path / "workspace.json"
    assert ok("export", "-o", str(target)) == f"Exported 1 opportunity to {target}.\n"
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == VERSION
    # Skipped: the opportunity, and the demo's two stories, one strength and one quote.
    assert ok("import", str(target)) == (
        "Imported 0 opportunities, 0 rounds, 0 people, 0 notes; skipped 5 already present.\n"
    )


def test_import_adds_another_workspace(
    ok: Callable[..., str], user: User, other_user: User, tmp_path: Path
) -> None:
    demo_load(owner=other_user, now=timezone.now())
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps(workspace_export(owner=other_user, now=timezone.now())))
    assert ok("import", str(source)) == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 2 stories, 1 strength, 1 quote; "
        "skipped 0 already present.\n"
    )
    assert Opportunity.objects.filter(owner_id=user.pk).count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "not valid JSON"),
        ('{"format": "nextround-workspace", "version": 7, "opportunities": []}', "version 7"),
        ('{"format": "nextround-workspace", "version": 1, "opportunities": [{}]}',
         "opportunities[0].uid: missing."),
    ],
)  # fmt: skip
def test_import_refuses_a_bad_file(
    bad: Callable[..., str], user: User, tmp_path: Path, content: str, message: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    assert message in bad("import", str(source))


def test_import_refuses_a_missing_file(bad: Callable[..., str], tmp_path: Path) -> None:
    assert "No such file" in bad("import", str(tmp_path / "absent.json"))


def test_export_refuses_an_unwritable_place(
    bad: Callable[..., str], user: User, tmp_path: Path
) -> None:
    line = bad("export", "-o", str(tmp_path / "no-such-folder" / "out.json"))
    assert "No such file or directory" in line


# --- the installed script ------------------------------------------------------------------


def _script_env(data_dir: Path) -> dict[str, str]:
    """A fresh SQLite workspace in ``data_dir``, whatever database the tests use."""
    env = {k: v for k, v in os.environ.items() if k != "NEXTROUND_DATABASE_URL"}
    env["NEXTROUND_DATA_DIR"] = str(data_dir)
    return env


def test_script_prints_its_version_without_a_database(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT), "--version"], env=_script_env(tmp_path), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, f"nextround {__version__}\n", "")
    assert not (tmp_path / "nextround.sqlite3").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["round", "show", "12345"],
        ["round", "add", "--opportunity", "1", "--start", "soon", "--end", "later"],
    ],
)
def test_script_reports_bad_input_in_one_line(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [str(SCRIPT), *args], env=_script_env(tmp_path), capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("Error: ")


def test_script_migrates_a_fresh_workspace_and_loads_the_demo(tmp_path: Path) -> None:
    env = _script_env(tmp_path)
    for args in (["demo"], ["opportunity", "list", "--json"]):
        done = subprocess.run(
            [str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # migrations ran quietly
    assert json.loads(done.stdout)[0]["company"] == "Tidewater Freight"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False


@pytest.mark.parametrize("port_from", ["option", "environment"])
def test_serve_answers_http_until_stopped(tmp_path: Path, port_from: str) -> None:
    port = _free_port()
    env = _script_env(tmp_path)
    args = [str(SCRIPT), "serve"]
    if port_from == "option":
        args += ["--port", str(port)]
    else:
        env["NEXTROUND_PORT"] = str(port)
    server = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"http://127.0.0.1:{port}/") and time.monotonic() < deadline:
            assert server.poll() is None, server.communicate()
            time.sleep(0.2)
        assert _answers(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


def _command_paths(group: click.Group, prefix: str = "") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, f"{path} "))
        else:
            paths.append(path)
    return paths


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    paths = _command_paths(main)
    assert "opportunity add" in paths and "import" in paths
    for path in paths:
        assert f"nextround {path}" in readme, path
        command: click.Command = main
        for part in path.split():
            assert isinstance(command, click.Group)
            command = command.commands[part]
        assert command.help or command.short_help, f"{path} has no help text"
