"""The one way an error reaches the user: a page, or JSON to a request that asks for it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

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
