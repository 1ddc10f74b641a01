"""The pages people open most need the same number of SQL queries however much the workspace
holds (issue 18): each is requested on the example workspace, then again after it has grown
(more opportunities, rounds, people, attendees and notes, some on the very rounds requested),
and the two counts must be equal. A count that grows with the data is an N+1 query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nextround.core.pagecache import PAGES as PAGES_KEPT
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.workspace.demo import demo_load

pytestmark = pytest.mark.django_db

TZ = "America/Chicago"


@dataclass(frozen=True)
class Demo:
    opportunity: Opportunity
    first: Round  # over, with a debrief
    second: Round  # ahead, with the first to carry forward


PAGES: dict[str, Callable[[Demo], str]] = {
    "dashboard": lambda d: reverse("dashboard"),
    "opportunity list": lambda d: reverse("opportunity_list"),
    "round page": lambda d: reverse("round_detail", args=[d.second.pk]),
    "round page, round over": lambda d: reverse("round_detail", args=[d.first.pk]),
    "carry-forward": lambda d: reverse("round_carry_forward", args=[d.second.pk]),
    "debrief": lambda d: reverse("debrief", args=[d.first.pk]),
    "thank-you notes": lambda d: reverse("thanks", args=[d.first.pk]),
    "brief": lambda d: reverse("brief", args=[d.second.pk]),
    "research": lambda d: reverse("research", args=[d.opportunity.pk]),
    "money": lambda d: reverse("money", args=[d.opportunity.pk]),
    "budget": lambda d: reverse("budget"),
    "offers": lambda d: reverse("offers"),
}

NOTES: list[tuple[str, dict[str, Any]]] = [
    ("question", {"text": "Walk me through a forecast that went wrong.", "rating": 2}),
    ("concern", {"text": "Little experience with unionised sites.", "response": "The pilot."}),
    ("concern", {"text": "Travel is heavy.", "status": "closed", "response": "Fine by me."}),
    ("feedback", {"text": "They liked the dock-scheduling story."}),
    ("number", {"text": "Range", "amount_low": 90000, "amount_high": 105000, "currency": "USD"}),
    ("free", {"text": "The team moves to the new site in spring."}),
]


def _notes(round_: Round, person: Person, *, due: datetime) -> None:
    for kind, fields in NOTES:
        services.note_create(round_=round_, kind=kind, person=person, **fields)
    services.note_create(
        round_=round_,
        kind="promise",
        person=person,
        text="Send the deck.",
        promised_by="me",
        due_on=due.date(),
    )
    services.note_create(
        round_=round_,
        kind="promise",
        text="Decision by Friday.",
        promised_by="them",
        due_on=due.date(),
    )


def _more_people(demo: Demo, count: int) -> None:
    """People on the example opportunity, at both its rounds, each leaving notes on the first."""
    now = timezone.now()
    for index in range(count):
        person = services.person_create(
            opportunity=demo.opportunity,
            name=f"Extra Person {index}",
            title="Senior Analyst",
            relation="peer",
            email=f"extra{index}@example.com",
            rounds=[demo.first, demo.second],
        )
        _notes(demo.first, person, due=now + timedelta(days=index - 2))


def _other_opportunity(owner: User, index: int, *, stage: str) -> None:
    """An opportunity with a round behind and a round ahead, people and notes."""
    now = timezone.localtime()
    opportunity = services.opportunity_create(
        owner=owner, company=f"Filler Co {index}", role_title="Analyst", stage=stage
    )
    people = [
        services.person_create(opportunity=opportunity, name=f"P{index} {n}", relation=relation)
        for n, relation in enumerate(["hr", "hiring_manager", "peer"])
    ]
    for days in (-3 - index, 4 + index):
        start = (now + timedelta(days=days)).replace(tzinfo=None, hour=10, minute=0)
        round_ = services.round_create(
            opportunity=opportunity,
            starts=start,
            ends=start + timedelta(hours=1),
            timezone_name=TZ,
            format="panel",
            attendees=people,
        )
        _notes(round_, people[1], due=now + timedelta(days=days))


def grow(owner: User, demo: Demo, *, scale: int) -> None:
    _more_people(demo, scale)
    for index in range(scale):
        _other_opportunity(owner, index, stage="offer" if index % 3 == 2 else "interviewing")


@pytest.fixture
def demo(user: User) -> Demo:
    opportunity, _ = demo_load(owner=user, now=timezone.now())
    first, second = opportunity.rounds.order_by("number")[:2]
    return Demo(opportunity, first, second)


def count(client: Client, url: str) -> int:
    """The queries of drawing the page: a page kept from before (core.pagecache) is dropped."""
    caches[PAGES_KEPT].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def counts(client: Client, demo: Demo) -> dict[str, int]:
    for page in PAGES.values():
        client.get(page(demo))  # the first request signs in and starts the session
    return {name: count(client, page(demo)) for name, page in PAGES.items()}


def test_page_queries_do_not_grow_with_the_workspace(user: User, demo: Demo) -> None:
    client = Client()
    small = counts(client, demo)
    grow(user, demo, scale=4)
    assert Round.objects.filter(owner=user).count() >= 10
    large = counts(client, demo)
    grown = {name: (small[name], large[name]) for name in PAGES if small[name] != large[name]}
    assert not grown, f"queries (small, large) grow with the data: {grown}"
