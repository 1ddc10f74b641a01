"""The one way an error reaches the user: a page, or JSON to a request that asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

import nextround

pytestmark = pytest.mark.django_db


def test_an_error_answers_json_to_a_request_that_asks_for_it(client: Client, user: User) -> None:
    # The practice page polls an attempt's status; once the attempt is gone, it must stop.
    response = client.get("/practice/attempts/999999/status/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == 404
    assert response.json()["error"] == "No such attempt."
    page = client.get("/practice/attempts/999999/status/", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_no_template_has_a_comment_django_would_print() -> None:
    """``{# … #}`` ends at the line's end: one that runs on is shown on the page as text.
    (Jinja2's, in the apps' ``jinja2/`` folders, may run over several lines.)"""
    root = Path(nextround.__file__).parent
    runaway = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.html"))
        if "jinja2" not in path.relative_to(root).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert runaway == []
