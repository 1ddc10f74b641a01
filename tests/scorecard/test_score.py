"""Weights, totals, gates and the ranking, worked by hand; then properties with hypothesis."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.errors import Invalid
from nextround.scorecard.criteria import DEFAULT_WEIGHTS, KEYS
from nextround.scorecard.score import (
    Gate,
    Option,
    check_score,
    check_weights,
    evidence_gaps,
    exact_total,
    pay_gate,
    pay_score,
    rank,
    total_of,
)

MISSING = Gate(label="Remote work", failed=True, reason="Office only")


def option(key: str, scores: dict[str, int | None], *, gates: tuple[Gate, ...] = ()) -> Option:
    return Option(key=key, name=key, weights=dict(DEFAULT_WEIGHTS), scores=scores, gates=gates)


def test_weights_must_add_up_to_100() -> None:
    weights = dict(DEFAULT_WEIGHTS, scope=20)
    with pytest.raises(Invalid) as raised:
        check_weights(weights)
    assert "105" in raised.value.message
    assert raised.value.field_errors["__all__"]


def test_weights_name_the_bad_criterion() -> None:
    with pytest.raises(Invalid) as raised:
        check_weights({**DEFAULT_WEIGHTS, "scope": -5, "pay": 120, "luck": 0})
    assert set(raised.value.field_errors) == {"scope", "pay", "luck"}
    missing = {k: v for k, v in DEFAULT_WEIGHTS.items() if k != "growth"}
    with pytest.raises(Invalid) as raised:
        check_weights(missing)
    assert set(raised.value.field_errors) == {"growth"}


def test_score_range() -> None:
    assert check_score(None) is None and check_score(5) == 5
    for bad in (0, 6):
        with pytest.raises(Invalid):
            check_score(bad)


def test_total_worked_by_hand_with_unscored_counted_as_three() -> None:
    # scope 15×5 + manager 15×4 + pay 15×2 + the other 55 unscored at 3 → (75+60+30+165)/100
    card = option("a", {"scope": 5, "manager": 4, "pay": 2})
    total = total_of(card)
    assert total.total == 3.3
    assert total.provisional
    assert set(total.unscored) == set(KEYS) - {"scope", "manager", "pay"}
    assert sum(p.points for p in total.parts) == pytest.approx(3.3)


def test_a_zero_weight_criterion_is_not_waiting_for_a_score() -> None:
    weights = dict(DEFAULT_WEIGHTS, stability=0, scope=20)
    card = Option(
        key="a", name="a", weights=weights, scores=dict.fromkeys(KEYS, 4) | {"stability": None}
    )
    assert not total_of(card).provisional


def test_a_gate_outranks_any_total() -> None:
    perfect = option("perfect", dict.fromkeys(KEYS, 5), gates=(MISSING,))
    poor = option("poor", dict.fromkeys(KEYS, 1))
    assert [o.key for o in rank([perfect, poor])] == ["poor", "perfect"]
    assert total_of(perfect).failed == ("Remote work",)


def test_an_unknown_gate_does_not_fail() -> None:
    unknown = Gate(label="Visa support", failed=None)
    card = option("a", {}, gates=(unknown,))
    assert card.passes and total_of(card).unknown == ("Visa support",)


def test_pay_gate_and_suggested_score() -> None:
    assert pay_gate(Decimal(90000), Decimal(95000)).failed is True
    assert pay_gate(Decimal(95000), Decimal(95000)).failed is False
    assert pay_gate(None, Decimal(95000)).failed is None
    walk, target = Decimal(90000), Decimal(120000)
    assert [
        pay_score(Decimal(a), walk, target)
        for a in (80000, 90000, 95000, 105000, 115000, 120000, 150000)
    ] == [1, 1, 2, 3, 4, 5, 5]


def test_evidence_gaps_skip_weightless_criteria() -> None:
    weights = dict(DEFAULT_WEIGHTS, stability=0, scope=20)
    gaps = evidence_gaps(weights, {"scope": 2, "pay": 1})
    assert "stability" not in gaps and "scope" not in gaps and "manager" in gaps


weights_100 = (
    st.lists(st.integers(0, 100), min_size=len(KEYS) - 1, max_size=len(KEYS) - 1)
    .map(sorted)
    .map(lambda cuts: [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)])
)


@given(weights_100)
def test_weights_that_add_up_to_100_pass(values: list[int]) -> None:
    weights = dict(zip(KEYS, values, strict=True))
    assert check_weights(weights) == weights


@given(st.lists(st.integers(0, 100), min_size=len(KEYS), max_size=len(KEYS)))
def test_weights_pass_exactly_when_they_add_up_to_100(values: list[int]) -> None:
    weights = dict(zip(KEYS, values, strict=True))
    if sum(values) == 100:
        assert check_weights(weights) == weights
    else:
        with pytest.raises(Invalid):
            check_weights(weights)


scores = st.fixed_dictionaries({k: st.one_of(st.none(), st.integers(1, 5)) for k in KEYS})


@given(weights_100, scores, scores, st.booleans())
def test_no_score_outweighs_a_gate(
    values: list[int], one: dict[str, int | None], other: dict[str, int | None], gated_first: bool
) -> None:
    weights = dict(zip(KEYS, values, strict=True))
    a = Option(
        key="a", name="a", weights=weights, scores=one, gates=(MISSING,) if gated_first else ()
    )
    b = Option(
        key="b", name="b", weights=weights, scores=other, gates=() if gated_first else (MISSING,)
    )
    first = rank([a, b])[0]
    assert first.passes


@given(weights_100, scores)
def test_the_total_stays_within_the_scale(
    values: list[int], given_scores: dict[str, int | None]
) -> None:
    card = Option(
        key="a", name="a", weights=dict(zip(KEYS, values, strict=True)), scores=given_scores
    )
    assert 1 <= exact_total(card) <= 5
    assert sum(p.points for p in total_of(card).parts) == pytest.approx(float(exact_total(card)))
