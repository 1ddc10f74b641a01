"""Money in the browser: fill a budget and read the walk-away number with its derivation; add
two offers and see the comparison chart and the below-walk-away warning."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.interviews import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 4,200 a month without savings, US, single, 5 % state tax: a walk-away number of 63,995 (worked
# by hand in tests/money/conftest.py).
BUDGET = {
    "Housing": "2300",
    "Utilities": "180",
    "Food": "650",
    "Transport": "250",
    "Insurance": "220",
    "Debt payments": "300",
    "Savings": "600",
    "Other": "300",
}


def _offer(page: Page, opportunity_pk: int, name: str, base: str) -> None:
    page.goto(f"/opportunities/{opportunity_pk}/money/")
    page.get_by_role("link", name="Add an offer").click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Currency").fill("USD")
    page.get_by_label("Base salary a year").fill(base)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Offers side by side")).to_be_visible()


def test_budget_walk_away_then_two_offers_compared(page: Page, user: User) -> None:
    opportunity = services.opportunity_create(
        owner=user, company="Harbor Logistics", role_title="Operations Analyst"
    )
    page.goto("/budget/")
    expect(page.get_by_text("Fill in your budget")).to_be_visible()
    for label, amount in BUDGET.items():
        page.get_by_label(f"{label}:", exact=True).fill(amount)
    page.get_by_label("Where the pay is taxed").select_option("us")
    page.get_by_label("US state and local rate (%)").fill("5")
    page.get_by_role("button", name="Save the budget").click()

    expect(page.get_by_test_id("walk-away")).to_contain_text("$63,995")
    derivation = page.get_by_test_id("derivation")
    expect(derivation).to_contain_text("Federal income tax")
    expect(derivation).to_contain_text("$3,199.75")  # 5 % of 63,995
    expect(derivation).to_contain_text("$50,400.23")
    expect(page.get_by_test_id("budget-totals")).to_contain_text("$57,600")

    _offer(page, opportunity.pk, "Harbor Logistics", "60000")
    _offer(page, opportunity.pk, "Harbor Logistics (second team)", "98000")

    chart = page.get_by_test_id("offer-chart").locator("svg")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(8)  # two offers, four years
    expect(page.get_by_test_id("offer-flag")).to_have_text(
        ["Base $60,000 is below your walk-away number of $63,995."]
    )
    page.goto(f"/opportunities/{opportunity.pk}/money/")
    expect(page.get_by_test_id("money-warnings")).to_contain_text("Below your walk-away number")
