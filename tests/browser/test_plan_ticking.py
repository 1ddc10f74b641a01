"""Ticking a plan item keeps the candidate where they were: in place with JavaScript, back at
the same item without it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import Browser, Page, expect

from nextround.interviews.models import Round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ahead(rounds: list[Round]) -> Round:
    """The second round, moved three days ahead: the plan shows what is due next."""
    second = rounds[1]
    second.starts_at = timezone.now() + timedelta(days=3)
    second.ends_at = second.starts_at + timedelta(hours=2)
    second.save()
    return second


def test_ticking_updates_the_plan_in_place(page: Page, ahead: Round) -> None:
    page.goto(f"/rounds/{ahead.pk}/")
    page.evaluate("window.notReloaded = true")
    item = page.locator("#plan li.plan-item.status-todo").nth(2)
    title = item.locator(".plan-title").inner_text()
    item.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.locator("[data-plan-status]")).to_have_text("Plan updated.")
    done = page.locator("#plan li.plan-item.status-done", has_text=title)
    expect(done).to_be_visible()
    expect(done.get_by_role("button", name=f"Mark not done: {title}")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    page.reload()  # and it was saved: done, it went to the rest of the plan
    page.locator("[data-whole-plan] > summary").click()
    expect(page.locator("#plan li.plan-item.status-done", has_text=title)).to_be_visible()


def test_without_javascript_the_page_comes_back_at_the_item(
    browser: Browser, live_server: object, ahead: Round
) -> None:
    context = browser.new_context(base_url=str(live_server), java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/rounds/{ahead.pk}/")
    item = page.locator("#plan li.plan-item.status-todo").nth(2)
    title = item.locator(".plan-title").inner_text()
    key = item.locator("input[name=key]").first.get_attribute("value")
    item.get_by_role("button", name=f"Mark done: {title}").click()
    expect(page.get_by_text("Plan updated.")).to_be_visible()
    assert page.url.endswith(f"#item-{slugify(key or '')}")
    expect(page.locator("#plan li.plan-item.status-done", has_text=title)).to_be_visible()
    context.close()
