"""STAR story analysis. Every story here is hand-written; word counts are counted by hand and
noted beside each text, and scores are added up from SCORE_WEIGHTS in the comments."""

from __future__ import annotations

import json

import pytest

from nextround.fit.star import (
    BLOCKED_SCORE_MAX,
    PARTS,
    SCORE_WEIGHTS,
    analyze_story,
    speaking_seconds,
)
from nextround.jsonform import json_form
from nextround.text import voice_of
from tests.text.helpers import QUANTIFIED_RESULTS, UNQUANTIFIED_RESULTS

# --- A strong story: a software engineer fixing a failing billing job -----------------------

STRONG = {
    "title": "Nightly billing job",
    # 24 words
    "situation": (
        "Our nightly billing job at a payments start-up kept failing, and each failure delayed "
        "invoices to about four hundred merchants by a full day."
    ),
    # 17 words
    "task": (
        "I was asked to make the job reliable before the quarter-end close, without pausing new "
        "billing features."
    ),
    # 23 + 25 + 18 + 21 = 87 words; "I" five times and "me" once, no we/our/us
    "action": (
        "First I read three months of failure logs and found that most crashes came from one "
        "slow query that locked the invoices table. I rewrote that query to work in batches of "
        "a thousand rows and added an index, which I tested against a copy of production data. "
        "Then I added retries with a back-off so a brief database hiccup no longer killed the "
        "whole run. Finally I wrote a short runbook and walked the on-call engineers through "
        "it, so the fix did not depend on me."
    ),
    # 31 words
    "result": (
        "Over the next quarter the job failed once instead of eleven times, invoices went out on "
        "time for all 400 merchants, and the on-call team saved about 6 hours a week."
    ),
}


def test_strong_story_has_no_warnings_and_full_marks() -> None:
    report = analyze_story(**STRONG)
    assert [(p.part, p.words) for p in report.parts] == [
        ("situation", 24),
        ("task", 17),
        ("action", 87),
        ("result", 31),
    ]
    assert all(p.present and p.substantial and p.note == "" for p in report.parts)
    assert report.words == 159
    assert report.seconds == 64  # 159 / 150 minutes = 63.6 s
    assert report.length_warning == ""
    assert report.voice.i_count == 6
    assert report.voice.we_count == 0
    assert report.voice.verdict == "first-person"
    assert report.quantified
    result = STRONG["result"]
    assert [(result[q.start : q.end], q.kind) for q in report.quantities] == [
        ("400 merchants", "count"),
        ("6 hours a week", "time"),
    ]
    assert report.suggestions == ()
    assert report.score == 100  # every component earned


# --- A nurse's story with no result -----------------------------------------------------------

NURSE = {
    # 25 words
    "situation": (
        "On a night shift on a busy surgical ward, two of our nurses called in sick and we were "
        "left with a heavy patient load."
    ),
    # 12 words
    "task": "As charge nurse I had to keep every patient safe until morning.",
    # 34 + 8 = 42 words; "I" twice and "myself" once
    "action": (
        "I re-ranked patients by acuity, asked the on-call team for a float nurse, moved two "
        "stable patients to a step-down unit and took the sickest patients myself so the newer "
        "nurses had lighter loads. I checked in with each nurse every hour."
    ),
}


def test_missing_result_is_the_first_thing_to_fix() -> None:
    report = analyze_story(**NURSE)
    result = report.parts[3]
    assert result.part == "result"
    assert (result.words, result.present, result.substantial) == (0, False, False)
    assert result.note == "Missing — say what changed, with a number if you can."
    assert not report.quantified
    assert report.suggestions[0].startswith("Add the result:")
    assert report.words == 79
    assert report.seconds == 32  # 79 × 0.4 = 31.6
    assert report.length_warning.startswith("About 32 seconds — too thin to be convincing")
    # situation 10 + task 10 + action 20 + result 0 + quantified 0 + voice 10 + length 0
    # + balance 5 (action 42 ≥ situation and task 37)
    assert report.score == 55


# --- A sales manager's story whose result has no figure ---------------------------------------

