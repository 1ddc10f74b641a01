"""Pauses measured from the sound itself (nextround.speech.pauses), on espeak-ng speech with
silences of known length, with and without background noise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nextround.speech import SAMPLE_RATE, Transcript, decode, find_pauses
from tests.speech.helpers import SECOND_PAUSE, np


def test_pauses_are_found_where_the_silence_is(
    pauses_transcript: Transcript, pauses_wav: tuple[Path, list[tuple[float, float]]]
) -> None:
    _, truth = pauses_wav
    found = pauses_transcript.pauses
    assert len(found) == 2, found  # the silence before and after the answer is not a pause
    for pause, (start, end) in zip(found, truth, strict=True):
        assert pause.start == pytest.approx(start, abs=0.3)
        assert pause.end == pytest.approx(end, abs=0.3)
    assert found[1].seconds == pytest.approx(SECOND_PAUSE, abs=0.3)


@pytest.mark.parametrize("hiss_db", [-50, -35])  # the voice peaks at about -15 dB
def test_pauses_survive_background_noise(pauses_wav: tuple[Path, Any], hiss_db: int) -> None:
    path, truth = pauses_wav
    samples, _ = decode(path)
    hiss = np.random.default_rng(7).normal(0, 10 ** (hiss_db / 20), len(samples))
    found = find_pauses(samples + hiss.astype(np.float32), SAMPLE_RATE)
    assert len(found) == 2, found
    for pause, (start, end) in zip(found, truth, strict=True):
        assert pause.start == pytest.approx(start, abs=0.3)
        assert pause.end == pytest.approx(end, abs=0.3)


def test_no_pauses_in_continuous_speech(sentences_wav: Path) -> None:
    samples, _ = decode(sentences_wav)  # breaths of 0.6 s between sentences are no hesitation
    assert find_pauses(samples, SAMPLE_RATE) == []
    assert find_pauses(np.zeros(SAMPLE_RATE * 5, dtype=np.float32), SAMPLE_RATE) == []


def _tone(seconds: float, level: float = 0.3) -> Any:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (level * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _quiet(seconds: float) -> Any:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


def test_a_syllable_after_a_stop_consonant_ends_the_speech() -> None:
    """ "quar", 20 ms of silence (the closure before the "t"), and a 0.1 s "ter": the last
    syllable is speech, not a click, so the speech ends after it. A sound as short, 1 s after
    the speech, is still a click."""
    from nextround.speech.pauses import speech_span

    word = np.concatenate([_quiet(0.5), _tone(0.5), _quiet(0.02), _tone(0.1)])
    span = speech_span(np.concatenate([word, _quiet(1.0)]), SAMPLE_RATE)
    assert span is not None and span[1] == pytest.approx(1.12, abs=0.03)
    clicked = np.concatenate([word, _quiet(1.0), _tone(0.08), _quiet(1.0)])
    span = speech_span(clicked, SAMPLE_RATE)
    assert span is not None and span[1] == pytest.approx(1.12, abs=0.03)


def test_a_recording_that_stops_mid_frame_keeps_its_last_sound() -> None:
    from nextround.speech.pauses import speech_span

    samples = np.concatenate([_quiet(0.5), _tone(0.5), _quiet(0.3), _tone(0.215)])
    span = speech_span(samples, SAMPLE_RATE)
    assert span is not None and span[1] == pytest.approx(len(samples) / SAMPLE_RATE, abs=0.01)


def test_sound_no_word_covers_is_found_between_and_after_the_words() -> None:
    """Three 1 s sounds with 0.5 s of quiet between them: words that cover the first and the
    third leave the second unheard; words that stop after the first leave the rest; a word ending
    0.3 s early leaves too little sound to count."""
    from nextround.speech.pauses import unheard

    samples = np.concatenate([_quiet(0.5), _tone(1), _quiet(0.5), _tone(1), _quiet(0.5), _tone(1)])
    samples = np.concatenate([samples, _quiet(1)])
    first, second, third = (0.5, 1.5), (2.0, 3.0), (3.5, 4.5)
    [middle] = unheard(samples, SAMPLE_RATE, [first, third], 0.6)
    assert middle == pytest.approx(second, abs=0.05)
    [rest] = unheard(samples, SAMPLE_RATE, [first], 0.6)
    assert rest == pytest.approx((second[0], third[1]), abs=0.05)
    assert unheard(samples, SAMPLE_RATE, [first, second, (3.5, 4.2)], 0.6) == []
    assert unheard(samples, SAMPLE_RATE, [(0.0, 5.5)], 0.6) == []


def test_unheard_sound_starts_after_the_tail_of_the_word_before() -> None:
    """A word Whisper ended 0.1 s before its sound did, then two unheard 1 s sounds: the stretch
    to transcribe again starts at the second sound, and the silence before it is where the new
    transcription start (its lead-in stops there). A tail as long as a word (0.5 s) is unheard
    itself, and its lead-in goes back into the word."""
    from nextround.speech.pauses import lead_in, unheard

    samples = np.concatenate([_quiet(0.5), _tone(1), _quiet(0.5), _tone(1), _quiet(0.5), _tone(1)])
    [rest] = unheard(samples, SAMPLE_RATE, [(0.5, 1.4)], 0.6)
    assert rest == pytest.approx((2.0, 4.5), abs=0.05)
    assert lead_in(samples, SAMPLE_RATE, rest[0], 0.3) == pytest.approx(1.7, abs=0.05)
    assert lead_in(samples, SAMPLE_RATE, rest[0], 1.0) == pytest.approx(1.5, abs=0.05)
    [longer] = unheard(samples, SAMPLE_RATE, [(0.5, 1.0)], 0.6)
    assert longer[0] == pytest.approx(1.02, abs=0.05)
    assert lead_in(samples, SAMPLE_RATE, longer[0], 0.3) == pytest.approx(0.72, abs=0.05)
    assert lead_in(samples, SAMPLE_RATE, 0.5, 1.0) == 0.0
