"""Several market ranges, one shown range. Each source gives some of the five percentiles
(a written low / median / high is the 25th, 50th and 75th, as ``needs.market_range`` reads it);
the combined range takes, at each percentile, the mean of the sources that give it, to the
cent. Means of different sources can cross (one source's low above another's median), so a
percentile is never shown below the one before it: it is raised to that one, and the range
says so."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import msgspec

from nextround.pay.amounts import cents
from nextround.pay.needs import POINTS, Market


class Combined(msgspec.Struct, frozen=True, kw_only=True):
    """The one range, and for each percentile how many sources gave it."""

    market: Market
    counts: tuple[tuple[int, int], ...]  # (percentile, sources that give it), known ones only
    raised: tuple[int, ...]  # percentiles lifted to the one below them
    sources: int


def combine(markets: Sequence[Market]) -> Combined:
    """The mean of the sources at each percentile, never below the percentile before it."""
    values: dict[int, Decimal] = {}
    counts: list[tuple[int, int]] = []
    raised: list[int] = []
    floor: Decimal | None = None
    for point in POINTS:
        given = [value for market in markets for p, value in market.known() if p == point]
        if not given:
            continue
        mean = cents(sum(given, Decimal(0)) / len(given))
        if floor is not None and mean < floor:
            mean = floor
            raised.append(point)
        values[point] = floor = mean
        counts.append((point, len(given)))
    return Combined(
        market=Market(**{f"p{p}": v for p, v in values.items()}),
        counts=tuple(counts),
        raised=tuple(raised),
        sources=len(markets),
    )
