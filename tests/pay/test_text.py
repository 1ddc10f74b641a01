"""Money as the pages and the command line write it: Babel's locale data, whole amounts
without cents, a range by its ends."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nextround.pay.text import amount_range, amount_text


@pytest.mark.parametrize(
    ("amount", "currency", "written"),
    [
        ("98000", "USD", "$98,000"),
        ("98000.00", "usd", "$98,000"),  # the code as typed, in any case
        ("1250.5", "EUR", "€1,250.50"),
        ("72000", "GBP", "£72,000"),
        ("98000", "", "98,000"),
        ("98000.25", "", "98,000.25"),
        ("500", "pts", "500 pts"),  # not a currency code: the number, then what was written
    ],
)
def test_one_amount(amount: str, currency: str, written: str) -> None:
    assert amount_text(Decimal(amount), currency) == written


def test_another_locale_puts_the_sign_where_it_belongs() -> None:
    assert amount_text(Decimal("98000"), "EUR", locale="de") == "98.000\xa0€"


@pytest.mark.parametrize(
    ("low", "high", "currency", "written"),
    [
        ("98000", "120000", "USD", "$98,000–$120,000"),
        ("60000", "65000", "EUR", "€60,000–€65,000"),
        ("55000", "55000", "GBP", "£55,000"),
        ("90000", "105000", "", "90,000–105,000"),
        ("98000", None, "USD", "from $98,000"),
        (None, "120000", "GBP", "up to £120,000"),
        (None, None, "USD", ""),
    ],
)
def test_a_range(low: str | None, high: str | None, currency: str, written: str) -> None:
    ends = [None if end is None else Decimal(end) for end in (low, high)]
    assert amount_range(ends[0], ends[1], currency) == written
