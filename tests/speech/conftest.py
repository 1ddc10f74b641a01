"""Recordings and the model, made once for all the speech tests (package scope), so the whole
folder runs in well under a minute on two cores."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from nextround.speech import Transcript, load, transcribe

with contextlib.suppress(pytest.skip.Exception, pytest.fail.Exception):
    # The helpers skip (or in CI fail) when the voice extra or espeak-ng is missing; raised while
    # pytest loads a conftest, that would stop the run. Every speech test module imports the
    # helpers too, and is skipped (or fails) there, before a fixture here is used.
    from tests.speech.helpers import (
        FIRST_PAUSE,
        LEAD,
        RATE,
        SECOND_PAUSE,
        SENTENCES,
        TRAIL,
        np,
        silence,
        speak,
        write_wav,
    )


@pytest.fixture(scope="package")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="package")
def model() -> Any:
    return load()


@pytest.fixture(scope="package")
def sentences_wav(folder: Path) -> Path:
    """The five sentences with a short breath (0.6 s) between them: one window for Whisper."""
    parts = []
    for sentence in SENTENCES:
        parts += [speak(sentence, folder), silence(0.6)]
    return write_wav(folder / "sentences.wav", np.concatenate(parts[:-1]))


@pytest.fixture(scope="package")
def pauses_wav(folder: Path) -> tuple[Path, list[tuple[float, float]]]:
    """Silence, a sentence, 2.0 s, a sentence, 3.5 s, a sentence, silence; with the pauses'
    true (start, end) in seconds."""
    one, two, three = (speak(s, folder) for s in SENTENCES[:3])
    first_start = LEAD + len(one) / RATE
    second_start = first_start + FIRST_PAUSE + len(two) / RATE
    timeline = [silence(LEAD), one, silence(FIRST_PAUSE), two, silence(SECOND_PAUSE), three]
    samples = np.concatenate([*timeline, silence(TRAIL)])
    truth = [
        (first_start, first_start + FIRST_PAUSE),
        (second_start, second_start + SECOND_PAUSE),
    ]
    return write_wav(folder / "pauses.wav", samples), truth


@pytest.fixture(scope="package")
def pauses_transcript(model: Any, pauses_wav: tuple[Path, Any]) -> Transcript:
    return transcribe(pauses_wav[0], model=model)
