"""Offers: vesting that adds up to the grant to the cent, total compensation worked by hand,
and the side-by-side comparison."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.errors import Invalid
from nextround.pay.offers import (
    Equity,
    Offer,
    Schedule,
    Status,
    compare,
    grant_value,
    vesting,
    vesting_by_year,
    yearly,
)

D = Decimal


# Vesting -------------------------------------------------------------------------------------

# (equity, amounts per year worked by hand). Every tranche is rounded down to the cent and the
# last tranche with a share takes what is left.
VESTING = {
    # 10,000.03 / 4 = 2,500.0075 → 2,500.00 three times; the last 10,000.03 − 7,500 = 2,500.03.
    "yearly": (
        Equity(value=D("10000.03")),
        (D("2500.00"), D("2500.00"), D("2500.00"), D("2500.03")),
    ),
    # 5 % = 500.0015 → 500.00; 15 % = 1,500.0045 → 1,500.00; 40 % = 4,000.012 → 4,000.01;
    # the last 10,000.03 − 6,000.01 = 4,000.02.
    "back-loaded": (
        Equity(value=D("10000.03"), schedule=Schedule.BACK_LOADED),
        (D("500.00"), D("1500.00"), D("4000.01"), D("4000.02")),
    ),
    # Cliff 1,000 / 4 = 250.00; 36 months of 1,000 / 48 = 20.8333… → 20.83; the last month
    # 1,000 − 250 − 35 × 20.83 = 20.95. Years 2 and 3: 12 × 20.83 = 249.96; year 4:
    # 11 × 20.83 + 20.95 = 250.08.
    "monthly after a cliff": (
        Equity(value=D("1000"), schedule=Schedule.MONTHLY),
        (D("250.00"), D("249.96"), D("249.96"), D("250.08")),
    ),
    # Cliff 1,000.01 / 4 = 250.0025 → 250.00; 12 quarters of 1,000.01 / 16 = 62.500625 → 62.50,
    # the last 1,000.01 − 250 − 11 × 62.50 = 62.51. Years 2–4: 4 quarters each.
    "quarterly after a cliff": (
        Equity(value=D("1000.01"), schedule=Schedule.QUARTERLY),
        (D("250.00"), D("250.00"), D("250.00"), D("250.01")),
    ),
    # 10 % of 999.99 = 99.999 → 99.99; 20 % = 199.998 → 199.99; 30 % = 299.997 → 299.99;
    # the last 999.99 − 599.97 = 400.02.
    "custom": (
        Equity(value=D("999.99"), schedule=Schedule.CUSTOM, custom=(D(10), D(20), D(30), D(40))),
        (D("99.99"), D("199.99"), D("299.99"), D("400.02")),
    ),
    # A five-year custom schedule: 20 % of 5,000 = 1,000 each year.
    "custom, five years": (
        Equity(value=D("5000"), schedule=Schedule.CUSTOM, custom=(D(20),) * 5),
        (D("1000.00"),) * 5,
    ),
    # 50/50/0 of 0.03: 0.015 → 0.01 twice, 0 → 0.00; the remainder 0.01 goes to the second
    # year (the last with a share), never to the empty third year.
    "custom ending on nothing": (
        Equity(value=D("0.03"), schedule=Schedule.CUSTOM, custom=(D(50), D(50), D(0))),
        (D("0.01"), D("0.02"), D("0.00"), D("0.00")),
    ),
    # 333 units at 12.345 = 4,110.885, rounded to 4,110.89; 25 % = 1,027.7225 → 1,027.72 three
    # times, the last 4,110.89 − 3,083.16 = 1,027.73.
    "units at a price": (
        Equity(units=D(333), unit_price=D("12.345")),
        (D("1027.72"), D("1027.72"), D("1027.72"), D("1027.73")),
    ),
}


@pytest.mark.parametrize("case", list(VESTING.values()), ids=list(VESTING))
def test_vesting_by_year(case: tuple[Equity, tuple[Decimal, ...]]) -> None:
    equity, expected = case
    assert vesting_by_year(equity) == expected
    assert sum(vesting_by_year(equity)) == grant_value(equity)


@pytest.mark.parametrize("schedule", list(Schedule))
def test_every_schedule_adds_up_to_the_grant(schedule: Schedule) -> None:
    custom = (D("33.33"), D("33.33"), D("33.34")) if schedule is Schedule.CUSTOM else ()
    equity = Equity(value=D("123456.78"), schedule=schedule, custom=custom)
    tranches = vesting(equity)
    assert sum(t.amount for t in tranches) == D("123456.78")
    assert all(t.amount >= 0 for t in tranches)


def test_monthly_schedule_has_a_cliff_and_36_months() -> None:
    tranches = vesting(Equity(value=D("48000"), schedule=Schedule.MONTHLY))
    # 48,000 / 4 = 12,000 at month 12, then 48,000 / 48 = 1,000 in each of months 13–48.
    assert tranches[0].month == 12
    assert tranches[0].amount == D("12000.00")
    assert [t.month for t in tranches[1:]] == list(range(13, 49))
    assert {t.amount for t in tranches[1:]} == {D("1000.00")}


@st.composite
def _custom_schedules(draw: st.DrawFn) -> tuple[Decimal, ...]:
    """Yearly percentages with two decimals that add up to exactly 100."""
    weights = draw(st.lists(st.integers(0, 1000), min_size=1, max_size=10))
    if not any(weights):
        weights[-1] = 1
    total = sum(weights)
    hundredths = [10000 * w // total for w in weights]
    hundredths[-1] += 10000 - sum(hundredths)
    return tuple(D(h) / 100 for h in hundredths)


@given(
    grant=st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False),
    schedule=st.sampled_from(list(Schedule)),
    custom=_custom_schedules(),
)
def test_vesting_always_adds_up_to_the_grant(
    grant: Decimal, schedule: Schedule, custom: tuple[Decimal, ...]
) -> None:
    equity = Equity(value=grant, schedule=schedule, custom=custom)
    tranches = vesting(equity)
    assert sum(t.amount for t in tranches) == grant
    assert all(t.amount >= 0 and t.amount == t.amount.quantize(D("0.01")) for t in tranches)
    assert sum(vesting_by_year(equity)) == grant


@given(
    units=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    price=st.decimals(min_value=0, max_value=10**4, places=4, allow_nan=False),
)
def test_units_at_a_price_add_up_to_their_value_in_cents(units: Decimal, price: Decimal) -> None:
    equity = Equity(units=units, unit_price=price, schedule=Schedule.MONTHLY)
    value = grant_value(equity)
    assert abs(value - units * price) <= D("0.005")
    assert sum(t.amount for t in vesting(equity)) == value


@pytest.mark.parametrize(
    ("custom", "said"),
    [
        ((D(25), D(25), D(25)), "75 %"),
        ((D(50), D(50), D("0.01")), "100.01 %"),
        ((D(60), D(50), D(-10)), "negative"),
        ((), "one percentage per year"),
        ((D(10),) * 11, "one percentage per year"),
    ],
)
def test_a_custom_schedule_must_add_up_to_100(custom: tuple[Decimal, ...], said: str) -> None:
    with pytest.raises(Invalid) as caught:
        vesting(Equity(value=D(1000), schedule=Schedule.CUSTOM, custom=custom))
    assert said in caught.value.message
    assert list(caught.value.field_errors) == ["custom"]


@pytest.mark.parametrize(
    "equity",
    [
        Equity(),
        Equity(units=D(10)),
        Equity(value=D(10), units=D(1), unit_price=D(10)),
        Equity(value=D(-1)),
    ],
)
def test_a_grant_needs_one_value(equity: Equity) -> None:
    with pytest.raises(Invalid) as caught:
        grant_value(equity)
    assert list(caught.value.field_errors) == ["equity"]


# Total compensation --------------------------------------------------------------------------

# Acme: base 150,000; 10 % bonus = 15,000; sign-on 20,000; 1,000 units × 120.50 = 120,500 vesting
# 5/15/40/40 = 6,025, 18,075, 48,200, 48,200; 50 % matched up to 6 % of base = 3 % × 150,000 =
# 4,500; health premium 2,400.
ACME = Offer(
    name="Acme",
    base=D(150000),
    bonus_percent=D(10),
    sign_on=D(20000),
    equity=Equity(units=D(1000), unit_price=D("120.50"), schedule=Schedule.BACK_LOADED),
    match_percent=D(50),
    match_up_to=D(6),
    health_premium=D(2400),
    pto_days=25,
    remote_days=3,
    commute_minutes=40,
    start=date(2027, 1, 4),
    deadline=date(2026, 12, 11),
    status=Status.WRITTEN,
)
# Beta: base 135,000; bonus 5,000; 40,000 vesting monthly after a cliff (years: 10,000,
# 9,999.96, 9,999.96, 10,000.08, as in "monthly after a cliff" × 40); health 1,200; commute
# 3,000 a year.
BETA = Offer(
    name="Beta",
    base=D(135000),
    bonus_amount=D(5000),
    equity=Equity(value=D(40000), schedule=Schedule.MONTHLY),
    health_premium=D(1200),
    commute_cost=D(3000),
    commute_minutes=50,
    remote_days=2,
)
# The current job: 140,000; 8 % bonus = 11,200; 100 % matched up to 4 % = 5,600; health 1,800:
# 140,000 + 11,200 + 5,600 − 1,800 = 155,000 every year.
NOW = Offer(
    name="Now",
    base=D(140000),
    bonus_percent=D(8),
    match_percent=D(100),
    match_up_to=D(4),
    health_premium=D(1800),
    status=Status.CURRENT,
)


def test_acme_year_by_year() -> None:
    years = yearly(ACME)
    # 150,000 + 15,000 + 20,000 + 6,025 + 4,500 − 2,400 = 193,125
    # 150,000 + 15,000 + 18,075 + 4,500 − 2,400 = 185,175
    # 150,000 + 15,000 + 48,200 + 4,500 − 2,400 = 215,300 (years 3 and 4)
    assert [y.total for y in years] == [D(193125), D(185175), D(215300), D(215300)]
    first = years[0]
    assert (first.base, first.bonus, first.sign_on, first.equity) == (
        D(150000),
        D(15000),
        D(20000),
        D(6025),
    )
    assert (first.retirement, first.health, first.commute) == (D(4500), D(-2400), D(0))
    assert years[1].sign_on == 0


def test_beta_year_by_year() -> None:
    # 135,000 + 5,000 + 10,000 − 1,200 − 3,000 = 145,800; then the equity of years 2–4.
    assert [y.total for y in yearly(BETA)] == [
        D("145800.00"),
        D("145799.96"),
        D("145799.96"),
        D("145800.08"),
    ]


def test_parts_add_up_to_each_total() -> None:
    for year in yearly(ACME) + yearly(BETA) + yearly(NOW):
        parts = year.base + year.bonus + year.sign_on + year.equity + year.retirement + year.health
        assert parts + year.commute == year.total


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"base": D(0)}, "base"),
        ({"name": "  "}, "name"),
        ({"bonus_amount": D(10)}, "bonus"),  # ACME already has a bonus percentage
        ({"match_percent": D(250)}, "match_percent"),
        ({"sign_on": D(-1)}, "sign_on"),
        ({"remote_days": 8}, "remote_days"),
        ({"pto_days": -1}, "pto_days"),
        ({"commute_minutes": 1441}, "commute_minutes"),
    ],
)
def test_bad_offers_name_the_field(change: dict[str, object], field: str) -> None:
    offer = msgspec.structs.replace(ACME, **change)
    with pytest.raises(Invalid) as caught:
        yearly(offer)
    assert list(caught.value.field_errors) == [field]


# Side by side --------------------------------------------------------------------------------


def test_compare_against_the_current_job() -> None:
    table = compare([ACME, BETA], NOW, walk_away=D(138000), target=D(150000))
    now, acme, beta = table.columns
    assert [c.name for c in table.columns] == ["Now", "Acme", "Beta"]
    assert now.baseline and not acme.baseline
    # Year 1 and years 1–4: Now 155,000 and 620,000; Acme 193,125 and
    # 193,125 + 185,175 + 2 × 215,300 = 808,900; Beta 145,800 and 583,200.
    assert (now.year_one, now.four_years) == (D(155000), D(620000))
    assert (acme.year_one, acme.four_years) == (D(193125), D(808900))
    assert (beta.year_one, beta.four_years) == (D(145800), D(583200))
    # Against the current job: Acme +38,125 and +188,900; Beta −9,200 and −36,800.
    assert (acme.year_one_vs_baseline, acme.four_years_vs_baseline) == (D(38125), D(188900))
    assert (beta.year_one_vs_baseline, beta.four_years_vs_baseline) == (D(-9200), D(-36800))
    assert now.year_one_vs_baseline is None
    # Base against 138,000 and 150,000: Acme meets the target exactly, Beta is below both,
    # the current job only below the target.
    assert (acme.below_walk_away, acme.below_target, acme.flags) == (False, False, ())
    assert (beta.below_walk_away, beta.below_target) == (True, True)
    assert beta.flags == ("Base $135,000 is below your walk-away number of $138,000.",)
    assert (now.below_walk_away, now.below_target) == (False, True)
    assert now.flags == ("Base $140,000 is below your target of $150,000.",)


def test_rows_per_part() -> None:
    table = compare([ACME, BETA], NOW)
    rows = {row.key: row for row in table.rows}
    assert list(rows) == [
        "base",
        "bonus",
        "sign_on",
        "equity",
        "retirement",
        "health",
        "commute",
    ]
    assert rows["equity"].year_one == (D(0), D(6025), D(10000))
    # Acme's grant is 120,500 and Beta's 40,000: four years hold all of both.
    assert rows["equity"].four_years == (D(0), D(120500), D(40000))
    assert rows["sign_on"].four_years == (D(0), D(20000), D(0))
    assert rows["commute"].four_years == (D(0), D(0), D(-12000))
    for index, column in enumerate(table.columns):
        assert sum(row.four_years[index] for row in table.rows) == column.four_years


def test_facts_beside_the_money() -> None:
    facts = {fact.key: fact.values for fact in compare([ACME, BETA], NOW).facts}
    assert facts["pto_days"] == ("", "25", "")
    assert facts["remote_days"] == ("", "3", "2")
    # Acme: 40 minutes × 2 office days = 80 min; Beta: 50 × 3 = 150 min.
    assert facts["commute"] == (
        "",
        "40 min a day, 1 h 20 min a week",
        "50 min a day, 2 h 30 min a week",
    )
    assert facts["start"] == ("", "2027-01-04", "")
    assert facts["deadline"] == ("", "2026-12-11", "")
    assert facts["status"] == ("current", "written", "verbal")
    assert facts["vesting"] == ("", "5/15/40/40 a year", "monthly after a one-year cliff")


def test_compare_without_a_baseline() -> None:
    table = compare([BETA])
    (beta,) = table.columns
    assert beta.year_one_vs_baseline is None and beta.four_years_vs_baseline is None
    assert beta.flags == ()


def test_compare_needs_one_currency_and_an_offer() -> None:
    euro = Offer(name="Gamma", base=D(90000), currency="EUR")
    with pytest.raises(Invalid, match="EUR, USD"):
        compare([ACME, euro])
    with pytest.raises(Invalid, match="Add an offer"):
        compare([])
    with pytest.raises(Invalid) as caught:
        compare([ACME], walk_away=D(-5))
    assert list(caught.value.field_errors) == ["walk_away"]
