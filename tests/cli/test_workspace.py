"""`nextround demo`, `export`, `import`, `serve` and `worker`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import types
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import waitress
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.core import tasks
from nextround.interviews import jobs as tagging_jobs
from nextround.interviews.models import Opportunity
from nextround.practice import jobs as practice_jobs
from nextround.practice import services
from nextround.practice.models import Attempt, Status
from nextround.research import jobs as news_jobs
from nextround.stories import jobs as embedding_jobs
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import VERSION, workspace_export
from tests.cli.helpers import SCRIPT, _script_env
from tests.practice.helpers import GOOD, _left_behind


def test_demo_adds_once(ok: Callable[..., str], user: User) -> None:
    assert ok("demo").startswith("Added demo opportunity")
    assert ok("demo").startswith("Already present: demo opportunity")
    assert Opportunity.objects.filter(owner_id=user.pk).count() == 1


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
    # Skipped: the opportunity (its scorecard with it), the demo's two stories, one strength and
    # one quote, the budget (a workspace keeps its own) and the case session.
    assert ok("import", str(target)) == (
        "Imported 0 opportunities, 0 rounds, 0 people, 0 notes; skipped 7 already present.\n"
    )


def test_import_adds_another_workspace(
    ok: Callable[..., str], user: User, other_user: User, tmp_path: Path
) -> None:
    demo_load(owner=other_user, now=timezone.now())
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps(workspace_export(owner=other_user, now=timezone.now())))
    assert ok("import", str(source)) == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 2 stories, 1 strength, 1 quote, "
        "1 budget, 1 market range, 1 offer, 1 case session, 1 scorecard; "
        "skipped 0 already present.\n"
    )
    assert Opportunity.objects.filter(owner_id=user.pk).count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "not valid JSON"),
        ('{"format": "nextround-workspace", "version": 9, "opportunities": []}', "version 9"),
        ('{"format": "nextround-workspace", "version": 1, "opportunities": [{}]}',
         "opportunities[0].uid: missing."),
        ('{"format": "nextround-workspace", "version": 4, "opportunities": [], "quotes": '
         '[{"text": "Kind \\ud800", "who": "Dana"}]}', "quotes[0].text: "),
        ('{"format": "nextround-workspace", "version": 4, "opportunities": [], "quotes": '
         '[{"text": "Kind", "who": "Da\\u0000na"}]}', "quotes[0].who: Null characters"),
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


# --- serve ---------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("999.1.1.1", "'999.1.1.1' is not an IP address or a host name."),
        ("bad host", "'bad host' is not an IP address or a host name."),
        ("nothing-here.invalid", "'nothing-here.invalid' is not a name this computer can listen"),
    ],
)
def test_serve_refuses_an_address_it_cannot_listen_on(
    bad: Callable[..., str], host: str, message: str
) -> None:
    assert message in bad("serve", "--host", host, "--port", str(_free_port()))


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


def test_serve_queues_recordings_left_behind_before_it_takes_requests(
    ok: Callable[..., str],
    user: User,
    other_user: User,
    queue: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    halfway = _left_behind(user, Status.TRANSCRIBING, 0.4)
    waiting = _left_behind(other_user, Status.QUEUED, 0.0)
    done = services.attempt_typed(owner=user, question=halfway.question, text=GOOD)
    queued_when_serving: list[list[int]] = []
    monkeypatch.setattr(waitress, "serve", lambda *a, **kw: queued_when_serving.append([*queue]))
    wsgi = types.ModuleType("nextround.wsgi")
    wsgi.application = object()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nextround.wsgi", wsgi)
    for name in ("NEXTROUND_HOST", "NEXTROUND_PORT"):  # serve sets them; put them back after
        monkeypatch.setenv(name, os.environ.get(name, ""))
    serving = threading.Event()  # this process must not go on queueing embeddings after the test
    monkeypatch.setattr(embedding_jobs, "_serving", serving)
    tagging = threading.Event()  # nor leave question notes to a worker
    monkeypatch.setattr(tagging_jobs, "_serving", tagging)
    monkeypatch.setattr(news_jobs, "_serving", threading.Event())  # nor queue news refreshes
    started: list[object] = []  # the worker threads must not outlive the test
    monkeypatch.setattr(tasks.InProcessWorkers, "start", lambda self: started.append(self))

    out = ok("serve", "--port", "8799")
    assert serving.is_set()  # saves from now on queue their embeddings
    assert tagging.is_set()  # and their questions' tagging by meaning
    assert len(started) == 1  # local mode: the workers run inside this one command
    assert "Transcribing 2 recording(s) left from the last run." in out
    assert [sorted(q) for q in queued_when_serving] == [sorted([halfway.pk, waiting.pk])]
    assert done.pk not in queue
    halfway.refresh_from_db()
    assert (halfway.status, halfway.progress) == (Status.QUEUED, 0.0)  # starts over


def test_serve_takes_workers_only_in_server_mode(bad: Callable[..., str]) -> None:
    line = bad("serve", "--workers", "2", "--port", str(_free_port()))
    assert "--workers needs server mode (NEXTROUND_MODE=server) on Linux" in line


# --- worker --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_worker_queues_what_a_stopped_worker_left_and_runs_the_queue(
    ok: Callable[..., str], user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = _left_behind(user, Status.TRANSCRIBING, 0.4)
    ran: list[int] = []

    def transcribe(pk: int) -> None:  # no model: the queue is what is tested
        ran.append(pk)
        Attempt.objects.filter(pk=pk).update(status=Status.DONE)

    monkeypatch.setattr(services, "transcribe_attempt", transcribe)
    out = ok("worker", "--batch")
    assert "Transcribing 1 recording(s) left from the last run." in out
    assert ran == [left.pk]
    assert not practice_jobs.is_active(left.pk)
    assert ok("worker", "--queue", "transcribe", "--batch") == ""  # nothing left to do
    assert ran == [left.pk]


def test_worker_refuses_a_backend_with_workers_of_its_own(
    bad: Callable[..., str], settings: Any
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
    }
    assert "run that backend's own worker" in bad("worker", "--batch")


# --- a paused sign-in ----------------------------------------------------------------------


def test_unlock_lets_a_paused_account_sign_in_at_once(ok: Callable[..., str]) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    get_user_model().objects.create_user("dana", password="a-long-right-password-7")
    remote = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        remote.post("/login/", {"username": "dana", "password": "guess"})
    right = {"username": "dana", "password": "a-long-right-password-7"}
    assert remote.post("/login/", right).status_code == 429

    assert ok("unlock", "dana").startswith("Sign-in resumed:")
    assert remote.post("/login/", right).status_code == 303
    assert ok("unlock") == "Nothing was paused or counted.\n"
