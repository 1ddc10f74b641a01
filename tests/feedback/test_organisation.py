"""How an answer is organised (nextround.feedback.organisation): the point first, a conclusion,
a length that holds it; and how the structure component and the tips read them."""

from __future__ import annotations

import pytest

from nextround.feedback import analyze_answer
from nextround.feedback import thresholds as t
from nextround.feedback.organisation import organisation
from nextround.feedback.structure import sentences
from tests.feedback.helpers import NURSE_FULL, STORY_QUESTION, words_of

LEADER = "Do you consider yourself a leader?"
GOALS = "What are your career goals?"


def _check(text: str, question: str | None = None, seconds: float = 60.0) -> tuple[bool, ...]:
    org = organisation(text, sentences(text), question=question, seconds=seconds)
    return (org.point_first, org.concluded, org.length_fits)


@pytest.mark.parametrize(
    ("text", "question", "first"),
    [
        # A reply word after the run-up ("Um, so", "Sure,").
        ("Um, so, yes, I lead the robotics club.", LEADER, True),
        ("Sure. I'd say I lead by example.", LEADER, True),
        ("My biggest strength is patience with new staff.", "What is your strength?", True),
        # The question's own words, whatever the grammar: "goal" is in both.
        ("Uh, long term, the goal is to run a clinic of my own.", GOALS, True),
        # Neither a reply nor the question's words: the point is not first.
        ("Last summer the camp needed forty volunteers.", LEADER, False),
        # Framing words do not count: "tell" and "example" name the request, not its topic.
        ("Tell you what, an example comes to mind.", "Tell me, give an example.", False),
        # Stalling in the opening or the run-up, even before a reply.
        ("Um, I guess, yes, I lead the robotics club.", LEADER, False),
        ("Hmm, that's a hard question. Yes, I lead the club.", LEADER, False),
        ("Let me think. I'd say I lead by example.", LEADER, False),
    ],
)
def test_point_first(text: str, question: str, first: bool) -> None:
    assert _check(text, question)[0] is first


def test_the_stall_is_quoted_as_said() -> None:
    text = "Um, I guess, yes, I lead the robotics club."
    org = organisation(text, sentences(text), question=LEADER, seconds=30)
    assert org.stall == "I guess"
    assert org.opening.text == text and (org.opening.start, org.opening.end) == (0, len(text))


def test_a_story_may_open_with_its_scene() -> None:
    # The story question is answered by starting the story with a situation cue ("At my last
    # job"); the same sentence to a yes/no question does not reply to it.
    text = "At my last job the night rounds kept slipping."
    found = sentences(text)
    scene = organisation(text, found, question=STORY_QUESTION, seconds=60, story_opens=True)
    assert scene.point_first
    assert not organisation(text, found, question=LEADER, seconds=60).point_first
    report = analyze_answer(NURSE_FULL, question=STORY_QUESTION, seconds=75)
    assert report.organisation.point_first
    assert report.organisation.stall == ""


@pytest.mark.parametrize(
    ("text", "concluded"),
    [
        # A clause that wraps up.
        ("I lead the club. I plan the builds. So that's why I see myself as a leader.", True),
        ("I plan the builds, and in the end the team trusts the plan.", True),
        # A result cue: "fell by".
        ("I changed the rota. Missed doses fell by half.", True),
        # Back to the question's words ("leader").
        ("I plan the builds. People ask me to be the leader again.", True),
        # A trailing "So, yeah." is passed over: the sentence before it concludes.
        ("I plan the builds. That is why they call me the leader. So, yeah.", True),
        ("I plan the builds. I also paint. So, yeah.", False),
        # Stopping mid-thought: nothing wraps up, no result, not the question's words.
        ("I plan the builds. Then there is the paint shop on Fridays.", False),
        # "so" inside a clause is not a wrap-up.
        ("I plan the builds. The paint dries so slowly on Fridays.", False),
    ],
)
def test_ends_on_a_conclusion(text: str, concluded: bool) -> None:
    assert _check(text, LEADER)[1] is concluded


def test_no_closing_sentence_when_the_answer_only_trails() -> None:
    org = organisation("So, yeah.", sentences("So, yeah."), question=LEADER, seconds=12)
    assert not org.concluded
    assert (org.closing.text, org.closing.start, org.closing.end) == ("", -1, -1)


@pytest.mark.parametrize(
    ("seconds", "fits"),
    [
        (t.BRIEF_SECONDS - 0.1, False),
        (t.BRIEF_SECONDS, True),
        (t.TARGET_SECONDS_MAX, True),
        (t.TARGET_SECONDS_MAX + 0.1, False),
    ],
)
def test_a_length_that_holds_the_point(seconds: float, fits: bool) -> None:
    assert _check("Yes, I lead the club.", LEADER, seconds)[2] is fits


@pytest.mark.parametrize(("n", "fits"), [(24, False), (25, True), (300, True), (301, False)])
def test_a_typed_answer_is_timed_at_the_typed_rate(n: int, fits: bool) -> None:
    # 150 words a minute: 25 words are 10 s, 300 words 120 s.
    assert analyze_answer(words_of(n), question=LEADER).organisation.length_fits is fits


def test_structure_counts_each_check_alike_outside_stories() -> None:
    # Point first (a reply), no conclusion, 14 words typed (5.6 s: too brief): 1 of 3 checks.
    text = "Yes, I lead the robotics club. Then there is the paint shop."
    report = analyze_answer(text, question=LEADER)
    structure = report.components["structure"]
    assert structure.note == "point first: yes; ends on a conclusion: no; 10–120 s long: no."
    assert structure.points == round(structure.out_of / 3, 1)


def test_a_story_adds_its_star_share_as_a_fourth_part() -> None:
    # Typed, 18 words (about 7 s): point first ("Last year" sets the scene), no conclusion
    # (the last sentence is an action), too brief; situation and action of the STAR parts.
    text = (
        "Last year our month-end close took twelve days. "
        "I rebuilt the reconciliation spreadsheet and automated the bank feeds."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    structure = report.components["structure"]
    assert structure.note == (
        "point first: yes; ends on a conclusion: no; 10–120 s long: no; "
        "2 of 4 STAR parts (missing: task, result)."
    )
    # (1 check + 2/4 STAR) / 4 = 0.375 of the weight.
    assert structure.points == round(0.375 * structure.out_of, 1)


def test_tips_say_what_to_change_in_the_organisation() -> None:
    text = (
        "Um, I guess, let me see. Last summer the camp needed forty volunteers and I ran the "
        "sign-up desk, which took most of June. Then there is the paint shop on Fridays."
    )
    report = analyze_answer(text, question=LEADER, seconds=40)
    assert report.organisation.stall == "I guess"
    assert any(tip.startswith("You opened with “I guess” before your point") for tip in report.tips)
    assert any(tip.startswith("The answer stops without coming back") for tip in report.tips)


def test_an_organised_answer_is_praised_for_it() -> None:
    text = (
        "Yes, I consider myself a leader. I run the robotics club, plan its builds and "
        "train the new members every autumn. That is why I see myself as a leader."
    )
    report = analyze_answer(text, question=LEADER, seconds=12)  # 150 words a minute
    assert (
        "You gave your point first and came back to it at the end; keep that shape." in report.tips
    )