SALES = {
    # 23 words
    "situation": (
        "A logistics client worth a fifth of my territory's revenue told us in March that they "
        "planned to move to a cheaper rival."
    ),
    # 13 words
    "task": "As their account manager I had to keep them without cutting our price.",
    # 25 + 25 = 50 words; I ×4 and "myself", "our" once
    "action": (
        "I visited their operations lead, sat in on two of their planning meetings and learned "
        "that late delivery reports, not price, were the real complaint. I worked with our "
        "support team to send those reports daily, and I set up a monthly review where I showed "
        "them the numbers myself."
    ),
    # 17 words, no figure
    "result": (
        "The client renewed, signed up for the larger plan and later referred us to a partner firm."
    ),
}


def test_result_without_a_number_asks_for_one() -> None:
    report = analyze_story(**SALES)
    assert report.parts[3].substantial  # 17 ≥ 12 words: long enough, just not measured
    assert report.quantities == ()
    assert not report.quantified
    assert report.voice == voice_of(SALES["action"])
    assert (report.voice.i_count, report.voice.we_count) == (5, 1)
    assert report.suggestions[0].startswith("Put a number on the result:")
    # all four parts 55 + voice 10 + balance 5 = 70, capped: no figure, and 103 words is 41 s
    assert report.score == BLOCKED_SCORE_MAX
    assert report.score_note.startswith("Capped at 60 (its parts earn 70)")


def test_figures_only_in_the_numbers_field_count_but_should_be_said() -> None:
    numbers = "Renewal worth €120k; 2 referrals"
    report = analyze_story(**SALES, numbers=numbers)
    assert report.quantified
    assert report.quantities == ()
    assert [(numbers[q.start : q.end], q.kind) for q in report.number_quantities] == [
        ("€120k", "money"),
        ("2 referrals", "count"),
    ]
    assert report.suggestions[0] == (
        "Say a figure in the result — your numbers field has “€120k” but the result never "
        "mentions it."
    )
    # 70 + quantified 20 = 90, but 41 s is "too thin to be convincing": capped
    assert report.length_warning.startswith("About 41 seconds — too thin")
    assert report.score == BLOCKED_SCORE_MAX
    assert report.score_note.startswith("Capped at 60 (its parts earn 90)")
    assert report.words == 103  # the numbers field is not spoken


# --- A teacher's story told as "we" ----------------------------------------------------------

TEACHER = {
    # 22 words
    "situation": (
        "A third of the Year 7 pupils at my school were reading well below their age, and "
        "parents had begun to complain."
    ),
    # 12 words
    "task": "I was asked to lead a catch-up plan for the spring term.",
    # 7 + 15 + 19 + 7 = 48 words; We ×3, our, Our, us = 6 × we; "I ran" = 1 × I
    "action": (
        "We met as a department every Friday. We rewrote the reading scheme together, and our "
        "head of year agreed the new timetable. We paired weaker readers with older pupils, and "
        "I ran the first two sessions to show how it worked. Our librarian ordered new books "
        "for us."
    ),
    # 19 words
    "result": (
        "By summer the pupils in the scheme had gained 14 months of reading age on average, and "
        "complaints stopped."
    ),
}


def test_we_heavy_action_asks_what_you_did() -> None:
    report = analyze_story(**TEACHER)
    assert report.voice.i_count == 1
    assert report.voice.we_count == 6
    assert report.voice.verdict == "team"
    assert report.suggestions[0] == (
        "The action says “we” 6 times and “I” 1 time — say what you did yourself: “I wrote…”, "
        "“I decided…”."
    )
    assert [q.text for q in report.quantities] == ["14 months"]
    # all four parts 55 + quantified 20 + voice 0 + length 0 (101 words, 40 s) + balance 5
    # = 80, capped: 40 s is too short to convince
    assert report.score == BLOCKED_SCORE_MAX


# --- A warehouse manager's story that is mostly background -------------------------------------

