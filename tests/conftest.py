from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from nextround.core.services import local_user
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round


@pytest.fixture
def user(db: None) -> User:
    return local_user()


@pytest.fixture
def other_user(db: None) -> User:
    return get_user_model().objects.create_user("someone-else", password="not-used-here-1")


@pytest.fixture
def opportunity(user: User) -> Opportunity:
    return services.opportunity_create(
        owner=user,
        company="Northwind Health",
        role_title="Operations Analyst",
        location="Chicago, IL",
        stage="interviewing",
    )


@pytest.fixture
def people(opportunity: Opportunity) -> list[Person]:
    return [
        services.person_create(
            opportunity=opportunity,
            name="Dana Ortiz",
            title="Director of Operations",
            relation="hiring_manager",
        ),
        services.person_create(
            opportunity=opportunity, name="Sam Lee", title="Senior Analyst", relation="peer"
        ),
        services.person_create(
            opportunity=opportunity,
            name="Priya Nair",
            title="VP Operations",
            relation="managers_manager",
        ),
    ]


@pytest.fixture
def rounds(opportunity: Opportunity, people: list[Person]) -> list[Round]:
    """A first round with Dana, a second with Dana, Sam and Priya."""
    first = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 11, 10, 10, 0),
        ends=datetime(2026, 11, 10, 11, 0),
        timezone_name="America/Chicago",
        format="video",
        attendees=[people[0]],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 3, 9, 30),
        ends=datetime(2026, 12, 3, 12, 0),
        timezone_name="America/Chicago",
        format="panel",
        attendees=people,
    )
    return [first, second]
