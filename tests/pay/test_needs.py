"""Net to gross, the walk-away number, the target and the ask, and the warnings, on figures
worked by hand; then hypothesis for walk-away <= target <= ask."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.errors import Invalid
from nextround.pay.amounts import Period
from nextround.pay.budget import budget
from nextround.pay.needs import (
    Market,
    Strength,
    WarningKind,
    case_from_counts,
    case_from_share,
    gross_for_net,
    market,
    market_range,
    target_and_ask,
    walk_away,
    warnings_for,
)
from nextround.pay.tax import DeSettings, FlatSettings, UkSettings, UsSettings

D = Decimal
QUARTER = FlatSettings(rate=D(25), currency="EUR")
SHEET = budget({"housing": D(2000), "food": D(700), "other": D(300), "savings": D(500)})
MARKET = market(p25=80000, p50=95000, p75=110000, p90=130000)


# ---------------------------------------------------------------------------- net to gross


def test_a_flat_rate_grosses_up_exactly() -> None:
    # 70,000 net at 30 %: 100,000 gross (99,999 leaves 69,999.30).
    found = gross_for_net(D(70000), FlatSettings(rate=D(30)))
    assert (found.gross_yearly, found.net_yearly) == (D(100000), D(70000))


def test_nothing_needed_takes_nothing() -> None:
    assert gross_for_net(D(0), UsSettings()).gross_yearly == 0


def test_us_gross_for_42000_net_single() -> None:
    # In the 12 % bracket: fed = 1,240 + 12 % (g - 16,100 - 12,400) = 0.12 g - 2,180, FICA
    # 7.65 % g, so net = 0.8035 g + 2,180. 42,000 net needs g = 39,820 / 0.8035 =
    # 49,558.18: the first whole dollar is 49,559 (net 42,000.66 with the cents rounded).
    found = gross_for_net(D(42000), UsSettings())
    assert found.gross_yearly == D(49559)
    assert D(42000) <= found.net_yearly < D(42001)


def test_a_need_too_big_or_bad_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        gross_for_net(D(10_000_001), UkSettings())
    assert list(raised.value.field_errors) == ["net"]
    with pytest.raises(Invalid):
        gross_for_net(D(-5), UkSettings())


# ---------------------------------------------------------------------------- walk-away


def test_walk_away_is_the_gross_for_the_budget_without_savings() -> None:
    # 2,000 + 700 + 300 = 3,000 a month without savings, 36,000 a year; at 25 % that is
    # 48,000 gross.
    result = walk_away(SHEET, QUARTER)
    assert (result.net_need_yearly, result.needed_gross) == (D(36000), D(48000))
    assert (result.amount, result.margin, result.margin_percent) == (D(48000), D(0), None)
    assert result.derivation.net_yearly == D(36000)
    assert "€3,000 a month" in result.reason and "without savings" in result.reason


def test_walk_away_with_a_percent_margin() -> None:
    # 10 % of 48,000 = 4,800.
    result = walk_away(SHEET, QUARTER, margin_percent=10)
    assert (result.amount, result.margin, result.margin_percent) == (D(52800), D(4800), D(10))
    assert "10 % margin" in result.reason


def test_walk_away_with_an_amount_margin() -> None:
    result = walk_away(SHEET, QUARTER, margin_amount=D(2000))
    assert result.amount == D(50000)
    assert "€2,000 a year" in result.reason


def test_walk_away_in_the_us() -> None:
    # 3,500 a month without savings: 42,000 a year, 49,559 gross (worked above).
    sheet = budget({"housing": D(2500), "food": D(1000), "savings": D(800)})
    assert walk_away(sheet, UsSettings()).amount == D(49559)


def test_walk_away_in_germany_covers_the_need() -> None:
    result = walk_away(SHEET, DeSettings())
    assert D(36000) <= result.derivation.net_yearly < D(36001)
    assert result.derivation.currency == "EUR"


def test_a_margin_as_both_percent_and_amount_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        walk_away(SHEET, QUARTER, margin_percent=5, margin_amount=1000)
    assert "margin_percent" in raised.value.field_errors
    with pytest.raises(Invalid):
        walk_away(SHEET, QUARTER, margin_percent=101)


# ---------------------------------------------------------------------------- the market


def test_a_low_median_high_range_is_the_middle_half() -> None:
    assert market_range(low=80000, median=95000, high=110000) == Market(
        p25=D(80000), p50=D(95000), p75=D(110000)
    )


def test_monthly_and_hourly_figures_become_yearly() -> None:
    assert market(p50=8000, period=Period.MONTH).p50 == D(96000)
    assert market(p50=D(50), period=Period.HOUR).p50 == D(104000)  # 50 * 2,080


def test_a_market_out_of_order_is_refused() -> None:
    with pytest.raises(Invalid) as raised:
        market(p25=90000, p75=80000)
    assert list(raised.value.field_errors) == ["p75"]
    assert "below its 25th percentile" in raised.value.message
    with pytest.raises(Invalid) as raised:
        market_range(low=90000, high=80000)
    assert list(raised.value.field_errors) == ["high"]
    with pytest.raises(Invalid):
        market(p50=D(-1))


# ---------------------------------------------------------------------------- target and ask


def test_a_strong_case_aims_at_the_75th_and_opens_at_the_90th() -> None:
    numbers = target_and_ask(walk_away=D(60000), market=MARKET, case=case_from_counts(8, 9))
    assert (numbers.walk_away, numbers.target, numbers.ask) == (D(60000), D(110000), D(130000))
    assert numbers.target_reason == (
        "the market's 75th percentile, because your stories prove 8 of 9 needs (strong case)"
    )
    assert numbers.ask_reason.startswith("the market's 90th percentile")


def test_a_solid_case_aims_halfway() -> None:
    # 5 of 9 = 0.56: target halfway between 95,000 and 110,000 = 102,500, up to three
    # figures 103,000; ask halfway between 110,000 and 130,000 = 120,000.
    numbers = target_and_ask(walk_away=D(60000), market=MARKET, case=case_from_counts(5, 9))
    assert (numbers.target, numbers.ask) == (D(103000), D(120000))
    assert numbers.target_reason.startswith(
        "halfway between the market's median and its 75th percentile"
    )


def test_a_thin_case_aims_at_the_median() -> None:
    numbers = target_and_ask(walk_away=D(60000), market=MARKET, case=case_from_counts(2, 9))
    assert (numbers.target, numbers.ask) == (D(95000), D(110000))
    assert "2 of 9" in numbers.target_reason and "thin case" in numbers.target_reason


def test_the_target_never_falls_below_the_walk_away() -> None:
    numbers = target_and_ask(walk_away=D(100000), market=MARKET, case=case_from_counts(2, 9))
    assert (numbers.target, numbers.ask) == (D(100000), D(110000))
    assert numbers.target_reason == "your walk-away number, since the market's median is below it"


def test_the_ask_never_falls_below_the_target() -> None:
    numbers = target_and_ask(walk_away=D(120000), market=MARKET, case=case_from_counts(2, 9))
    assert (numbers.target, numbers.ask) == (D(120000), D(120000))
    assert numbers.ask_reason == "your target, since the market's 75th percentile is below it"


def test_without_a_market_both_are_the_walk_away_rounded_up() -> None:
    # 49,559 up to three significant figures: 49,600.
    numbers = target_and_ask(walk_away=D(49559), market=None, case=case_from_share(1))
    assert (numbers.walk_away, numbers.target, numbers.ask) == (D(49559), D(49600), D(49600))
    assert "add a market range" in numbers.target_reason


def test_a_missing_percentile_is_estimated_between_its_neighbours() -> None:
    # Strong case, only the median (90,000) and the 90th (130,000): the 75th is estimated
    # 90,000 + 40,000 * 25 / 40 = 115,000.
    numbers = target_and_ask(
        walk_away=D(50000), market=market(p50=90000, p90=130000), case=case_from_share(D("0.9"))
    )
    assert (numbers.target, numbers.ask) == (D(115000), D(130000))
    assert numbers.target_reason.startswith("an estimate between the market's median and its 90th")


def test_past_the_highest_figure_the_highest_is_used() -> None:
    numbers = target_and_ask(
        walk_away=D(50000), market=market(p25=70000, p50=80000), case=case_from_share(1)
    )
    assert (numbers.target, numbers.ask) == (D(80000), D(80000))
    assert "the highest figure you have" in numbers.ask_reason


@pytest.mark.parametrize(
    ("share", "strength"),
    [
        (D(0), Strength.THIN),
        (D("0.49"), Strength.THIN),
        (D("0.5"), Strength.SOLID),
        (D("0.79"), Strength.SOLID),
        (D("0.8"), Strength.STRONG),
        (D(1), Strength.STRONG),
    ],
)
def test_strength_from_a_share(share: Decimal, strength: Strength) -> None:
    assert case_from_share(share).strength is strength


def test_strength_from_counts_and_its_refusals() -> None:
    assert case_from_counts(0, 0).strength is Strength.THIN
    assert case_from_counts(4, 5).strength is Strength.STRONG
    with pytest.raises(Invalid) as raised:
        case_from_counts(6, 5)
    assert list(raised.value.field_errors) == ["proven"]
    with pytest.raises(Invalid):
        case_from_share(D("1.5"))
    with pytest.raises(Invalid):
        case_from_share(D("NaN"))


# ---------------------------------------------------------------------------- warnings


def test_an_hourly_rate_below_the_walk_away() -> None:
    # 45 an hour * 2,080 = 93,600 < 100,000; above the market's 25th (80,000).
    found = warnings_for(D(45), Period.HOUR, D(100000), MARKET)
    assert [w.kind for w in found] == [WarningKind.BELOW_WALK_AWAY]
    assert (found[0].yearly, found[0].line) == (D(93600), D(100000))
    assert "2,080 hours" in found[0].message


def test_a_monthly_figure_below_the_market() -> None:
    # 6,500 a month = 78,000 a year: below the 25th percentile (80,000), above the walk-away.
    found = warnings_for(D(6500), Period.MONTH, D(60000), MARKET)
    assert [w.kind for w in found] == [WarningKind.BELOW_MARKET]
    assert "25th percentile" in found[0].message and "hours" not in found[0].message


def test_both_warnings_and_none() -> None:
    assert len(warnings_for(D(50000), Period.YEAR, D(60000), MARKET)) == 2
    assert warnings_for(D(80000), Period.YEAR, D(80000), MARKET) == ()  # at a line is not below
    assert warnings_for(D(1), Period.YEAR, None, None) == ()


def test_a_missing_25th_is_estimated_from_the_10th_and_the_median() -> None:
    # 80,000 + 20,000 * 15 / 40 = 87,500.
    mkt = market(p10=80000, p50=100000)
    found = warnings_for(D(87000), Period.YEAR, None, mkt)
    assert [w.line for w in found] == [D(87500)]
    assert "estimated" in found[0].message
    assert warnings_for(D(88000), Period.YEAR, None, mkt) == ()


def test_no_warning_against_a_25th_that_cannot_be_estimated() -> None:
    assert warnings_for(D(1000), Period.YEAR, None, market(p50=90000, p75=100000)) == ()


def test_bad_figures_for_warnings_are_refused() -> None:
    with pytest.raises(Invalid) as raised:
        warnings_for(D(-1), Period.YEAR, None, None)
    assert list(raised.value.field_errors) == ["amount"]
    with pytest.raises(Invalid) as raised:
        warnings_for(D(1), "fortnight", None, None)  # type: ignore[arg-type]
    assert list(raised.value.field_errors) == ["period"]


# ---------------------------------------------------------------------------- properties

money = st.decimals(min_value=0, max_value=2_000_000, places=2)


@st.composite
def markets(draw: st.DrawFn) -> Market | None:
    if draw(st.booleans()) and draw(st.booleans()):
        return None
    figures = sorted(draw(st.lists(money, min_size=5, max_size=5)))
    keep = draw(st.lists(st.booleans(), min_size=5, max_size=5))
    p10, p25, p50, p75, p90 = (v if kept else None for v, kept in zip(figures, keep, strict=True))
    return market(p10=p10, p25=p25, p50=p50, p75=p75, p90=p90)


@settings(max_examples=500, deadline=None)
@given(floor=money, mkt=markets(), share=st.decimals(min_value=0, max_value=1, places=3))
def test_walk_away_target_ask_are_in_order(
    floor: Decimal, mkt: Market | None, share: Decimal
) -> None:
    numbers = target_and_ask(walk_away=floor, market=mkt, case=case_from_share(share))
    assert numbers.walk_away == floor
    assert floor <= numbers.target <= numbers.ask
    assert numbers.target_reason and numbers.ask_reason


@settings(max_examples=40, deadline=None)
@given(
    rent=st.decimals(min_value=0, max_value=20_000, places=2),
    saved=st.decimals(min_value=0, max_value=5_000, places=2),
    margin=st.integers(0, 30),
    tax=st.sampled_from([UsSettings(), UkSettings(), DeSettings(), QUARTER]),
    mkt=markets(),
    proven=st.integers(0, 9),
)
def test_from_a_budget_to_the_ask_the_order_holds(
    rent: Decimal,
    saved: Decimal,
    margin: int,
    tax: UsSettings | UkSettings | DeSettings | FlatSettings,
    mkt: Market | None,
    proven: int,
) -> None:
    sheet = budget({"housing": rent, "savings": saved})
    away = walk_away(sheet, tax, margin_percent=margin)
    assert away.derivation.net_yearly >= sheet.yearly_without_savings
    assert away.derivation.net_yearly - sheet.yearly_without_savings < 1
    numbers = target_and_ask(walk_away=away.amount, market=mkt, case=case_from_counts(proven, 9))
    assert away.amount <= numbers.target <= numbers.ask