WAREHOUSE = {
    # 13 + 28 + 36 = 77 words
    "situation": (
        "Our regional warehouse served about forty shops across the north of the country. It had "
        "been run the same way for years, with paper pick lists, a shared spreadsheet for stock "
        "and two shift leads who each kept their own notes. Head office had tried a new system "
        "twice before and both attempts were abandoned after complaints from the floor staff, "
        "so people were wary of any change and the managers were tired of hearing about it."
    ),
    # 12 words
    "task": "I was brought in to cut picking errors before the holiday peak.",
    # 25 words
    "action": (
        "I shadowed each shift for a week, then I replaced the paper lists with scanned barcodes "
        "and trained the shift leads to coach their teams."
    ),
    # 15 words
    "result": "Picking errors fell by 40% over the peak, and no shop ran out of stock.",
}


def test_bloated_situation_is_flagged_and_action_called_short() -> None:
    report = analyze_story(**WAREHOUSE)
    situation, _, action, _ = report.parts
    assert situation.words == 77
    assert situation.note == "77 words of setup — keep the two or three facts the listener needs."
    assert action.words == 25
    assert not action.substantial  # 25 < 30
    assert action.note == "Only 25 words — walk through the steps you took yourself."
    assert report.suggestions == (
        "The action is only 25 words — walk through two or three steps you took and why you "
        "chose them.",
        "Situation and task take 89 words against 25 for the action — cut the background to a "
        "sentence or two and spend the time on what you did.",
    )
    assert report.words == 129
    assert report.seconds == 52  # 129 × 0.4 = 51.6, under a minute
    # situation 10 + task 10 + action 10 (half) + result 15 + quantified 20 + voice 10
    # + length 0 + balance 0 (25 < 89) = 75, capped: the action is too thin
    assert report.score == BLOCKED_SCORE_MAX


def test_long_situation_alone_is_flagged_even_when_the_action_is_longer() -> None:
    action = "I " + "checked every order by hand and " * 14 + "logged it."  # 1 + 84 + 2 = 87
    report = analyze_story(situation=WAREHOUSE["situation"], action=action)
    assert report.parts[2].words == 87  # more than the 77 words of situation
    assert (
        "The situation runs to 77 words — keep the two or three facts the listener needs to "
        "follow the rest."
    ) in report.suggestions
    assert not any(s.startswith("Situation and task take") for s in report.suggestions)


# --- An accountant's story that runs too long --------------------------------------------------

ACCOUNTANT = {
    # 20 words
    "situation": (
        "At a mid-sized accounting firm the month-end close took nine working days and the "
        "partners wanted it done much faster."
    ),
    # 10 words
    "task": "I owned the close process and had to shorten it.",
    # a 10-word sentence said 40 times: 400 words
    "action": "I mapped each step and automated one more manual report. " * 40,
    # 19 words
    "result": (
        "The close takes five working days instead of nine, and the partners now get their "
        "figures four days sooner."
    ),
}


def test_over_long_story_is_told_to_trim() -> None:
    report = analyze_story(**ACCOUNTANT)
    assert report.words == 449
    assert report.seconds == 180  # 449 × 0.4 = 179.6
    assert report.length_warning.startswith("About 180 seconds — trim to under 150")
    assert [(q.text, q.kind) for q in report.quantities] == [
        ("five working days", "time"),
        ("four days sooner", "time"),
    ]
    # everything but length: 100 − 10
    assert report.score == 90


# --- The empty story and part thresholds ------------------------------------------------------


def test_empty_story_reports_every_part_missing() -> None:
    report = analyze_story()
    assert [p.part for p in report.parts] == list(PARTS)
    assert not any(p.present or p.substantial for p in report.parts)
    assert all(p.words == 0 and p.note.startswith("Missing — ") for p in report.parts)
    assert (report.words, report.seconds, report.score) == (0, 0, 0)
    assert (report.quantified, report.quantities, report.number_quantities) == (False, (), ())
    assert report.voice.verdict == "none"
    assert report.length_warning.startswith("About 0 seconds — too thin")
    assert [s.split(":")[0] for s in report.suggestions] == [
        "Add the action",
        "Add the result",
        "Add the task",
        "Add the situation",
    ]


