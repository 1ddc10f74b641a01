"""How close the call is: the smallest change to one weight that would put another option first.

Moving criterion k's weight to v (0–100) rescales the other weights in proportion so they still
add up to 100 - v (when they are all 0, they share it equally). Each option's total then mixes two
fixed numbers, its score on k and the weighted mean of its other scores:

    total(v) = (v × score_k + (100 - v) × mean_of_the_rest) / 100

so the leader's lead over a challenger is a straight line in v, and the weight at which they draw
level is where the line crosses zero. The flip margin is the smallest distance from the current
weight to such a crossing, over every criterion and every challenger that passes its gates (an
option failing a gate cannot come first, whatever the weights). Beyond that point the challenger
leads; ``whole_weight`` is the nearest whole-number weight at which it is strictly ahead.

When scorecards weigh differently, the same v is set in each and each rescales its own others;
the change is measured from the leader's weight.

``flip_sentence`` words the margin, once for the decision page and `nextround decide`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import msgspec

from nextround.scorecard.criteria import BY_KEY
from nextround.scorecard.score import TOTAL_WEIGHT, Option, exact_total, rank


class Flip(msgspec.Struct, frozen=True, kw_only=True):
    criterion: str
    challenger: str  # the option's key
    challenger_name: str
    weight: int  # the leader's weight for the criterion now
    level_at: float  # the weight at which the challenger draws level
    change: float  # level_at - weight: + raise it, - lower it
    whole_weight: int | None  # the nearest whole weight with the challenger strictly ahead

    @property
    def size(self) -> float:
        return abs(self.change)


class FlipMargin(msgspec.Struct, frozen=True, kw_only=True):
    leader: str
    leader_name: str
    smallest: Flip | None  # None: no single weight can change first place
    by_criterion: tuple[Flip, ...]  # the smallest flip for each criterion that has one


def _rest_mean(option: Option, key: str) -> Fraction:
    others = [(k, w) for k, w in option.weights.items() if k != key]
    if not others:
        return Fraction(0)
    rest = sum(w for _, w in others)
    if rest == 0:
        return Fraction(sum(option.score_of(k) for k, _ in others), len(others))
    return Fraction(sum(w * option.score_of(k) for k, w in others), rest)


def total_at(option: Option, key: str, weight: Fraction | int) -> Fraction:
    """The option's total with ``key`` weighed ``weight`` and the others rescaled."""
    v = Fraction(weight)
    return (v * option.score_of(key) + (TOTAL_WEIGHT - v) * _rest_mean(option, key)) / TOTAL_WEIGHT


def _lead(leader: Option, challenger: Option, key: str, v: Fraction) -> Fraction:
    return total_at(leader, key, v) - total_at(challenger, key, v)


def _whole_weight(leader: Option, challenger: Option, key: str) -> int | None:
    """The whole weight nearest the current one at which the challenger is strictly ahead."""
    now = leader.weights.get(key, 0)
    ahead = [v for v in range(TOTAL_WEIGHT + 1) if _lead(leader, challenger, key, Fraction(v)) < 0]
    return min(ahead, key=lambda v: (abs(v - now), v), default=None)


def _crossing(leader: Option, challenger: Option, key: str) -> Fraction | None:
    """The weight for ``key`` in 0–100 nearest the current one where the lead is zero or
    less, or None."""
    now = Fraction(leader.weights.get(key, 0))
    at_now = _lead(leader, challenger, key, now)
    if at_now <= 0:
        return now
    # lead(v) = a + v (b - a) / 100 with a = lead at 0 and b = lead at 100
    a = _lead(leader, challenger, key, Fraction(0))
    b = _lead(leader, challenger, key, Fraction(TOTAL_WEIGHT))
    if a == b:
        return None
    level = a * TOTAL_WEIGHT / (a - b)
    return level if 0 <= level <= TOTAL_WEIGHT else None


def flip_margin(options: Sequence[Option]) -> FlipMargin | None:
    """The flip margin across ``options``; None when fewer than two pass their gates."""
    passing = [o for o in rank(options) if o.passes]
    if len(passing) < 2:
        return None
    leader, challengers = passing[0], passing[1:]
    keys = list(leader.weights)
    flips: list[Flip] = []
    for key in keys:
        best: Flip | None = None
        for challenger in challengers:
            level = _crossing(leader, challenger, key)
            if level is None:
                continue
            weight = leader.weights.get(key, 0)
            flip = Flip(
                criterion=key,
                challenger=challenger.key,
                challenger_name=challenger.name,
                weight=weight,
                level_at=float(level),
                change=float(level - weight),
                whole_weight=_whole_weight(leader, challenger, key),
            )
            if best is None or flip.size < best.size:
                best = flip
        if best is not None:
            flips.append(best)
    flips.sort(key=lambda f: (f.size, keys.index(f.criterion)))
    return FlipMargin(
        leader=leader.key,
        leader_name=leader.name,
        smallest=flips[0] if flips else None,
        by_criterion=tuple(flips),
    )


def lead(options: Sequence[Option]) -> float | None:
    """The leader's total minus the runner-up's, among options passing their gates."""
    passing = [o for o in rank(options) if o.passes]
    if len(passing) < 2:
        return None
    return float(exact_total(passing[0]) - exact_total(passing[1]))


def flip_sentence(margin: FlipMargin | None) -> str:
    """The flip margin as the candidate reads it: the smallest flip, or why there is none."""
    if margin is None:
        return "Fewer than two options pass their gates: no weight can change first place."
    flip = margin.smallest
    if flip is None:
        return f"No change to a single weight puts anyone ahead of {margin.leader_name}."
    criterion = BY_KEY[flip.criterion].label if flip.criterion in BY_KEY else flip.criterion
    verb = "lower" if flip.change < 0 else "raise"
    sentence = (
        f"The flip margin is {flip.size:.1f} points of weight: {verb} “{criterion}” from "
        f"{flip.weight} to {flip.level_at:.1f} and {flip.challenger_name} draws level with "
        f"{margin.leader_name}"
    )
    if flip.whole_weight is not None:
        sentence += f"; at {flip.whole_weight} it leads"
    return sentence + "."
