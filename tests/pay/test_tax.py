"""The gross is checked once for every country, and net never falls as gross rises (beyond
cents of rounding, or a euro or two of Germany's whole-euro wage tax)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.errors import Invalid
from nextround.pay.tax import (
    DeSettings,
    FilingStatus,
    FlatSettings,
    Settings,
    UkSettings,
    UsSettings,
    net_of,
)

D = Decimal
grosses = st.decimals(min_value=0, max_value=1_000_000, places=2)
steps = st.decimals(min_value=0, max_value=50_000, places=2)
us = st.builds(
    UsSettings,
    filing_status=st.sampled_from(FilingStatus),
    state_local_rate=st.decimals(min_value=0, max_value=15, places=2),
)
de = st.builds(
    DeSettings,
    tax_class=st.integers(1, 6),
    state=st.sampled_from(["BY", "SN", "NW"]),
    church=st.booleans(),
    children=st.integers(1, 4),  # class 2 needs a child; the childless case is drawn apart
    under_23=st.booleans(),
) | st.builds(DeSettings, tax_class=st.sampled_from([1, 3, 4, 5, 6]))
flat = st.builds(FlatSettings, rate=st.decimals(min_value=0, max_value=90, places=2))
exact = us | st.just(UkSettings()) | flat


@pytest.mark.parametrize(
    ("gross", "words"),
    [
        (D(-1), "negative"),
        (D("0.001"), "two decimals"),
        (D("1E+9"), "out of range"),
        (D("sNaN"), "finite"),
        (50000.0, "number of money"),
    ],
)
def test_a_bad_gross_is_refused(gross: object, words: str) -> None:
    with pytest.raises(Invalid) as raised:
        net_of(gross, UkSettings())  # type: ignore[arg-type]
    assert words in raised.value.message
    assert list(raised.value.field_errors) == ["gross"]


def test_the_charges_add_up_to_the_difference() -> None:
    account = net_of(D(123456), DeSettings(church=True, state="HH"))
    total = sum((line.amount for line in account.charges), D(0))
    assert account.total_charges == total == account.gross_yearly - account.net_yearly
    assert all(line.amount > 0 for line in account.charges)  # zero lines are left out


@settings(max_examples=300, deadline=None)
@given(gross=grosses, more=steps, tax=exact)
def test_net_never_falls_as_gross_rises(gross: Decimal, more: Decimal, tax: Settings) -> None:
    low, high = net_of(gross, tax).net_yearly, net_of(gross + more, tax).net_yearly
    # Each charge is rounded to the cent on its own: a few cents of noise at most.
    assert high >= low - D("0.05")
    if more >= 1:
        assert high >= low


@settings(max_examples=300, deadline=None)
@given(gross=grosses, more=steps, tax=de)
def test_german_net_never_falls_by_more_than_the_whole_euro_tax(
    gross: Decimal, more: Decimal, tax: DeSettings
) -> None:
    low, high = net_of(gross, tax).net_yearly, net_of(gross + more, tax).net_yearly
    assert high >= low - 2
    if more >= 10:
        assert high > low
