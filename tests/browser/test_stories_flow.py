"""Stories in the browser: the live STAR analysis, the posting's coverage and the ledger."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Locator, Page, expect

from nextround.interviews.models import Opportunity, Round
from nextround.stories import services as story_services
from nextround.stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITUATION = (
    "Our outpatient clinic had patients waiting over an hour and complaints were rising every week."
)
TASK = "I was asked to redesign patient scheduling for the clinic."
TEAM_ACTION = (
    "We mapped the patient flow, we analysed our appointment data, we rebuilt the scheduling "
    "templates and we trained the front desk on our new booking rules."
)
VAGUE_RESULT = "Patients were much happier and the complaints stopped coming in."
QUANTIFIED_RESULT = "Patients were happier: we cut waiting time by 40% and complaints stopped."

POSTING = """Operations Analyst

What you will do:
- Redesign patient scheduling for our outpatient clinics
- Report on clinic performance to the leadership team

Requirements:
- Experience analysing appointment data in Excel
- Fluent Japanese

Nice to have:
- Lean Six Sigma certification
"""
EXCEL_POSTING = "Requirements:\n- Advanced Excel\n- Fluent Japanese"
STORY_PATH = re.compile(r"/stories/(\d+)/$")


def _fill_story(page: Page, *, action: str, result: str) -> None:
    page.get_by_label("Title").fill("Clinic waiting times")
    page.get_by_label("Situation").fill(SITUATION)
    page.get_by_label("Task").fill(TASK)
    page.get_by_label("Action").fill(action)
    page.get_by_label("Result").fill(result)


def _clinic_story(user: User) -> Story:
    return story_services.story_create(
        owner=user,
        title="Clinic waiting times",
        situation=SITUATION,
        task=TASK,
        action=(
            "I mapped the patient flow, analysed appointment data in Excel, rebuilt the "
            "scheduling templates, and trained the front desk staff on the new booking rules."
        ),
        result="I cut waiting time by 40% within three months.",
    )


def _row(page: Page, text: str) -> Locator:
    return page.get_by_role("row").filter(has_text=text)


@pytest.fixture
def page_without_js(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(base_url=str(live_server), java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_analysis_follows_typing_before_saving_and_matches_after(page: Page) -> None:
    page.goto("/stories/new/")
    analysis = page.locator("#analysis")
    expect(analysis).to_contain_text("0 × I, 0 × we (none)")

    _fill_story(page, action=TEAM_ACTION, result=VAGUE_RESULT)
    expect(analysis).to_contain_text("Voice in the action: 0 × I, 6 × we (team)")
    expect(analysis).to_contain_text("Result quantified: no number yet")
    suggestions = analysis.locator("ul.suggestions")
    expect(suggestions).to_contain_text("Put a number on the result")
    expect(suggestions).to_contain_text("The action says “we” 6 times and “I” 0 times")
    assert Story.objects.count() == 0, "nothing is saved while typing"
    expect(page).to_have_url(re.compile(r"/stories/new/$"))

    page.get_by_label("Result").fill(QUANTIFIED_RESULT)
    expect(analysis).to_contain_text("Result quantified: yes — “40%”")
    expect(suggestions).not_to_contain_text("Put a number on the result")
    live = analysis.inner_text()

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(STORY_PATH)
    expect(page.get_by_text("Saved “Clinic waiting times”.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clinic waiting times")
    saved = page.locator("#analysis")
    expect(saved).to_contain_text("Result quantified: yes — “40%”")
    expect(saved).to_contain_text("0 × I, 6 × we (team)")
    assert saved.inner_text() == live


def test_story_saves_and_shows_its_analysis_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    page.goto("/stories/new/")
    analysis = page.locator("#analysis")
    _fill_story(page, action=TEAM_ACTION, result=QUANTIFIED_RESULT)
    expect(analysis).to_contain_text("0 × I, 0 × we (none)")  # no script: it waits for a save
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(STORY_PATH)
    expect(page.get_by_text("Saved “Clinic waiting times”.")).to_be_visible()
    saved = page.locator("#analysis")
    expect(saved).to_contain_text("Voice in the action: 0 × I, 6 × we (team)")
    expect(saved).to_contain_text("Result quantified: yes — “40%”")
    story = Story.objects.get()
    assert STORY_PATH.search(page.url)[1] == str(story.pk)  # type: ignore[index]
    assert story.action == TEAM_ACTION


def test_posting_coverage_and_a_planned_answer_for_a_gap(
    page: Page, user: User, opportunity: Opportunity, rounds: list[Round]
) -> None:
    _clinic_story(user)
    page.goto(f"/opportunities/{opportunity.pk}/posting/")
    expect(page.get_by_role("heading", name="Requirements (0)")).to_be_visible()
    page.get_by_label("Paste the posting").fill(POSTING)
    page.get_by_role("button", name="Read the posting").click()
    expect(page.get_by_text("Posting saved; its requirements are below.")).to_be_visible()
    expect(page.get_by_role("heading", name="Requirements (5)")).to_be_visible()
    kinds = {
        "Redesign patient scheduling for our outpatient clinics": "responsibility",
        "Experience analysing appointment data in Excel": "must-have",
        "Fluent Japanese": "must-have",
        "Lean Six Sigma certification": "nice-to-have",
    }
    for text, kind in kinds.items():
        expect(_row(page, text).locator(".badge")).to_have_text(kind)

    page.get_by_role("link", name="Coverage", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Do your stories prove what the job needs?"
    )
    covered = _row(page, "Experience analysing appointment data in Excel")
    expect(covered.get_by_role("link", name="Clinic waiting times")).to_be_visible()
    expect(covered).to_contain_text("shows: analysing appointment data")
    expect(covered.locator(".badge", has_text="gap")).to_have_count(0)
    gap = _row(page, "Fluent Japanese")
    expect(gap.locator(".badge", has_text="gap")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("must-have")

    page.get_by_role("link", name="Plan answers for the gaps").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concerns and your answers")
    concern = page.get_by_role("listitem").filter(has_text="Fluent Japanese")
    expect(concern).to_contain_text("No answer yet")
    concern.get_by_role("link", name="Plan the answer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Plan the answer")
    page.get_by_label("Answer with").select_option(label="A learning plan")
    page.get_by_label("What I will say").fill("Weekly Japanese lessons; JLPT N3 by spring.")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("Answer planned.", exact=True)).to_be_visible()
    concern = page.get_by_role("listitem").filter(has_text="Fluent Japanese")
    expect(concern.locator(".badge")).to_have_text("Answer planned")
    expect(concern).to_contain_text("A learning plan — Weekly Japanese lessons; JLPT N3 by spring.")
    expect(concern.get_by_role("link", name="Change the answer")).to_be_visible()


def test_a_story_using_excel_covers_an_excel_requirement(
    page: Page, user: User, opportunity: Opportunity
) -> None:
    _clinic_story(user)
    page.goto(f"/opportunities/{opportunity.pk}/posting/")
    page.get_by_label("Paste the posting").fill(EXCEL_POSTING)
    page.get_by_role("button", name="Read the posting").click()
    expect(page.get_by_role("heading", name="Requirements (2)")).to_be_visible()
    page.get_by_role("link", name="Coverage", exact=True).click()
    excel = _row(page, "Advanced Excel")
    expect(excel.get_by_role("link", name="Clinic waiting times")).to_be_visible()
    expect(excel).to_contain_text("shows: Excel")
    expect(excel.locator(".badge", has_text="gap")).to_have_count(0)


def test_a_certificate_is_checked_against_the_cv_without_javascript(
    page_without_js: Page, user: User, opportunity: Opportunity
) -> None:
    page = page_without_js
    _clinic_story(user)
    story_services.posting_set(opportunity=opportunity, text=POSTING)
    page.goto(f"/opportunities/{opportunity.pk}/coverage/")
    checks = page.locator("#cv-checks")
    expect(checks.get_by_role("heading", level=2)).to_have_text("Check against your CV")
    # Not a row of the matrix: a story cannot prove a certificate.
    expect(_row(page, "Lean Six Sigma certification")).to_have_count(0)
    item = checks.get_by_role("listitem").filter(has_text="Lean Six Sigma certification")
    expect(item).to_contain_text("Now: To check")
    item.get_by_label("Lean Six Sigma certification").select_option(label="I don't have it")
    item.get_by_role("button", name="Save").click()

    expect(page.get_by_text("“Lean Six Sigma certification”: I don't have it.")).to_be_visible()
    item = page.locator("#cv-checks li").filter(has_text="Lean Six Sigma certification")
    expect(item).to_contain_text("Now: I don't have it")
    item.get_by_role("link", name="on the concerns page").click()
    concern = page.get_by_role("listitem").filter(has_text="Lean Six Sigma certification")
    expect(concern).to_contain_text("Checked against your CV: you don't have it")
    expect(concern.get_by_role("link", name="Plan the answer")).to_be_visible()


def test_round_two_warns_that_its_interviewer_already_heard_the_story(
    page: Page, user: User, rounds: list[Round]
) -> None:
    first, second = rounds
    _clinic_story(user)
    page.goto(f"/rounds/{second.pk}/")
    stories = page.locator("#stories")
    expect(stories.get_by_label("Story I told")).to_be_visible()
    expect(stories).not_to_contain_text("already heard")

    page.goto(f"/rounds/{first.pk}/")
    stories = page.locator("#stories")
    stories.get_by_label("Story I told").select_option(label="Clinic waiting times")
    stories.get_by_role("button", name="Log the story as told").click()
    expect(page.get_by_text("Logged “Clinic waiting times” as told in this round.")).to_be_visible()
    expect(stories).to_contain_text("Told in this round:")
    expect(stories).to_contain_text("Clinic waiting times — to Dana Ortiz")

    page.goto(f"/rounds/{second.pk}/")
    warning = page.locator("#stories .warnings li")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text(
        "Dana Ortiz already heard “Clinic waiting times” in First round"
    )
    expect(warning).to_contain_text("tell another story or take it further")
    expect(warning).not_to_contain_text("Sam Lee")
