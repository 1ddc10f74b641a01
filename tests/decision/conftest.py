"""Fixtures of the decision tests: a signed-in client, observations of the first opportunity (a
round's note, an answer heard, a research fact), and a second opportunity to compare with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity, Person, Round, RoundNote
from nextround.prep import services as prep
from nextround.prep.models import AskItem
from nextround.research import services as research
from nextround.research.models import Fact


@pytest.fixture
def client(user: User) -> Client:
    signed_in = Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in
    signed_in.get("/")
    return signed_in


@dataclass(frozen=True)
class Observed:
    note: RoundNote
    ask: AskItem
    unanswered: AskItem
    fact: Fact


@pytest.fixture
def observed(opportunity: Opportunity, rounds: list[Round], people: list[Person]) -> Observed:
    note = interviews.note_create(
        round_=rounds[0],
        kind="feedback",
        person=people[0],
        text="Dana gives feedback the same day, in private, with examples.",
    )
    ask = prep.ask_create(
        round_=rounds[1], person=people[0], text="How do you support people when a launch slips?"
    )
    prep.ask_update(item=ask, answer="We re-plan together on the day; nobody is blamed.")
    unanswered = prep.ask_create(round_=rounds[1], person=people[1], text="What is on-call like?")
    fact = research.fact_save(
        opportunity=opportunity,
        kind="size",
        text="Series C in 2025, profitable since last spring.",
        source_name="Annual report",
        source_date=date(2026, 10, 1),
    )
    return Observed(note=note, ask=ask, unanswered=unanswered, fact=fact)


@pytest.fixture
def rival(user: User) -> Opportunity:
    return interviews.opportunity_create(
        owner=user, company="Contoso Care", role_title="Operations Lead", stage="offer"
    )
