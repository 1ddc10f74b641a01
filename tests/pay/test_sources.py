"""Several sources combined into one range: the mean at each percentile, never below the one
before it."""

from __future__ import annotations

from decimal import Decimal

from nextround.pay.needs import market, market_range
from nextround.pay.sources import combine


def test_one_source_is_itself() -> None:
    only = market_range(low=90_000, median=100_000, high=115_000)
    combined = combine([only])
    assert combined.market == only
    assert combined.counts == ((25, 1), (50, 1), (75, 1))
    assert combined.raised == ()


def test_the_mean_of_the_sources_that_give_each_percentile() -> None:
    survey = market_range(low=90_000, median=100_000, high=120_000)
    recruiter = market_range(low=96_000, high=110_000)  # no median
    bls = market(p10=70_000, p50=104_000, p90=140_000)
    combined = combine([survey, recruiter, bls])
    # 25th: (90,000 + 96,000) / 2 = 93,000; median: (100,000 + 104,000) / 2 = 102,000;
    # 75th: (120,000 + 110,000) / 2 = 115,000; the 10th and 90th from BLS alone.
    m = combined.market
    assert (m.p10, m.p25, m.p50, m.p75, m.p90) == (
        Decimal(70_000),
        Decimal(93_000),
        Decimal(102_000),
        Decimal(115_000),
        Decimal(140_000),
    )
    assert combined.counts == ((10, 1), (25, 2), (50, 2), (75, 2), (90, 1))
    assert combined.sources == 3


def test_crossing_means_are_raised_to_the_percentile_below() -> None:
    # One source gives only a low of 130,000, above the other's median and high: the means
    # cross, and the combined range keeps its order.
    low_heavy = market_range(low=80_000, median=90_000, high=95_000)
    high_low = market_range(low=130_000)
    combined = combine([low_heavy, high_low])
    # 25th: 105,000; median: 90,000 (raised to 105,000); 75th: 95,000 (raised to 105,000).
    assert combined.market.p25 == Decimal(105_000)
    assert combined.market.p50 == Decimal(105_000)
    assert combined.market.p75 == Decimal(105_000)
    assert combined.raised == (50, 75)


def test_means_are_kept_to_the_cent() -> None:
    combined = combine([market(p50=100_000), market(p50=100_001), market(p50=100_001)])
    assert combined.market.p50 == Decimal("100000.67")  # 300,002 / 3 = 100,000.666…