@pytest.mark.parametrize(
    ("task", "words", "present", "substantial", "note"),
    [
        ("Fix it", 2, False, False, "Only 2 words — say what you were responsible for."),
        ("Fix the build.", 3, True, False, "Only 3 words — say what you were responsible for."),
        ("I had to get the release out on time.", 9, True, True, ""),
        ("   ", 0, False, False, "Missing — say what you were responsible for."),
    ],
)
def test_task_thresholds(
    task: str, words: int, present: bool, substantial: bool, note: str
) -> None:
    check = analyze_story(task=task).parts[1]
    assert (check.words, check.present, check.substantial, check.note) == (
        words,
        present,
        substantial,
        note,
    )


@pytest.mark.parametrize(
    ("part", "enough"), [("situation", 15), ("task", 8), ("action", 30), ("result", 12)]
)
def test_substantial_from(part: str, enough: int) -> None:
    short = analyze_story(**{part: "word " * (enough - 1)}).parts[PARTS.index(part)]
    full = analyze_story(**{part: "word " * enough}).parts[PARTS.index(part)]
    assert (short.words, short.present, short.substantial) == (enough - 1, True, False)
    assert (full.words, full.present, full.substantial) == (enough, True, True)


def test_action_shorter_than_another_part_is_noted() -> None:
    # 32 words of action against 35 of result: the result outgrew the action
    action = "I " + "met the client and " * 7 + "wrote it up."  # 1 + 28 + 3 = 32
    result = "Sales rose 10% " + "and the client stayed " * 8  # 3 + 32 = 35
    report = analyze_story(action=action, result=result)
    assert (report.parts[2].words, report.parts[3].words) == (32, 35)
    assert report.parts[2].note == "Shorter than the result — make this the longest part."


def test_short_quantified_result_asks_what_it_meant() -> None:
    report = analyze_story(result="Cut costs 30%.")
    assert report.quantified
    assert report.parts[3].present and not report.parts[3].substantial
    assert (
        "The result is only 3 words — add what it meant for the team, the customer or the "
        "business." in report.suggestions
    )


def test_suggestions_stop_at_five_most_important_first() -> None:
    # six things to fix: no figure, a 7-word action and a 3-word result (the blocking ones,
    # first), "we" ×3, 20 words of background against 7, and no task, which is dropped
    report = analyze_story(
        situation=ACCOUNTANT["situation"],
        action="We met, we talked, we fixed it.",
        result="It went well.",
    )
    assert [s.split(" ")[:3] for s in report.suggestions] == [
        ["Put", "a", "number"],
        ["The", "action", "is"],
        ["The", "result", "is"],
        ["The", "action", "says"],
        ["Situation", "and", "task"],
    ]


# --- Speaking time ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "seconds", "warned"),
    [
        (300, 120, False),
        (150, 60, False),
        (148, 59, True),  # 59.2 s
        (375, 150, False),
        (377, 151, True),  # 150.8 s
        (2, 1, True),  # 0.8 s
    ],
)
def test_seconds_at_150_words_a_minute(words: int, seconds: int, warned: bool) -> None:
    report = analyze_story(action="word " * words)
    assert report.words == words
    assert report.seconds == seconds
    assert speaking_seconds(words) == seconds
    assert bool(report.length_warning) is warned


def test_title_and_numbers_are_not_spoken_words() -> None:
    report = analyze_story(title="a b c d e", action="one two three", numbers="4 5 6 7")
    assert report.words == 3


# --- Voice ------------------------------------------------------------------------------------


def test_voice_is_counted_in_the_action_only() -> None:
    report = analyze_story(situation="We we we we were stuck.", action="I fixed it.")
    assert (report.voice.i_count, report.voice.we_count) == (1, 0)


def test_neutral_voice_earns_half_and_no_advice() -> None:
    # 12 words, no I/me/my and no we/us/our
    report = analyze_story(
        action="Rewrote the parser and added tests for every file format in use."
    )
    assert report.voice.verdict == "none"
    assert not any("“we”" in s or "“I”" in s for s in report.suggestions)
    # action present but short: half of 20; voice: half of 10; balance (no other part): 5
    assert SCORE_WEIGHTS["action"] == 20 and SCORE_WEIGHTS["voice"] == 10
    assert report.score == 20


