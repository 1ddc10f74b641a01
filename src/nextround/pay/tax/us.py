"""United States, tax year 2026: federal income tax on wages after the standard deduction, by
filing status; the employee's FICA (social security up to the wage base, Medicare, Additional
Medicare above the filing status's threshold); and a flat state and local rate the user sets,
applied to the whole gross. Rates: ``data/us-2026.toml``."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cache

import msgspec

from nextround.pay.amounts import check_percent, of, refuse
from nextround.pay.derivation import Derivation, Line, Source, derive
from nextround.pay.tax.brackets import Bracket, bracket_lines
from nextround.pay.tax.rates import dec, sources, table

STATE_RATE_LIMIT = Decimal(25)  # no state and city together take more than a quarter


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_JOINTLY = "married_jointly"
    HEAD_OF_HOUSEHOLD = "head_of_household"


class UsSettings(msgspec.Struct, frozen=True, kw_only=True):
    """Filing status and the flat state and local income tax rate, in percent of gross."""

    filing_status: FilingStatus = FilingStatus.SINGLE
    state_local_rate: Decimal = Decimal(0)


class UsRates(msgspec.Struct, frozen=True, kw_only=True):
    tax_year: str
    currency: str
    standard_deduction: dict[FilingStatus, Decimal]
    brackets: dict[FilingStatus, tuple[Bracket, ...]]
    social_security_rate: Decimal
    social_security_wage_base: Decimal
    medicare_rate: Decimal
    additional_medicare_rate: Decimal
    additional_medicare_threshold: dict[FilingStatus, Decimal]
    sources: tuple[Source, ...]


@cache
def rates() -> UsRates:
    data = table("us-2026")
    fica = data["fica"]
    return UsRates(
        tax_year=str(data["tax_year"]),
        currency=str(data["currency"]),
        standard_deduction={s: dec(data["standard_deduction"][s]) for s in FilingStatus},
        brackets={
            s: tuple(Bracket(dec(b["from"]), dec(b["rate"])) for b in data["brackets"][s])
            for s in FilingStatus
        },
        social_security_rate=dec(fica["social_security_rate"]),
        social_security_wage_base=dec(fica["social_security_wage_base"]),
        medicare_rate=dec(fica["medicare_rate"]),
        additional_medicare_rate=dec(fica["additional_medicare_rate"]),
        additional_medicare_threshold={
            s: dec(fica["additional_medicare_threshold"][s]) for s in FilingStatus
        },
        sources=sources(data),
    )


def check(settings: UsSettings) -> None:
    if not isinstance(settings.filing_status, FilingStatus):
        statuses = ", ".join(FilingStatus)
        raise refuse("filing_status", f"The filing status must be one of {statuses}.")
    check_percent(
        settings.state_local_rate,
        "state_local_rate",
        low=Decimal(0),
        high=STATE_RATE_LIMIT,
        what="The state and local tax rate",
    )


def net_of(gross: Decimal, settings: UsSettings) -> Derivation:
    """The 2026 account for ``gross`` wages a year (already checked by the caller)."""
    check(settings)
    r = rates()
    status = settings.filing_status
    deduction = r.standard_deduction[status]
    taxable = max(Decimal(0), gross - deduction)
    steps = (
        Line(label="Standard deduction", amount=deduction, note=status.value),
        Line(label="Taxable income", amount=taxable, note="gross less the standard deduction"),
    )
    base = min(gross, r.social_security_wage_base)
    threshold = r.additional_medicare_threshold[status]
    above = max(Decimal(0), gross - threshold)
    charges = (
        *bracket_lines("Federal income tax", taxable, r.brackets[status]),
        Line(
            label="Social security",
            amount=of(r.social_security_rate, base),
            base=base,
            rate=r.social_security_rate,
            band=(Decimal(0), r.social_security_wage_base),
            note="on wages up to the wage base",
        ),
        Line(label="Medicare", amount=of(r.medicare_rate, gross), base=gross, rate=r.medicare_rate),
        Line(
            label="Additional Medicare",
            amount=of(r.additional_medicare_rate, above),
            base=above,
            rate=r.additional_medicare_rate,
            band=(threshold, None),
            note="on wages above the threshold for the filing status",
        ),
        Line(
            label="State and local income tax",
            amount=of(settings.state_local_rate, gross),
            base=gross,
            rate=settings.state_local_rate,
            note="your flat rate on the whole gross",
        ),
    )
    return derive(
        country="US",
        currency=r.currency,
        tax_year=r.tax_year,
        gross=gross,
        steps=steps,
        charges=charges,
        sources=r.sources,
        notes=(
            "Wages are the only income; no pre-tax deductions (401(k), health premiums), "
            "credits or itemized deductions.",
        ),
    )
