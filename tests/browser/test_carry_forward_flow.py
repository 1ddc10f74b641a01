"""A candidate records round one in the browser and sees it carried into round two."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_person(page: Page, name: str, title: str, relation: str) -> None:
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Relation to the role").select_option(label=relation)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(f"Added {name}.")).to_be_visible()


def _add_round(page: Page, *, start: str, end: str, attendees: list[str]) -> None:
    page.get_by_role("link", name="Add a round").click()
    page.get_by_label("Format").select_option(label="Panel")
    page.get_by_label("Starts").fill(start)
    page.get_by_label("Ends").fill(end)
    page.get_by_label("Time zone").select_option("Europe/London")
    for name in attendees:
        page.get_by_label(name).check()
    page.get_by_role("button", name="Save", exact=True).click()


def _add_note_link(page: Page, kind: str) -> Locator:
    return page.get_by_role("navigation", name="Add a note").get_by_role("link", name=kind)


def test_question_and_concern_reach_the_next_rounds_carry_forward(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name=re.compile("Start blank")).click()
    page.get_by_label("Company").fill("Harbour Logistics")
    page.get_by_label("Role title").fill("Supply Planner")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Supply Planner")

    _add_person(page, "Maya Brooks", "Planning Manager", "Hiring manager")
    _add_person(page, "Tom Reid", "Senior Planner", "Peer / future colleague")
    _add_round(
        page,
        start="2026-11-12T10:00",
        end="2026-11-12T11:00",
        attendees=["Maya Brooks", "Tom Reid"],
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("First round")
    expect(page.get_by_role("region", name="Who attends")).to_contain_text("Tom Reid")

    _add_note_link(page, "question asked").click()
    page.get_by_label("Question asked").fill("How would you cut stock-outs in a quarter?")
    page.get_by_label("Asked by").select_option(label="Maya Brooks, Planning Manager")
    page.get_by_label("How it went").select_option("2")
    page.get_by_label("What to improve").fill("Open with the forecast-accuracy numbers")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notes-question")).to_contain_text("stock-outs")

    _add_note_link(page, "concern raised").click()
    page.get_by_label("The concern").fill("Has not used our planning software")
    page.get_by_label("Raised by").select_option(label="Tom Reid, Senior Planner")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notes-concern")).to_contain_text("planning software")

    page.get_by_role("link", name="Harbour Logistics").first.click()
    _add_round(page, start="2026-12-02T14:00", end="2026-12-02T16:00", attendees=["Maya Brooks"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Second round")

    page.get_by_role("link", name="Open the carry-forward view on its own page").click()
    carried = page.get_by_role("main")
    expect(
        carried.get_by_role("region", name=re.compile("Questions already asked"))
    ).to_contain_text("stock-outs")
    expect(carried.get_by_role("region", name=re.compile("Open concerns"))).to_contain_text(
        "planning software"
    )
    expect(carried).to_contain_text("Open with the forecast-accuracy numbers")
    expect(carried.get_by_role("region", name="People")).to_contain_text("Already met: Maya Brooks")


def test_forms_show_inline_errors_without_javascript(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(base_url=str(live_server), java_script_enabled=False)
    page = context.new_page()
    page.goto("/opportunities/new/")
    page.get_by_label("Role title").fill("Analyst")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Company")).to_have_attribute("aria-invalid", "true")
    context.close()
