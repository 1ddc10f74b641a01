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
    assert selectors.concern_find(opportunity=posted, ref=f"req-{degree.key}") is None
    services.cv_check_set(opportunity=posted, key=degree.key, status="missing")
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
    # Words planned on the round page, no story yet: other evidence until one is picked.
    assert selectors.concern_answer_draft(row=row) == {
        "answer": said,
        "status": "addressed",
        "kind": "evidence",
    }
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


def test_the_concerns_page_and_the_round_note_hold_one_answer(
    posted: Opportunity, concern: RoundNote, negotiation: Story
) -> None:
    ref = f"note-{concern.pk}"
    interview_services.note_update(note=concern, status="closed", response="Noted in the round.")
    said = "The Acme budget story, then the numbers."
    services.concern_answer_set(
        opportunity=posted, ref=ref, kind="story", story=negotiation, answer=said
    )
    concern.refresh_from_db()
    assert (concern.response, concern.status) == (said, "open")  # planned reopens it
    row = selectors.concern_get(opportunity=posted, ref=ref)
    assert (row.said, row.story, row.status, row.status_label) == (
        said,
        negotiation,
        "planned",
        "Answer planned",
    )
    assert selectors.concern_answer_draft(row=row) == {
        "kind": "story",
        "story": negotiation,
        "answer": said,
        "status": "planned",
    }
    # Changed on the round page, read on the Concerns page.
    interview_services.note_update(note=concern, response="Shorter.", status="closed")
    row = selectors.concern_get(opportunity=posted, ref=ref)
    assert (row.said, row.status, row.story) == ("Shorter.", "addressed", negotiation)


@pytest.mark.parametrize(
    ("response", "status", "with_story", "expected"),
    [
        ("", "open", False, "open"),
        ("  ", "open", False, "open"),
        ("Say it.", "open", False, "planned"),
        ("", "open", True, "planned"),
        ("", "closed", False, "addressed"),
        ("Say it.", "closed", True, "addressed"),
    ],
)
def test_a_round_concerns_status_is_read_from_its_note(
    posted: Opportunity,
    concern: RoundNote,
    negotiation: Story,
    response: str,
    status: str,
    with_story: bool,
    expected: str,
) -> None:
    if with_story:
        services.concern_answer_set(
            opportunity=posted, ref=f"note-{concern.pk}", kind="story", story=negotiation
        )
    interview_services.note_update(note=concern, response=response, status=status)
    row = selectors.concern_get(opportunity=posted, ref=f"note-{concern.pk}")
    assert row.status == expected
    assert row.is_planned == (bool(response.strip()) or with_story)


# --- coverage: gaps and CV checks ----------------------------------------------------------

GAP_POSTING = """## Requirements
- Must have run purchasing in SAP Ariba
- Bachelor's degree in supply chain management
- Willing to travel to supplier sites
"""


def test_an_uncovered_must_have_is_a_concern_and_a_check_only_when_lacking(
    opportunity: Opportunity, negotiation: Story
) -> None:
    services.posting_set(opportunity=opportunity, text=GAP_POSTING)
    view = selectors.coverage(opportunity=opportunity)
    assert [r.requirement.text for r in view.must_have_gaps] == [
        "Must have run purchasing in SAP Ariba"
    ]
    assert [(c.row.kind, c.status) for c in view.checks] == [
        ("credential", "check"),
        ("location", "check"),
    ]
    rows = selectors.concerns(opportunity=opportunity)
    assert [(r.text, r.source) for r in rows] == [
        (
            "Must have run purchasing in SAP Ariba",
            "A must-have in the posting that no story covers yet",
        )
    ]
    travel = view.checks[1].row.requirement
    services.cv_check_set(opportunity=opportunity, key=travel.key, status="partly")
    rows = selectors.concerns(opportunity=opportunity)
    assert rows[-1].text == travel.text and rows[-1].ref == f"req-{travel.key}"
    assert (
        rows[-1].source
        == "Checked against your CV: you have it only in part (place, travel or hours)"
    )


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
