"""The question classifier (nextround.playbook.classify) and its cross-validation on the bank."""

from __future__ import annotations

import pytest

from nextround.errors import Invalid
from nextround.playbook import knowledge, question_model
from nextround.playbook.classify import (
    RULE_CONFIDENCE,
    UNSURE_BELOW,
    Prediction,
    classify_question,
    cross_validate,
)
from nextround.playbook.knowledge import CATEGORIES
from tests.playbook.helpers import question


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("What are your salary expectations?", "salary"),
        ("Tell me about a time you disagreed with a colleague", "behavioral"),
        ("What would you do if a client threatened to leave?", "situational"),
        ("Do you have any questions for us?", "closing"),
    ],
)
def test_classifier_recognises_clear_questions(text: str, category: str) -> None:
    prediction = classify_question(text)
    assert prediction.category == category
    assert 0 < prediction.confidence <= 1
    assert prediction.runner_up != category
    assert prediction.runner_up in CATEGORIES


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tell me about yourself.", "basics"),
        ("  tell ME about   yourself ", "basics"),
        ("Walk me through your resume.", "basics"),
    ],
)
def test_classifier_is_certain_about_wordings_from_the_bank(text: str, category: str) -> None:
    prediction = classify_question(text)
    assert (prediction.category, prediction.confidence) == (category, 1.0)
    assert prediction.runner_up != category


def test_classifier_ignores_extra_whitespace() -> None:
    assert classify_question("  What are your\n\tsalary   expectations?  ").category == "salary"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t  ", "x" * 1001, "word " * 300, "?!... — ¿¡ …", "--- *** ---"],
)
def test_classifier_refuses_unusable_input(text: str) -> None:
    with pytest.raises(Invalid):
        classify_question(text)


def test_classifier_length_limit_counts_collapsed_whitespace() -> None:
    assert classify_question("a" * 1000).category in CATEGORIES
    # 59 × 20 = 1180 characters, 399 once whitespace is collapsed.
    padded = ("salary expectations" + " " * 40) * 20
    assert classify_question(padded).category == "salary"


def test_cross_validation_on_the_bank_beats_chance_by_far() -> None:
    bank = knowledge.questions()
    result = cross_validate(bank, folds=5)
    assert result.folds == 5
    assert result.texts == sum(1 + len(q.variants) for q in bank)
    assert result.accuracy > 0.4  # chance is 1/13
    assert 0 < result.macro_f1 <= 1
    assert set(result.recall) == set(CATEGORIES)
    assert all(0 <= r <= 1 for r in result.recall.values())
    assert 0 <= result.confident_share <= 1
    assert result.confident_accuracy >= result.accuracy  # sure predictions are better
    # Calibrated: the mean confidence is close to the accuracy.
    assert abs(result.mean_confidence - result.accuracy) < 0.1
    counts = [n for _, _, n in result.confusions]
    assert counts == sorted(counts, reverse=True)
    assert len(result.confusions) <= 8
    assert all(t != g for t, g, _ in result.confusions)


def test_cross_validation_on_a_separable_bank_is_perfect() -> None:
    bank = [
        question(
            "salary-a",
            "What salary do you expect?",
            "salary",
            variants=["What salary would you expect?"],
        ),
        question("salary-b", "What salary are you hoping for?", "salary"),
        question("closing-a", "Do you have any questions for us?", "closing"),
        question("closing-b", "Any questions for us before we finish?", "closing"),
    ]
    result = cross_validate(bank, folds=2)
    assert (result.folds, result.texts) == (2, 5)
    assert result.accuracy == 1.0
    assert result.macro_f1 == 1.0
    assert result.recall == {"closing": 1.0, "salary": 1.0}
    assert result.confusions == []


def test_an_opening_rule_decides_before_the_models() -> None:
    prediction = classify_question("Tell me about a time you had to win back a client's trust.")
    assert (prediction.category, prediction.source) == ("behavioral", "rule")
    assert prediction.confidence == RULE_CONFIDENCE
    assert prediction.runner_up != "behavioral"
    assert prediction.runner_up_confidence <= 1 - RULE_CONFIDENCE


def test_without_meaning_naive_bayes_decides_alone() -> None:
    prediction = classify_question("Which of your qualities are you proudest of?", meaning=False)
    assert prediction.source == "words"
    assert prediction.category in CATEGORIES
    assert prediction.confidence >= prediction.runner_up_confidence


def test_with_the_ml_extra_the_embedding_model_joins_in() -> None:
    if question_model.meaning() is None:
        pytest.skip("the ml extra is not installed")
    prediction = classify_question("Which of your qualities are you proudest of?")
    assert prediction.source == "meaning"
    assert prediction.category == "strengths"


@pytest.mark.parametrize(
    ("confidence", "shown"),
    [(0.9, ("fit",)), (UNSURE_BELOW, ("fit",)), (0.49, ("fit", "strengths"))],
)
def test_below_the_threshold_the_top_two_are_shown(
    confidence: float, shown: tuple[str, ...]
) -> None:
    prediction = Prediction("fit", confidence, "strengths", 0.3)
    assert prediction.shown == shown
    assert prediction.unsure == (len(shown) == 2)
