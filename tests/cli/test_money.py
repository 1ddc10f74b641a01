"""`nextround money`, `budget`, `offers` and `wages`: the same selectors as the pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest

from nextround.interviews.models import Opportunity
from nextround.money.models import Budget
from nextround.pay import wages


def test_budget_sets_amounts_and_gives_the_walk_away_number(
    ok: Callable[..., str], bad: Callable[..., str], demo: Opportunity
) -> None:
    # The demo's budget: 4,200 a month without savings in the US at 5 % state tax gives a
    # walk-away number of 63,995 (worked by hand in tests/money/conftest.py).
    out = json.loads(ok("budget", "--json"))
    assert out["walk_away"]["amount"] == "63995.00"
    text = ok("budget", "--set", "housing=2400", "--set", "food=650")
    assert "Walk-away number:" in text and "Federal income tax" in text
    budget = Budget.objects.get(owner=demo.owner)
    assert (budget.housing, budget.food) == (Decimal(2400), Decimal(650))
    assert "use CATEGORY=AMOUNT" in bad("budget", "--set", "housing")
    assert "Unknown budget category 'rent'" in bad("budget", "--set", "rent=1")
    assert "cannot be negative" in bad("budget", "--set", "housing=-5")


def test_money_prints_numbers_with_reasons_and_json(
    ok: Callable[..., str], bad: Callable[..., str], demo: Opportunity
) -> None:
    text = ok("money", str(demo.pk))
    assert "Walk-away: $63,995" in text
    assert "Target: $104,000: the market's median" in text
    assert "Ask for a base of $118,000" in text
    out = json.loads(ok("money", str(demo.pk), "--json"))
    assert out["market"]["p50"] == "104000.00"
    assert out["sources"][0]["source"] == "Regional logistics pay survey (example)"
    assert out["notes"][0]["said_by"] == "Maya Okafor"
    assert out["offers"][0]["talk"]["points"][0]["topic"] == "base"
    assert "No opportunity with id 999" in bad("money", "999")


def test_offers_side_by_side(ok: Callable[..., str], demo: Opportunity) -> None:
    text = ok("offers")
    assert "Base salary" in text and "$99,000" in text
    assert "Warning (Tidewater Freight): Base $99,000 is below your target of $104,000." in text
    out = json.loads(ok("offers", "--json"))
    assert out["comparison"]["columns"][0]["year_one"] == "109920.00"  # 99,000 + 7,920 + 3,000


@pytest.mark.skipif(not wages.available(), reason="the wages extra is not installed")
def test_wages(ok: Callable[..., str], bad: Callable[..., str]) -> None:
    text = ok("wages", "--title", "registered nurse", "--area", "Austin, TX")
    assert "Registered Nurses (29-1141), Austin-Round Rock-San Marcos, TX" in text
    assert "Source: BLS OEWS, May 2025" in text
    out = json.loads(ok("wages", "--title", "29-1141", "--json"))
    assert out["occupation"]["soc"] == "29-1141"
    assert "No occupation matches" in bad("wages", "--title", "zzqx")
