"""United Kingdom, tax year 2026/27, for England, Wales and Northern Ireland: income tax on
earnings (the personal allowance, which tapers away above 100,000; basic, higher and additional
rates) and the employee's Class 1 National Insurance, category A, on the year's earnings.
Scotland sets its own bands and is not covered. Rates: ``data/uk-2026-27.toml``."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import msgspec

from nextround.pay.amounts import HUNDRED, of
from nextround.pay.derivation import Derivation, Line, Source, derive
from nextround.pay.tax.brackets import Bracket, bracket_lines
from nextround.pay.tax.rates import dec, sources, table


class UkSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Nothing to choose yet: one set of bands, category A National Insurance."""


class UkRates(msgspec.Struct, frozen=True, kw_only=True):
    tax_year: str
    currency: str
    personal_allowance: Decimal
    taper_threshold: Decimal
    taper_rate: Decimal
    bands: tuple[Bracket, ...]
    primary_threshold: Decimal
    upper_earnings_limit: Decimal
    main_rate: Decimal
    upper_rate: Decimal
    sources: tuple[Source, ...]


@cache
def rates() -> UkRates:
    data = table("uk-2026-27")
    income, ni = data["income_tax"], data["national_insurance"]
    return UkRates(
        tax_year=str(data["tax_year"]),
        currency=str(data["currency"]),
        personal_allowance=dec(income["personal_allowance"]),
        taper_threshold=dec(income["taper_threshold"]),
        taper_rate=dec(income["taper_rate"]),
        bands=tuple(Bracket(dec(b["from"]), dec(b["rate"])) for b in income["bands"]),
        primary_threshold=dec(ni["primary_threshold"]),
        upper_earnings_limit=dec(ni["upper_earnings_limit"]),
        main_rate=dec(ni["main_rate"]),
        upper_rate=dec(ni["upper_rate"]),
        sources=sources(data),
    )


def allowance(gross: Decimal, r: UkRates) -> Decimal:
    """The personal allowance left after the taper: 1 less for every 2 above the threshold."""
    lost = max(Decimal(0), gross - r.taper_threshold) * r.taper_rate / HUNDRED
    return max(Decimal(0), r.personal_allowance - lost)


def net_of(gross: Decimal, settings: UkSettings) -> Derivation:
    """The 2026/27 account for ``gross`` earnings a year (already checked by the caller)."""
    del settings  # nothing to choose yet
    r = rates()
    left = allowance(gross, r)
    taxable = max(Decimal(0), gross - left)
    note = "" if left == r.personal_allowance else "reduced by 1 for every 2 above 100,000"
    steps = (
        Line(label="Personal allowance", amount=left, note=note),
        Line(label="Taxable income", amount=taxable, note="gross less the personal allowance"),
    )
    main = max(Decimal(0), min(gross, r.upper_earnings_limit) - r.primary_threshold)
    upper = max(Decimal(0), gross - r.upper_earnings_limit)
    charges = (
        *bracket_lines("Income tax", taxable, r.bands),
        Line(
            label="National Insurance",
            amount=of(r.main_rate, main),
            base=main,
            rate=r.main_rate,
            band=(r.primary_threshold, r.upper_earnings_limit),
            note="earnings between the primary threshold and the upper earnings limit",
        ),
        Line(
            label="National Insurance",
            amount=of(r.upper_rate, upper),
            base=upper,
            rate=r.upper_rate,
            band=(r.upper_earnings_limit, None),
            note="earnings above the upper earnings limit",
        ),
    )
    return derive(
        country="GB",
        currency=r.currency,
        tax_year=r.tax_year,
        gross=gross,
        steps=steps,
        charges=charges,
        sources=r.sources,
        notes=(
            "England, Wales and Northern Ireland; Scottish bands differ and are not covered.",
            "Earnings are the only income; no pension contributions, student loan or benefits "
            "in kind. National Insurance is worked on the year's earnings.",
        ),
    )
