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
