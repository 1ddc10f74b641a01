"""A coach comments on a story a candidate shared; the candidate, signed in on their own
browser, finds the comment on the story's page, replies and resolves it, and the thread folds
away. On a shared server (not local mode), each signed in with a password."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from nextround.coaching import services
from nextround.coaching.models import Area, Comment, Role
from nextround.stories.models import Story
from tests.browser.test_accessibility import _blocking_findings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase for tests"
SHOTS = Path(__file__).resolve().parents[2] / "test-results"
REMARK = "Open with the 40% drop in waiting time; the rest can follow."


@pytest.fixture
def shared_server() -> Iterator[None]:
    with override_settings(APP=dataclasses.replace(settings.APP, host="192.0.2.1")):
        yield


def sign_in(browser: Browser, base_url: str, user: User) -> Page:
    page = browser.new_context(base_url=base_url).new_page()
    page.set_default_timeout(10_000)
    page.goto("/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name=f"Sign out {user.username}")).to_be_visible()
    return page


def test_a_coach_comments_and_the_candidate_replies_and_resolves(
    browser: Browser, live_server: object, shared_server: None
) -> None:
    ana = services.user_add(username="ana", password=PASSWORD, role=Role.CANDIDATE)
    cora = services.user_add(username="cora", password=PASSWORD, role=Role.COACH)
    story = Story.objects.create(
        owner=ana,
        title="Clinic waiting times",
        situation="Patients waited over an hour.",
        result="Waiting time fell by 40%.",
    )
    services.share(
        candidate=ana, coach_name="cora", area=Area.STORIES, item_id=story.pk, now=timezone.now()
    )
    story_page = f"/stories/{story.pk}/"

    # The coach's pages of shared material are another piece of work; the coach posts the
    # comment form's fields from their own signed-in browser, with its CSRF token.
    coach = sign_in(browser, str(live_server), cora)
    token = coach.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    sent = coach.request.post(
        "/comments/add/",
        form={
            "csrfmiddlewaretoken": token,
            "area": "stories",
            "item_id": str(story.pk),
            "body": REMARK,
            "next": story_page,
        },
        max_redirects=0,
    )
    assert sent.status == 303
    root = Comment.objects.get()
    assert sent.headers["location"] == f"{story_page}#comment-{root.pk}"

    page = sign_in(browser, str(live_server), ana)
    page.goto(story_page)
    thread = page.locator(f"#comment-{root.pk}")
    expect(thread).to_contain_text(REMARK)
    expect(thread).to_contain_text("cora")
    thread.get_by_label("Reply").fill("Done: the number opens the story now.")
    thread.get_by_role("button", name="Send the reply").click()
    expect(page).to_have_url(f"{story_page}#comment-{root.pk}")
    expect(thread.locator("ol.replies")).to_contain_text("the number opens the story now")
    expect(thread.locator("ol.replies")).to_contain_text("You")
    assert _blocking_findings(page) == []
    SHOTS.mkdir(exist_ok=True)
    page.locator("#comments").screenshot(path=str(SHOTS / "comments-open.png"))

    thread.get_by_role("button", name="Resolve").click()
    expect(page).to_have_url(f"{story_page}#comments")
    folded = page.locator("details.resolved-threads")
    expect(folded.locator("summary")).to_have_text("1 resolved thread")
    expect(page.get_by_text(REMARK)).to_be_hidden()  # folded away
    folded.locator("summary").click()
    expect(page.get_by_text(REMARK)).to_be_visible()
    expect(thread.get_by_role("button", name="Open it again")).to_be_visible()
    page.screenshot(path=str(SHOTS / "comments-resolved.png"), full_page=True)
    root.refresh_from_db()
    assert root.resolved_at is not None
    coach.context.close()
    page.context.close()
