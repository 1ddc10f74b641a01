"""Germany, 2026: the wage tax (Lohnsteuer) with the solidarity surcharge and church tax, as
the finance ministry's Programmablaufplan 2026 computes them through the ``lohnsteuer-bmf``
package, for the tax class the user gives; then the employee's share of the social
contributions (pension, unemployment, health with the average additional rate, long-term care
with the childless surcharge), each up to its 2026 ceiling. Contribution rates and ceilings:
``data/de-2026.toml``."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import msgspec
from lohnsteuer_bmf import BUNDESLAENDER, berechne_lohnsteuer_pap

from nextround.pay.amounts import MONTHS_PER_YEAR, cents, check_percent, of, refuse
from nextround.pay.derivation import Derivation, Line, Source, derive
from nextround.pay.tax.rates import dec, sources, table

TAX_YEAR = 2026
# ISO 3166-2 codes of the states, as the rest of nextround names regions (DE-BY).
STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
SAXONY = "Sachsen"
NO_STATE = "Berlin"  # the package needs a state; without one only church tax would differ
MAX_CHILDREN = 20
ADULT_BIRTH_YEAR, YOUNG_BIRTH_YEAR = 1990, 2010  # 36 and 16 in 2026: either side of 23
MIDI_JOB_MONTHLY = Decimal(2000)  # up to here contributions are reduced (transition zone)


class DeSettings(msgspec.Struct, frozen=True, kw_only=True):
    """``tax_class`` 1–6 (Steuerklasse); ``state`` as an ISO code (``BY``) or its German name,
    needed for church tax (8 % in Bavaria and Baden-Württemberg, 9 % elsewhere) and Saxony's
    care rate; ``children`` under 25; ``under_23``: no childless surcharge yet;
    ``health_additional_rate``: the health fund's own additional rate in percent, the 2026
    average when not given."""

    tax_class: int = 1
    state: str = ""
    church: bool = False
    children: int = 0
    under_23: bool = False
    health_additional_rate: Decimal | None = None


class DeRates(msgspec.Struct, frozen=True, kw_only=True):
    tax_year: str
    currency: str
    ceiling_pension_unemployment: Decimal
    ceiling_health_care: Decimal
    pension: Decimal
    unemployment: Decimal
    health: Decimal
    health_additional_average: Decimal
    care: Decimal
    care_saxony: Decimal
    care_childless_surcharge: Decimal
    care_per_child_discount: Decimal
    sources: tuple[Source, ...]


@cache
def rates() -> DeRates:
    data = table("de-2026")
    ceilings, r = data["ceilings"], data["rates"]
    return DeRates(
        tax_year=str(data["tax_year"]),
        currency=str(data["currency"]),
        ceiling_pension_unemployment=dec(ceilings["pension_unemployment"]),
        ceiling_health_care=dec(ceilings["health_care"]),
        pension=dec(r["pension"]),
        unemployment=dec(r["unemployment"]),
        health=dec(r["health"]),
        health_additional_average=dec(r["health_additional_average"]),
        care=dec(r["care"]),
        care_saxony=dec(r["care_saxony"]),
        care_childless_surcharge=dec(r["care_childless_surcharge"]),
        care_per_child_discount=dec(r["care_per_child_discount"]),
        sources=sources(data),
    )


def state_name(state: str) -> str:
    """The state's German name from its code or name (any case), or Invalid."""
    wanted = state.strip().removeprefix("DE-").removeprefix("de-")
    if wanted.upper() in STATES:
        return STATES[wanted.upper()]
    for name in BUNDESLAENDER:
        if name.casefold() == wanted.casefold():
            return name
    codes = ", ".join(STATES)
    raise refuse("state", f"Unknown German state {state!r}; use one of {codes}.")


