"""The default criteria: the nine the issue names, weights adding up to 100, anchors written."""

from __future__ import annotations

from nextround.playbook.knowledge import THEME_LABELS
from nextround.scorecard.criteria import BY_KEY, CRITERIA, DEFAULT_WEIGHTS
from nextround.scorecard.score import check_weights


def test_default_weights_add_up_to_100_and_pass_the_check() -> None:
    assert sum(DEFAULT_WEIGHTS.values()) == 100
    assert check_weights(DEFAULT_WEIGHTS) == DEFAULT_WEIGHTS


def test_every_criterion_has_three_distinct_anchors_and_known_themes() -> None:
    assert len(CRITERIA) == 9
    for criterion in CRITERIA:
        anchors = {criterion.low, criterion.middle, criterion.high}
        assert len(anchors) == 3 and all(a.strip() for a in anchors)
        assert set(criterion.themes) <= set(THEME_LABELS), criterion.key


def test_anchor_for_an_in_between_score_names_both_neighbours() -> None:
    pay = BY_KEY["pay"]
    assert pay.anchor(1) == pay.low and pay.anchor(3) == pay.middle and pay.anchor(5) == pay.high
    assert pay.low in pay.anchor(2) and pay.middle in pay.anchor(2)
    assert pay.middle in pay.anchor(4) and pay.high in pay.anchor(4)
