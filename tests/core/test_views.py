"""Django's error handlers, and the layout every page shares."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup, Tag
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

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


# --- signing in and out ---------------------------------------------------------------------

PASSWORD = "a long passphrase for tests"


@pytest.fixture
def account(db: None) -> User:
    return get_user_model().objects.create_user("dana", password=PASSWORD)


@pytest.fixture
def remote() -> Client:
    return Client(REMOTE_ADDR="192.0.2.10")  # not this machine: no automatic sign-in


def _sign_out_buttons(response: TestResponse) -> list[Tag]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        form
        for form in soup.select("form[method=post]")
        if form.get("action") == "/logout/" and form.select_one("button")
    ]


def test_signing_in_goes_to_the_dashboard_with_303(remote: Client, account: User) -> None:
    response = remote.post("/login/", {"username": "dana", "password": PASSWORD, "next": ""})
    assert response.status_code == 303
    assert response["Location"] == "/"
    assert remote.get("/").status_code == 200


def test_signing_in_returns_to_the_page_asked_for(remote: Client, account: User) -> None:
    asked = remote.get("/stories/")
    assert asked.status_code == 302 and asked["Location"] == "/login/?next=/stories/"
    response = remote.post(
        "/login/", {"username": "dana", "password": PASSWORD, "next": "/stories/"}
    )
    assert (response.status_code, response["Location"]) == (303, "/stories/")


def test_a_wrong_password_is_a_form_error(remote: Client, account: User) -> None:
    response = remote.post("/login/", {"username": "dana", "password": "wrong", "next": ""})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_a_password_session_has_a_sign_out_button_that_signs_out(
    remote: Client, account: User
) -> None:
    remote.post("/login/", {"username": "dana", "password": PASSWORD, "next": ""})
    page = remote.get("/")
    [button] = _sign_out_buttons(page)
    assert "csrfmiddlewaretoken" in str(button)
    response = remote.post("/logout/")
    assert (response.status_code, response["Location"]) == (303, "/login/")
    assert remote.get("/")["Location"] == "/login/?next=/"  # signed out for real


def test_signing_out_goes_to_the_sign_in_page_with_303(remote: Client, account: User) -> None:
    remote.post("/login/", {"username": "dana", "password": PASSWORD, "next": ""})
    response = remote.post("/logout/")
    assert (response.status_code, response["Location"]) == (303, "/login/")
    assert remote.get("/login/").status_code == 200


def test_the_local_session_has_no_sign_out_button(client: Client, user: User) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert _sign_out_buttons(page) == []


def test_signing_out_takes_a_post(remote: Client, account: User) -> None:
    remote.post("/login/", {"username": "dana", "password": PASSWORD, "next": ""})
    assert remote.get("/logout/").status_code == 405
    assert remote.get("/").status_code == 200  # still signed in


# --- signing in: wrong passwords are limited --------------------------------------------------


def _sign_in(client: Client, password: str, username: str = "dana") -> object:
    return client.post("/login/", {"username": username, "password": password})


def test_the_right_password_after_many_wrong_ones_is_refused_with_a_clear_page(
    account: User,
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


def test_a_lockout_holds_for_the_account_from_another_address_too(account: User) -> None:
    from django.conf import settings

    first = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(first, "guess")
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(other, PASSWORD).status_code == 429  # type: ignore[attr-defined]


def test_an_address_is_paused_whatever_account_it_tries(account: User) -> None:
    from django.conf import settings

    remote = Client(REMOTE_ADDR="192.0.2.10")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(remote, "guess", username=f"nobody-{i}")
    assert _sign_in(remote, PASSWORD).status_code == 429  # type: ignore[attr-defined]


def test_fewer_wrong_passwords_than_the_limit_still_let_the_right_one_in(account: User) -> None:
    from django.conf import settings

    remote = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(remote, "guess").status_code == 200  # type: ignore[attr-defined]
    response = _sign_in(remote, PASSWORD)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert remote.get("/").status_code == 200


def test_a_locked_loopback_address_still_gets_the_local_sign_in(
    account: User, client: Client
) -> None:
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _sign_in(Client(), "guess")  # from 127.0.0.1, each without a cookie
    assert Client().get("/").status_code == 200  # the local account is signed in, unasked
