"""Delivery (nextround.feedback.delivery): length and pace, pauses, long sentences and repeated
phrases. Every answer here is hand-written for these tests, and expected counts are counted by
hand in the comments."""

from __future__ import annotations

import pytest

from nextround.errors import Invalid
from nextround.feedback import Pause, TimedWord, analyze_answer
from nextround.feedback import thresholds as t
from tests.feedback.helpers import NURSE, spans, words_of


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


def test_phrases_of_stop_words_are_not_repeats() -> None:
    text = "It was the one. It was the one. It was the one."
    assert analyze_answer(text).repeated_phrases == []


@pytest.mark.parametrize("seconds", [0, -5, float("nan")])
def test_a_length_that_is_not_positive_is_refused(seconds: float) -> None:
    with pytest.raises(Invalid, match="positive number of seconds"):
        analyze_answer(NURSE, seconds=seconds)
