"""The middleware: local sign-in only from this machine, and domain errors as friendly pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

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
