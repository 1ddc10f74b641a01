"""Gross to net, per country: ``net_of(gross_yearly, settings)`` picks the country from the
settings' type (``UsSettings``, ``UkSettings``, ``DeSettings``, ``FlatSettings``) and returns
the ``Derivation``. The gross is checked here, once, for every country."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeAlias

from nextround.pay.amounts import check_amount
from nextround.pay.derivation import Derivation
from nextround.pay.tax import de, flat, uk, us
from nextround.pay.tax.de import DeSettings
from nextround.pay.tax.flat import FlatSettings
from nextround.pay.tax.uk import UkSettings
from nextround.pay.tax.us import FilingStatus, UsSettings

__all__ = [
    "GROSS_LIMIT",
    "DeSettings",
    "FilingStatus",
    "FlatSettings",
    "Settings",
    "UkSettings",
    "UsSettings",
    "net_of",
]

GROSS_LIMIT = Decimal(100_000_000)  # a hundred million a year: beyond any salary we plan for

Settings: TypeAlias = UsSettings | UkSettings | DeSettings | FlatSettings


def net_of(gross_yearly: Decimal | int, settings: Settings) -> Derivation:
    """The account from ``gross_yearly`` (Decimal, at most two decimals, 0 to 100 million) to
    the net, under the country and choices ``settings`` gives; Invalid for bad input."""
    gross = check_amount(gross_yearly, "gross", limit=GROSS_LIMIT, what="The yearly gross")
    if isinstance(settings, UsSettings):
        return us.net_of(gross, settings)
    if isinstance(settings, UkSettings):
        return uk.net_of(gross, settings)
    if isinstance(settings, DeSettings):
        return de.net_of(gross, settings)
    if isinstance(settings, FlatSettings):
        return flat.net_of(gross, settings)
    raise TypeError(f"not tax settings: {settings!r}")
