"""Company research in the browser: from the opportunity page to its research, add a feed served
by a local server, refresh it, see the dated items; confirm two suggested glossary terms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.interviews import services
from nextround.interviews.models import NoteKind, Opportunity
from nextround.research.models import Term
from tests.research.conftest import days_ago, rss

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSTING = """Requirements:
- 3+ years with Epic EHR and SQL
- Experience with patient intake
"""


def _opportunity(user: User) -> Opportunity:
    return services.opportunity_create(
        owner=user,
        company="Northwind Health",
        role_title="Operations Analyst",
        stage="interviewing",
        posting_text=POSTING,
    )


def test_add_a_feed_refresh_and_confirm_two_terms(
    page: Page, user: User, html_site: Callable[[dict[str, str]], str]
) -> None:
    opportunity = _opportunity(user)
    items = [
        ("Northwind opens a clinic in Evanston", "https://example.com/n/1", days_ago(2)),
        ("Northwind names a new CFO", "https://example.com/n/2", days_ago(9)),
    ]
    pages = {"/feed.xml": rss(*items)}
    base = html_site(pages)

    page.goto(f"/opportunities/{opportunity.pk}/")
    page.get_by_role("link", name="company research").click()
    expect(page.get_by_role("heading", name="Research", level=1)).to_be_visible()

    page.get_by_label("Feed address").fill(f"{base}/feed.xml")
    page.get_by_role("button", name="Add the feed").click()
    expect(page.get_by_text("2 new items")).to_be_visible()
    news_items = page.get_by_test_id("news-item")
    expect(news_items).to_have_count(2)
    first_day = days_ago(2)
    expect(news_items.first).to_contain_text(f"{first_day.day} {first_day:%b %Y}")
    expect(news_items.first.locator("time")).to_have_attribute("datetime", first_day.isoformat())

    # The site publishes a third item; refreshing brings only that one.
    pages["/feed.xml"] = rss(
        ("Northwind wins a state contract", "https://example.com/n/3", days_ago(1)), *items
    )
    page.get_by_role("button", name="Refresh all feeds").click()
    expect(page.get_by_text("1 new item, 2 already kept")).to_be_visible()
    expect(news_items).to_have_count(3)
    expect(news_items.first).to_contain_text("Northwind wins a state contract")
    expect(page.get_by_test_id("feed")).to_contain_text("Northwind Health newsroom")

    # Two of the glossary's suggestions confirmed with their meanings.
    for term, meaning in (("SQL", "The query language"), ("Epic EHR", "The health record")):
        name = page.locator("strong").get_by_text(term, exact=True)
        row = page.get_by_test_id("suggestion").filter(has=name)
        row.get_by_label("Meaning").fill(meaning)
        row.get_by_role("button", name="Confirm").click()
        expect(page.get_by_text(f"“{term}” is in your glossary.")).to_be_visible()
    glossary = page.get_by_test_id("glossary")
    expect(glossary).to_contain_text("The query language")
    expect(glossary).to_contain_text("The health record")
    assert sorted(Term.objects.filter(confirmed=True).values_list("term", flat=True)) == [
        "Epic EHR",
        "SQL",
    ]
    expect(page.locator("strong").get_by_text("SQL", exact=True)).to_have_count(0)


def test_the_learned_page_starts_a_practice_session(page: Page, user: User) -> None:
    opportunity = _opportunity(user)
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 1, 5, 10, 0),
        ends=datetime(2026, 1, 5, 11, 0),
        timezone_name="America/Chicago",
    )
    services.note_create(round_=round_, kind=NoteKind.FREE, text="A new EHR goes live in spring.")
    page.goto(f"/opportunities/{opportunity.pk}/research/")
    page.get_by_role("link", name="“What do you already know about us?”").click()
    expect(page.get_by_test_id("learned-points")).to_contain_text("noted in round 1")
    page.get_by_role("button", name="Practise this answer").click()
    expect(page.get_by_text("What do you already know about us?").first).to_be_visible()
