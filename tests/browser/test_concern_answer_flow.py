"""A concern raised in a round has one answer: planned on the round note, it is the Concerns
page's answer; changed on the Concerns page, the round note shows the change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.interviews import services
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.stories import services as story_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONCERN = "Has never run a budget this size"
ON_THE_NOTE = "Walk through the $2M freight budget I owned at Acme."
ON_THE_PAGE = "The Acme budget story, then how I would review their spend in month one."
POSTING = "Requirements:\n- Owning a freight budget\n- Fluent Japanese"


def test_one_answer_edited_on_the_round_note_and_on_the_concerns_page(
    page: Page, user: User, opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    story_services.posting_set(opportunity=opportunity, text=POSTING)
    story_services.story_create(owner=user, title="Acme freight budget", action="I owned it.")
    services.note_create(round_=rounds[0], kind=NoteKind.CONCERN, text=CONCERN, person=people[0])

    # Planned on the round page's note.
    page.goto(f"/rounds/{rounds[0].pk}/")
    page.get_by_role("link", name=f"Edit note: {CONCERN}").click()
    page.get_by_label("Planned answer").fill(ON_THE_NOTE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()

    # The Concerns page shows it as the answer.
    page.goto(f"/opportunities/{opportunity.pk}/concerns/")
    row = page.get_by_role("listitem").filter(has_text=CONCERN)
    expect(row.locator(".badge")).to_have_text("Answer planned")
    expect(row).to_contain_text(ON_THE_NOTE)
    expect(row).not_to_contain_text("No answer yet")

    # Changed there: a story, new words, addressed.
    row.get_by_role("link", name="Change the answer").click()
    expect(page.get_by_label("What I will say")).to_have_value(ON_THE_NOTE)
    page.get_by_label("Answer with").select_option(label="A story")
    page.get_by_label("Story").select_option(label="Acme freight budget")
    page.get_by_label("What I will say").fill(ON_THE_PAGE)
    page.get_by_label("Status").select_option(label="Addressed")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Answer planned.", exact=True)).to_be_visible()
    row = page.get_by_role("listitem").filter(has_text=CONCERN)
    expect(row.locator(".badge")).to_have_text("Addressed")
    expect(row).to_contain_text(f"A story: Acme freight budget — {ON_THE_PAGE}")

    # The round note shows the same answer, addressed.
    row.get_by_role("link", name="Edit the note").click()
    expect(page.get_by_label("Planned answer")).to_have_value(ON_THE_PAGE)
    expect(page.get_by_label("Status (open / addressed)")).to_have_value("closed")
    page.goto(f"/rounds/{rounds[0].pk}/")
    note = page.get_by_role("listitem").filter(has_text=CONCERN)
    expect(note).to_contain_text(f"Planned answer: {ON_THE_PAGE}")
    expect(note.locator(".badge")).to_have_text("addressed")
