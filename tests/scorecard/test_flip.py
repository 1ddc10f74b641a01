"""The flip margin on cases worked by hand, then its promise checked with hypothesis: at the
crossing the two draw level, past it the challenger leads, and no smaller change to any one
weight changes first place. Then the one sentence that words it."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.scorecard.flip import flip_margin, flip_sentence, lead, total_at
from nextround.scorecard.score import Gate, Option, exact_total


def card(
    key: str, weights: dict[str, int], scores: dict[str, int], *, gated: bool = False
) -> Option:
    gates = (Gate(label="Visa support", failed=True),) if gated else ()
    return Option(key=key, name=key.upper(), weights=weights, scores=dict(scores), gates=gates)


# Two criteria: A 5/2 (3.5), B 2/4 (3.0). Weighing a at v: A = (200 + 3v)/100,
# B = (400 - 2v)/100, level at v = 40, a change of -10; B strictly ahead at 39. Moving b is the
# same move seen from the other side: level at 60, +10, ahead at 61.
TWO = {"a": 50, "b": 50}


def test_two_criteria_by_hand() -> None:
    margin = flip_margin([card("a", TWO, {"a": 5, "b": 2}), card("b", TWO, {"a": 2, "b": 4})])
    assert margin is not None and margin.leader == "a"
    flips = {f.criterion: f for f in margin.by_criterion}
    assert flips["a"].level_at == pytest.approx(40) and flips["a"].change == pytest.approx(-10)
    assert flips["a"].whole_weight == 39
    assert flips["b"].level_at == pytest.approx(60) and flips["b"].whole_weight == 61
    assert margin.smallest is not None and margin.smallest.size == pytest.approx(10)


# Three criteria weighed 50/30/20. A 4,4,2 (3.6), B 3,3,5 (3.4), C 5,1,1 (3.0).
# c at v: the others keep 5:3, A = (400 - 2v)/100, B = (300 + 2v)/100: level at 25 (+5), B
# ahead at 26; C never catches A on c. a at v: A = (320 + 0.8v)/100, B = (380 - 0.8v)/100,
# level at 37.5 (-12.5); C level at 68.75. b at v: B and C both level at 12.5 (-17.5).
THREE = {"a": 50, "b": 30, "c": 20}
A = card("a", THREE, {"a": 4, "b": 4, "c": 2})
B = card("b", THREE, {"a": 3, "b": 3, "c": 5})
C = card("c", THREE, {"a": 5, "b": 1, "c": 1})


def test_three_options_by_hand() -> None:
    margin = flip_margin([C, B, A])
    assert margin is not None and margin.leader == "a"
    smallest = margin.smallest
    assert smallest is not None
    assert (smallest.criterion, smallest.challenger) == ("c", "b")
    assert smallest.level_at == pytest.approx(25) and smallest.change == pytest.approx(5)
    assert smallest.whole_weight == 26
    flips = {f.criterion: f for f in margin.by_criterion}
    assert [f.criterion for f in margin.by_criterion] == ["c", "a", "b"]
    assert flips["a"].challenger == "b" and flips["a"].level_at == pytest.approx(37.5)
    assert flips["b"].level_at == pytest.approx(12.5)
    assert lead([A, B, C]) == pytest.approx(0.2)


def test_a_gated_option_is_no_challenger() -> None:
    gated_b = card("b", THREE, {"a": 3, "b": 3, "c": 5}, gated=True)
    margin = flip_margin([A, gated_b, C])
    assert margin is not None and margin.smallest is not None
    assert margin.smallest.challenger == "c"
    # without B: C draws level on b at 12.5 (-17.5) before it does on a at 68.75 (+18.75)
    assert margin.smallest.criterion == "b" and margin.smallest.level_at == pytest.approx(12.5)
    flips = {f.criterion: f.level_at for f in margin.by_criterion}
    assert flips == {"b": pytest.approx(12.5), "a": pytest.approx(68.75)}
    assert flip_margin([A, gated_b]) is None


def test_a_tie_is_a_margin_of_zero() -> None:
    margin = flip_margin([card("a", TWO, {"a": 4, "b": 2}), card("b", TWO, {"a": 2, "b": 4})])
    assert margin is not None and margin.smallest is not None and margin.smallest.size == 0


def test_identical_scores_never_flip() -> None:
    margin = flip_margin([card("a", TWO, {"a": 3, "b": 4}), card("b", TWO, {"a": 3, "b": 4})])
    assert margin is not None and margin.smallest is not None and margin.smallest.size == 0
    dominated = flip_margin([card("a", TWO, {"a": 5, "b": 5}), card("b", TWO, {"a": 1, "b": 2})])
    assert dominated is not None and dominated.smallest is None and dominated.by_criterion == ()


def test_all_other_weights_zero_share_the_freed_weight() -> None:
    weights = {"a": 100, "b": 0, "c": 0}
    x = card("x", weights, {"a": 5, "b": 1, "c": 1})
    y = card("y", weights, {"a": 4, "b": 5, "c": 5})
    # a at v: X = (5v + (100-v))/100, Y = (4v + 5(100-v))/100 → level at v = 80 (-20)
    margin = flip_margin([x, y])
    assert margin is not None and margin.smallest is not None
    assert margin.smallest.criterion == "a" and margin.smallest.level_at == pytest.approx(80)


KEYS = ("a", "b", "c", "d")
weights_100 = (
    st.lists(st.integers(0, 100), min_size=3, max_size=3)
    .map(sorted)
    .map(
        lambda cuts: dict(
            zip(KEYS, [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)], strict=True)
        )
    )
)
score_sets = st.lists(
    st.fixed_dictionaries({k: st.integers(1, 5) for k in KEYS}), min_size=2, max_size=4
)


@settings(max_examples=150, deadline=None)
@given(weights_100, score_sets)
def test_the_flip_margin_is_exact_and_smallest(
    weights: dict[str, int], sets: list[dict[str, int]]
) -> None:
    options = [card(f"o{i}", weights, s) for i, s in enumerate(sets)]
    margin = flip_margin(options)
    assert margin is not None
    leader = next(o for o in options if o.key == margin.leader)
    assert all(exact_total(leader) >= exact_total(o) for o in options)
    for flip in margin.by_criterion:
        challenger = next(o for o in options if o.key == flip.challenger)
        level = Fraction(flip.level_at).limit_denominator(10**6)
        gap = total_at(leader, flip.criterion, level) - total_at(challenger, flip.criterion, level)
        assert abs(gap) < Fraction(1, 10**4)
        if flip.whole_weight is not None:
            ahead = total_at(challenger, flip.criterion, flip.whole_weight)
            assert ahead > total_at(leader, flip.criterion, flip.whole_weight)
    smallest = margin.smallest.size if margin.smallest else 101.0
    # No whole-number weight closer than the margin puts anyone ahead of the leader.
    for key, now in weights.items():
        for v in range(101):
            if abs(v - now) < smallest - 1e-9:
                best = total_at(leader, key, v)
                assert all(total_at(o, key, v) <= best for o in options), (key, v)


@given(
    weights_100, st.fixed_dictionaries({k: st.integers(1, 5) for k in KEYS}), st.integers(0, 100)
)
def test_rescaled_weights_still_add_up_to_100(
    weights: dict[str, int], scores: dict[str, int], v: int
) -> None:
    option = card("x", weights, scores)
    for key, now in weights.items():
        rest = 100 - now
        if rest == 0:
            continue
        rescaled = {
            k: (Fraction(v) if k == key else Fraction(w * (100 - v), rest))
            for k, w in weights.items()
        }
        assert sum(rescaled.values()) == 100
        expected = sum(rescaled[k] * scores[k] for k in KEYS) / 100
        assert total_at(option, key, v) == expected


# --- the sentence ------------------------------------------------------------------------------


def test_the_sentence_words_the_smallest_flip() -> None:
    # The three options above: lower nothing, raise “c” from 20 to 25 and B draws level with A.
    assert flip_sentence(flip_margin([C, B, A])) == (
        "The flip margin is 5.0 points of weight: raise “c” from 20 to 25.0 and B draws level "
        "with A; at 26 it leads."
    )


def test_the_sentence_names_a_default_criterion_by_its_label_and_says_lower() -> None:
    weights = {"manager": 50, "growth": 50}
    margin = flip_margin(
        [
            card("n", weights, {"manager": 5, "growth": 2}),
            card("c", weights, {"manager": 2, "growth": 4}),
        ]
    )
    # As the two criteria by hand: lower the manager's style from 50 to 40, C ahead at 39.
    assert flip_sentence(margin) == (
        "The flip margin is 10.0 points of weight: lower “The manager's style” from 50 to 40.0 "
        "and C draws level with N; at 39 it leads."
    )


def test_the_sentence_without_a_flip() -> None:
    assert flip_sentence(None) == (
        "Fewer than two options pass their gates: no weight can change first place."
    )
    gated = [card("a", TWO, {"a": 5, "b": 5}), card("b", TWO, {"a": 1, "b": 1}, gated=True)]
    assert flip_sentence(flip_margin(gated)) == flip_sentence(None)
    # Better on every criterion: no weight puts the other ahead.
    margin = flip_margin([card("a", TWO, {"a": 5, "b": 5}), card("b", TWO, {"a": 1, "b": 1})])
    assert flip_sentence(margin) == "No change to a single weight puts anyone ahead of A."
