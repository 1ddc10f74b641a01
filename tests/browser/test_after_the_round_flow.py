"""After the demo's final round: debrief two interviewers, read their thank-you drafts, see the
sameness warning after pasting one note into another, download an .eml, mark one sent, and
watch the dashboard's counts change."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from nextround.interviews.models import Round
from nextround.workspace import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _final_round_over(user: User) -> Round:
    opportunity, _ = demo.demo_load(owner=user, now=timezone.now())
    final = opportunity.rounds.get(is_final=True)
    # Moved into the past: it ended two hours ago.
    length = final.ends_at - final.starts_at
    final.ends_at = timezone.now() - timedelta(hours=2)
    final.starts_at = final.ends_at - length
    final.save()
    return final


def test_debrief_thanks_warning_eml_and_mark_sent(page: Page, user: User, tmp_path: Path) -> None:
    final = _final_round_over(user)
    luis, grace = (final.attendees.get(name__startswith=n) for n in ("Luis", "Grace"))

    page.goto("/")
    counts = page.get_by_test_id("after-counts")
    expect(counts).to_contain_text("3 thank-you notes to send")

    page.goto(f"/rounds/{final.pk}/")
    page.get_by_test_id("debrief-prompt").get_by_role("link", name="Debrief").click()
    page.locator(f"#id_p{luis.pk}-specific").fill("the scanner-gap report he rebuilt in March")
    page.locator(f"#id_p{luis.pk}-q1").fill("How would you clean up driver-app timestamps?")
    page.locator(f"#id_p{luis.pk}-q1_rating").select_option("4")
    page.locator(f"#id_p{grace.pk}-cared_about").fill("whether an analysis changes a shift plan")
    page.get_by_label("Next steps they gave").fill("Decision by next Friday")
    page.get_by_role("button", name="Save and draft the thank-you notes").click()

    expect(page.get_by_role("heading", name="Thank-you notes", level=1)).to_be_visible()
    luis_note = page.locator(f"#note-{luis.pk}")
    grace_note = page.locator(f"#note-{grace.pk}")
    expect(luis_note).to_contain_text("recalls")
    assert "scanner-gap report" in luis_note.get_by_label("Text").input_value()
    assert "shift plan" in grace_note.get_by_label("Text").input_value()
    expect(page.get_by_test_id("too-similar")).to_have_count(0)

    # Paste Luis's note over Grace's: the page warns and quotes what they share.
    grace_note.get_by_label("Text").fill(luis_note.get_by_label("Text").input_value())
    grace_note.get_by_role("button", name="Save my wording").click()
    warning = page.get_by_test_id("too-similar")
    expect(warning).to_contain_text("read alike")
    expect(warning.get_by_role("listitem").first).to_be_visible()

    # Download Luis's note as an .eml and read it back.
    with page.expect_download() as download:
        page.locator(f"#note-{luis.pk}").get_by_role("link", name="Download .eml").click()
    path = tmp_path / "luis.eml"
    download.value.save_as(path)
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert "scanner-gap report" in message.get_content()

    # Mark it sent: one fewer note to send on the dashboard.
    page.locator(f"#note-{luis.pk}").get_by_role("button", name="Mark sent").click()
    expect(page.locator(f"#note-{luis.pk}")).to_contain_text("Sent on")
    page.goto("/")
    expect(page.get_by_test_id("after-counts")).to_contain_text("2 thank-you notes to send")
