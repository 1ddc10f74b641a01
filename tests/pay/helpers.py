"""Shared by the pay tests: a charge's total by label, and the round trip from a case's net
back to its gross."""

from __future__ import annotations

import math
from decimal import Decimal

from nextround.pay.derivation import Derivation
from nextround.pay.needs import gross_for_net
from nextround.pay.tax import DeSettings, Settings


def charge(account: Derivation, label: str) -> Decimal:
    """The sum of the charges with ``label`` (income tax has one line per bracket)."""
    return sum((line.amount for line in account.charges if line.label == label), Decimal(0))


def assert_round_trip(gross: Decimal, net: Decimal, settings: Settings) -> None:
    """The gross found for ``net`` is a whole gross next to the case's (the same, rounded up,
    in the US and the UK; German wage tax is whole euros, so a euro less of gross can leave a
    few cents more net), and its net is the need to within one unit a year (so well within one
    unit a month)."""
    found = gross_for_net(net, settings)
    assert found.gross_yearly == found.gross_yearly.to_integral_value()
    if isinstance(settings, DeSettings):
        assert abs(found.gross_yearly - gross) <= 2
    else:
        assert found.gross_yearly == math.ceil(gross)
    assert Decimal(0) <= found.net_yearly - net < 1
    assert abs(found.net_monthly - net / 12) < 1
