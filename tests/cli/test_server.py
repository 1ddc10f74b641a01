"""`nextround check --deploy`: Django's deployment checks pass with the settings
docs/settings.md gives for a shared server, and fail, naming the problem, without them."""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

from tests.cli.helpers import SCRIPT, _script_env

SERVER = {
    "NEXTROUND_MODE": "server",
    "NEXTROUND_ALLOWED_HOSTS": "coach.example.org",
    "NEXTROUND_CSRF_TRUSTED_ORIGINS": "https://coach.example.org",
    "NEXTROUND_TLS_PROXY": "1",
}


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their live server; a deployment never
    # does, and Django's deploy check refuses it.
    inherited = {k: v for k, v in _script_env(tmp_path).items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [str(SCRIPT), "check", "--deploy"],
        env={**inherited, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_documented_server_settings_pass(tmp_path: Path) -> None:
    done = _check(tmp_path, **SERVER, NEXTROUND_SECRET_KEY=secrets.token_urlsafe(50))
    assert done.returncode == 0, done.stderr
    assert "Ready to serve as a shared server" in done.stdout


def test_without_a_tls_proxy_the_cookie_and_https_warnings_fail_it(tmp_path: Path) -> None:
    plain = {k: v for k, v in SERVER.items() if k != "NEXTROUND_TLS_PROXY"}
    done = _check(tmp_path, **plain, NEXTROUND_SECRET_KEY=secrets.token_urlsafe(50))
    assert done.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr
    assert "Traceback" not in done.stderr


def test_local_mode_does_not_pass_as_a_server(tmp_path: Path) -> None:
    server = {**SERVER, "NEXTROUND_MODE": "local"}
    done = _check(tmp_path, **server, NEXTROUND_SECRET_KEY=secrets.token_urlsafe(50))
    assert done.returncode == 1
    assert "NEXTROUND_MODE is not 'server'" in done.stderr


def test_debug_in_server_mode_stops_with_one_line(tmp_path: Path) -> None:
    done = _check(tmp_path, **SERVER, NEXTROUND_DEBUG="1")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: configuration: NEXTROUND_DEBUG=1 is refused")
    assert "Traceback" not in done.stderr
