"""Structure (nextround.feedback.structure): the STAR parts of an answer, the figures in its
result, and which questions ask for a story. Every answer here is hand-written for these tests."""

from __future__ import annotations

import pytest

from nextround.feedback import analyze_answer
from nextround.feedback.structure import wants_story
from tests.feedback.helpers import NURSE, NURSE_FULL, STORY_QUESTION
from tests.text.helpers import QUANTIFIED_RESULTS, UNQUANTIFIED_RESULTS

SETTING = "When I was at Acme we had a backlog. I rewrote the importer. "


def test_a_full_story_has_all_four_parts_with_evidence_offsets() -> None:
    report = analyze_answer(NURSE, question=STORY_QUESTION)
    for part in ("situation", "task", "action", "result"):
        found = report.star[part]
        assert found.present, part
        assert NURSE[found.start : found.end] == found.evidence
    assert report.star["task"].evidence.startswith("My job was to fix")
    assert report.star["action"].evidence.startswith("I designed")
    assert report.star["result"].evidence.startswith("As a result")
    assert report.quantified_result
    assert "60%" in [q.text for q in report.quantities]


def test_missing_parts_are_reported_and_named_in_a_tip() -> None:
    # An accountant: a situation and an action, no task, no result.
    text = (
        "Last year our month-end close took twelve days. "
        "I rebuilt the reconciliation spreadsheet and automated the bank feeds."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.star["situation"].present
    assert report.star["action"].present
    assert not report.star["task"].present
    assert report.star["task"].start == -1
    assert not report.star["result"].present
    assert report.tips[0].startswith("I could not find the task or the result in your answer")


def test_an_opening_in_the_past_tense_sets_the_scene_without_a_cue() -> None:
    # A shop assistant: no situation cue, but the first sentence tells what happened.
    text = (
        "A customer shouted at me in the store. I listened, I apologised and I found him a "
        "replacement. He came back the next week and thanked me."
    )
    report = analyze_answer(text, question="Tell me about a time you handled a complaint.")
    assert report.star["situation"].evidence == "A customer shouted at me in the store."
    assert report.star["result"].evidence == "He came back the next week and thanked me."
    assert not report.star["task"].present


def test_an_opening_that_is_already_an_action_is_not_the_situation() -> None:
    text = "I rebuilt the rota. As a result, overtime fell by 20%."
    report = analyze_answer(text, question=STORY_QUESTION)
    assert not report.star["situation"].present
    assert report.star["action"].present


def test_a_result_with_only_a_year_is_not_quantified() -> None:
    # A developer: the only figures are years, which are not results.
    text = (
        "In 2019 I joined a small team. I rewrote the billing service. "
        "In the end we launched it in 2021 and the team was happy."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.star["result"].present
    assert not report.quantified_result
    assert report.quantities == []
    assert any("no number" in tip for tip in report.tips)


def test_figures_outside_the_result_do_not_quantify_it_but_are_pointed_out() -> None:
    text = (
        "At my last job we had 40 open tickets. I sorted them by risk and fixed the worst. "
        "In the end the customers were happier."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    assert not report.quantified_result
    assert any("“40 open tickets”" in tip for tip in report.tips)


def test_question_type_decides_whether_a_story_is_expected() -> None:
    assert wants_story("Tell me about a time you led a team.")
    assert wants_story("Describe a situation where you disagreed with a manager.")
    assert wants_story(None)
    assert not wants_story("Why do you want to work here?")
    assert not wants_story("Tell me about yourself.")
    assert not wants_story("What kind of role are you looking for?")


def test_a_known_category_decides_whether_a_story_is_expected_whatever_the_wording() -> None:
    # Behavioral questions the wording rule misses, and a company question it mistakes.
    assert wants_story("Describe a mistake you made at work and how you handled it.", "behavioral")
    assert wants_story("Tell me about a process you improved.", "behavioral")
    assert not wants_story("What is the biggest challenge facing our business?", "company")
    assert not wants_story("Tell me about a time you led a team.", "situational")
    assert not wants_story(None, "motivation")


def test_without_a_known_category_the_wording_decides() -> None:
    assert wants_story("Tell me about a time you led a team.", None)
    assert not wants_story("Describe a mistake you made at work.", None)
    assert wants_story("Tell me about a time you led a team.", "not-a-category")


def test_a_sentence_is_evidence_for_one_part_at_most() -> None:
    # The first sentence has an action and, after it, a setting; the second only a situation.
    # Each part gets its own sentence, where both once quoted the first.
    first = "I rewrote the importer in a week when I was at Acme."
    text = f"{first} There was a backlog of orders nobody could clear."
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.star["action"].evidence == first
    assert report.star["situation"].evidence == "There was a backlog of orders nobody could clear."


def test_a_sentence_two_parts_need_goes_to_one_and_the_other_is_missing() -> None:
    text = "I rewrote the importer when I was at Acme. It saved my team five hours a week."
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.star["action"].evidence == "I rewrote the importer when I was at Acme."
    assert not report.star["situation"].present
    assert report.star["result"].evidence == "It saved my team five hours a week."


def test_a_setting_said_first_frames_the_sentence() -> None:
    # The same step, opened by where it happened: the sentence sets the scene, and the action
    # is missing rather than shown by the same sentence.
    text = "When I was at Acme I rewrote the importer. It saved my team five hours a week."
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.star["situation"].evidence == "When I was at Acme I rewrote the importer."
    assert not report.star["action"].present


@pytest.mark.parametrize(
    "text",
    [
        NURSE,
        NURSE_FULL,
        "I rewrote the importer and we cut the run from 3 hours to 20 minutes.",
        "Last year we had a backlog. I was asked to fix it. I fixed it. We fixed it on time.",
    ],
)
def test_no_two_parts_quote_the_same_sentence(text: str) -> None:
    starts = [p.start for p in analyze_answer(text, question=STORY_QUESTION).star.values()]
    found = [start for start in starts if start >= 0]
    assert len(found) == len(set(found))


@pytest.mark.parametrize(("result", "figure"), QUANTIFIED_RESULTS)
def test_a_figure_an_outcome_reports_quantifies_the_result_as_in_a_story(
    result: str, figure: str
) -> None:
    # The same sentences as a story's result (tests/fit/test_star.py): the same figures count.
    report = analyze_answer(SETTING + result, category="behavioral")
    assert report.quantified_result
    assert [q.text for q in report.quantities] == [figure]
    assert report.star["result"].evidence == result


@pytest.mark.parametrize("result", UNQUANTIFIED_RESULTS)
def test_a_result_without_a_figure_is_not_quantified_as_in_a_story(result: str) -> None:
    report = analyze_answer(SETTING + result, category="behavioral")
    assert report.star["result"].present
    assert not report.quantified_result
