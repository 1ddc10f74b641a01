"""The example's final round: tick plan items, watch readiness move, download the calendar."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = re.compile(r"(\d+) of (\d+) points done")


def _readiness(page: Page) -> tuple[int, int, int]:
    score = int(page.get_by_test_id("readiness").locator(".big").inner_text())
    found = POINTS.search(page.get_by_test_id("points").inner_text())
    assert found, "the plan states its points"
    return score, int(found[1]), int(found[2])


def _weight(item_text: str) -> int:
    found = re.search(r"weight (\d+)", item_text)
    assert found
    return int(found[1])


def test_ticking_items_moves_readiness_and_the_calendar_records_it(
    page: Page, tmp_path: Path
) -> None:
    page.goto("/")
    page.get_by_role("button", name="Explore the example workspace").click()
    page.get_by_role("link", name="Second round").click()
    plan = page.locator("#plan")
    expect(plan.get_by_role("heading", name="Prep plan")).to_be_visible()
    score, done, counted = _readiness(page)
    # The demo's research ticks its research items (news, the business, each background).
    assert 0 < done < counted and score == round(100 * done / counted)

    ticked = []
    for _ in range(2):
        item = plan.locator("li.plan-item.status-todo").first
        title = item.locator(".plan-title").inner_text()
        weight = _weight(item.inner_text())
        item.get_by_role("button", name=f"Mark done: {title}").click()
        # Wait for the item itself: a click before plan.js has loaded posts the form and leaves
        # the flash "Plan updated." on the page, which the next tick's wait would find at once.
        expect(plan.locator("li.plan-item.status-done", has_text=title)).to_be_visible()
        expect(page.get_by_text("Plan updated.").first).to_be_visible()
        new_score, new_done, new_counted = _readiness(page)
        assert new_counted == counted
        assert new_done == done + weight
        assert new_score == round(100 * new_done / counted)
        assert new_score > score
        score, done = new_score, new_done
        ticked.append(title)

    with page.expect_download() as download_info:
        plan.get_by_role("link", name="Download calendar (.ics)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.suffix == ".ics"
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]).startswith("Second round (final)")
    todos = {str(t["SUMMARY"]): str(t["STATUS"]) for t in calendar.walk("VTODO")}
    # The plan's items, and the follow-ups after the panel: a thank-you to each of its three
    # interviewers and a status check to the contact.
    followups = [t for t in todos if t.startswith(("Thank-you note to ", "Status check to "))]
    assert len(followups) == 4
    assert len(todos) - len(followups) == plan.locator("li.plan-item").count()
    assert [todos[title] for title in ticked] == ["COMPLETED", "COMPLETED"]


def test_skipping_needs_a_reason_and_then_leaves_the_score(page: Page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Explore the example workspace").click()
    page.get_by_role("link", name="Second round").click()
    _, _, counted = _readiness(page)
    page.locator("[data-whole-plan] > summary").click()  # the item may be past the next few
    item = page.locator("#plan li.plan-item.status-todo", has_text="Get your clothes ready")
    weight = _weight(item.inner_text())
    item.locator("summary").click()
    item.get_by_role("link", name="Add a note or skip this item").click()
    page.get_by_label("Status").select_option(label="Skipped")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Say why you are skipping it.").first).to_be_visible()
    page.get_by_label("Why skip it").fill("Suit is already pressed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Skipped: Suit is already pressed")).to_be_visible()
    assert _readiness(page)[2] == counted - weight
