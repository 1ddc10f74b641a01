"""The monthly budget sheet: a fixed list of categories, an amount for each, and the totals
per month and per year, with and without savings (the walk-away number leaves savings out: it
is what the job must pay for life to go on)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import msgspec

from nextround.errors import Invalid
from nextround.pay.amounts import MONTHS_PER_YEAR, check_amount

MONTHLY_LIMIT = Decimal(10_000_000)  # more than ten million a month in one line is a typo


class Category(msgspec.Struct, frozen=True):
    key: str
    label: str


HOUSING = Category("housing", "Housing")
UTILITIES = Category("utilities", "Utilities")
FOOD = Category("food", "Food")
TRANSPORT = Category("transport", "Transport")
INSURANCE = Category("insurance", "Insurance")
DEBT = Category("debt", "Debt payments")
CHILDCARE = Category("childcare", "Childcare")
SAVINGS = Category("savings", "Savings")
OTHER = Category("other", "Other")

CATEGORIES: tuple[Category, ...] = (
    HOUSING,
    UTILITIES,
    FOOD,
    TRANSPORT,
    INSURANCE,
    DEBT,
    CHILDCARE,
    SAVINGS,
    OTHER,
)
KEYS = tuple(category.key for category in CATEGORIES)


class BudgetLine(msgspec.Struct, frozen=True):
    category: Category
    monthly: Decimal


class Budget(msgspec.Struct, frozen=True, kw_only=True):
    """Every category in the fixed order (zero where nothing was given) and the totals."""

    lines: tuple[BudgetLine, ...]
    monthly_total: Decimal
    yearly_total: Decimal
    monthly_without_savings: Decimal
    yearly_without_savings: Decimal


def budget(amounts: Mapping[str, Decimal | int]) -> Budget:
    """The sheet from monthly amounts by category key (``housing``, ``utilities``, ``food``,
    ``transport``, ``insurance``, ``debt``, ``childcare``, ``savings``, ``other``). A missing
    category counts as zero; an unknown key, or an amount that is negative, not a number, has
    more than two decimals or is absurdly large, raises Invalid naming the key."""
    unknown = sorted(set(amounts) - set(KEYS))
    if unknown:
        message = f"Unknown budget category {unknown[0]!r}; use one of {', '.join(KEYS)}."
        raise Invalid(message, {key: [f"Unknown budget category {key!r}."] for key in unknown})
    lines = tuple(
        BudgetLine(
            category,
            check_amount(
                amounts.get(category.key, 0),
                category.key,
                limit=MONTHLY_LIMIT,
                what=f"The monthly amount for {category.label.lower()}",
            ),
        )
        for category in CATEGORIES
    )
    total = sum((line.monthly for line in lines), Decimal(0))
    without = total - sum((line.monthly for line in lines if line.category == SAVINGS), Decimal(0))
    return Budget(
        lines=lines,
        monthly_total=total,
        yearly_total=total * MONTHS_PER_YEAR,
        monthly_without_savings=without,
        yearly_without_savings=without * MONTHS_PER_YEAR,
    )
