"""US 2026 on hand-worked cases, then the gross for each case's net.

Figures: IRS Rev. Proc. 2025-32 (standard deduction 16,100 single / 32,200 jointly / 24,150 head
of household; brackets single 10 % to 12,400, 12 % to 50,400, 22 % to 105,700, 24 % to
201,775, 32 % to 256,225, 35 % to 640,600, 37 % above; jointly 24,800 / 100,800 / 211,400 /
403,550 / ...; head of household 17,700 / 67,450 / 105,700 / 201,750 / ...). FICA from IRS
Publication 15 and the SSA's 2026 wage base: social security 6.2 % up to 184,500, Medicare
1.45 %, Additional Medicare 0.9 % above 200,000 (single, head of household) or 250,000
(jointly, Form 8959). Each case's working is in its comment: fed = federal income tax,
ss = social security, med = Medicare, add = Additional Medicare, state = the flat rate."""

from __future__ import annotations

from decimal import Decimal

import msgspec
import pytest

from nextround.errors import Invalid
from nextround.pay.tax import FilingStatus, UsSettings, net_of
from tests.pay.helpers import assert_round_trip, charge

S, J, H = FilingStatus.SINGLE, FilingStatus.MARRIED_JOINTLY, FilingStatus.HEAD_OF_HOUSEHOLD
D = Decimal


class Case(msgspec.Struct, frozen=True):
    gross: Decimal
    status: FilingStatus
    state: Decimal
    fed: Decimal
    ss: Decimal
    med: Decimal
    add: Decimal
    state_tax: Decimal
    net: Decimal


