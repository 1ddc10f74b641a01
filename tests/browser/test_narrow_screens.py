"""On a phone the opportunity table stacks its cells, so a bare count must say what it counts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from nextround.interviews.models import Round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_round_count_is_labelled_on_a_phone_and_not_on_a_wide_screen(
    browser: Browser, live_server: object, rounds: list[Round]
) -> None:
    for width, labelled in ((375, True), (1200, False)):
        context = browser.new_context(
            base_url=str(live_server), viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        page.goto("/opportunities/")
        cell = page.locator("tbody tr td").last
        if labelled:
            expect(cell).to_have_text("2 rounds", use_inner_text=True)
        else:
            expect(cell).to_have_text("2", use_inner_text=True)
        context.close()
