"""The isolation matrix (issue 20): every address of ``nextround.urls`` that takes a record's
id, requested with GET and with POST by four accounts signed in with their passwords on a
shared server: the owner of the records, another candidate, a coach the owner shares
everything with, and a coach with no share.

| address                    | owner    | other candidate | coach with a share | coach without |
|----------------------------|----------|-----------------|--------------------|---------------|
| the candidate's own pages  | served   | 404             | 404                | 404           |
| the coach's pages          | 404      | 404             | served             | 404           |
| a reply in a comment thread| served   | 404             | served             | 404           |

"Served" is 200, a redirect or a form's 400. A method an address does not take answers 405 to
everyone alike, which tells nothing. The addresses and the records their ids name come from
the probe's walk of the URL configuration (``tests/test_urls.py``: ``ROUTES``, ``KINDS``,
``_populate``), so an address added with an id the probe does not know fails here too; each
request runs in a savepoint rolled back afterwards, so a delete does not hide the next row.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nextround.coaching import services
from nextround.coaching.models import Area, Role
from nextround.practice import jobs as practice_jobs
from nextround.practice.models import Attempt
from nextround.practice.services import recordings_dir
from nextround.stories import jobs as story_jobs
from tests.test_urls import ROUTES, Route, _populate, _send

pytestmark = pytest.mark.django_db
STRONG = "harbour-lantern-71"

OWNER, OTHER, COACH, STRANGER = "owner", "other candidate", "coach with a share", "coach without"
ACCOUNTS = {OWNER: "ana", OTHER: "ben", COACH: "cora", STRANGER: "dev"}
METHODS = ("GET", "POST")
SERVED = {200, 301, 302, 303, 400}
RECORDING = "answer.wav"

# Addresses that take a code, not a record's id: the probe holds none (tests/test_urls.py).
CODES = {"join", "password_reset"}

# Where even the owner finds nothing without more than the id: the page names what it wants
# in its query or its form. Everyone else must still find nothing there.
OWNER_FINDS_NOTHING: dict[tuple[str, str], str] = {
    ("ask_adopt", "POST"): "its form names the interviewer; an empty one names nobody",
    ("concern_answer", "GET"): "?ref= names the concern; without it there is none",
    ("followup_eml", "GET"): "?key= names the follow-up; without it there is none",
    ("decline_eml", "GET"): "only an offer a recorded decision declines has a note",
}


# A comment thread on shared material is answered by its candidate and by the coach it is
# shared with; resolving and reopening it are the candidate's alone.
BOTH_ANSWER = {"comment_reply"}


def _is_coach_page(route: Route) -> bool:
    return route.route.startswith("coach/")


def _served_by(route: Route) -> set[str]:
    if route.name in BOTH_ANSWER:
        return {OWNER, COACH}
    return {COACH} if _is_coach_page(route) else {OWNER}


def _with_ids() -> list[tuple[Route, type[Any]]]:
    """Every address with a converter and the kind of record its id names: each must name
    one the probe knows (``<int:pk>`` with its kind in ``KINDS``), or take a code."""
    found = []
    for route in ROUTES:
        if "<" not in route.route or route.name in CODES:
            continue
        kind = route.kind  # raises for a kind KINDS lacks
        assert kind is not None, f"{route.route}: name the record's id <int:pk>"
        found.append((route, kind))
    return found


@pytest.fixture
def accounts(settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, User]:
    settings.APP = dataclasses.replace(settings.APP, mode="server", data_dir=tmp_path)
    monkeypatch.setattr(practice_jobs, "enqueue", lambda pk: None)
    monkeypatch.setattr(story_jobs, "enqueue", lambda pk: None)
    roles = {OWNER: Role.CANDIDATE, OTHER: Role.CANDIDATE, COACH: Role.COACH, STRANGER: Role.COACH}
    return {
        who: services.user_add(username=ACCOUNTS[who], password=STRONG, role=roles[who])
        for who in ACCOUNTS
    }


def _signed_in(username: str) -> Client:
    """A browser from another machine that signs in through the sign-in page."""
    client = Client(REMOTE_ADDR="192.0.2.20", raise_request_exception=False)
    response = client.post("/login/", {"username": username, "password": STRONG})
    assert response.status_code == 303, response.content
    assert client.get("/").status_code == 200
    return client


def test_every_address_with_an_id_answers_only_whom_it_should(
    accounts: dict[str, User],
) -> None:
    owner = accounts[OWNER]
    ids = _populate(owner)
    for area in Area:
        services.share(
            candidate=owner, coach_name=ACCOUNTS[COACH], area=area, item_id=None, now=timezone.now()
        )
    # The attempt the addresses name has a recording, so its audio is served to the coach.
    Attempt.objects.filter(pk=ids[Attempt]).update(audio=RECORDING)
    clients = {who: _signed_in(ACCOUNTS[who]) for who in ACCOUNTS}

    routes = _with_ids()
    wrong: list[str] = []
    requests = 0
    for route, kind in routes:
        url = route.url(ids[kind])
        served_by = _served_by(route)
        served = False
        # Written again for each address: deleting the attempt removes its file, and only the
        # database is rolled back.
        (recordings_dir() / RECORDING).write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ")
        for method in METHODS:
            answers = {who: _send(clients[who], url, method=method).status for who in ACCOUNTS}
            requests += len(answers)
            taken = any(answers[who] != 405 for who in served_by)
            served = served or taken
            for who, status in answers.items():
                if who in served_by:
                    nothing = (route.name, method) in OWNER_FINDS_NOTHING
                    ok = status == 405 or (status == 404 if nothing else status in SERVED)
                else:
                    ok = status == 404 if taken else status == 405
                if not ok:
                    wrong.append(f"{method} {url} ({route.name}) as the {who}: {status}")
        if not served:
            wrong.append(f"{url} ({route.name}) takes neither GET nor POST")
    assert wrong == [], "\n".join(wrong)
    assert requests == len(routes) * len(ACCOUNTS) * len(METHODS)
    assert len(routes) > 100  # the walk found the addresses
    assert sum(_is_coach_page(r) for r, _ in routes) >= 6
