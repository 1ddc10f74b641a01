"""What the prep app puts on the round page: the plan and its score, the likely questions and
the questions to ask."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from nextround.interviews.models import Person, Round
from nextround.interviews.selectors import carry_forward
from nextround.prep import services as prep
from nextround.prep.selectors import round_likely
from tests.prep.helpers import asks_of, suggestions

pytestmark = pytest.mark.django_db


def test_round_page_shows_plan_score_likely_questions_and_asks(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    prep.plan_item_set(round_=second, key="stories-for-needs", status="done")
    body = client.get(reverse("round_detail", args=[second.pk])).content.decode()
    assert "Prep plan" in body
    assert '<span class="big">10</span>' in body  # 9 of 90
    assert 'aria-label="Readiness 10 of 100"' in body
    likely = round_likely(carry=carry_forward(round_=second))
    assert "Likely questions" in body
    assert escape(likely[0].text) in body
    assert "Questions to ask" in body
    assert escape(suggestions(asks_of(second), people[0])[0].text) in body
    assert reverse("round_calendar", args=[second.pk]) in body


def test_round_page_shows_the_field_and_why(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    body = client.get(reverse("round_detail", args=[second.pk])).content.decode()
    assert "Field: general (nothing in the posting settles it). Questions keep" in body
    opportunity = second.opportunity
    opportunity.role_title = "Ward Nurse Manager"
    opportunity.posting_text = "Lead the ward team so every patient gets safe care."
    opportunity.save()
    body = client.get(reverse("round_detail", args=[second.pk])).content.decode()
    assert "Field: clinical (from: ward, nurse, patient, care)." in body
    assert "improving our product" not in body
