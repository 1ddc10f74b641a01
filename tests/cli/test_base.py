"""The `nextround` group: its version and help, bad input as one line with status 2, the
installed script in a subprocess against a fresh SQLite file, and help for every command.
"""

from __future__ import annotations

import json
import socket
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from django.contrib.auth.models import User

from nextround import __version__
from nextround.cli import main
from nextround.interviews.models import Opportunity
from tests.cli.helpers import SCRIPT, _script_env

# --- basics --------------------------------------------------------------------------------


def test_version(ok: Callable[..., str]) -> None:
    assert ok("--version") == f"nextround {__version__}\n"


def test_no_command_shows_help(ok: Callable[..., str]) -> None:
    out = ok()
    assert "Usage:" in out
    assert "opportunity" in out


def test_unknown_command_is_one_line(bad: Callable[..., str]) -> None:
    assert "No such command 'frobnicate'" in bad("frobnicate")


# --- the installed script ------------------------------------------------------------------


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


def test_text_that_is_not_utf8_is_refused_in_one_line(bad: Callable[..., str], user: User) -> None:
    # The bytes a\x80 from a terminal reach Python as "a\udc80".
    line = bad("opportunity", "add", "--company", "a\udc80", "--role", "B")
    assert line == "Error: 'a\\x80' is not valid UTF-8 text; nothing was changed."
    assert not Opportunity.objects.exists()


def test_script_refuses_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT).encode(), b"opportunity", b"add", b"--company", b"a\x80", b"--role", b"B"],
        env=_script_env(tmp_path), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "Error: 'a\\x80' is not valid UTF-8 text; nothing was changed.\n"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: nothing listens there


def _postgres_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize("where", ["closed port", "missing database"])
def test_a_database_that_cannot_be_reached_is_one_line_and_status_2(
    tmp_path: Path, where: str
) -> None:
    if where == "closed port":
        url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/nextround"
    elif _postgres_running():
        url = f"postgresql://postgres@127.0.0.1:5432/nextround_missing_{uuid.uuid4().hex}"
    else:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 to ask for a missing database")
    env = {**_script_env(tmp_path), "NEXTROUND_DATABASE_URL": url}
    done = subprocess.run(
        [str(SCRIPT), "opportunity", "list"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("Error: database: cannot connect: ")


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


# --- every command -------------------------------------------------------------------------


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
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    paths = _command_paths(main)
    assert "opportunity add" in paths and "import" in paths
    for path in paths:
        assert f"nextround {path}" in readme, path
        command: click.Command = main
        for part in path.split():
            assert isinstance(command, click.Group)
            command = command.commands[part]
        assert command.help or command.short_help, f"{path} has no help text"
