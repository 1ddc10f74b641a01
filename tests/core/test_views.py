"""Django's error handlers, and the layout every page shares."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_server_error_page_renders_without_touching_the_session() -> None:
    from django.test import RequestFactory

    from nextround.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Nothing you saved before was lost" in response.content.decode()


def test_every_page_links_the_icon_and_the_icon_is_served(client: Client) -> None:
    page = client.get("/login/").content.decode()
    found = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert found, "the layout links an icon"
    icon = client.get(found[1])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).startswith(b"<svg")  # type: ignore[attr-defined]


# --- signing in: wrong passwords are limited --------------------------------------------------

PASSWORD = "a-long-right-password-7"


def _sign_in(client: Client, password: str, username: str = "dana") -> object:
    return client.post("/login/", {"username": username, "password": password})


@pytest.fixture
def dana() -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("dana", password=PASSWORD)


def test_the_right_password_after_many_wrong_ones_is_refused_with_a_clear_page(
    dana: object,
) -> None:
    remote = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(30):
        wrong = _sign_in(remote, "guess")
        assert wrong.status_code in (200, 429)  # type: ignore[attr-defined]
    response = _sign_in(remote, PASSWORD)
    assert response.status_code == 429  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Sign-in is paused" in page
    assert "Try again after" in page
    assert "_auth_user_id" not in remote.session


def test_a_lockout_holds_for_the_account_from_another_address_too(dana: object) -> None:
    from django.conf import settings

    first = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(first, "guess")
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(other, PASSWORD).status_code == 429  # type: ignore[attr-defined]


def test_an_address_is_paused_whatever_account_it_tries(dana: object) -> None:
    from django.conf import settings

    remote = Client(REMOTE_ADDR="192.0.2.10")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(remote, "guess", username=f"nobody-{i}")
    assert _sign_in(remote, PASSWORD).status_code == 429  # type: ignore[attr-defined]


def test_fewer_wrong_passwords_than_the_limit_still_let_the_right_one_in(dana: object) -> None:
    from django.conf import settings

    remote = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(remote, "guess").status_code == 200  # type: ignore[attr-defined]
    response = _sign_in(remote, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert remote.get("/").status_code == 200


def test_a_locked_loopback_address_still_gets_the_local_sign_in(
    dana: object, client: Client
) -> None:
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _sign_in(Client(), "guess")  # from 127.0.0.1, each without a cookie
    assert Client().get("/").status_code == 200  # the local account is signed in, unasked
