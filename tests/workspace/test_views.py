"""The workspace pages (welcome, dashboard, round page, export and import), through Django's
test client against the real database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup, Tag
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.workspace.demo import demo_load

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


def test_import_of_broken_text_is_a_400_not_a_500(client: Client, rounds: list[Round]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = client.get("/workspace/export/").json()
    document["opportunities"][0]["uid"] = "00000000-0000-4000-8000-000000000001"
    document["opportunities"][0]["company"] = "Acme \ud800"
    content = json.dumps(document).encode()  # ASCII: the surrogate is written as \\ud800
    response = client.post(
        "/workspace/import/", {"file": SimpleUploadedFile("w.json", content, "application/json")}
    )
    assert response.status_code == 400
    assert "opportunities[0].company:" in response.content.decode()
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
    client.get("/opportunities/")  # sign-in happens on the first request (a page not kept)
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


# --- the round page: a round ahead, a round that is over ---------------------------------


def _sections(body: str) -> list[str]:
    """The ids of the page's cards, in the order they come."""
    soup = BeautifulSoup(body, "html.parser")
    return [str(s["id"]) for s in soup.select("main section[id]") if s.get("id") in CARD_IDS]


def _one(soup: Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


CARD_IDS = {
    "outcome",
    "notes",
    "who",
    "when",
    "carry",
    "concerns",
    "money",
    "plan",
    "likely",
    "asks",
}


@pytest.fixture
def demo_rounds(user: User) -> tuple[Round, Round]:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    first, second = opportunity.rounds.order_by("number")
    return first, second


def test_a_round_ahead_reads_people_carry_forward_concerns_then_what_is_due_next(
    client: Client, demo_rounds: tuple[Round, Round]
) -> None:
    body = client.get(f"/rounds/{demo_rounds[1].pk}/").content.decode()
    assert _sections(body) == [
        "who",
        "when",
        "carry",
        "concerns",
        "plan",
        "money",  # a final round: the numbers to bring
        "likely",
        "asks",
        "notes",
    ]
    soup = BeautifulSoup(body, "html.parser")
    jumps = [str(a["href"]) for a in soup.select("nav.jump a")]
    assert jumps[:7] == ["#who", "#carry", "#concerns", "#plan", "#money", "#likely", "#asks"]
    assert all(soup.select_one(href) is not None for href in jumps)
    people = _one(soup, "#who").get_text(" ")
    assert "met before" in people and "new" in people
    plan = _one(soup, "#plan")
    next_up = plan.select("ol.plan-next li.plan-item")
    assert 0 < len(next_up) <= 4
    assert all("status-todo" in li["class"] for li in next_up)
    whole = _one(plan, "details.whole-plan")
    assert not whole.has_attr("open")
    everything = plan.select("li.plan-item")
    assert len(everything) == len(next_up) + len(whole.select("li.plan-item"))
    assert "/100 ready" in plan.get_text()
    assert f"of {len(everything)} items still to do" in plan.get_text()


def test_a_round_that_is_over_leads_with_its_outcome_and_notes_without_a_score(
    client: Client, demo_rounds: tuple[Round, Round]
) -> None:
    first, second = demo_rounds
    body = client.get(f"/rounds/{first.pk}/").content.decode()
    order = _sections(body)
    assert order[:3] == ["outcome", "notes", "money"]  # pay was discussed in it
    assert order.index("plan") > order.index("who")
    text = " ".join(BeautifulSoup(body, "html.parser").get_text(" ").split())
    assert "Where it stands Interviewing since" in text
    assert f"Next {second.label}" in text
    assert "/100 ready" not in text and "overdue" not in text.lower()
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select("#plan ol.plan-next") == []
    assert soup.select_one("#plan details.whole-plan:not([open])") is not None
    assert soup.select_one("#notes-question") is not None  # the notes, grouped by kind


def test_a_closed_opportunitys_upcoming_round_is_over_too(
    client: Client, demo_rounds: tuple[Round, Round]
) -> None:
    second = demo_rounds[1]
    services.opportunity_set_stage(
        opportunity=second.opportunity, stage="withdrawn", on=timezone.localdate()
    )
    text = client.get(f"/rounds/{second.pk}/").content.decode()
    assert _sections(text)[0] == "outcome"
    assert "Withdrawn since" in text
    assert "/100 ready" not in text


def test_the_dashboard_reminds_of_the_demo_offers_deadline(client: Client, user: User) -> None:
    demo_load(owner=user, now=timezone.now())
    page = BeautifulSoup(client.get("/").content, "html.parser")
    reminder = page.select_one("[data-testid=offer-deadline]")
    assert isinstance(reminder, Tag)
    assert reminder.get_text().startswith("Answer by ") and "6 days left" in reminder.get_text()
