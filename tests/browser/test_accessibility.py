"""axe-core (shipped inside the axe-playwright-python package) on the main pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.practice import services as practice_services
from nextround.stories import services as story_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def _blocking_findings(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_main_pages_have_no_serious_accessibility_findings(page: Page) -> None:
    page.goto("/")
    assert _blocking_findings(page) == [], "welcome"
    page.get_by_role("button", name="Explore the example workspace").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    opportunity_url = page.url
    round_link = page.get_by_role("link", name="Second round")
    round_url = round_link.get_attribute("href")
    visited = {
        "dashboard": "/",
        "opportunities": "/opportunities/",
        "opportunity": opportunity_url,
        "round": round_url,
        "carry forward": f"{round_url}carry-forward/",
        "plan item": f"{round_url}plan/?key=clothes",
        "own question": f"{round_url}asks/new/",
        "new opportunity": "/opportunities/new/",
        "import": "/workspace/import/",
        "not found": "/opportunities/999999/",
        "stories": "/stories/",
        "new story": "/stories/new/",
        "strengths": "/strengths/",
        "posting": f"{opportunity_url}posting/",
        "coverage": f"{opportunity_url}coverage/",
        "concerns": f"{opportunity_url}concerns/",
        "fit scorecard": f"{opportunity_url}fit/",
        "decide": "/decide/",
    }
    failures = {}
    for name, url in visited.items():
        page.goto(str(url))
        found = _blocking_findings(page)
        if found:
            failures[name] = found
    page.goto("/opportunities/new/")
    page.get_by_role("button", name="Save", exact=True).click()  # a form showing its errors
    if found := _blocking_findings(page):
        failures["form with errors"] = found
    assert failures == {}


def test_story_pages_have_no_serious_accessibility_findings(page: Page, user: User) -> None:
    story = story_services.story_create(
        owner=user,
        title="Clinic waiting times",
        situation="Patients waited over an hour and complaints rose every week.",
        task="I had to redesign scheduling for the clinic.",
        action="I mapped the patient flow, analysed appointment data and rebuilt the templates.",
        result="I cut waiting time by 40% within three months.",
    )
    page.goto("/")
    page.get_by_role("button", name="Explore the example workspace").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    opportunity_url = page.url
    page.goto(f"{opportunity_url}concerns/")
    answer_url = page.locator('a[href*="/concerns/answer/"]').first.get_attribute("href")
    visited = {
        "story": f"/stories/{story.pk}/",
        "edit story": f"/stories/{story.pk}/edit/",
        "stories with one": "/stories/",
        "strengths with a story": "/strengths/",
        "coverage with a story": f"{opportunity_url}coverage/",
        "concerns with a story": f"{opportunity_url}concerns/",
        "plan an answer": str(answer_url),
    }
    failures = {}
    for name, url in visited.items():
        page.goto(url)
        if found := _blocking_findings(page):
            failures[name] = found
    page.goto("/stories/new/")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    if found := _blocking_findings(page):
        failures["story form with errors"] = found
    assert failures == {}


def test_skip_link_is_the_first_stop_for_keyboard_users(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_practice_pages_have_no_serious_accessibility_findings(page: Page, user: User) -> None:
    session = practice_services.session_start(owner=user, category="behavioral", count=2)
    question = session.questions.get(position=1)
    attempt = practice_services.attempt_typed(
        owner=user,
        question=question,
        text="Um, last year I think our queue doubled. I wrote a guide, and waits fell by 50%.",
    )
    visited = {
        "practice with a session": "/practice/",
        "question": f"/practice/sessions/{session.pk}/1/",
        "feedback": f"/practice/attempts/{attempt.pk}/",
        "session": f"/practice/sessions/{session.pk}/",
        "progress charts": "/practice/history/",
    }
    failures = {}
    for name, url in visited.items():
        page.goto(url)
        if found := _blocking_findings(page):
            failures[name] = found
    page.goto("/practice/")
    page.get_by_role("radio", name="A kind of question").check()
    page.locator("select[name=category]").select_option("")  # a kind of question, none chosen
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Choose a kind of question.")).to_be_visible()
    if found := _blocking_findings(page):
        failures["start form with errors"] = found
    assert failures == {}
