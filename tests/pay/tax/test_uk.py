"""UK 2026/27 on hand-worked cases, then the gross for each case's net.

Figures: HMRC's income tax rates and allowances and the policy paper freezing the thresholds to
April 2028 (personal allowance 12,570, reduced by 1 for every 2 above 100,000; on taxable
income, basic 20 % to 37,700, higher 40 % to 125,140, additional 45 % above), and HMRC's rates
and thresholds for employers 2026 to 2027 (employee Class 1, category A: 8 % between 12,570
and 50,270, 2 % above). Each case's working is in its comment: pa = personal allowance left,
tax = income tax, ni = National Insurance."""

from __future__ import annotations

from decimal import Decimal

import msgspec
import pytest

from nextround.pay.tax import UkSettings, net_of
from tests.pay.helpers import assert_round_trip, charge

D = Decimal


class Case(msgspec.Struct, frozen=True):
    gross: Decimal
    allowance: Decimal
    tax: Decimal
    ni: Decimal
    net: Decimal


CASES = {
    "zero": Case(D(0), D(12570), D(0), D(0), D(0)),
    # Below the allowance and the primary threshold: nothing owed.
    "below the allowance": Case(D(10000), D(12570), D(0), D(0), D(10000)),
    "at the allowance": Case(D(12570), D(12570), D(0), D(0), D(12570)),
    # One pound over both: tax 20 % of 1 = 0.20; ni 8 % of 1 = 0.08.
    "one pound over": Case(D(12571), D(12570), D("0.20"), D("0.08"), D("12570.72")),
    # Taxable 7,430: tax 1,486; ni 594.40.
    "20,000": Case(D(20000), D(12570), D(1486), D("594.40"), D("17919.60")),
    # Cents: taxable 12,430.50, tax 2,486.10; ni 8 % of 12,430.50 = 994.44.
    "cents": Case(D("25000.50"), D(12570), D("2486.10"), D("994.44"), D("21519.96")),
    # Taxable 17,430: tax 3,486; ni 1,394.40.
    "30,000": Case(D(30000), D(12570), D(3486), D("1394.40"), D("25119.60")),
    # Taxable 27,430: tax 5,486; ni 2,194.40.
    "40,000": Case(D(40000), D(12570), D(5486), D("2194.40"), D("32319.60")),
    # The top of the basic band and the upper earnings limit: taxable 37,700, tax 7,540;
    # ni 8 % of 37,700 = 3,016.
    "top of basic": Case(D(50270), D(12570), D(7540), D(3016), D(39714)),
    # One pound into the higher band: tax 7,540.40; ni 3,016 + 2 % of 1 = 3,016.02.
    "into higher": Case(D(50271), D(12570), D("7540.40"), D("3016.02"), D("39714.58")),
    # Taxable 47,430: tax 7,540 + 40 % of 9,730 (3,892) = 11,432; ni 3,016 + 194.60.
    "60,000": Case(D(60000), D(12570), D(11432), D("3210.60"), D("45357.40")),
    # Taxable 62,430: 7,540 + 40 % of 24,730 (9,892) = 17,432; ni 3,016 + 494.60.
    "75,000": Case(D(75000), D(12570), D(17432), D("3510.60"), D("54057.40")),
    # Taxable 75,084: 7,540 + 40 % of 37,384 (14,953.60) = 22,493.60; ni 3,016 + 747.68.
    "87,654": Case(D(87654), D(12570), D("22493.60"), D("3763.68"), D("61396.72")),
    # At the taper's start: taxable 87,430, 7,540 + 40 % of 49,730 (19,892) = 27,432;
    # ni 3,016 + 994.60.
    "100,000": Case(D(100000), D(12570), D(27432), D("4010.60"), D("68557.40")),
    # One pound into the taper loses 50p of allowance: pa 12,569.50, taxable 87,431.50,
    # tax 27,432 + 40 % of 1.50 = 27,432.60; ni 3,016 + 2 % of 49,731 = 4,010.62.
    "into the taper": Case(D(100001), D("12569.50"), D("27432.60"), D("4010.62"), D("68557.78")),
    # pa 12,570 - 5,000 = 7,570; taxable 102,430: 7,540 + 40 % of 64,730 (25,892) = 33,432;
    # ni 3,016 + 2 % of 59,730 = 4,210.60. From 100,000 the net rose 3,800 on 10,000: 62 %
    # went (60 % tax in the taper, 2 % ni).
    "taper 110,000": Case(D(110000), D(7570), D(33432), D("4210.60"), D("72357.40")),
    # Halfway through the taper: pa 6,285, taxable 106,285: 7,540 + 40 % of 68,585 (27,434) =
    # 34,974; ni 3,016 + 2 % of 62,300 = 4,262.
    "taper midpoint": Case(D(112570), D(6285), D(34974), D(4262), D(73334)),
    # pa 70; taxable 124,930: 7,540 + 40 % of 87,230 (34,892) = 42,432; ni 3,016 + 1,494.60.
    "end of taper": Case(D(125000), D(70), D(42432), D("4510.60"), D("78057.40")),
    # No allowance left; taxable 125,140 is the top of the higher band: 7,540 + 40 % of 87,440
    # (34,976) = 42,516; ni 3,016 + 2 % of 74,870 = 4,513.40.
    "allowance gone": Case(D(125140), D(0), D(42516), D("4513.40"), D("78110.60")),
    # Additional rate: 42,516 + 45 % of 24,860 (11,187) = 53,703; ni 3,016 + 1,994.60.
    "150,000": Case(D(150000), D(0), D(53703), D("5010.60"), D("91286.40")),
    # 42,516 + 45 % of 74,860 (33,687) = 76,203; ni 3,016 + 2,994.60.
    "200,000": Case(D(200000), D(0), D(76203), D("6010.60"), D("117786.40")),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_reference_case(case: Case) -> None:
    account = net_of(case.gross, UkSettings())
    allowance = next(line for line in account.steps if line.label == "Personal allowance")
    assert allowance.amount == case.allowance
    assert charge(account, "Income tax") == case.tax
    assert charge(account, "National Insurance") == case.ni
    assert account.net_yearly == case.net == case.gross - case.tax - case.ni


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_gross_for_the_net_gives_the_net_back(case: Case) -> None:
    assert_round_trip(case.gross, case.net, UkSettings())


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_the_taper_is_explained_and_the_bands_named() -> None:
    account = net_of(D(110000), UkSettings())
    allowance = account.steps[0]
    assert "100,000" in allowance.note
    tax = [line for line in account.charges if line.label == "Income tax"]
    assert [(line.rate, line.base) for line in tax] == [(D(20), D(37700)), (D(40), D(64730))]
    assert account.tax_year == "2026/27" and account.currency == "GBP"
    assert any("Scottish" in note for note in account.notes)


def test_a_full_allowance_has_no_taper_note() -> None:
    assert net_of(D(60000), UkSettings()).steps[0].note == ""