def _whole(value: object, field: str, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise refuse(field, message)
    return value


def check(settings: DeSettings) -> str:
    """The settings checked; returns the state's name ('' when none was given)."""
    _whole(settings.tax_class, "tax_class", 1, 6, "The tax class is a number from 1 to 6.")
    for field in ("church", "under_23"):
        if not isinstance(getattr(settings, field), bool):
            raise refuse(field, f"{field} is yes or no (True or False).")
    if not isinstance(settings.state, str):
        raise refuse("state", "The state is a code such as BY or a name such as Bayern.")
    children = _whole(
        settings.children,
        "children",
        0,
        MAX_CHILDREN,
        f"The number of children is a whole number from 0 to {MAX_CHILDREN}.",
    )
    if settings.tax_class == 2 and children == 0:
        raise refuse("children", "Tax class 2 is for single parents: give the children.")
    if settings.health_additional_rate is not None:
        check_percent(
            settings.health_additional_rate,
            "health_additional_rate",
            low=Decimal(0),
            high=Decimal(10),
            what="The health fund's additional rate",
        )
    state = state_name(settings.state) if settings.state.strip() else ""
    if settings.church and not state:
        raise refuse("state", "Church tax depends on the state: give it (for example BY).")
    return state


def _money(value: float) -> Decimal:
    """The package's float as Decimal cents (its figures are already rounded to the cent)."""
    return cents(Decimal(str(value)))


def care_rate(settings: DeSettings, state: str, r: DeRates) -> Decimal:
    """The employee's long-term care rate: Saxony's employees pay more of it; childless people
    23 or older pay the surcharge; parents of two to five children under 25 pay less."""
    rate = r.care_saxony if state == SAXONY else r.care
    if settings.children == 0 and not settings.under_23:
        return rate + r.care_childless_surcharge
    discounted = min(settings.children, 5) - 1
    return max(Decimal(0), rate - r.care_per_child_discount * max(0, discounted))


def net_of(gross: Decimal, settings: DeSettings) -> Derivation:
    """The 2026 account for ``gross`` pay a year (already checked by the caller)."""
    state = check(settings)
    r = rates()
    extra = (
        r.health_additional_average
        if settings.health_additional_rate is None
        else settings.health_additional_rate
    )
    wage = berechne_lohnsteuer_pap(
        brutto_jahr=float(gross),
        steuerklasse=settings.tax_class,
        bundesland=state or NO_STATE,
        mit_kirchensteuer=settings.church,
        kinder=settings.children,
        geburtsjahr=YOUNG_BIRTH_YEAR if settings.under_23 else ADULT_BIRTH_YEAR,
        kv_zusatzbeitrag=float(extra),
        ist_sachsen=state == SAXONY,
        jahr=TAX_YEAR,
    )
    zve = _money(wage["zve_jahr"])
    steps = (
        Line(
            label="Allowance for contributions (Vorsorgepauschale)",
            amount=_money(wage["vorsorgepauschale"]),
        ),
        Line(
            label="Taxable pay for the wage tax",
            amount=zve,
            note="gross less the lump sums and the allowance for contributions",
        ),
    )
    high = min(gross, r.ceiling_pension_unemployment)
    low = min(gross, r.ceiling_health_care)
    health = r.health + extra / 2
    care = care_rate(settings, state, r)
    church_rate = Decimal(8) if state in ("Bayern", "Baden-Württemberg") else Decimal(9)
    charges = (
        Line(
            label="Wage tax (Lohnsteuer)",
            amount=_money(wage["lohnsteuer_monat"]) * MONTHS_PER_YEAR,
            base=zve,
            note=f"tax class {settings.tax_class}; twelve times the month's",
        ),
        Line(
            label="Solidarity surcharge",
            amount=_money(wage["soli_monat"]) * MONTHS_PER_YEAR,
            note="5.5 % of the wage tax, none below the exemption limit",
        ),
        Line(
            label="Church tax",
            amount=_money(wage["kirchensteuer_monat"]) * MONTHS_PER_YEAR,
            rate=church_rate if settings.church else None,
            note="of the wage tax" if settings.church else "",
        ),
        *_contribution("Pension insurance", r.pension, high, r.ceiling_pension_unemployment),
        *_contribution(
            "Unemployment insurance", r.unemployment, high, r.ceiling_pension_unemployment
        ),
        *_contribution("Health insurance", health, low, r.ceiling_health_care),
        *_contribution("Long-term care insurance", care, low, r.ceiling_health_care),
    )
    notes = [
        "Statutory health insurance; pay is the only income; no company pension or benefits "
        "in kind.",
    ]
    if 0 < gross <= MIDI_JOB_MONTHLY * MONTHS_PER_YEAR:
        notes.append(
            "Up to 2,000 a month the employee's contributions are reduced (mini and midi jobs); "
            "this is not computed, so the net shown is lower than you would get."
        )
    return derive(
        country="DE",
        currency=r.currency,
        tax_year=r.tax_year,
        gross=gross,
        steps=steps,
        charges=charges,
        sources=r.sources,
        notes=tuple(notes),
    )


def _contribution(label: str, rate: Decimal, base: Decimal, ceiling: Decimal) -> tuple[Line]:
    return (
        Line(
            label=label,
            amount=of(rate, base),
            base=base,
            rate=rate,
            band=(Decimal(0), ceiling),
            note="employee's share, on pay up to the ceiling",
        ),
    )
