"""The budget sheet: fixed categories, totals by hand, and the refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nextround.errors import Invalid
from nextround.pay.budget import CATEGORIES, budget

D = Decimal


def test_categories_come_in_the_fixed_order_with_labels() -> None:
    assert [c.key for c in CATEGORIES] == [
        "housing",
        "utilities",
        "food",
        "transport",
        "insurance",
        "debt",
        "childcare",
        "savings",
        "other",
    ]
    assert CATEGORIES[5].label == "Debt payments"


def test_totals_by_month_and_year_with_and_without_savings() -> None:
    sheet = budget(
        {
            "other": 150,
            "housing": D(1450),
            "utilities": D("180.50"),
            "food": D(600),
            "transport": D(220),
            "insurance": D("95.25"),
            "debt": D(300),
            "childcare": D(0),
            "savings": D(500),
        }
    )
    # 1,450 + 180.50 + 600 + 220 + 95.25 + 300 + 0 + 500 + 150 = 3,495.75 a month.
    assert sheet.monthly_total == D("3495.75")
    assert sheet.yearly_total == D("41949.00")
    assert sheet.monthly_without_savings == D("2995.75")
    assert sheet.yearly_without_savings == D("35949.00")
    assert [line.category.key for line in sheet.lines] == [c.key for c in CATEGORIES]
    assert sheet.lines[-1].monthly == 150


def test_missing_categories_count_as_zero() -> None:
    sheet = budget({"food": D(400)})
    assert len(sheet.lines) == 9
    assert sheet.monthly_total == sheet.monthly_without_savings == 400
    assert sheet.yearly_total == 4800
    assert budget({}).yearly_total == 0


def test_savings_alone_leave_nothing_without_savings() -> None:
    sheet = budget({"savings": D(700)})
    assert (sheet.monthly_total, sheet.monthly_without_savings) == (D(700), D(0))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (D(-1), "cannot be negative"),
        (D("NaN"), "finite"),
        (D("Infinity"), "finite"),
        (D("12.345"), "two decimals"),
        (D(10_000_001), "out of range"),
        (12.5, "number of money"),
        ("1200", "number of money"),
        (True, "number of money"),
    ],
)
def test_bad_amounts_are_refused_naming_the_category(value: object, words: str) -> None:
    with pytest.raises(Invalid) as raised:
        budget({"housing": value})  # type: ignore[dict-item]
    assert words in raised.value.message
    assert "housing" in raised.value.message
    assert list(raised.value.field_errors) == ["housing"]


def test_trailing_zeros_are_not_extra_decimals() -> None:
    assert budget({"food": D("12.500")}).monthly_total == D("12.5")


def test_an_unknown_category_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        budget({"holidays": D(100)})
    assert "holidays" in raised.value.field_errors
    assert "housing" in raised.value.message  # names the keys to use
