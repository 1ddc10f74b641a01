"""The round page on a phone and on a desktop: the plan starts within a few screens, the jump
links move to their cards, and the practice start form shows only the chosen source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results"
PHONE: ViewportSize = {"width": 390, "height": 844}


def _open_demo_round(page: Page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Explore the example workspace").click()
    page.get_by_role("link", name="Second round").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Second round")


def _screens_before(page: Page, selector: str) -> float:
    top = page.locator(selector).evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    return float(top) / float(page.evaluate("window.innerHeight"))


def test_on_a_phone_the_plan_starts_within_four_screens_and_jump_links_work(
    browser: Browser, live_server: object
) -> None:
    context = browser.new_context(
        base_url=str(live_server), viewport=PHONE, device_scale_factor=1, is_mobile=True
    )
    page = context.new_page()
    _open_demo_round(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "round-phone.png"), full_page=False)
    page.screenshot(path=str(SHOTS / "round-phone-full.png"), full_page=True)
    screens = _screens_before(page, "#plan")
    assert screens <= 4, f"the plan starts {screens:.1f} screens down"
    jumps = page.get_by_role("navigation", name="On this page")
    for name, target in [("Plan", "#plan"), ("Asks", "#asks"), ("Concerns", "#concerns")]:
        page.evaluate("window.scrollTo(0, 0)")
        jumps.get_by_role("link", name=name, exact=True).click()
        assert page.url.endswith(target)
        expect(page.locator(target)).to_be_in_viewport()
    context.close()


def test_on_a_desktop_the_next_items_show_and_the_rest_is_one_click_away(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    _open_demo_round(page)
    plan = page.locator("#plan")
    next_up = plan.locator("ol.plan-next li.plan-item")
    expect(next_up.first).to_be_visible()
    assert 1 <= next_up.count() <= 4
    rest = plan.locator("details.whole-plan li.plan-item")
    expect(rest.first).to_be_hidden()
    plan.locator("[data-whole-plan] > summary").click()
    expect(rest.first).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "round-desktop.png"), full_page=True)
    page.get_by_role("link", name="First round").first.click()  # over: what follows it first
    sections = page.locator("main section[id]")
    expect(sections.first).to_have_attribute("id", "after")
    expect(sections.nth(1)).to_have_attribute("id", "outcome")
    expect(page.locator("#plan")).not_to_contain_text("/100 ready")
    page.screenshot(path=str(SHOTS / "round-past-desktop.png"), full_page=True)


def test_the_practice_form_shows_only_the_chosen_source_and_starts_untouched(
    page: Page,
) -> None:
    page.goto("/practice/")
    form = page.locator("form.start-form")
    kinds, own = form.locator("select[name=category]"), form.locator("textarea[name=own]")
    expect(kinds).to_be_visible()
    expect(own).to_be_hidden()
    form.get_by_role("radio", name="My own questions").check()
    expect(own).to_be_visible()
    expect(kinds).to_be_hidden()
    form.get_by_role("radio", name="A kind of question").check()
    form.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/practice/sessions/\d+/1/$"))
