"""Recordings and the model, made once for all the speech tests (package scope), so the whole
folder runs in well under a minute on two cores."""

from __future__ import annotations

import contextlib
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from nextround.speech import BASE, TINY, Model, Transcript, load, transcribe

with contextlib.suppress(pytest.skip.Exception, pytest.fail.Exception):
    # The helpers skip (or in CI fail) when the voice extra or espeak-ng is missing; raised while
    # pytest loads a conftest, that would stop the run. Every speech test module imports the
    # helpers too, and is skipped (or fails) there, before a fixture here is used.
    from tests.speech.helpers import (
        FIRST_PAUSE,
        LEAD,
        RATE,
        RATES,
        SCRIPTS,
        SECOND_PAUSE,
        SENTENCES,
        TRAIL,
        answer_plan,
        clip_plan,
        make_clip,
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
    return load(TINY)


@pytest.fixture(scope="package")
def base_model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    """Whisper base, joined from its packages into a data folder of its own (skipped, or in CI
    failed, when the voice-base extra is missing)."""
    from nextround.speech import models
    from tests.conftest import import_extra

    for package in models.BASE_PACKAGES:
        import_extra(package, "voice-base")
    loaded = load(BASE, data_dir=tmp_path_factory.mktemp("data"))
    assert loaded.name == BASE, loaded.note
    return loaded


@pytest.fixture(scope="package", params=[TINY, BASE])
def each_model(request: pytest.FixtureRequest) -> Model:
    """tiny.en, then base: the tests that use this run once with each."""
    fixture = "model" if request.param == TINY else "base_model"
    found: Model = request.getfixturevalue(fixture)
    return found


class Clip(NamedTuple):
    script: str
    voice: str
    rate: int
    path: Path
    speech_end: float  # seconds from the start to the end of the last word


def _clips(folder: Path, plan: list[tuple[str, str, int]], prefix: str) -> list[Clip]:
    clips = []
    for index, (script, voice, rate) in enumerate(plan):
        path = make_clip(folder, f"{prefix}{index}", script, voice, rate)
        with wave.open(str(path), "rb") as f:
            end = f.getnframes() / f.getframerate() - 0.8  # make_clip's trailing silence
        clips.append(Clip(script, voice, rate, path, end))
    return clips


@pytest.fixture(scope="package")
def varied_clips(folder: Path) -> list[Clip]:
    """24 clips: eight scripts, each in three of four voices and three rates."""
    return _clips(folder, clip_plan(), "varied")


@pytest.fixture(scope="package")
def clear_clips(folder: Path) -> list[Clip]:
    """The eight scripts in espeak-ng's US voice at three rates: the word error rate's set."""
    plan = [(script, "en-us", rate) for script in SCRIPTS for rate in RATES]
    return _clips(folder, plan, "clear")


@pytest.fixture(scope="package")
def answer_clips(folder: Path) -> list[Clip]:
    """Six whole practice answers, each in two of the four voices and rates: 12 recordings."""
    return _clips(folder, answer_plan(), "answer")


_heard: dict[tuple[str, Path], Transcript] = {}


@pytest.fixture(scope="package")
def heard() -> Callable[[Model, Clip], Transcript]:
    """A clip's transcript by a model, made once for the whole package."""

    def transcript(model: Model, clip: Clip) -> Transcript:
        key = (model.name, clip.path)
        if key not in _heard:
            _heard[key] = transcribe(clip.path, model=model)
        return _heard[key]

    return transcript


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
