"""The stories selectors: warnings about stories already heard in a process, and the concerns
of an opportunity with the draft of their answers."""

from __future__ import annotations

from datetime import datetime

import pytest
from bs4 import Tag
from django.contrib.auth.models import User
from django.test import Client

from nextround.errors import NotFound
from nextround.interviews import services as interview_services
from nextround.interviews.models import Opportunity, Person, Round, RoundNote
from nextround.stories import selectors, services
from nextround.stories.models import Story
from tests.stories.helpers import DEGREE_REQ, requirement, soup_of

pytestmark = pytest.mark.django_db


# --- stories already heard -----------------------------------------------------------------


def test_round_stories_names_only_attendees_who_heard_it(
    negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[1], people=[people[1]])
    third = interview_services.round_create(
        opportunity=rounds[0].opportunity,
        starts=datetime(2026, 12, 10, 9, 0),
        ends=datetime(2026, 12, 10, 10, 0),
        timezone_name="America/Chicago",
        attendees=[people[0], people[1]],
    )
    warnings = selectors.round_stories(round_=third).warnings
    assert len(warnings) == 1
    assert warnings[0].message.startswith("Sam Lee already heard")
    assert selectors.round_stories(round_=rounds[0]).warnings == []


def test_a_later_telling_is_not_already_heard_in_an_earlier_round(
    negotiation: Story, rounds: list[Round]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[1])  # to Dana, Sam and Priya
    assert selectors.round_stories(round_=rounds[0]).warnings == []


def test_tellings_in_another_opportunity_do_not_count(
    user: User, negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    elsewhere = interview_services.opportunity_create(
        owner=user, company="Contoso", role_title="Buyer"
    )
    lee = interview_services.person_create(opportunity=elsewhere, name="Kim", relation="peer")
    for day in (1, 2, 3):
        round_ = interview_services.round_create(
            opportunity=elsewhere,
            starts=datetime(2026, 10, day, 9, 0),
            ends=datetime(2026, 10, day, 10, 0),
            timezone_name="America/Chicago",
            attendees=[lee],
        )
        services.telling_record(story=negotiation, round_=round_)
    assert selectors.round_stories(round_=rounds[1]).warnings == []


# --- concerns ------------------------------------------------------------------------------


def test_concern_get_names_the_row_or_is_not_found(posted: Opportunity, concern: RoundNote) -> None:
    row = selectors.concern_get(opportunity=posted, ref=f"note-{concern.pk}")
    assert (row.note, row.text) == (concern, concern.text)
    degree = requirement(posted, DEGREE_REQ)
    assert selectors.concern_get(opportunity=posted, ref=f"req-{degree.key}").requirement == degree
    with pytest.raises(NotFound, match="This opportunity has no concern 'note-987654'"):
        selectors.concern_get(opportunity=posted, ref="note-987654")
    assert selectors.concern_find(opportunity=posted, ref="nonsense") is None


def test_the_answer_form_starts_from_a_closed_notes_response_as_addressed(
    client: Client, posted: Opportunity, concern: RoundNote
) -> None:
    said = "I ran a $2M budget at Acme."
    interview_services.note_update(note=concern, status="closed", response=said)
    row = selectors.concern_get(opportunity=posted, ref=f"note-{concern.pk}")
    assert selectors.concern_answer_draft(row=row) == {"answer": said, "status": "addressed"}
    interview_services.note_update(note=concern, status="open")
    row = selectors.concern_get(opportunity=posted, ref=f"note-{concern.pk}")
    assert selectors.concern_answer_draft(row=row)["status"] == "planned"
    interview_services.note_update(note=concern, status="closed")
    form = soup_of(
        client.get(f"/opportunities/{posted.pk}/concerns/answer/", {"ref": f"note-{concern.pk}"})
    )
    selected = form.select_one('select[name="status"] option[selected]')
    assert selected is not None and selected.get("value") == "addressed"
    textarea = form.find("textarea", attrs={"name": "answer"})
    assert isinstance(textarea, Tag) and textarea.get_text().strip() == said


def test_a_planned_answer_wins_over_the_notes_response(
    posted: Opportunity, concern: RoundNote, negotiation: Story
) -> None:
    interview_services.note_update(note=concern, status="closed", response="Noted in the round.")
    services.concern_answer_set(
        opportunity=posted, ref=f"note-{concern.pk}", kind="story", story=negotiation
    )
    row = selectors.concern_get(opportunity=posted, ref=f"note-{concern.pk}")
    assert selectors.concern_answer_draft(row=row) == {
        "kind": "story",
        "story": negotiation,
        "answer": "",
        "status": "planned",
    }


# --- the posting's facts -------------------------------------------------------------------


def test_posting_facts_read_the_opportunitys_posting(opportunity: Opportunity) -> None:
    assert selectors.posting_facts(opportunity=opportunity).empty
    opportunity.posting_text = (
        "Staff Accountant\nPay: £32,000 - £36,000 per annum\nLocation: Leeds\n"
        "Requirements\n- ACCA part-qualified\n"
    )
    facts = selectors.posting_facts(opportunity=opportunity)
    assert facts.pay is not None
    assert (facts.pay.low, facts.pay.high, facts.pay.currency, facts.pay.period) == (
        32000.0,
        36000.0,
        "GBP",
        "yearly",
    )
    assert facts.locations == ("Leeds",)
    assert facts == selectors.requirements(opportunity=opportunity).facts
