"""The Content-Security-Policy in a real browser: the main pages load, their scripts run, and
Chromium reports no violation (an inline script or style attribute would be refused)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import ConsoleMessage, Page, expect

from nextround.practice import services as practice_services
from nextround.practice.models import Attempt, Mode, Status
from nextround.stories import services as story_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Added before any page script, through the browser's own channel (no CSP applies to it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def _watch(page: Page) -> list[str]:
    reported: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            reported.append(message.text)

    page.on("console", console)
    page.add_init_script(LISTEN)
    return reported


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__violations || []"))


def test_main_pages_run_under_the_policy_without_violations(page: Page, user: User) -> None:
    console = _watch(page)
    story = story_services.story_create(
        owner=user,
        title="Clinic waiting times",
        situation="Patients waited over an hour and complaints rose every week.",
        task="I had to redesign scheduling for the clinic.",
        action="I mapped the patient flow and rebuilt the appointment templates.",
        result="I cut waiting time by 40% within three months.",
    )
    session = practice_services.session_start(owner=user, category="behavioral", count=2)
    question = session.questions.get(position=1)
    typed = practice_services.attempt_typed(
        owner=user, question=question, text="Last year our queue doubled; I cut waits by 50%."
    )
    pending = Attempt.objects.create(
        owner=user, question=question, mode=Mode.SPOKEN, status=Status.QUEUED, audio="x.wav"
    )

    page.goto("/")
    page.get_by_role("button", name="Explore the example workspace").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    opportunity_url = page.url
    round_url = page.get_by_role("link", name="Second round").get_attribute("href")
    failures: dict[str, list[str]] = {}
    for url in (
        "/",
        "/opportunities/",
        opportunity_url,
        f"{opportunity_url}coverage/",
        f"{opportunity_url}fit/",
        "/decide/",
        f"{round_url}carry-forward/",
        "/stories/",
        f"/stories/{story.pk}/",
        "/strengths/",
        "/practice/",
        f"/practice/attempts/{typed.pk}/",
        "/practice/history/",
        "/workspace/import/",
        "/opportunities/999999/",
    ):
        page.goto(str(url))
        if found := _violations(page):
            failures[str(url)] = found

    # The pages whose scripts do something: each still works under the policy.
    page.goto(str(round_url))
    page.locator("form.tick button").first.click()
    expect(page.locator("[data-plan-status]")).to_have_text("Plan updated.")
    failures.setdefault("round", []).extend(_violations(page))

    page.goto(f"/stories/{story.pk}/edit/")
    page.locator("#id_result").fill("I cut waiting time in half.")
    expect(page.locator("#analysis")).to_contain_text("Result: thin (6 words)")  # updated as typed
    failures.setdefault("story form", []).extend(_violations(page))

    page.goto(f"/practice/sessions/{session.pk}/1/")
    expect(page.locator("#timer")).to_be_visible()  # the timer script unhides it
    failures.setdefault("question", []).extend(_violations(page))

    page.goto(f"/practice/attempts/{pending.pk}/")
    expect(page.locator("#transcribe-status")).to_contain_text("%", timeout=5_000)  # polled
    failures.setdefault("transcribing", []).extend(_violations(page))

    assert {name: found for name, found in failures.items() if found} == {}
    assert console == []
