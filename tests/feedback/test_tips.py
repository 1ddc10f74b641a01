"""Tips (nextround.feedback.tips): two to four, the most useful first, each quoting the answer
as it was said. Every answer here is hand-written for these tests."""

from __future__ import annotations

import pytest

from nextround.feedback import analyze_answer
from nextround.feedback import thresholds as t
from tests.feedback.helpers import NURSE, NURSE_FULL, STORY_QUESTION, words_of


def test_a_team_story_gets_a_tip_about_whose_steps_they_were() -> None:
    text = (
        "At my last job we had a backlog. We sorted it, we fixed it and we tested it. "
        "As a result we cut it by half."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.voice == "team"
    assert any("which steps were yours" in tip for tip in report.tips)


def test_a_repeated_phrase_gets_a_tip_when_little_else_needs_fixing() -> None:
    text = NURSE_FULL + (
        " The night shift liked it. The night shift asked for more, and the night shift stayed."
    )
    report = analyze_answer(text, question=STORY_QUESTION, seconds=80)
    assert [(r.text, r.count) for r in report.repeated_phrases] == [("the night shift", 3)]
    assert "You said “the night shift” 3 times; vary it or leave it out." in report.tips


def test_spellings_of_one_hedge_are_counted_together_and_quoted_as_first_said() -> None:
    text = (
        "I’m not sure the checklist worked. I'm not sure the nurses liked it, and Im not sure "
        "it lasted, but maybe it did."
    )
    report = analyze_answer(text)
    assert [h.text for h in report.hedges.items] == [
        "I’m not sure",
        "I'm not sure",
        "Im not sure",
        "maybe",
    ]
    assert any("(“I’m not sure” ×3, “maybe”)" in tip for tip in report.tips)


def test_tips_name_the_filler_and_its_rate() -> None:
    # A software engineer, 60 seconds: 7 fillers, all "um".
    text = (
        "Um, at my last job we had a slow build. Um, my job was to fix it. I profiled it, um, "
        "and um, cached the tests. Um, as a result, um, builds took 4 minutes instead of 20, um."
    )
    report = analyze_answer(text, question=STORY_QUESTION, seconds=60)
    assert report.fillers.count == 7
    assert report.fillers.per_minute == 7.0
    assert report.tips[0] == (
        "You said “um” 7 times (7 a minute); pause silently instead — a moment of quiet "
        "sounds more considered."
    )


def test_tips_list_several_kinds_of_hedge_with_counts() -> None:
    # A product manager: 5 hedges of 3 kinds, no fillers.
    text = (
        "I think the launch went well. I just moved the date, I guess, and I think the team "
        "agreed. I think that is fair."
    )
    report = analyze_answer(text, question="Why do you want this role?")
    assert report.hedges.count == 5
    assert (
        "You softened your points 5 times (“I think” ×3, “just”, “I guess”); say what you did "
        "and what happened plainly."
    ) in report.tips


@pytest.mark.parametrize(
    "text",
    [
        NURSE,
        "Um.",
        "Um, so, I think we, like, kind of did the, uh, project, you know. Maybe it was fine.",
        words_of(500),
    ],
)
def test_two_to_four_tips(text: str) -> None:
    report = analyze_answer(text, question=STORY_QUESTION)
    assert t.MIN_TIPS <= len(report.tips) <= t.MAX_TIPS
    assert len(set(report.tips)) == len(report.tips)


def test_a_good_answer_gets_tips_on_what_to_keep_doing() -> None:
    report = analyze_answer(NURSE_FULL, question=STORY_QUESTION, seconds=75)
    assert report.length == "good" and report.pace == "good"
    assert report.score == 100
    assert report.tips == [
        "All four STAR parts are there; keep that shape for your other stories.",
        "Keep putting numbers in your results, like “60%”.",
    ]


def test_the_figure_quoted_is_what_changed_rather_than_when_it_happened() -> None:
    answer = (
        "Last winter a resident with dementia kept refusing her evening medication. As the "
        "senior on shift I had to find out why. I sat with her for a few evenings and talked to "
        "her daughter, and we moved her medication to half five in her own room. Within two "
        "weeks she was taking it every evening, and her incident reports dropped from four a "
        "week to none."
    )
    report = analyze_answer(answer, question=STORY_QUESTION, seconds=30)
    assert [q.text for q in report.quantities] == ["two weeks", "four a week"]
    assert report.components["result"].note == "A result with a number (“four a week”)."
