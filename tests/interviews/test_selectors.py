"""The interviews selectors against the real database: lookups by owner, carry-forward, the
dashboard, and the time zone a new round starts in."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from pytest_django import DjangoAssertNumQueries

from nextround.errors import NotFound
from nextround.interviews import selectors, services
from nextround.interviews.models import Opportunity, Person, Round
from tests.interviews.helpers import _web_default_zone

pytestmark = pytest.mark.django_db


def test_lookups_are_scoped_to_the_owner(other_user: User, opportunity: Opportunity) -> None:
    with pytest.raises(NotFound):
        selectors.opportunity_get(owner=other_user, pk=opportunity.pk)
    with pytest.raises(NotFound):
        selectors.opportunity_get(owner=other_user, pk=10**9)


def test_carry_forward_gathers_earlier_rounds_only(
    rounds: list[Round], people: list[Person]
) -> None:
    first, second = rounds
    services.note_create(
        round_=first, kind="question", text="Tell me about yourself", person=people[0], rating=4
    )
    services.note_create(
        round_=first,
        kind="question",
        text="A conflict you handled",
        person=people[0],
        rating=2,
        improve="Say what I did, not the team",
    )
    services.note_create(round_=first, kind="concern", text="Short tenure", status="open")
    services.note_create(round_=first, kind="concern", text="Travel", status="closed")
    services.note_create(
        round_=first, kind="promise", text="Send deck", promised_by="me", due_on=date(2026, 11, 20)
    )
    services.note_create(round_=first, kind="promise", text="Done already", status="closed")
    services.note_create(round_=second, kind="question", text="Not earlier")
    view = selectors.carry_forward(round_=second)
    assert [q.text for q in view.questions] == ["Tell me about yourself", "A conflict you handled"]
    assert [q.text for q in view.weak_questions] == ["A conflict you handled"]
    assert [c.text for c in view.open_concerns] == ["Short tenure"]
    assert [c.text for c in view.addressed_concerns] == ["Travel"]
    assert [p.text for p in view.open_promises] == ["Send deck"]
    assert {p.name for p in view.people_new} == {"Sam Lee", "Priya Nair"}
    assert selectors.carry_forward(round_=first).is_empty


def test_carry_forward_query_count_is_constant(
    rounds: list[Round], people: list[Person], django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for i in range(40):
        services.note_create(round_=rounds[0], kind="question", text=f"Q{i}", person=people[0])
    with django_assert_num_queries(4):
        view = selectors.carry_forward(round_=rounds[1])
        assert len(view.questions) == 40
        assert all(q.person.name for q in view.questions)  # type: ignore[union-attr]


def test_dashboard_groups_and_finds_overdue(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    services.note_create(
        round_=rounds[0], kind="promise", text="Late", promised_by="me", due_on=date(2026, 11, 1)
    )
    services.note_create(
        round_=rounds[0], kind="promise", text="Future", promised_by="me", due_on=date(2026, 12, 31)
    )
    board = selectors.dashboard(
        owner=user, now=datetime.fromisoformat("2026-11-22T12:00+00:00"), today=date(2026, 11, 22)
    )
    assert [p.text for p in board.overdue_promises] == ["Late"]
    assert board.next_round == rounds[1]
    assert [(s.value, len(items)) for s, items in board.by_stage] == [("interviewing", 1)]


def test_a_fixed_offset_zone_is_suggested_by_its_iana_name(
    user: User, opportunity: Opportunity
) -> None:
    with override_settings(TIME_ZONE="Etc/GMT+5"):
        assert selectors.default_timezone(owner=user) == "Etc/GMT+5"
        assert _web_default_zone(opportunity) == "Etc/GMT+5"
