"""`nextround serve --workers 2` in server mode: gunicorn runs two web processes of threads that
answer the sign-in page and the static files, on a fresh SQLite workspace or, when the suite
runs on PostgreSQL, a fresh database there; then stops on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.cli.helpers import SCRIPT, _script_env
from tests.cli.test_workspace import _free_port


@pytest.fixture
def workspace_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = _script_env(tmp_path)
    db = settings.DATABASES["default"]
    if connection.vendor != "postgresql":
        yield env
        return
    name = f"{db['NAME']}_serve"
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env["NEXTROUND_DATABASE_URL"] = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_server_mode_serves_pages_and_static_files_from_two_processes(
    workspace_env: dict[str, str],
) -> None:
    port = _free_port()
    env = {**workspace_env, "NEXTROUND_MODE": "server", "NEXTROUND_PORT": str(port)}
    server = subprocess.Popen(
        [str(SCRIPT), "serve", "--workers", "2", "--threads", "4"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert server.poll() is None, server.communicate()
            try:
                status, page = _get(f"{base}/login/")
                break
            except OSError:
                time.sleep(0.3)
        assert status == 200
        assert b'name="password"' in page  # the sign-in form: nobody is signed in for free
        statuses = [_get(f"{base}/static/nextround/app.css")[0] for _ in range(8)]
        assert statuses == [200] * 8
        assert _get(f"{base}/")[0] == 200  # the dashboard sends a stranger to sign in
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert f"nextround is running at {base}/" in out
    assert "Background work is done by `nextround worker`" in out
    assert err.count("Booting worker with pid") == 2
    assert "Using worker: gthread" in err