CASES = {
    # Nothing earned, nothing owed.
    "zero": Case(D(0), S, D(0), D(0), D(0), D(0), D(0), D(0), D(0)),
    # Below the standard deduction: no income tax; ss 620, med 145.
    "below deduction": Case(D(10000), S, D(0), D(0), D(620), D(145), D(0), D(0), D("9235")),
    # At the deduction: fed 0; ss 998.20, med 233.45; net 16,100 - 1,231.65.
    "at deduction": Case(
        D(16100), S, D(0), D(0), D("998.20"), D("233.45"), D(0), D(0), D("14868.35")
    ),
    # Taxable 12,400, the top of the 10 % bracket: fed 1,240; ss 1,767; med 413.25.
    "top of 10 %": Case(
        D(28500), S, D(0), D(1240), D(1767), D("413.25"), D(0), D(0), D("25079.75")
    ),
    # Taxable 50,400: fed 1,240 + 12 % of 38,000 = 5,800; ss 4,123; med 964.25.
    "top of 12 %": Case(
        D(66500), S, D(0), D(5800), D(4123), D("964.25"), D(0), D(0), D("55612.75")
    ),
    # Taxable 105,700: fed 5,800 + 22 % of 55,300 = 17,966; ss 7,551.60; med 1,766.10.
    "top of 22 %": Case(
        D(121800), S, D(0), D(17966), D("7551.60"), D("1766.10"), D(0), D(0), D("94516.30")
    ),
    # At the wage base: taxable 168,400, fed 17,966 + 24 % of 62,700 = 33,014; ss 11,439;
    # med 2,675.25.
    "at the wage base": Case(
        D(184500), S, D(0), D(33014), D(11439), D("2675.25"), D(0), D(0), D("137371.75")
    ),
    # One dollar above it: fed 33,014.24; ss stays 11,439; med 2,675.2645 -> 2,675.26.
    "above the wage base": Case(
        D(184501), S, D(0), D("33014.24"), D(11439), D("2675.26"), D(0), D(0), D("137372.50")
    ),
    # At the Additional Medicare threshold: taxable 183,900, fed 17,966 + 24 % of 78,200 =
    # 36,734; ss capped; med 2,900; no add yet.
    "at 200,000": Case(D(200000), S, D(0), D(36734), D(11439), D(2900), D(0), D(0), D(148927)),
    # Taxable 233,900: fed 17,966 + 24 % of 96,075 (23,058) + 32 % of 32,125 (10,280) =
    # 51,304; med 3,625; add 0.9 % of 50,000 = 450.
    "32 % and add": Case(D(250000), S, D(0), D(51304), D(11439), D(3625), D(450), D(0), D(183182)),
    # Taxable 683,900: 41,024 at 201,775; + 32 % of 54,450 (17,424) = 58,448; + 35 % of
    # 384,375 (134,531.25) = 192,979.25; + 37 % of 43,300 (16,021) = 209,000.25; med 10,150;
    # add 0.9 % of 500,000 = 4,500.
    "37 %": Case(
        D(700000), S, D(0), D("209000.25"), D(11439), D(10150), D(4500), D(0), D("464910.75")
    ),
    # Cents: taxable 29,150.50, fed 1,240 + 12 % of 16,750.50 (2,010.06) = 3,250.06;
    # ss 2,805.531 -> 2,805.53; med 656.13225 -> 656.13.
    "cents": Case(
        D("45250.50"),
        S,
        D(0),
        D("3250.06"),
        D("2805.53"),
        D("656.13"),
        D(0),
        D(0),
        D("38538.78"),
    ),
    # A 5 % state rate on 60,000: taxable 43,900, fed 1,240 + 12 % of 31,500 = 5,020;
    # ss 3,720; med 870; state 3,000.
    "state 5 %": Case(D(60000), S, D(5), D(5020), D(3720), D(870), D(0), D(3000), D(47390)),
    # State 4.5 % on 100,000: taxable 83,900, fed 5,800 + 22 % of 33,500 = 13,170; ss 6,200;
    # med 1,450; state 4,500.
    "state 4.5 %": Case(
        D(100000), S, D("4.5"), D(13170), D(6200), D(1450), D(0), D(4500), D(74680)
    ),
    # Jointly, at the deduction 32,200: ss 1,996.40; med 466.90.
    "jointly at deduction": Case(
        D(32200), J, D(0), D(0), D("1996.40"), D("466.90"), D(0), D(0), D("29736.70")
    ),
    # Jointly, taxable 24,800 (top of 10 %): fed 2,480; ss 3,534; med 826.50.
    "jointly top of 10 %": Case(
        D(57000), J, D(0), D(2480), D(3534), D("826.50"), D(0), D(0), D("50159.50")
    ),
    # Jointly, taxable 117,800: 2,480 + 12 % of 76,000 (9,120) + 22 % of 17,000 (3,740) =
    # 15,340; ss 9,300; med 2,175.
    "jointly 22 %": Case(D(150000), J, D(0), D(15340), D(9300), D(2175), D(0), D(0), D(123185)),
    # Jointly 225,000: above 200,000 but below the joint 250,000, so no add. Taxable 192,800:
    # 11,600 + 22 % of 92,000 (20,240) = 31,840; med 3,262.50.
    "jointly no add": Case(
        D(225000), J, D(0), D(31840), D(11439), D("3262.50"), D(0), D(0), D("178458.50")
    ),
    # Jointly 260,000: taxable 227,800: 11,600 + 22 % of 110,600 (24,332) + 24 % of 16,400
    # (3,936) = 39,868; med 3,770; add 0.9 % of 10,000 = 90.
    "jointly add": Case(D(260000), J, D(0), D(39868), D(11439), D(3770), D(90), D(0), D(204833)),
    # Head of household at the deduction 24,150: ss 1,497.30; med 350.175 -> 350.18.
    "head at deduction": Case(
        D(24150), H, D(0), D(0), D("1497.30"), D("350.18"), D(0), D(0), D("22302.52")
    ),
    # Head of household, taxable 17,700 (top of 10 %): fed 1,770; ss 2,594.70;
    # med 606.825 -> 606.83.
    "head top of 10 %": Case(
        D(41850), H, D(0), D(1770), D("2594.70"), D("606.83"), D(0), D(0), D("36878.47")
    ),
    # Head of household, taxable 65,850: 1,770 + 12 % of 48,150 (5,778) = 7,548; ss 5,580;
    # med 1,305.
    "head 12 %": Case(D(90000), H, D(0), D(7548), D(5580), D(1305), D(0), D(0), D(75567)),
    # Head of household 210,000: taxable 185,850: 1,770 + 12 % of 49,750 (5,970) + 22 % of
    # 38,250 (8,415) + 24 % of 80,150 (19,236) = 35,391; med 3,045; add 0.9 % of 10,000.
    "head add": Case(D(210000), H, D(0), D(35391), D(11439), D(3045), D(90), D(0), D(160035)),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_reference_case(case: Case) -> None:
    account = net_of(case.gross, UsSettings(filing_status=case.status, state_local_rate=case.state))
    assert charge(account, "Federal income tax") == case.fed
    assert charge(account, "Social security") == case.ss
    assert charge(account, "Medicare") == case.med
    assert charge(account, "Additional Medicare") == case.add
    assert charge(account, "State and local income tax") == case.state_tax
    assert account.net_yearly == case.net
    assert (
        account.net_yearly == case.gross - case.fed - case.ss - case.med - case.add - case.state_tax
    )


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_gross_for_the_net_gives_the_net_back(case: Case) -> None:
    settings = UsSettings(filing_status=case.status, state_local_rate=case.state)
    assert_round_trip(case.gross, case.net, settings)


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_the_brackets_are_shown_with_their_bands() -> None:
    account = net_of(D(250000), UsSettings())
    federal = [line for line in account.charges if line.label == "Federal income tax"]
    assert [line.rate for line in federal] == [D(10), D(12), D(22), D(24), D(32)]
    assert [line.band for line in federal][:2] == [(D(0), D(12400)), (D(12400), D(50400))]
    assert [line.base for line in federal] == [D(12400), D(38000), D(55300), D(96075), D(32125)]
    taxable = next(line for line in account.steps if line.label == "Taxable income")
    assert taxable.amount == 233900
    assert account.net_monthly == D("15265.17")  # 183,182 / 12 = 15,265.1666...
    assert account.tax_year == "2026" and account.currency == "USD"
    assert any("rp-25-32" in source.address for source in account.sources)


def test_a_state_rate_out_of_range_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        net_of(D(50000), UsSettings(state_local_rate=D(30)))
    assert "state_local_rate" in raised.value.field_errors
    with pytest.raises(Invalid):
        net_of(D(50000), UsSettings(state_local_rate=D(-1)))


def test_an_unknown_filing_status_is_refused() -> None:
    settings = msgspec.structs.replace(UsSettings(), filing_status="widowed")
    with pytest.raises(Invalid) as raised:
        net_of(D(50000), settings)
    assert "filing_status" in raised.value.field_errors
