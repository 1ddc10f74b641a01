"""The middleware: local sign-in only from this machine, and domain errors as friendly pages."""

from __future__ import annotations

import dataclasses

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_missing_page_is_friendly(client: Client, user: User) -> None:
    response = client.get("/opportunities/999999/")
    assert response.status_code == 404
    assert "No opportunity with id 999999" in response.content.decode()


def test_remote_requests_are_not_signed_in_automatically(user: User) -> None:
    remote = Client(REMOTE_ADDR="192.0.2.10")
    response = remote.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_server_mode_signs_nobody_in_even_from_this_machine(user: User) -> None:
    with override_settings(APP=dataclasses.replace(settings.APP, mode="server")):
        response = Client().get("/")  # from 127.0.0.1, as the test client is
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_local_requests_without_a_cookie_leave_no_session_rows(user: User) -> None:
    from django.contrib.sessions.models import Session

    for _ in range(3):
        response = Client().get("/")  # a new client each time: no cookie, like curl or a script
        assert response.status_code == 200
    assert Session.objects.count() == 0


def test_every_page_carries_a_content_security_policy(client: Client, user: User) -> None:
    for url in ("/", "/login/", "/opportunities/999999/"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        assert directives["default-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url
        assert directives["frame-ancestors"] == ["'none'"], url


def test_no_page_template_has_inline_scripts_or_style_attributes() -> None:
    """A Content-Security-Policy without 'unsafe-inline' would block them in the browser."""
    from pathlib import Path

    import nextround

    root = Path(nextround.__file__).parent
    found = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in ("<script>", "style=", " onclick=", " onsubmit=", " onchange=", " oninput="):
            if pattern in text:
                found.append(f"{template.relative_to(root)}: {pattern}")
    assert found == []
