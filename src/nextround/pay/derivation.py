"""The line-by-line account of how a gross salary becomes the pay that reaches the bank: the
steps that find each tax's base (allowances, deductions, taxable income) and the charges taken
from the gross (each tax or contribution with its base and rate or bracket), then the net per
year and per month. Amounts are per year unless a field says otherwise."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from nextround.pay.amounts import MONTHS_PER_YEAR, cents


class Source(msgspec.Struct, frozen=True):
    """Where a table of rates comes from: the official page or publication."""

    name: str
    address: str


class Line(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the account. ``rate`` is in percent (22 means 22 %); ``band`` is the part of
    the base a bracket covers, from and up to (``None``: no upper end)."""

    label: str
    amount: Decimal
    base: Decimal | None = None
    rate: Decimal | None = None
    band: tuple[Decimal, Decimal | None] | None = None
    note: str = ""


class Derivation(msgspec.Struct, frozen=True, kw_only=True):
    """Gross to net for one year of pay in one country. ``charges`` add up to
    ``total_charges``; ``net_yearly`` is the gross less them."""

    country: str
    currency: str
    tax_year: str
    gross_yearly: Decimal
    gross_monthly: Decimal
    steps: tuple[Line, ...]
    charges: tuple[Line, ...]
    total_charges: Decimal
    net_yearly: Decimal
    net_monthly: Decimal
    sources: tuple[Source, ...]
    notes: tuple[str, ...] = ()


def per_month(yearly: Decimal) -> Decimal:
    return cents(yearly / MONTHS_PER_YEAR)


def derive(
    *,
    country: str,
    currency: str,
    tax_year: str,
    gross: Decimal,
    steps: tuple[Line, ...],
    charges: tuple[Line, ...],
    sources: tuple[Source, ...],
    notes: tuple[str, ...] = (),
) -> Derivation:
    """The account with its totals: charges that come to zero are left out."""
    kept = tuple(line for line in charges if line.amount)
    total = sum((line.amount for line in kept), Decimal(0))
    net = gross - total
    return Derivation(
        country=country,
        currency=currency,
        tax_year=tax_year,
        gross_yearly=gross,
        gross_monthly=per_month(gross),
        steps=steps,
        charges=kept,
        total_charges=total,
        net_yearly=net,
        net_monthly=per_month(net),
        sources=sources,
        notes=notes,
    )
