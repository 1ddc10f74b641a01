"""The interviews services against the real database: opportunities, stages, rounds, people
and notes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round, RoundNote

pytestmark = pytest.mark.django_db


def test_opportunity_create_records_its_first_stage(user: User) -> None:
    opp = services.opportunity_create(
        owner=user,
        company="Acme",
        role_title="Buyer",
        stage="interviewing",
        stage_on=date(2026, 11, 1),
    )
    assert [(c.stage, c.on) for c in opp.stage_changes.all()] == [
        ("interviewing", date(2026, 11, 1))
    ]


@pytest.mark.parametrize("field", ["company", "role_title"])
def test_required_text_cannot_be_empty(user: User, field: str) -> None:
    values: dict[str, Any] = {"company": "Acme", "role_title": "Buyer", field: ""}
    with pytest.raises(Invalid) as caught:
        services.opportunity_create(owner=user, **values)
    assert field in caught.value.field_errors
    assert Opportunity.objects.count() == 0


def test_oversized_posting_is_refused(user: User) -> None:
    with pytest.raises(Invalid) as caught:
        services.opportunity_create(
            owner=user, company="Acme", role_title="Buyer", posting_text="word " * 20_000
        )
    assert "posting_text" in caught.value.field_errors


def test_unknown_stage_is_refused_and_nothing_changes(opportunity: Opportunity) -> None:
    with pytest.raises(Invalid, match="Unknown stage"):
        services.opportunity_set_stage(opportunity=opportunity, stage="ghosted")
    opportunity.refresh_from_db()
    assert opportunity.stage == "interviewing"
    assert opportunity.stage_changes.count() == 1


def test_round_number_defaults_to_next_and_must_be_unique(
    opportunity: Opportunity, rounds: list[Round]
) -> None:
    third = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 9, 9),
        ends=datetime(2026, 12, 9, 10),
        timezone_name="UTC",
    )
    assert third.number == 3
    with pytest.raises(Invalid):
        services.round_create(
            opportunity=opportunity,
            number=3,
            starts=datetime(2026, 12, 9, 9),
            ends=datetime(2026, 12, 9, 10),
            timezone_name="UTC",
        )
    assert Round.objects.count() == 3


def test_end_before_start_saves_nothing(opportunity: Opportunity, people: list[Person]) -> None:
    with pytest.raises(Invalid) as caught:
        services.round_create(
            opportunity=opportunity,
            starts=datetime(2026, 12, 9, 10),
            ends=datetime(2026, 12, 9, 9),
            timezone_name="UTC",
            attendees=people,
        )
    assert "ends_at" in caught.value.field_errors
    assert Round.objects.count() == 0


def test_unknown_timezone_names_the_field(opportunity: Opportunity) -> None:
    with pytest.raises(Invalid) as caught:
        services.round_create(
            opportunity=opportunity,
            starts=datetime(2026, 12, 9, 10),
            ends=datetime(2026, 12, 9, 11),
            timezone_name="Europe/Atlantis",
        )
    assert "timezone" in caught.value.field_errors


def test_round_update_keeps_wall_clock_when_zone_unchanged(rounds: list[Round]) -> None:
    second = rounds[1]
    services.round_update(round_=second, format="all_day")
    second.refresh_from_db()
    assert second.local_start.hour == 9 and second.local_start.minute == 30
    assert second.format == "all_day"


def test_people_of_another_opportunity_cannot_attend(user: User, rounds: list[Round]) -> None:
    other = services.opportunity_create(owner=user, company="Other", role_title="Analyst")
    stranger = services.person_create(opportunity=other, name="Stranger")
    with pytest.raises(Invalid, match="own opportunity"):
        services.person_update(person=stranger, rounds=[rounds[0]])
    assert not rounds[0].attendees.filter(pk=stranger.pk).exists()


def test_note_person_must_belong_to_the_opportunity(user: User, rounds: list[Round]) -> None:
    other = services.opportunity_create(owner=user, company="Other", role_title="Analyst")
    stranger = services.person_create(opportunity=other, name="Stranger")
    with pytest.raises(Invalid):
        services.note_create(round_=rounds[0], kind="question", text="Why us?", person=stranger)
    assert RoundNote.objects.count() == 0


def test_number_range_must_be_ordered(rounds: list[Round]) -> None:
    with pytest.raises(Invalid) as caught:
        services.note_create(
            round_=rounds[0], kind="number", text="Base", amount_low=100, amount_high=50
        )
    assert "amount_high" in caught.value.field_errors


def test_unknown_note_kind_and_field(rounds: list[Round]) -> None:
    with pytest.raises(Invalid, match="note kind"):
        services.note_create(round_=rounds[0], kind="gossip", text="x")
    with pytest.raises(Invalid, match="Unknown field"):
        services.note_create(round_=rounds[0], kind="free", text="x", mood="great")


def test_deleting_a_person_keeps_their_notes(rounds: list[Round], people: list[Person]) -> None:
    note = services.note_create(
        round_=rounds[0], kind="feedback", text="Liked the case", person=people[0]
    )
    services.person_delete(person=people[0])
    note.refresh_from_db()
    assert note.person is None
    assert Person.objects.count() == 2


# --- question notes get a category ---------------------------------------------------------


def test_question_notes_are_classified(two_rounds: tuple[Round, Round]) -> None:
    first = two_rounds[0]
    salary = services.note_create(
        round_=first, kind="question", text="What are your salary expectations?"
    )
    assert salary.category == "salary"
    salary.refresh_from_db()
    assert salary.category == "salary"
    other = services.note_create(
        round_=first, kind="concern", text="What are your salary expectations?"
    )
    assert other.category == ""
    wordless = services.note_create(round_=first, kind="question", text="???")
    assert wordless.category == ""
    services.note_update(note=salary, text="Why do you want to work here?")
    assert salary.category == "motivation"
    services.note_update(note=other, text="Why do you want to work here?")
    assert other.category == ""


def test_a_category_set_by_hand_wins_over_re_tagging(two_rounds: tuple[Round, Round]) -> None:
    first = two_rounds[0]
    note = services.note_create(
        round_=first, kind="question", text="What are your salary expectations?", category="case"
    )
    assert (note.category, note.category_by_hand) == ("case", True)
    # Saving again without naming a category keeps the correction, even for new words.
    services.note_update(note=note, text="Why do you want to work here?", answer="The team.")
    note.refresh_from_db()
    assert (note.category, note.category_by_hand) == ("case", True)
    # "" gives the tag back to the classifier.
    services.note_update(note=note, category="")
    note.refresh_from_db()
    assert (note.category, note.category_by_hand) == ("motivation", False)
    # An automatic tag follows the text.
    services.note_update(note=note, text="What are your salary expectations?")
    assert (note.category, note.category_by_hand) == ("salary", False)


def test_a_category_by_hand_must_be_known_and_only_questions_have_one(
    two_rounds: tuple[Round, Round],
) -> None:
    first = two_rounds[0]
    with pytest.raises(Invalid) as refused:
        services.note_create(round_=first, kind="question", text="Why us?", category="gossip")
    assert list(refused.value.field_errors) == ["category"]
    concern = services.note_create(round_=first, kind="concern", text="Why us?", category="fit")
    assert (concern.category, concern.category_by_hand) == ("", False)


@pytest.mark.parametrize(
    ("starts", "ends", "zone"),
    [
        (datetime(9999, 12, 31, 9), datetime(9999, 12, 31, 10), "UTC"),
        (datetime(1, 1, 1, 0, 30), datetime(1, 1, 1, 1), "Europe/Berlin"),
        (datetime(2026, 12, 9, 10), datetime(2101, 1, 1, 10), "UTC"),
    ],
)
def test_a_round_outside_the_date_range_is_refused_by_field(
    opportunity: Opportunity, starts: datetime, ends: datetime, zone: str
) -> None:
    with pytest.raises(Invalid) as caught:
        services.round_create(opportunity=opportunity, starts=starts, ends=ends, timezone_name=zone)
    messages = " ".join(m for ms in caught.value.field_errors.values() for m in ms)
    assert "use a date from 1970 to 2100" in messages
    assert Round.objects.count() == 0


def test_a_round_prepared_from_a_date_outside_the_range_is_refused(
    opportunity: Opportunity,
) -> None:
    with pytest.raises(Invalid) as caught:
        services.round_create(
            opportunity=opportunity,
            starts=datetime(2026, 12, 9, 10),
            ends=datetime(2026, 12, 9, 11),
            timezone_name="UTC",
            created_at=datetime(1, 1, 1, tzinfo=UTC),
        )
    assert "created_at" in caught.value.field_errors
    assert Round.objects.count() == 0


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(1, 1, 1), date(1969, 12, 31)])
def test_a_promise_due_outside_the_date_range_is_refused(rounds: list[Round], day: date) -> None:
    with pytest.raises(Invalid) as caught:
        services.note_create(
            round_=rounds[0], kind="promise", text="Send deck", promised_by="me", due_on=day
        )
    assert "out of range" in " ".join(caught.value.field_errors["due_on"])
    assert RoundNote.objects.count() == 0


def test_a_stage_change_outside_the_date_range_is_refused(opportunity: Opportunity) -> None:
    with pytest.raises(Invalid) as caught:
        services.opportunity_set_stage(opportunity=opportunity, stage="offer", on=date(9999, 1, 1))
    assert "out of range" in " ".join(caught.value.field_errors["on"])
    opportunity.refresh_from_db()
    assert opportunity.stage == "interviewing"
    assert opportunity.stage_changes.count() == 1
