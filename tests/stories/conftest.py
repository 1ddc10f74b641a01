"""Fixtures of the stories tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nextround.interviews import services as interview_services
from nextround.interviews.models import NoteKind, Opportunity, Person, Round, RoundNote
from nextround.stories import services
from nextround.stories.models import Story
from tests.stories.helpers import NEGOTIATION, POSTING


@pytest.fixture
def client(user: User) -> Client:
    signed_in = Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in
    signed_in.get("/")
    return signed_in


@pytest.fixture
def negotiation(user: User) -> Story:
    return services.story_create(owner=user, **NEGOTIATION)


@pytest.fixture
def posted(opportunity: Opportunity) -> Opportunity:
    return services.posting_set(opportunity=opportunity, text=POSTING)


@pytest.fixture
def theirs(other_user: User) -> dict[str, Any]:
    """Someone else's story, strength, quote and opportunity with a round."""
    story = services.story_create(owner=other_user, title="Secret merger", action="I did it.")
    strength = services.strength_save(owner=other_user, name="Secrecy", rank=1, stories=[story])
    quote = services.quote_create(owner=other_user, text="Very discreet.", who="Their boss")
    opportunity = interview_services.opportunity_create(
        owner=other_user, company="Secret Co", role_title="CFO"
    )
    boss = interview_services.person_create(
        opportunity=opportunity, name="Ada", relation="hiring_manager"
    )
    round_ = interview_services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 11, 12, 9, 0),
        ends=datetime(2026, 11, 12, 10, 0),
        timezone_name="America/Chicago",
        attendees=[boss],
    )
    return {
        "story": story,
        "strength": strength,
        "quote": quote,
        "opportunity": opportunity,
        "round": round_,
    }


@pytest.fixture
def concern(rounds: list[Round], people: list[Person]) -> RoundNote:
    return interview_services.note_create(
        round_=rounds[0],
        kind=NoteKind.CONCERN,
        person=people[0],
        text="Has never owned a budget this size",
    )