# --- Output -----------------------------------------------------------------------------------


def test_as_dict_is_json_ready() -> None:
    data = json_form(analyze_story(**STRONG))
    assert json.loads(json.dumps(data)) == data
    assert data["parts"][0] == {
        "part": "situation",
        "words": 24,
        "present": True,
        "substantial": True,
        "note": "",
    }
    assert data["voice"] == {"i_count": 6, "we_count": 0, "verdict": "first-person"}
    start = STRONG["result"].index("400 merchants")
    assert data["quantities"][0] == {
        "text": "400 merchants",
        "start": start,
        "end": start + len("400 merchants"),
        "kind": "count",
    }


@pytest.mark.parametrize(("result", "figure"), QUANTIFIED_RESULTS)
def test_a_figure_in_the_result_quantifies_it_as_in_a_practice_answer(
    result: str, figure: str
) -> None:
    report = analyze_story(result=result)
    assert report.quantified
    assert [q.text for q in report.quantities] == [figure]


@pytest.mark.parametrize("result", UNQUANTIFIED_RESULTS)
def test_years_versions_and_vague_amounts_do_not_quantify_a_result(result: str) -> None:
    assert not analyze_story(result=result).quantified


# --- Scores that agree with their suggestions ---------------------------------------------------

# Openings of the suggestions that say a part is missing, thin or without a number.
BLOCKING = (
    "Add the action",
    "Add the result",
    "Put a number",
    "The action is only",
    "The result is only",
)


def _sentences(words: int, sentence: str) -> str:
    """About ``words`` words made of ``sentence`` repeated."""
    size = len(sentence.split())
    return " ".join([sentence] * -(-words // size)) if words else ""


@pytest.mark.parametrize("with_figure", [True, False])
@pytest.mark.parametrize("action_words", [0, 2, 12, 40, 120])
@pytest.mark.parametrize("result_words", [0, 2, 8, 20, 60])
@pytest.mark.parametrize("setup_words", [0, 20, 90])
def test_no_story_shows_a_blocking_fix_with_a_score_above_the_cap(
    with_figure: bool, action_words: int, result_words: int, setup_words: int
) -> None:
    result = _sentences(result_words, "The clinic ran smoothly afterwards.")
    if with_figure and result:
        result += " Waiting fell by 30%."
    report = analyze_story(
        situation=_sentences(setup_words, "The ward was short of nurses."),
        task=_sentences(setup_words // 2, "I had to fix the rota."),
        action=_sentences(action_words, "I rewrote the rota with the charge nurse."),
        result=result,
    )
    blocked = any(s.startswith(BLOCKING) for s in report.suggestions)
    too_thin = "too thin" in report.length_warning
    if blocked or too_thin:
        assert report.score <= BLOCKED_SCORE_MAX
        assert report.score_note
    else:
        assert report.score_note == ""


def test_a_complete_story_long_enough_to_tell_is_not_capped() -> None:
    report = analyze_story(**STRONG)
    assert report.score > BLOCKED_SCORE_MAX
    assert report.score_note == ""


def test_an_action_that_tells_no_step_is_pointed_out_as_a_practice_answer_would_read_it() -> None:
    # The action field holds background and intentions only: no "I …ed", no step in a note.
    story = {
        **STRONG,
        "action": (
            "The billing team was short of two engineers that quarter. We needed to cut the "
            "failures before the close, and the finance director wanted a plan by Friday."
        ),
    }
    suggestions = analyze_story(**story).suggestions
    assert any(s.startswith("The action does not tell a step you took") for s in suggestions)
    # The strong story's action tells its steps, and a note's bare verbs do too.
    assert not any("does not tell a step" in s for s in analyze_story(**STRONG).suggestions)
    noted = {**STRONG, "action": "Rewrote the slow query in batches. Added retries and a runbook."}
    assert not any("does not tell a step" in s for s in analyze_story(**noted).suggestions)
