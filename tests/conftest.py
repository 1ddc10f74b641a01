from __future__ import annotations

import dataclasses
import importlib
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from nextround.cli import main
from nextround.core.db import kept
from nextround.core.services import local_user
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.practice import jobs
from tests.prep.helpers import TZ, wall


@pytest.fixture(autouse=True, scope="session")
def kept_sql_checked() -> Iterator[None]:
    """Every SELECT answered from a kept text is also compiled by Django, and the two must be
    the same (``core.db.kept``): a query shape the key misses fails its test."""
    kept.VERIFY = True
    yield
    kept.VERIFY = False


@pytest.fixture(autouse=True, scope="session")
def speech_model_pinned() -> Iterator[None]:
    """The suite transcribes with tiny.en whatever this machine's speed: ``auto`` would time
    Whisper base once and pick by the result, so a busy machine and an idle one would run the
    practice tests on different models. The speech tests load each model by name."""
    from django.conf import settings
    from django.test import override_settings

    with override_settings(APP=dataclasses.replace(settings.APP, speech_model="tiny.en")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test database, and at the end of the session a PostgreSQL session that
    a thread of the tests left open is named and closed before the database is dropped.
    PostgreSQL refuses to drop a database anyone is connected to, and the refusal became an
    error on the session's last test (CI, 2026-12-06, after every test had passed)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, backend_start, left(query, 300) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        left_open = cursor.fetchall()
        for pid, state, started, query in left_open:
            print(
                f"\nA database session was left open: pid {pid}, {state}, since {started}: {query}"
            )
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close()


@pytest.fixture
def user(db: None) -> User:
    return local_user()


@pytest.fixture
def other_user(db: None) -> User:
    return get_user_model().objects.create_user("someone-else", password="not-used-here-1")


@pytest.fixture
def opportunity(user: User) -> Opportunity:
    return services.opportunity_create(
        owner=user,
        company="Northwind Health",
        role_title="Operations Analyst",
        location="Chicago, IL",
        stage="interviewing",
    )


@pytest.fixture
def people(opportunity: Opportunity) -> list[Person]:
    return [
        services.person_create(
            opportunity=opportunity,
            name="Dana Ortiz",
            title="Director of Operations",
            relation="hiring_manager",
        ),
        services.person_create(
            opportunity=opportunity, name="Sam Lee", title="Senior Analyst", relation="peer"
        ),
        services.person_create(
            opportunity=opportunity,
            name="Priya Nair",
            title="VP Operations",
            relation="managers_manager",
        ),
    ]


@pytest.fixture
def rounds(opportunity: Opportunity, people: list[Person]) -> list[Round]:
    """A first round with Dana, a second with Dana, Sam and Priya."""
    first = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 11, 10, 10, 0),
        ends=datetime(2026, 11, 10, 11, 0),
        timezone_name="America/Chicago",
        format="video",
        attendees=[people[0]],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 3, 9, 30),
        ends=datetime(2026, 12, 3, 12, 0),
        timezone_name="America/Chicago",
        format="panel",
        attendees=people,
    )
    return [first, second]


# --- the command line, in process ----------------------------------------------------------

Run = Callable[..., Result]


@pytest.fixture
def run(db: None) -> Run:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args))

    return invoke


@pytest.fixture
def ok(run: Run) -> Callable[..., str]:
    """Run a command that must succeed; its stdout."""

    def invoke(*args: str) -> str:
        result = run(*args)
        assert result.exit_code == 0, (result.output, result.exception)
        return result.stdout

    return invoke


@pytest.fixture
def bad(run: Run) -> Callable[..., str]:
    """Run a command that must be refused: status 2, one `Error:` line on stderr, no output."""

    def invoke(*args: str) -> str:
        result = run(*args)
        assert result.exit_code == 2, (result.output, result.exception)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("Error: ")
        return lines[0]

    return invoke


@pytest.fixture
def html_site(settings: Any) -> Iterator[Callable[[dict[str, str]], str]]:
    """Serve HTML pages from a real local HTTP server: ``html_site({"/job": "<html>…"})``
    returns the base address; any other path answers 404. The fetcher refuses addresses inside
    the machine, so the setting that allows a local host names this one while the test runs."""
    settings.APP = dataclasses.replace(settings.APP, fetch_allow_hosts=("127.0.0.1",))
    servers: list[ThreadingHTTPServer] = []

    def serve(pages: dict[str, str]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path not in pages:
                    self.send_error(404)
                    return
                body = pages[self.path].encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


# --- optional extras -----------------------------------------------------------------------


def import_extra(module: str, extra: str) -> Any:
    """``module`` from one of nextround's optional extras (``voice``, ``ml``, ``dev``).

    When it is not installed, a local run skips the test, or the whole test module when called at
    its top; in CI (``CI`` set, as on every CI service) that is a failure instead, since CI
    installs every extra and a skip there would hide the tests the extra exists for.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module and not module.startswith(f"{error.name}."):
            raise  # installed but broken: a real error, wherever it runs
    reason = f"{module} is not installed (the {extra} extra: `make` installs it)"
    if os.environ.get("CI", "").lower() not in {"", "0", "false"}:
        pytest.fail(f"{reason}; CI must run these tests, not skip them", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


# --- speech --------------------------------------------------------------------------------


def speak(text: str, path: Path, *, words_per_minute: int = 150) -> Path:
    """A WAV file of ``text`` spoken by Debian's espeak-ng (scripts/system-deps installs it)."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        pytest.fail("espeak-ng is missing: run scripts/system-deps (make test does).")
    subprocess.run(
        [espeak, "-v", "en-us", "-s", str(words_per_minute), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return path


def drain(*queues: str) -> None:
    """Run the queued background tasks (every queue, or ``queues``) on a worker thread until
    none is left, as `nextround worker --batch` does. The worker sees committed rows only, so
    the test needs ``django_db(transaction=True)``."""
    from nextround.config import TASK_QUEUES
    from nextround.core.tasks import work

    worker = threading.Thread(
        target=work, args=(queues or TASK_QUEUES,), kwargs={"batch": True}, name="test-worker"
    )
    worker.start()
    worker.join(300)
    assert not worker.is_alive(), "the queue was not drained in five minutes"


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What would have been handed to the transcription worker, which never runs here."""
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", lambda pk: queued.append(pk))
    return queued


@pytest.fixture
def two_rounds(opportunity: Opportunity, people: list[Person]) -> tuple[Round, Round]:
    """Round 1 two weeks ago (video, with Dana); round 2 in a month (panel, all three)."""
    first = services.round_create(
        opportunity=opportunity,
        starts=wall(-14, 10),
        ends=wall(-14, 11),
        timezone_name=TZ,
        format="video",
        attendees=[people[0]],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=wall(30, 9, 30),
        ends=wall(30, 12),
        timezone_name=TZ,
        format="panel",
        attendees=people,
    )
    return first, second
