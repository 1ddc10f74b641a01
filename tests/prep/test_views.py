"""The prep pages: ticking plan items, the calendar download, and the questions to ask."""

from __future__ import annotations

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from nextround.interviews import services
from nextround.interviews.models import Person, Round
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from tests.prep.helpers import TZ, at_once, plan_of, wall

pytestmark = pytest.mark.django_db


def test_the_round_pages_script_gets_the_plan_alone(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])
    response = client.post(
        url, {"key": "stories-for-needs", "status": "done"}, headers={"X-Fragment": "plan"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<li class="plan-item status-done" id="item-stories-for-needs">' in html
    assert "<html" not in html and "Plan updated." not in html  # a fragment, no flash message
    assert PlanProgress.objects.get(round=second, key="stories-for-needs").status == "done"
    refused = client.post(
        url, {"key": "stories-for-needs", "status": "skipped"}, headers={"X-Fragment": "plan"}
    )
    assert refused.status_code == 400  # no reason: the script falls back to the plain post


@pytest.mark.django_db(transaction=True)
def test_eight_first_ticks_at_once_all_succeed(two_rounds: tuple[Round, Round]) -> None:
    """Issue 15: eight simultaneous first ticks of one item gave 500s (the unique constraint)
    and 400s on PostgreSQL; each is the same wish, so each is answered 303."""
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])

    def tick() -> int:
        client = Client(raise_request_exception=False)  # a 500 counts, like any answer
        return client.post(url, {"key": "stories-for-needs", "status": "done"}).status_code

    assert at_once(8, tick) == [303] * 8
    saved = PlanProgress.objects.get(round=second, key="stories-for-needs")
    assert saved.status == "done"


def test_plan_post_ticks_and_redirects_to_the_plan(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])
    response = client.post(url, {"key": "stories-for-needs", "status": "done"})
    assert response.status_code == 303
    # Back at the item itself (issue 12: ticking returns to the same place).
    assert response["Location"] == reverse("round_detail", args=[second.pk]) + (
        "#item-stories-for-needs"
    )
    assert PlanProgress.objects.get(round=second, key="stories-for-needs").status == "done"
    # A note alone keeps the status.
    response = client.post(url, {"key": "stories-for-needs", "note": "Three stories"})
    assert response.status_code == 303
    saved = PlanProgress.objects.get(round=second, key="stories-for-needs")
    assert (saved.status, saved.note) == ("done", "Three stories")


def test_plan_skip_without_reason_is_a_400_with_the_error(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    response = client.post(
        reverse("plan_item", args=[second.pk]),
        {"key": "clothes", "status": "skipped", "reason": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say why you are skipping it." in body
    assert 'aria-invalid="true"' in body
    assert PlanProgress.objects.count() == 0

    response = client.post(
        reverse("plan_item", args=[second.pk]),
        {"key": "clothes", "status": "skipped", "reason": "Uniform provided"},
    )
    assert response.status_code == 303
    saved = PlanProgress.objects.get(round=second, key="clothes")
    assert (saved.status, saved.reason) == ("skipped", "Uniform provided")


def test_plan_item_form_and_unknown_keys(client: Client, two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])
    page = client.get(url, {"key": "clothes"})
    assert page.status_code == 200
    assert "Get your clothes ready" in page.content.decode()

    missing = client.get(url, {"key": "no-such-item"})
    assert missing.status_code == 400  # Invalid, rendered by the error middleware
    assert "no item &#x27;no-such-item&#x27;" in missing.content.decode()
    posted = client.post(url, {"key": "no-such-item", "status": "done"})
    assert posted.status_code == 404
    assert PlanProgress.objects.count() == 0


def test_calendar_download(client: Client, two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    response = client.get(reverse("round_calendar", args=[second.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="northwind-health-round-2.ics"'
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == second.starts_at
    # The plan's items and, from the followup app, a thank-you per attendee and a status check.
    followups = len(second.attendees.all()) + 1
    assert len(cal.walk("VTODO")) == len(plan_of(second).rows) + followups
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [TZ]


def test_ask_create_and_edit_pages(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    url = reverse("ask_create", args=[second.pk])
    assert client.get(url, {"person": people[1].pk}).status_code == 200
    empty = client.post(url, {"person": people[1].pk, "text": ""})
    assert empty.status_code == 400
    assert AskItem.objects.count() == 0
    created = client.post(url, {"person": people[1].pk, "text": "How is on-call shared?"})
    assert created.status_code == 303
    assert created["Location"] == reverse("round_detail", args=[second.pk]) + "#asks"
    item = AskItem.objects.get()
    assert (item.person, item.bank_id, item.status) == (people[1], "", "planned")

    edit = reverse("ask_edit", args=[item.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit, {"text": item.text, "status": "planned", "answer": "Weekly rota, six people."}
    )
    assert saved.status_code == 303
    assert saved["Location"] == reverse("round_detail", args=[second.pk]) + "#asks"
    item.refresh_from_db()
    assert (item.status, item.answer) == ("asked", "Weekly rota, six people.")


def test_ask_adopt_page(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    url = reverse("ask_adopt", args=[second.pk])
    response = client.post(url, {"person": people[0].pk, "ask": "first-months-priorities"})
    assert response.status_code == 303
    item = AskItem.objects.get()
    assert response["Location"] == reverse("ask_edit", args=[item.pk])
    assert client.post(url, {"person": people[0].pk, "ask": "nope"}).status_code == 404
    assert client.post(url, {"person": "x", "ask": "first-months-priorities"}).status_code == 404
    not_there = client.post(
        reverse("ask_adopt", args=[two_rounds[0].pk]),
        {"person": people[1].pk, "ask": "first-months-priorities"},
    )
    assert not_there.status_code == 400
    assert AskItem.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_eight_adoptions_of_one_question_at_once_keep_one(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    url = reverse("ask_adopt", args=[two_rounds[1].pk])
    data = {"person": people[0].pk, "ask": "first-months-priorities"}

    def adopt() -> int:
        return Client(raise_request_exception=False).post(url, data).status_code

    assert at_once(8, adopt) == [303] * 8
    assert AskItem.objects.count() == 1


def test_someone_elses_round_and_asks_are_not_found(
    client: Client, user: User, other_user: User
) -> None:
    theirs = services.opportunity_create(owner=other_user, company="Secret", role_title="CFO")
    boss = services.person_create(opportunity=theirs, name="Ada", relation="hiring_manager")
    round_ = services.round_create(
        opportunity=theirs,
        starts=wall(10, 9),
        ends=wall(10, 10),
        timezone_name=TZ,
        attendees=[boss],
    )
    item = prep.ask_adopt(round_=round_, person=boss, bank_id="first-months-priorities")
    responses = [
        client.post(reverse("plan_item", args=[round_.pk]), {"key": "clothes", "status": "done"}),
        client.get(reverse("round_calendar", args=[round_.pk])),
        client.post(
            reverse("ask_adopt", args=[round_.pk]),
            {"person": boss.pk, "ask": "first-months-backlog"},
        ),
        client.get(reverse("ask_edit", args=[item.pk])),
        client.post(reverse("ask_edit", args=[item.pk]), {"text": "x", "status": "asked"}),
    ]
    assert [r.status_code for r in responses] == [404] * 5
    assert all("Secret" not in r.content.decode() for r in responses)
    assert PlanProgress.objects.count() == 0
    item.refresh_from_db()
    assert (AskItem.objects.count(), item.status) == (1, "planned")
