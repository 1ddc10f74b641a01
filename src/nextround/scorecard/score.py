"""Weights, gates and weighted totals, and the ranking across opportunities.

A total is the weighted mean of the scores on the 1–5 scale: Σ weight × score / 100. A criterion
not scored yet counts as 3, the middle anchor, and the total says it is provisional. An option
that fails a gate (pay below the walk-away number, a must-have missing) ranks below every option
that passes, whatever its total: no score outweighs a gate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import msgspec

from nextround.errors import Invalid
from nextround.scorecard.criteria import KEYS

TOTAL_WEIGHT = 100
UNSCORED = 3  # an unscored criterion counts as the middle anchor
LOWEST, HIGHEST = 1, 5


def check_weights(weights: Mapping[str, int], keys: Sequence[str] = KEYS) -> dict[str, int]:
    """The weights in criteria order, or ``Invalid`` naming what is wrong: a criterion missing
    or unknown, a weight below 0 or above 100, a sum other than 100."""
    errors: dict[str, list[str]] = {}
    for key in weights:
        if key not in keys:
            errors[key] = ["Not a criterion of the scorecard."]
    for key in keys:
        value = weights.get(key)
        if value is None:
            errors[key] = ["Give a weight (0 to leave it out)."]
        elif isinstance(value, bool) or not isinstance(value, int):
            errors[key] = ["A whole number from 0 to 100."]
        elif not 0 <= value <= TOTAL_WEIGHT:
            errors[key] = ["Between 0 and 100."]
    if errors:
        raise Invalid("Check the weights.", errors)
    total = sum(weights[k] for k in keys)
    if total != TOTAL_WEIGHT:
        raise Invalid(
            f"The weights add up to {total}; they must add up to {TOTAL_WEIGHT}.",
            {"__all__": [f"The weights add up to {total}, not {TOTAL_WEIGHT}."]},
        )
    return {k: weights[k] for k in keys}


def check_score(score: int | None) -> int | None:
    if score is not None and not LOWEST <= score <= HIGHEST:
        raise Invalid("A score is from 1 to 5.", {"score": ["From 1 to 5."]})
    return score


class Gate(msgspec.Struct, frozen=True, kw_only=True):
    """A condition the job must meet. ``failed`` None: not known yet (worth asking)."""

    label: str
    failed: bool | None
    reason: str = ""


class Option(msgspec.Struct, frozen=True, kw_only=True):
    """One opportunity (or offer) as scored: its weights, its scores by criterion, its gates."""

    key: str  # stable id, e.g. the opportunity's id
    name: str
    weights: dict[str, int]
    scores: dict[str, int | None]
    gates: tuple[Gate, ...] = ()

    def score_of(self, key: str) -> int:
        value = self.scores.get(key)
        return UNSCORED if value is None else value

    @property
    def failed_gates(self) -> tuple[Gate, ...]:
        return tuple(g for g in self.gates if g.failed)

    @property
    def passes(self) -> bool:
        return not self.failed_gates


def exact_total(option: Option) -> Fraction:
    return Fraction(sum(w * option.score_of(k) for k, w in option.weights.items()), TOTAL_WEIGHT)


class Part(msgspec.Struct, frozen=True):
    """One criterion's share of a total: weight × score / 100."""

    key: str
    weight: int
    score: int | None
    points: float


class Total(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    name: str
    total: float  # 1–5, two decimals
    parts: tuple[Part, ...]
    unscored: tuple[str, ...]  # criteria with weight and no score yet
    provisional: bool
    gates: tuple[Gate, ...]
    failed: tuple[str, ...]  # labels of the gates it fails
    unknown: tuple[str, ...]  # labels of the gates not known yet

    @property
    def passes(self) -> bool:
        return not self.failed


def total_of(option: Option) -> Total:
    parts = tuple(
        Part(k, w, option.scores.get(k), float(Fraction(w * option.score_of(k), TOTAL_WEIGHT)))
        for k, w in option.weights.items()
    )
    unscored = tuple(k for k, w in option.weights.items() if w and option.scores.get(k) is None)
    return Total(
        key=option.key,
        name=option.name,
        total=round(float(exact_total(option)), 2),
        parts=parts,
        unscored=unscored,
        provisional=bool(unscored),
        gates=option.gates,
        failed=tuple(g.label for g in option.gates if g.failed),
        unknown=tuple(g.label for g in option.gates if g.failed is None),
    )


def rank(options: Sequence[Option]) -> list[Option]:
    """Options passing every gate first, each group by total (highest first), then by name."""
    return sorted(options, key=lambda o: (not o.passes, -exact_total(o), o.name.casefold(), o.key))


def pay_gate(amount: Decimal | None, walk_away: Decimal | None, currency: str = "") -> Gate:
    """Pay below the walk-away number fails; without both figures it is not known yet."""
    label = "Pay at or above my walk-away number"
    if amount is None or walk_away is None:
        return Gate(label=label, failed=None, reason="No offer or no walk-away number yet.")
    money = f" {currency}" if currency else ""
    if amount < walk_away:
        return Gate(
            label=label, failed=True, reason=f"{amount:,.0f}{money} is below {walk_away:,.0f}."
        )
    return Gate(label=label, failed=False, reason=f"{amount:,.0f}{money} ≥ {walk_away:,.0f}.")


def pay_score(amount: Decimal, walk_away: Decimal, target: Decimal) -> int:
    """The pay score the anchors suggest: 1 below or at the walk-away number, 5 at the target or
    above, 2–4 in between by where the amount falls (thirds of the distance)."""
    if amount >= target:
        return HIGHEST
    if amount <= walk_away:
        return LOWEST
    share = (amount - walk_away) / (target - walk_away)
    return 2 + min(2, int(share * 3))


def evidence_gaps(weights: Mapping[str, int], evidence: Mapping[str, int]) -> list[str]:
    """Criteria that weigh something and have no observation behind their score yet."""
    return [k for k, w in weights.items() if w and not evidence.get(k)]
