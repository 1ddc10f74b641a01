"""Anywhere else: one rate the user sets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nextround.errors import Invalid
from nextround.pay.tax import FlatSettings, net_of

D = Decimal


def test_the_rate_is_taken_from_the_whole_gross() -> None:
    # 27.5 % of 84,000 = 23,100; net 60,900, 5,075 a month.
    account = net_of(D(84000), FlatSettings(rate=D("27.5"), currency="chf", country="CH"))
    assert account.total_charges == D(23100)
    assert (account.net_yearly, account.net_monthly) == (D(60900), D(5075))
    assert (account.currency, account.country) == ("CHF", "CH")
    assert account.charges[0].rate == D("27.5")


def test_zero_and_ninety_percent_are_the_ends() -> None:
    assert net_of(D(1000), FlatSettings(rate=D(0))).net_yearly == 1000
    assert net_of(D(1000), FlatSettings(rate=D(90))).net_yearly == 100


@pytest.mark.parametrize("rate", [D("90.01"), D(-5), D("NaN"), D("12.34567")])
def test_a_rate_out_of_range_is_refused(rate: Decimal) -> None:
    with pytest.raises(Invalid) as raised:
        net_of(D(1000), FlatSettings(rate=rate))
    assert list(raised.value.field_errors) == ["rate"]


def test_a_currency_that_is_not_a_short_name_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        net_of(D(1000), FlatSettings(rate=D(10), currency="x" * 61))
    assert list(raised.value.field_errors) == ["currency"]
