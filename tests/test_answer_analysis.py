"""The practice-answer analyzer (nextround.feedback). Every answer here is hand-written for these
tests, from several jobs; offsets are computed from the text with str.index so each one can be
checked by eye, and expected counts are counted by hand in the comments."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from nextround.errors import Invalid
from nextround.feedback import (
    AnswerReport,
    Pause,
    Span,
    TimedWord,
    analyze_answer,
)
from nextround.feedback import thresholds as t
from nextround.feedback.fillers import find_fillers
from nextround.feedback.hedges import find_hedges
from nextround.feedback.structure import wants_story
from nextround.jsonform import json_form

ROOT = Path(__file__).resolve().parents[1]

# --- A strong story: a ward nurse fixing medication rounds ------------------------------------

NURSE = (
    "At my last job on a busy surgical ward, we had a problem with missed medication rounds "
    "during the night shift. My job was to fix the handover between shifts without extra staff. "
    "I designed a one-page checklist, trained fourteen colleagues and audited the rounds every "
    "week for two months. I also met the pharmacists and agreed a new order for the trolley. "
    "As a result, missed doses fell by 60% and the checklist was adopted by three other wards."
)
STORY_QUESTION = "Tell me about a time you improved a process."
# The same story told in full: 157 words, about 75 seconds when spoken.
NURSE_FULL = (
    "At my last job I worked nights on a busy surgical ward with thirty beds, and we had a "
    "problem: medication rounds were often missed or late when the shifts changed over. "
    "My job was to fix the handover between shifts without any extra staff or budget. "
    "I started by shadowing three handovers and writing down every step and every interruption. "
    "I designed a one-page checklist with the pharmacists, tested it for a week with two "
    "colleagues, and changed the order of the trolley so the urgent doses came first. "
    "Then I trained fourteen colleagues in short sessions at the start of each shift, and I "
    "audited the rounds every week for two months, sharing the figures with the ward manager. "
    "As a result, missed doses fell by 60% in eight weeks and late doses halved. "
    "The checklist was adopted by three other wards, and I now run the training for new staff "
    "on the whole floor."
)


def spans(found: Sequence[Span]) -> list[tuple[str, int, int]]:
    return [(s.text, s.start, s.end) for s in found]


def at(text: str, piece: str, start: int = 0) -> tuple[str, int, int]:
    """The span of ``piece`` in ``text`` (first occurrence from ``start``)."""
    i = text.index(piece, start)
    return (piece, i, i + len(piece))


# --- Fillers ----------------------------------------------------------------------------------


def test_vocal_fillers_with_spelling_variants_and_offsets() -> None:
    # A chef: 5 vocal fillers, each a different spelling.
    text = "Umm, the kitchen, uh, ran out of stock. Erm, I called uhm the supplier. Hmm."
    assert spans(find_fillers(text)) == [
        at(text, "Umm"),
        at(text, "uh"),
        at(text, "Erm"),
        at(text, "uhm"),
        at(text, "Hmm"),
    ]


def test_sounds_that_are_abbreviations_or_units_are_not_fillers() -> None:
    text = "I worked in the ER for two years and the gap was 5 mm wide, umbrella or not."
    assert find_fillers(text) == []


def test_multi_word_fillers_have_exact_offsets() -> None:
    # A teacher: "you know", "I mean", "kind of" before a pause, then "um".
    text = "You know, the class was lively. I mean, we kind of, um, ran out of time."
    assert spans(find_fillers(text)) == [
        at(text, "You know"),
        at(text, "I mean"),
        at(text, "kind of"),
        at(text, "um"),
    ]


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("I like Python and SQL.", []),
        ("It looks like the release will slip.", []),
        ("Something like 20% of calls were dropped.", []),
        ("I would like to lead the migration.", []),
        ("We used tools like Jira and Confluence.", []),
        ("Like I said, the audit came first.", []),
        ("It was like a maze in the warehouse.", []),
        ("It was, like, really hard to staff.", ["like"]),
        ("And like we shipped it anyway.", ["like"]),
        ("We had like 20 people on the call.", ["like"]),
        ("I was like no way, not this week.", ["like"]),
    ],
)
def test_like_counts_only_when_it_fills(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("So I decided to call the supplier.", []),
        ("We met early so that nobody waited.", []),
        ("So, um, the audit started on Monday.", ["So", "um"]),
        ("I was tired, so, I went home.", ["so"]),
        ("Okay so the budget was tight.", ["Okay so"]),
        ("Alright, so the budget was tight.", ["Alright, so"]),
        ("That is right.", []),
        ("She was the right person for it.", []),
        ("We met the deadline, right?", ["right"]),
        ("Right, so the patient was stable.", ["Right"]),
        ("Actually, the ward was short of staff.", ["Actually"]),
        ("Nobody knew what actually happened.", []),
        ("It worked, actually.", ["actually"]),
        ("Do you know how the ledger works?", []),
        ("As you know, we closed the books.", []),
        ("You know, we closed the books.", ["You know"]),
        ("I mean it when I say the team did well.", []),
        ("What I mean is that the team did well.", []),
        ("I mean, the team did well.", ["I mean"]),
        ("Basically the report was late, literally a week late.", ["Basically", "literally"]),
    ],
)
def test_ambiguous_fillers(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers


def test_kind_of_as_a_type_is_neither_filler_nor_hedge() -> None:
    text = "What kind of role is this, and what sort of team?"
    assert find_fillers(text) == []
    assert find_hedges(text) == []


def test_loose_kind_of_is_a_hedge_before_a_word_and_a_filler_before_a_pause() -> None:
    text = "It was kind of hard. We kind of, um, stalled."
    assert spans(find_hedges(text)) == [at(text, "kind of")]
    assert spans(find_fillers(text)) == [at(text, "kind of", 20), at(text, "um")]


# --- Hedges -----------------------------------------------------------------------------------


def test_hedges_with_offsets() -> None:
    # A sales manager: 6 hedges.
    text = (
        "I think maybe the deal was a little bit late. I'm not sure why. "
        "Hopefully we probably learned something."
    )
    assert spans(find_hedges(text)) == [
        at(text, "I think"),
        at(text, "maybe"),
        at(text, "a little bit"),
        at(text, "I'm not sure"),
        at(text, "Hopefully"),
        at(text, "probably"),
    ]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("I just wanted to help the team.", ["just"]),
        ("We just helped where we could.", ["just"]),
        ("The parts arrived just in time.", []),
        ("It went just as planned.", []),
        ("We started just after lunch.", []),
        ("I think about the customer first.", []),
        ("I think we should hire two more.", ["I think"]),
        ("I feel like the plan was right.", ["I feel like"]),
    ],
)
def test_just_and_other_hedges_in_context(text: str, hedges: list[str]) -> None:
    assert [s.text for s in find_hedges(text)] == hedges


# --- STAR, figures and voice ------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("text", "verdict", "i", "we"),
    [
        ("I planned the shifts and I trained my team myself.", "first-person", 4, 0),
        ("We planned it, we trained our team and I helped.", "team", 1, 3),
        ("I planned it, I trained them, and we shipped.", "first-person", 2, 1),
        ("The plan worked.", "none", 0, 0),
    ],
)
def test_voice_counts_i_against_we(text: str, verdict: str, i: int, we: int) -> None:
    report = analyze_answer(text)
    assert (report.voice, report.i_count, report.we_count) == (verdict, i, we)


def test_a_team_story_gets_a_tip_about_whose_steps_they_were() -> None:
    text = (
        "At my last job we had a backlog. We sorted it, we fixed it and we tested it. "
        "As a result we cut it by half."
    )
    report = analyze_answer(text, question=STORY_QUESTION)
    assert report.voice == "team"
    assert any("which steps were yours" in tip for tip in report.tips)


def test_question_type_decides_whether_a_story_is_expected() -> None:
    assert wants_story("Tell me about a time you led a team.")
    assert wants_story("Describe a situation where you disagreed with a manager.")
    assert wants_story(None)
    assert not wants_story("Why do you want to work here?")
    assert not wants_story("Tell me about yourself.")
    assert not wants_story("What kind of role are you looking for?")


def test_a_non_story_question_is_not_scored_on_a_result() -> None:
    text = (
        "Your clinics serve rural towns, and that matters to me. At my last job I ran a "
        "mobile clinic, so I know what the work asks of people."
    )
    report = analyze_answer(text, question="Why do you want to work here?")
    assert report.components["result"].out_of == 0
    # It grounds its point in experience: a situation and an action give full structure.
    structure = report.components["structure"]
    assert structure.points == structure.out_of > 0


# --- Length, pace, pauses ---------------------------------------------------------------------


def words_of(n: int) -> str:
    return " ".join(["word"] * n) + "."


@pytest.mark.parametrize(
    ("seconds", "length"),
    [(45, "short"), (60, "good"), (120, "good"), (130, "long"), (150, "long"), (151, "rambling")],
)
def test_length_bands_with_given_seconds(seconds: int, length: str) -> None:
    report = analyze_answer(words_of(150), seconds=seconds)
    assert report.length == length
    assert not report.seconds_estimated


def test_too_many_words_ramble_whatever_the_clock_says() -> None:
    assert analyze_answer(words_of(401), seconds=100).length == "rambling"
    assert analyze_answer(words_of(400), seconds=100).length == "good"


@pytest.mark.parametrize(
    ("words", "pace"),
    [(100, "slow"), (110, "good"), (160, "good"), (170, "brisk"), (180, "brisk"), (190, "fast")],
)
def test_pace_bands_from_given_seconds(words: int, pace: str) -> None:
    report = analyze_answer(words_of(words), seconds=60)
    assert report.wpm == words
    assert report.pace == pace
    assert report.components["pace"].out_of > 0


def test_pace_from_word_timings() -> None:
    # 170 words over 60 seconds: the span of the timings, not the word count, sets the time.
    timed = [TimedWord("word", i * 60 / 170, i * 60 / 170 + 0.2) for i in range(170)]
    timed[-1] = TimedWord("word", 59.5, 60.0)
    report = analyze_answer(words_of(170), words=timed)
    assert report.seconds == 60.0
    assert not report.seconds_estimated
    assert report.pace == "brisk"


def test_typed_answers_are_estimated_and_not_scored_on_pace() -> None:
    report = analyze_answer(words_of(300))
    assert report.seconds_estimated
    assert report.seconds == 300 * 60 / t.TYPED_WORDS_PER_MINUTE
    assert report.wpm == t.TYPED_WORDS_PER_MINUTE
    assert report.components["pace"].out_of == 0
    assert report.components["pace"].note.startswith("Not counted")


def test_pauses_split_into_hesitations_and_long_pauses() -> None:
    pauses = [Pause(1.0, 1.5), Pause(10.0, 11.5), Pause(20.0, 22.9), Pause(30.0, 33.0)]
    pauses.append(Pause(40.0, 45.0))
    report = analyze_answer(NURSE, seconds=80, pauses=pauses)
    assert [p.seconds for p in report.hesitations] == [1.5, pytest.approx(2.9)]
    assert [p.seconds for p in report.long_pauses] == [3.0, 5.0]
    assert any("2 pauses lasted 3 seconds" in tip for tip in report.tips)


# --- Relevance, long sentences, repeats -------------------------------------------------------


def test_requirements_and_company_terms_used_and_missed_by_stem() -> None:
    # An operations analyst.
    text = (
        "I managed stakeholders across three sites and wrote the SQL behind the weekly report, "
        "always with safety first."
    )
    report = analyze_answer(
        text,
        requirements=["Stakeholder management", "SQL", "Budget forecasting", "sql"],
        company_terms=["Safety first", "Net promoter score"],
    )
    assert report.requirements.used == ["Stakeholder management", "SQL"]
    assert report.requirements.missed == ["Budget forecasting"]
    assert report.company_terms.used == ["Safety first"]
    assert report.company_terms.missed == ["Net promoter score"]
    relevance = report.components["relevance"]
    assert relevance.out_of > 0
    assert relevance.points == relevance.out_of  # 3 used: full marks


def test_long_sentences_are_flagged() -> None:
    long_one = " ".join(["step"] * (t.LONG_SENTENCE_WORDS + 1)) + "."
    short_one = " ".join(["step"] * t.LONG_SENTENCE_WORDS) + "."
    text = f"{short_one} {long_one}"
    report = analyze_answer(text)
    assert spans(report.long_sentences) == [(long_one, len(short_one) + 1, len(text))]


def test_repeated_phrases_skip_fillers_and_shorter_repeats() -> None:
    # "at the end of the day" three times (once with a filler inside); "team spirit" only twice.
    text = (
        "At the end of the day we won. At the end, um, of the day we lost the deal. "
        "At the end of the day I learned. Team spirit matters, and team spirit wins."
    )
    report = analyze_answer(text)
    assert [(r.text, r.count) for r in report.repeated_phrases] == [("at the end of the day", 3)]


def test_a_repeated_phrase_gets_a_tip_when_little_else_needs_fixing() -> None:
    text = NURSE_FULL + (
        " The night shift liked it. The night shift asked for more, and the night shift stayed."
    )
    report = analyze_answer(text, question=STORY_QUESTION, seconds=80)
    assert [(r.text, r.count) for r in report.repeated_phrases] == [("the night shift", 3)]
    assert "You said “the night shift” 3 times; vary it or leave it out." in report.tips


def test_a_repeated_phrase_is_quoted_as_written() -> None:
    # The rules compare "I'm" as "im"; the report and the tip quote the answer's own words.
    text = (
        "At my last job I'm not the night manager, I said. Later “I’m not the night manager” "
        "became a joke. I'm not the night manager, I repeated, and we fixed the rota."
    )
    report = analyze_answer(text)
    assert [(r.text, r.count) for r in report.repeated_phrases] == [
        ("I'm not the night manager", 3)
    ]
    assert "You said “I'm not the night manager” 3 times; vary it or leave it out." in report.tips


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


def test_phrases_of_stop_words_are_not_repeats() -> None:
    text = "It was the one. It was the one. It was the one."
    assert analyze_answer(text).repeated_phrases == []


# --- Score and tips ---------------------------------------------------------------------------


def check_sums(report: AnswerReport) -> None:
    assert sum(c.out_of for c in report.components.values()) == 100
    assert round(sum(c.points for c in report.components.values())) == report.score
    for c in report.components.values():
        assert 0 <= c.points <= c.out_of


def test_weights_sum_to_100() -> None:
    assert sum(t.SCORE_WEIGHTS.values()) == 100


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


def test_tips_name_the_filler_and_its_rate() -> None:
    # A software engineer, 60 seconds: 7 fillers, all "um".
    text = (
        "Um, at my last job we had a slow build. Um, my job was to fix it. I, um, profiled it "
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


# --- JSON, errors, purity ---------------------------------------------------------------------


def test_json_shape() -> None:
    report = analyze_answer(
        NURSE,
        question=STORY_QUESTION,
        seconds=75.04,
        requirements=["training"],
        company_terms=["patient safety"],
        pauses=[Pause(3.0, 4.6), Pause(9.0, 12.5)],
    )
    data = json.loads(json.dumps(json_form(report)))
    assert set(data) == {
        "words",
        "seconds",
        "seconds_estimated",
        "wpm",
        "pace",
        "length",
        "fillers",
        "hedges",
        "star",
        "quantified_result",
        "quantities",
        "voice",
        "long_sentences",
        "repeated_phrases",
        "requirements",
        "company_terms",
        "hesitations",
        "long_pauses",
        "score",
        "components",
        "tips",
    }
    assert data["seconds"] == 75.0
    assert set(data["fillers"]) == {"count", "per_minute", "per_100_words", "items"}
    assert set(data["hedges"]) == {"count", "per_minute", "per_100_words", "items"}
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert set(data["star"]["task"]) == {"present", "evidence", "start", "end"}
    assert set(data["voice"]) == {"i", "we", "verdict"}
    assert data["requirements"] == {"used": ["training"], "missed": []}
    assert data["company_terms"] == {"used": [], "missed": ["patient safety"]}
    assert data["hesitations"] == [{"start": 3.0, "end": 4.6, "seconds": 1.6}]
    assert data["long_pauses"] == [{"start": 9.0, "end": 12.5, "seconds": 3.5}]
    assert set(data["components"]["structure"]) == {"points", "out_of", "note"}
    assert data["quantities"][0] == {
        "text": "60%",
        "start": NURSE.index("60%"),
        "end": NURSE.index("60%") + 3,
    }


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_answer_is_refused(text: str) -> None:
    with pytest.raises(Invalid, match="There is no answer to analyse"):
        analyze_answer(text)


def test_a_too_long_answer_is_refused() -> None:
    with pytest.raises(Invalid, match="too long"):
        analyze_answer("a" * (t.MAX_ANSWER_CHARS + 1))
    analyze_answer("word " * (t.MAX_ANSWER_CHARS // 5))  # exactly at the limit is fine


@pytest.mark.parametrize("seconds", [0, -5, float("nan")])
def test_a_length_that_is_not_positive_is_refused(seconds: float) -> None:
    with pytest.raises(Invalid, match="positive number of seconds"):
        analyze_answer(NURSE, seconds=seconds)


def test_the_package_imports_nothing_from_django() -> None:
    code = (
        "import sys\n"
        "import nextround.feedback\n"
        "nextround.feedback.analyze_answer('I led it. As a result we saved 5 hours.')\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_every_threshold_is_documented_with_its_value() -> None:
    doc = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
    names = [n for n in vars(t) if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)]
    assert len(names) > 20
    for name in names:
        row = next((line for line in doc.splitlines() if f"`{name}`" in line), None)
        assert row is not None, name
        value = getattr(t, name)
        values = value.items() if isinstance(value, dict) else [("", value)]
        for key, number in values:
            assert f"{key} {number:g}".strip() in row.replace(",", ""), (name, key, row)


# --- The evaluation's Spearman ----------------------------------------------------------------


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "mit_interviews.py"
    spec = importlib.util.spec_from_file_location("mit_interviews", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_spearman_averages_tied_ranks() -> None:
    ev = evaluation_module()
    assert ev.ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert ev.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert ev.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # With ties: Pearson's r of the ranks [1, 2.5, 2.5, 4] and [1, 2, 3, 4].
    assert ev.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833, abs=1e-6)


def test_evaluation_restores_commas_and_reads_answers() -> None:
    ev = evaluation_module()
    assert ev.restore_commas("Um  so I  uh went.  Then") == "Um, so I, uh went. Then"
    transcript = (
        "Interviewer: Tell me about a time you led a team?|Interviewee: Um  I led it.|"
        "Interviewer: Mm-hmm.|Interviewee: And we won.|Interviewer: Why us?|Interviewee: Because."
    )
    found = ev.answers(transcript)
    assert [(a.question, a.text) for a in found] == [
        ("Tell me about a time you led a team?", "Um, I led it.\nAnd we won."),
        ("Why us?", "Because."),
    ]


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        # A vocal filler next to "like"; the word before is read through the filler.
        ("We then, uh, like tried it twice.", ["uh", "like"]),
        ("We, uh, like pizza.", ["uh"]),
        ("She proposed uh like a rota.", ["uh", "like"]),
        ("We met like, um, twice.", ["like", "um"]),
        ("They seemed um like nice people.", ["um"]),
        ("We sold things um like mugs.", ["um"]),
        ("I, um, like Python.", ["um"]),
        ("Tools, um, like Jira helped.", ["um", "like"]),
        # "to like": padding unless the verb ("want to like it", "to like the job").
        ("The coach asked us to like run laps.", ["like"]),
        ("We found ways to like test the idea.", ["like"]),
        ("I want to like my next job.", []),
        ("I learned to like Python.", []),
        ("It is hard to like the commute.", []),
        ("I would like to lead it.", []),
        # After "have": never the verb.
        ("We have like a column for it.", ["like"]),
        ("Mentors have like trained me well.", ["like"]),
        # After a word that needs a subject next.
        ("I met people where like they listen.", ["like"]),
        ("The catch is that like I forgot.", ["like"]),
        ("People who like sports joined.", []),
        ("I picked teams that like the outdoors.", []),
        # After a preposition.
        ("It sold for like a billion dollars.", ["like"]),
        ("We talked about like how to start.", ["like"]),
        ("It is kind of like a relay.", ["kind of"]),  # "like" compares
        ("I work with like-minded people.", []),
    ],
)
def test_like_rules_on_hand_written_sentences(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers
