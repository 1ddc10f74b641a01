"""The workspace pages (welcome, dashboard, round page, export and import), through Django's
test client against the real database."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in


def test_empty_workspace_shows_welcome_with_both_starts(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Explore the example workspace" in body
    assert "Start blank" in body


def test_dashboard_lists_stage_next_round_and_overdue_promise(
    client: Client, user: User, rounds: list[Round], people: list[Person]
) -> None:
    services.note_create(
        round_=rounds[0],
        kind="promise",
        text="Send the writing sample",
        promised_by="me",
        due_on=date(2020, 1, 1),
    )
    body = client.get("/").content.decode()
    assert "Interviewing" in body
    assert "Send the writing sample" in body
    assert "Next interview" in body


def test_export_downloads_json_and_import_adds(client: Client, rounds: list[Round]) -> None:
    exported = client.get("/workspace/export/")
    assert exported["Content-Type"].startswith("application/json")
    assert "attachment" in exported["Content-Disposition"]
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(
        "/workspace/import/",
        {"file": SimpleUploadedFile("x.json", b"{not json", "application/json")},
    )
    assert bad.status_code == 400
    assert Opportunity.objects.count() == 1
    again = client.post(
        "/workspace/import/",
        {"file": SimpleUploadedFile("w.json", exported.content, "application/json")},
        follow=True,
    )
    assert "skipped 1 already present" in again.content.decode()
    assert Opportunity.objects.count() == 1


def _queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_round_pages_query_count_does_not_grow_with_notes(
    client: Client, rounds: list[Round], people: list[Person]
) -> None:
    urls = [
        f"/rounds/{rounds[1].pk}/",
        f"/rounds/{rounds[1].pk}/carry-forward/",
        f"/opportunities/{rounds[0].opportunity_id}/",
        "/",
    ]
    client.get("/")  # sign-in happens on the first request
    before = [_queries_for(client, url) for url in urls]
    for i in range(30):
        services.note_create(
            round_=rounds[0],
            kind="question",
            text=f"Question {i}",
            person=people[i % 3],
            rating=1 + i % 5,
        )
        services.note_create(round_=rounds[1], kind="concern", text=f"Concern {i}")
    assert [_queries_for(client, url) for url in urls] == before
