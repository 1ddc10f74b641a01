"""Anywhere else: one effective rate the user sets (0–90 %) for all taxes and contributions
together, in a currency they name."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from nextround.pay.amounts import check_percent, of, refuse
from nextround.pay.derivation import Derivation, Line, derive

RATE_LIMIT = Decimal(90)


class FlatSettings(msgspec.Struct, frozen=True, kw_only=True):
    """``rate``: taxes and contributions in percent of gross; ``country`` an ISO code or a
    name, ``currency`` an ISO 4217 code, both only shown."""

    rate: Decimal
    currency: str = ""
    country: str = ""


def check(settings: FlatSettings) -> None:
    check_percent(
        settings.rate, "rate", low=Decimal(0), high=RATE_LIMIT, what="The effective tax rate"
    )
    for field, value in (("currency", settings.currency), ("country", settings.country)):
        if not isinstance(value, str) or len(value) > 60 or not value.isprintable():
            raise refuse(field, f"The {field} is a short name or code, such as CHF.")


def net_of(gross: Decimal, settings: FlatSettings) -> Derivation:
    check(settings)
    return derive(
        country=settings.country.strip(),
        currency=settings.currency.strip().upper(),
        tax_year="",
        gross=gross,
        steps=(),
        charges=(
            Line(
                label="Taxes and contributions",
                amount=of(settings.rate, gross),
                base=gross,
                rate=settings.rate,
                note="your effective rate on the whole gross",
            ),
        ),
        sources=(),
        notes=("One effective rate you set; no table of rates behind it.",),
    )
