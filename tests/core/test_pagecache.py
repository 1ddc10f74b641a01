"""Pages kept under their account's stamp: served again only while nothing they show changed,
with the browser's own CSRF token, never with a message meant for another drawing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nextround.core import pagecache
from nextround.interviews import services
from nextround.interviews.models import Round

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture(params=["round_detail", "round_carry_forward"])
def url(request: pytest.FixtureRequest, rounds: list[Round]) -> str:
    return reverse(request.param, args=[rounds[1].pk])


@pytest.fixture(params=["round_detail", "round_carry_forward", "dashboard"])
def kept_url(request: pytest.FixtureRequest, rounds: list[Round]) -> str:
    return reverse(request.param, args=[] if request.param == "dashboard" else [rounds[1].pk])


def test_a_page_seen_again_is_served_kept(client: Client, kept_url: str) -> None:
    url = kept_url
    first, drawn = get(client, url)
    again, kept = get(client, url)
    assert kept < drawn
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_a_write_shows_at_once(client: Client, url: str, rounds: list[Round]) -> None:
    get(client, url)
    services.note_create(round_=rounds[0], kind="free", text="The badge desk opens at eight.")
    page, _ = get(client, url)
    assert "The badge desk opens at eight." in page


def test_the_dashboard_shows_a_new_opportunity_at_once(client: Client, rounds: list[Round]) -> None:
    get(client, reverse("dashboard"))
    services.opportunity_create(owner=rounds[0].owner, company="Saltmarsh", role_title="Buyer")
    page, _ = get(client, reverse("dashboard"))
    assert "Saltmarsh" in page


def test_each_browser_gets_its_own_token(rounds: list[Round]) -> None:
    """A token kept from another browser would fail its CSRF check; each must post."""
    url = reverse("round_detail", args=[rounds[1].pk])  # its forms carry the token
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        page, _ = get(browser, url)
        tokens = set(TOKEN.findall(page))
        assert len(tokens) == 1
        assert pagecache.TOKEN_SLOT not in page
        response = browser.post(reverse("logout"), {"csrfmiddlewaretoken": tokens.pop()})
        assert response.status_code != 403


def test_a_message_is_shown_once_and_the_page_kept_without_it(
    client: Client, rounds: list[Round]
) -> None:
    url = reverse("round_detail", args=[rounds[1].pk])
    get(client, url)
    response = client.post(
        reverse("note_create", args=[rounds[1].pk, "free"]), {"text": "Ask about parking."}
    )
    assert response.status_code == 303
    with_message = client.get(url).content.decode()
    assert 'class="messages"' in with_message
    again, _ = get(client, url)
    assert 'class="messages"' not in again
    assert "Ask about parking." in again


def test_the_key_turns_with_the_minute(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    request = Client().get(reverse("dashboard")).wsgi_request
    now = timezone.now().replace(second=1)
    monkeypatch.setattr(timezone, "now", lambda: now)
    same_minute = pagecache.page_key(request)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(seconds=58))
    assert pagecache.page_key(request) == same_minute
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=1))
    assert pagecache.page_key(request) != same_minute


def test_a_page_holding_the_slots_text_is_not_kept() -> None:
    assert pagecache.without_token(f"<p>{pagecache.TOKEN_SLOT}</p>") is None
    html = '<input name="csrfmiddlewaretoken" value="abc"><a data-t="abc">'
    assert pagecache.without_token(html) == html.replace("abc", pagecache.TOKEN_SLOT)
