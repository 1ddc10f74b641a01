"""The stories services: the ledger of tellings, the five ranked strengths, concern
answers, and checks of requirements against the CV."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround.core.models import TEXT_LIMIT
from nextround.errors import Invalid, NotFound
from nextround.interviews import services as interview_services
from nextround.interviews.models import Opportunity, Person, Round, RoundNote
from nextround.stories import services
from nextround.stories.models import ConcernAnswer, Story, Strength, Telling
from tests.stories.helpers import DEGREE_REQ, ranks, requirement

pytestmark = pytest.mark.django_db


# --- the ledger of tellings ----------------------------------------------------------------


def test_telling_defaults_to_everyone_who_attended(
    negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    telling = services.telling_record(story=negotiation, round_=rounds[1])
    assert set(telling.people.all()) == set(people)


def test_telling_to_some_attendees_and_again_replaces_them(
    negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[1], people=[people[1]])
    telling = services.telling_record(story=negotiation, round_=rounds[1], people=[people[2]])
    assert Telling.objects.count() == 1
    assert list(telling.people.all()) == [people[2]]


def test_telling_to_someone_not_there_is_invalid(
    negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    with pytest.raises(Invalid, match="Sam Lee did not attend this round"):
        services.telling_record(story=negotiation, round_=rounds[0], people=[people[1]])
    assert Telling.objects.count() == 0


def test_telling_someone_elses_story_is_not_found(
    rounds: list[Round], theirs: dict[str, Any]
) -> None:
    with pytest.raises(NotFound):
        services.telling_record(story=theirs["story"], round_=rounds[0])
    assert Telling.objects.count() == 0


# --- strengths -----------------------------------------------------------------------------


def test_at_most_five_strengths(user: User, negotiation: Story) -> None:
    for rank in range(1, 6):
        services.strength_save(owner=user, name=f"S{rank}", rank=rank, stories=[negotiation])
    with pytest.raises(Invalid, match="already have 5 strengths"):
        services.strength_save(owner=user, name="Sixth", rank=3, stories=[negotiation])
    assert ranks(user) == {"S1": 1, "S2": 2, "S3": 3, "S4": 4, "S5": 5}


def test_editing_to_a_free_rank_moves_only_that_strength(user: User, negotiation: Story) -> None:
    first = services.strength_save(owner=user, name="A", rank=1, stories=[negotiation])
    services.strength_save(owner=user, name="B", rank=2, stories=[negotiation])
    services.strength_save(owner=user, name="A", rank=5, stories=[negotiation], strength=first)
    assert ranks(user) == {"A": 5, "B": 2}


def test_rank_outside_one_to_five_is_refused(user: User, negotiation: Story) -> None:
    with pytest.raises(Invalid, match="Rank must be 1 to 5"):
        services.strength_save(owner=user, name="A", rank=6, stories=[negotiation])
    assert Strength.objects.count() == 0


def test_a_new_differentiator_clears_the_old_one(user: User, negotiation: Story) -> None:
    services.strength_save(owner=user, name="A", rank=1, differentiator=True, stories=[negotiation])
    services.strength_save(owner=user, name="B", rank=2, differentiator=True, stories=[negotiation])
    assert list(Strength.objects.filter(differentiator=True).values_list("name", flat=True)) == [
        "B"
    ]


# --- concern answers -----------------------------------------------------------------------


def test_a_round_concerns_answer_is_written_on_its_note(
    opportunity: Opportunity, concern: RoundNote, negotiation: Story
) -> None:
    said = "The budget I ran at Acme."
    record = services.concern_answer_set(
        opportunity=opportunity,
        ref=f"note-{concern.pk}",
        kind="story",
        story=negotiation,
        answer=f"  {said}\n",
        status="addressed",
    )
    concern.refresh_from_db()
    assert (concern.response, concern.status) == (said, "closed")
    assert (record.note, record.story, record.answer, record.status) == (
        concern,
        negotiation,
        "",
        "open",
    )


def test_no_answer_given_keeps_the_words_planned_on_the_round_page(
    opportunity: Opportunity, concern: RoundNote, negotiation: Story
) -> None:
    interview_services.note_update(note=concern, response="Name the Acme budget.")
    services.concern_answer_set(
        opportunity=opportunity, ref=f"note-{concern.pk}", kind="story", story=negotiation
    )
    concern.refresh_from_db()
    assert (concern.response, concern.status) == ("Name the Acme budget.", "open")
    # Given, even blank, it replaces them: the Concerns page's form starts from them.
    services.concern_answer_set(
        opportunity=opportunity,
        ref=f"note-{concern.pk}",
        kind="story",
        story=negotiation,
        answer="",
    )
    concern.refresh_from_db()
    assert concern.response == ""
    assert ConcernAnswer.objects.count() == 1


def test_an_answer_too_long_for_the_note_is_named_as_the_answer(
    opportunity: Opportunity, concern: RoundNote
) -> None:
    with pytest.raises(Invalid) as caught:
        services.concern_answer_set(
            opportunity=opportunity,
            ref=f"note-{concern.pk}",
            kind="evidence",
            answer="x" * (TEXT_LIMIT + 1),
        )
    assert list(caught.value.field_errors) == ["answer"]
    concern.refresh_from_db()
    assert concern.response == ""
    assert ConcernAnswer.objects.count() == 0


# --- checks against the CV ----------------------------------------------------------------


def test_cv_check_set_refuses_unknown_statuses_and_requirements(posted: Opportunity) -> None:
    degree = requirement(posted, DEGREE_REQ)
    with pytest.raises(Invalid, match="Unknown status 'maybe'"):
        services.cv_check_set(opportunity=posted, key=degree.key, status="maybe")
    with pytest.raises(NotFound, match="no requirement 'nope' to check"):
        services.cv_check_set(opportunity=posted, key="nope", status="have")
    record = services.cv_check_set(opportunity=posted, key=degree.key, status="have")
    assert (record.requirement_text, record.status) == (DEGREE_REQ, "have")
    # The posting changed since: the check stays, and can still be changed.
    services.posting_set(opportunity=posted, text="## Requirements\n- Fluent Japanese")
    again = services.cv_check_set(opportunity=posted, key=degree.key, status="missing")
    assert (again.pk, again.requirement_text, again.status) == (record.pk, DEGREE_REQ, "missing")


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_story_dated_outside_the_range_is_refused(user: User, day: date) -> None:
    with pytest.raises(Invalid) as caught:
        services.story_create(owner=user, title="Cut costs", action="I cut costs", happened_on=day)
    assert "use a date from 1970 to 2100" in " ".join(caught.value.field_errors["happened_on"])
    assert not Story.objects.filter(title="Cut costs").exists()
