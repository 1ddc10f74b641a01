"""How much the job must pay. From a yearly net need to the gross that yields it (bisection on
the country's ``net_of``); the walk-away number (the gross the budget without savings needs,
plus the user's margin); the target and the opening ask from the market's range and the
strength of the user's case; and the warnings a pay figure earns wherever it appears.

Every figure here is per year and in the currency of the tax settings; an hourly figure counts
2,080 hours a year (40 hours a week for 52 weeks), a monthly one twelve months."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import msgspec

from nextround.errors import Invalid
from nextround.pay.amounts import (
    HUNDRED,
    Period,
    check_amount,
    check_percent,
    refuse,
    round_figure_up,
    to_yearly,
    whole_up,
)
from nextround.pay.budget import Budget
from nextround.pay.derivation import Derivation
from nextround.pay.tax import GROSS_LIMIT, Settings, net_of
from nextround.pay.text import amount_text

NET_LIMIT = GROSS_LIMIT // 10  # ten million a year after tax: more is a typo


# ---------------------------------------------------------------------------- net to gross


def gross_for_net(net_yearly: Decimal | int, settings: Settings) -> Derivation:
    """The account at a whole gross whose net reaches ``net_yearly`` while the unit below does
    not (bisection on whole units of money; the smallest such gross where net rises steadily,
    as it does except for Germany's whole-euro wage tax). Each unit more of gross adds less
    than one unit of net, so the net found is at most one unit a year above the need. Invalid
    when no gross up to 100 million reaches it."""
    need = check_amount(net_yearly, "net", limit=NET_LIMIT, what="The yearly net need")
    if need == 0:
        return net_of(0, settings)
    low, high = 0, int(whole_up(need))  # net(0) = 0 < need; net never exceeds gross
    while net_of(high, settings).net_yearly < need:
        if high >= GROSS_LIMIT:
            raise refuse("net", "No gross up to 100 million a year leaves that much after tax.")
        low, high = high, min(high * 2, int(GROSS_LIMIT))
    while high - low > 1:
        middle = (low + high) // 2
        if net_of(middle, settings).net_yearly >= need:
            high = middle
        else:
            low = middle
    return net_of(high, settings)


# ---------------------------------------------------------------------------- walk-away


class WalkAway(msgspec.Struct, frozen=True, kw_only=True):
    """The gross a year below which the job does not pay for the budget without savings.
    ``derivation`` is the account at ``needed_gross`` (before the margin)."""

    amount: Decimal
    net_need_yearly: Decimal
    needed_gross: Decimal
    margin: Decimal
    margin_percent: Decimal | None
    derivation: Derivation
    reason: str


def walk_away(
    sheet: Budget,
    settings: Settings,
    *,
    margin_percent: Decimal | int = 0,
    margin_amount: Decimal | int = 0,
) -> WalkAway:
    """The gross that leaves the budget without savings after tax, plus a margin: a percent of
    that gross or an amount a year (one of them, not both)."""
    percent = check_percent(
        margin_percent, "margin_percent", low=Decimal(0), high=HUNDRED, what="The margin"
    )
    extra = check_amount(margin_amount, "margin_amount", limit=GROSS_LIMIT, what="The margin")
    if percent and extra:
        raise Invalid(
            "Give the margin as a percent or as an amount, not both.",
            {"margin_percent": ["Percent or amount, not both."], "margin_amount": []},
        )
    account = gross_for_net(sheet.yearly_without_savings, settings)
    needed = account.gross_yearly
    margin = whole_up(needed * percent / HUNDRED) if percent else extra
    monthly = amount_text(sheet.monthly_without_savings, account.currency)
    reason = f"the gross that leaves {monthly} a month after tax for your budget without savings"
    if percent:
        reason += f", plus your {percent.normalize():f} % margin"
    elif extra:
        reason += f", plus your margin of {amount_text(extra, account.currency)} a year"
    return WalkAway(
        amount=needed + margin,
        net_need_yearly=sheet.yearly_without_savings,
        needed_gross=needed,
        margin=margin,
        margin_percent=percent if percent else None,
        derivation=account,
        reason=reason,
    )


# ---------------------------------------------------------------------------- the market

POINTS = (10, 25, 50, 75, 90)


class Market(msgspec.Struct, frozen=True, kw_only=True):
    """The market's pay for the role as yearly percentiles; any may be missing. Build it with
    ``market`` or ``market_range``, which check the figures and convert the period."""

    p10: Decimal | None = None
    p25: Decimal | None = None
    p50: Decimal | None = None
    p75: Decimal | None = None
    p90: Decimal | None = None

    def known(self) -> tuple[tuple[int, Decimal], ...]:
        given = (self.p10, self.p25, self.p50, self.p75, self.p90)
        return tuple((p, v) for p, v in zip(POINTS, given, strict=True) if v is not None)


def market(
    *,
    p10: Decimal | int | None = None,
    p25: Decimal | int | None = None,
    p50: Decimal | int | None = None,
    p75: Decimal | int | None = None,
    p90: Decimal | int | None = None,
    period: Period = Period.YEAR,
) -> Market:
    """The percentiles given (per ``period``), checked and made yearly. Each is an amount of
    money; a higher percentile is never below a lower one."""
    if not isinstance(period, Period):
        raise refuse("period", "The pay period is hour, month or year.")
    raw = {"p10": p10, "p25": p25, "p50": p50, "p75": p75, "p90": p90}
    limit = GROSS_LIMIT / {Period.HOUR: 2080, Period.MONTH: 12, Period.YEAR: 1}[period]
    yearly: dict[str, Decimal | None] = {}
    before: tuple[str, Decimal] | None = None
    for key, value in raw.items():
        if value is None:
            yearly[key] = None
            continue
        amount = check_amount(value, key, limit=limit, what=f"The market's {_name(key)}")
        if before is not None and amount < before[1]:
            message = f"The market's {_name(key)} is below its {_name(before[0])}."
            raise refuse(key, message)
        before = (key, amount)
        yearly[key] = to_yearly(amount, period)
    return Market(**yearly)


def market_range(
    *,
    low: Decimal | int | None = None,
    median: Decimal | int | None = None,
    high: Decimal | int | None = None,
    period: Period = Period.YEAR,
) -> Market:
    """A range written low / median / high, read as the middle half of the market: low is the
    25th percentile, high the 75th (as salary surveys usually draw their range)."""
    try:
        return market(p25=low, p50=median, p75=high, period=period)
    except Invalid as error:
        names = {"p25": "low", "p50": "median", "p75": "high"}
        fields = {names.get(k, k): v for k, v in error.field_errors.items()}
        raise Invalid(error.message, fields) from None


def _name(key: str | int) -> str:
    point = int(str(key).removeprefix("p"))
    return "median" if point == 50 else f"{point}th percentile"


class Point(msgspec.Struct, frozen=True):
    value: Decimal
    phrase: str
    exact: bool  # False: between two known percentiles, or the nearest one known


def market_point(mkt: Market, point: Decimal, *, nearest: bool = True) -> Point | None:
    """The market's figure at percentile ``point``: the given one, an estimate on the straight
    line between the known percentiles either side, or (when ``nearest``) the closest known
    one. ``None`` when the market has no figures (or none either side and not ``nearest``)."""
    known = mkt.known()
    for p, value in known:
        if p == point:
            return Point(value, f"the market's {_name(p)}", exact=True)
    below = [(p, v) for p, v in known if p < point]
    above = [(p, v) for p, v in known if p > point]
    if below and above:
        (p1, v1), (p2, v2) = below[-1], above[0]
        value = v1 + (v2 - v1) * (point - p1) / (p2 - p1)
        where = "halfway" if point * 2 == p1 + p2 else "an estimate"
        phrase = f"{where} between the market's {_name(p1)} and its {_name(p2)}"
        return Point(value, phrase, exact=False)
    if not nearest or not known:
        return None
    if below:
        p, value = below[-1]
        return Point(value, f"the market's {_name(p)}, the highest figure you have", exact=False)
    p, value = above[0]
    return Point(value, f"the market's {_name(p)}, the lowest figure you have", exact=False)


# ---------------------------------------------------------------------------- target and ask


class Strength(StrEnum):
    """How well the user's stories prove what the job needs: thin below half, solid from half,
    strong from four in five."""

    THIN = "thin"
    SOLID = "solid"
    STRONG = "strong"


# Where on the market each strength aims: (target percentile, ask percentile).
AIMS: dict[Strength, tuple[Decimal, Decimal]] = {
    Strength.THIN: (Decimal(50), Decimal(75)),
    Strength.SOLID: (Decimal("62.5"), Decimal("82.5")),
    Strength.STRONG: (Decimal(75), Decimal(90)),
}


class Case(msgspec.Struct, frozen=True, kw_only=True):
    """The strength of the user's case: ``share`` of the job's needs their stories prove (0 to
    1), with the counts when known (8 of 9)."""

    share: Decimal
    proven: int | None = None
    needs: int | None = None

    @property
    def strength(self) -> Strength:
        if self.share >= Decimal("0.8"):
            return Strength.STRONG
        if self.share >= Decimal("0.5"):
            return Strength.SOLID
        return Strength.THIN

    def because(self) -> str:
        if self.proven is not None and self.needs is not None:
            said = f"your stories prove {self.proven} of {self.needs} needs"
        else:
            said = f"your stories prove {int(self.share * 100)} % of the needs"
        return f"because {said} ({self.strength.value} case)"


def case_from_counts(proven: int, needs: int) -> Case:
    """The case from how many of the job's needs the stories prove."""
    for field, value in (("proven", proven), ("needs", needs)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000:
            raise refuse(field, "Count the needs with a whole number from 0.")
    if proven > needs:
        raise refuse("proven", "The stories cannot prove more needs than the job has.")
    share = Decimal(proven) / Decimal(needs) if needs else Decimal(0)
    return Case(share=share, proven=proven, needs=needs)


def case_from_share(share: Decimal | int) -> Case:
    """The case from a plain number between 0 and 1."""
    if isinstance(share, bool) or not isinstance(share, Decimal | int):
        raise refuse("share", "The strength of the case is a number from 0 to 1.")
    value = Decimal(share)
    if not value.is_finite() or not 0 <= value <= 1:
        raise refuse("share", "The strength of the case is a number from 0 to 1.")
    return Case(share=value)


class Numbers(msgspec.Struct, frozen=True, kw_only=True):
    """Walk-away ≤ target ≤ ask, yearly, each with its reason in one line."""

    walk_away: Decimal
    target: Decimal
    ask: Decimal
    target_reason: str
    ask_reason: str


def target_and_ask(*, walk_away: Decimal | int, market: Market | None, case: Case) -> Numbers:
    """The target and the opening ask: where the case's strength aims on the market, never the
    target below the walk-away nor the ask below the target; both rounded up to three
    significant figures (a number to say out loud)."""
    floor = check_amount(walk_away, "walk_away", limit=GROSS_LIMIT, what="The walk-away number")
    aim_target, aim_ask = AIMS[case.strength]
    mkt = market or Market()
    target_point = market_point(mkt, aim_target)
    ask_point = market_point(mkt, aim_ask)
    if target_point is None:
        target, target_reason = floor, "your walk-away number: add a market range to aim higher"
    elif target_point.value < floor:
        target = floor
        target_reason = f"your walk-away number, since {target_point.phrase} is below it"
    else:
        target, target_reason = target_point.value, f"{target_point.phrase}, {case.because()}"
    if ask_point is None:
        ask, ask_reason = target, "your target: with no market range there is nothing to open above"
    elif ask_point.value < target:
        ask, ask_reason = target, f"your target, since {ask_point.phrase} is below it"
    else:
        ask, ask_reason = ask_point.value, f"{ask_point.phrase}, {case.because()}"
    return Numbers(
        walk_away=floor,
        target=round_figure_up(target),
        ask=round_figure_up(ask),
        target_reason=target_reason,
        ask_reason=ask_reason,
    )


# ---------------------------------------------------------------------------- warnings


class WarningKind(StrEnum):
    BELOW_WALK_AWAY = "below_walk_away"
    BELOW_MARKET = "below_market"


class PayWarning(msgspec.Struct, frozen=True, kw_only=True):
    """A pay figure under a line that matters: ``yearly`` is the figure made yearly,
    ``line`` the yearly line it falls under."""

    kind: WarningKind
    message: str
    yearly: Decimal
    line: Decimal


def warnings_for(
    amount: Decimal | int,
    period: Period,
    walk_away: Decimal | None,
    market: Market | None,
) -> tuple[PayWarning, ...]:
    """What to say about a pay figure (an offer, a posting's band, a number from a round): below
    the walk-away number, below the market's 25th percentile (given, or estimated between the
    10th and the median). Nothing is said against a line that is not known."""
    if not isinstance(period, Period):
        raise refuse("period", "The pay period is hour, month or year.")
    figure = check_amount(amount, "amount", limit=GROSS_LIMIT, what="The pay figure")
    yearly = to_yearly(figure, period)
    per = " (an hourly rate counts 2,080 hours a year)" if period is Period.HOUR else ""
    found: list[PayWarning] = []
    if walk_away is not None and yearly < walk_away:
        found.append(
            PayWarning(
                kind=WarningKind.BELOW_WALK_AWAY,
                message=f"Below your walk-away number: this pay does not cover your budget{per}.",
                yearly=yearly,
                line=walk_away,
            )
        )
    quarter = market_point(market, Decimal(25), nearest=False) if market else None
    if quarter is not None and yearly < quarter.value:
        estimated = "" if quarter.exact else " (estimated from the figures you have)"
        found.append(
            PayWarning(
                kind=WarningKind.BELOW_MARKET,
                message=(
                    f"Below the market's 25th percentile{estimated}: three in four such jobs "
                    f"pay more{per}."
                ),
                yearly=yearly,
                line=quarter.value,
            )
        )
    return tuple(found)
