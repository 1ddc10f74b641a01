"""Fixtures of the prep tests."""

from __future__ import annotations

import pytest
from django.test import Client

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from tests.prep.helpers import TZ, wall


@pytest.fixture
def client() -> Client:
    return Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in


@pytest.fixture
def two_rounds(opportunity: Opportunity, people: list[Person]) -> tuple[Round, Round]:
    """Round 1 two weeks ago (video, with Dana); round 2 in a month (panel, all three)."""
    first = services.round_create(
        opportunity=opportunity,
        starts=wall(-14, 10),
        ends=wall(-14, 11),
        timezone_name=TZ,
        format="video",
        attendees=[people[0]],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=wall(30, 9, 30),
        ends=wall(30, 12),
        timezone_name=TZ,
        format="panel",
        attendees=people,
    )
    return first, second
