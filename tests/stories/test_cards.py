"""What the stories app puts on the round page: the stories told, and the warnings about them."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from nextround.interviews import services as interview_services
from nextround.interviews.models import Person, Round
from nextround.stories import services
from nextround.stories.models import Story
from tests.stories.helpers import NEGOTIATION, page_text

pytestmark = pytest.mark.django_db


def test_round_page_warns_that_dana_heard_the_story_already(
    client: Client, negotiation: Story, rounds: list[Round]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[0])
    second = page_text(client.get(f"/rounds/{rounds[1].pk}/"))
    assert (
        f"Dana Ortiz already heard “{NEGOTIATION['title']}” in First round — Operations Analyst "
        "at Northwind Health; tell another story or take it further."
    ) in second
    assert "Sam Lee already heard" not in second
    first = page_text(client.get(f"/rounds/{rounds[0].pk}/"))
    assert "already heard" not in first
    assert f"Told in this round: {NEGOTIATION['title']} — to Dana Ortiz" in first


def test_a_story_told_three_times_gets_the_overuse_warning(
    client: Client, negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    third = interview_services.round_create(
        opportunity=rounds[0].opportunity,
        starts=datetime(2026, 12, 10, 9, 0),
        ends=datetime(2026, 12, 10, 10, 0),
        timezone_name="America/Chicago",
        attendees=[people[2]],
    )
    overused = f"“{NEGOTIATION['title']}” has been told 3 times in this process"
    services.telling_record(story=negotiation, round_=rounds[0])
    services.telling_record(story=negotiation, round_=rounds[1])
    assert "has been told" not in page_text(client.get(f"/rounds/{third.pk}/"))
    services.telling_record(story=negotiation, round_=third)
    text = page_text(client.get(f"/rounds/{third.pk}/"))
    assert overused + "; show range with a different story." in text
