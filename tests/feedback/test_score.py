"""The score out of 100 (nextround.feedback.score): its components, what applies to an answer,
and how the weights are rescaled when something does not."""

from __future__ import annotations

import pytest

from nextround.feedback import AnswerReport, analyze_answer
from nextround.feedback import thresholds as t
from tests.feedback.helpers import NURSE, NURSE_FULL, STORY_QUESTION


def test_a_non_story_question_is_not_scored_on_a_result() -> None:
    text = (
        "I want to work here because your clinics serve rural towns, and that matters to me. "
        "At my last job I worked on a mobile clinic and ran its visits. "
        "So that is why I want this job."
    )
    report = analyze_answer(text, question="Why do you want to work here?")
    assert report.components["result"].out_of == 0
    # The three organisation checks pass (a reply first, a close that wraps up, 38 words:
    # about 15 s), so the structure earns its full weight; no STAR share is asked for.
    structure = report.components["structure"]
    assert structure.points == structure.out_of > 0
    assert structure.note == "point first: yes; ends on a conclusion: yes; 10–120 s long: yes."


def test_the_category_decides_whether_the_result_is_scored() -> None:
    # A behavioral question worded so the wording rule misses it, and a company question
    # worded like a behavioral one: the category wins both ways.
    question = "Describe a mistake you made at work and how you handled it."
    behavioral = analyze_answer(NURSE, question=question, category="behavioral")
    assert behavioral.components["result"].out_of > 0
    assert "STAR parts" in behavioral.components["structure"].note
    assert analyze_answer(NURSE, question=question).components["result"].out_of == 0
    company = analyze_answer(
        NURSE,
        question="What is the biggest challenge facing our business right now?",
        category="company",
    )
    assert company.components["result"].out_of == 0
    assert "STAR" not in company.components["structure"].note


def check_sums(report: AnswerReport) -> None:
    assert sum(c.out_of for c in report.components.values()) == 100
    total = round(sum(c.points for c in report.components.values()))
    assert report.score == (min(total, t.BLOCKED_SCORE_MAX) if report.score_note else total)
    for c in report.components.values():
        assert 0 <= c.points <= c.out_of


def test_score_is_the_sum_of_components_when_everything_applies() -> None:
    report = analyze_answer(
        NURSE, question=STORY_QUESTION, seconds=75, requirements=["training", "audit"]
    )
    check_sums(report)
    assert {n: c.out_of for n, c in report.components.items()} == t.SCORE_WEIGHTS


def test_components_that_do_not_apply_are_rescaled_away() -> None:
    # Typed, no terms: pace (10) and relevance (10) drop out; the other 80 are scaled to 100.
    report = analyze_answer(NURSE, question=STORY_QUESTION)
    check_sums(report)
    out_of = {n: c.out_of for n, c in report.components.items()}
    assert out_of == {
        "structure": 38,
        "result": 19,
        "fillers": 19,
        "hedges": 12,
        "length": 12,
        "pace": 0,
        "relevance": 0,
    }


def test_a_strong_story_scores_higher_than_a_weak_one() -> None:
    weak = (
        "Um, so, I think we, like, kind of did the, uh, project, you know. "
        "Maybe it went okay, um, I guess."
    )
    strong = analyze_answer(NURSE_FULL, question=STORY_QUESTION, seconds=75)
    poor = analyze_answer(weak, question=STORY_QUESTION, seconds=20)
    check_sums(poor)
    assert strong.score >= 85
    assert poor.score <= 30
    assert poor.components["fillers"].points == 0


def test_a_story_answer_under_a_minute_is_capped_with_a_note() -> None:
    typed = analyze_answer(NURSE, question=STORY_QUESTION)  # 80 words: about 32 s
    assert typed.length == "short"
    total = round(sum(c.points for c in typed.components.values()))
    assert total > t.BLOCKED_SCORE_MAX
    assert typed.score == t.BLOCKED_SCORE_MAX
    assert typed.score_note == f"Capped at 60 (the parts earn {total}): under a minute."
    spoken = analyze_answer(NURSE, question=STORY_QUESTION, seconds=75)
    assert spoken.score > t.BLOCKED_SCORE_MAX
    assert spoken.score_note == ""


# Words of the tips about a result without a number or an answer too short; with a missing
# action or result, what caps a story answer's score.
BLOCKING_TIPS = ("Your result has no number", "answer is thin", "too brief")
SETTING = "At my last job on a surgical ward we had a problem with missed doses at night. "
ACTION = "I designed a one-page checklist and trained fourteen colleagues on every shift. "
RESULT = "As a result, missed doses fell by 60% in eight weeks. "
THIN_RESULT = "In the end the ward manager thanked me. "


@pytest.mark.parametrize("action", ["", ACTION])
@pytest.mark.parametrize("result", ["", RESULT, THIN_RESULT])
@pytest.mark.parametrize("repeats", [1, 3])
@pytest.mark.parametrize("seconds", [None, 90.0])
def test_no_answer_shows_a_blocking_tip_with_a_score_above_the_cap(
    action: str, result: str, repeats: int, seconds: float | None
) -> None:
    text = (SETTING + action + result) * repeats
    report = analyze_answer(text, question=STORY_QUESTION, seconds=seconds)
    if any(_blocking(tip) for tip in report.tips):
        assert report.score <= t.BLOCKED_SCORE_MAX
    if report.score_note:
        assert report.score == t.BLOCKED_SCORE_MAX
        assert _blocking(report.tips[0])  # the reason comes first


def _blocking(tip: str) -> bool:
    missing = tip.split(" in your answer")[0] if tip.startswith("I could not find") else ""
    return "action" in missing or "result" in missing or any(w in tip for w in BLOCKING_TIPS)


def test_other_questions_are_not_capped() -> None:
    report = analyze_answer(NURSE, question="Why do you want to work here?")
    assert report.length == "short"
    assert report.score_note == ""
