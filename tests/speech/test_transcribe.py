"""Transcription with the voice extra (nextround.speech.transcribe) on real audio: answers spoken
by espeak-ng, transcribed by Whisper tiny.en. Nothing is mocked. The `transcribe` command is
tested here too, since it needs the same recordings and model."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nextround.jsonform import json_form
from nextround.speech import Transcript, Unavailable, available, load, model_path, transcribe
from tests.speech.helpers import (
    LEAD,
    SENTENCES,
    TRAIL,
    WITH_FILLERS,
    convert,
    jiwer,
    normalised,
    silence,
    speak,
    write_wav,
)

# --- the extra -----------------------------------------------------------------------------


def test_the_extra_is_available_and_bundles_its_model() -> None:
    assert available()
    assert (Path(model_path()) / "model.bin").is_file()


def test_importing_the_package_loads_nothing_heavy() -> None:
    code = (
        "import sys, nextround.speech\n"
        "heavy = {'numpy', 'av', 'faster_whisper', 'ctranslate2'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_a_configured_model_that_is_missing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Unavailable, match=r"NEXTROUND_SPEECH_MODEL is .*nowhere.*neither"):
        model_path(str(tmp_path / "nowhere"))
    with pytest.raises(Unavailable, match=r"folder without a CTranslate2 Whisper model"):
        model_path(str(tmp_path))
    with pytest.raises(Unavailable, match="neither"):
        load("not-a-model-name")
    assert not available(str(tmp_path / "nowhere"))
    assert model_path("base.en") == "base.en"  # a name is passed on, downloaded only on load
    assert model_path(str(Path(model_path()))) == model_path()


# --- recognition ---------------------------------------------------------------------------


def test_word_error_rate_is_at_most_15_percent(model: Any, sentences_wav: Path) -> None:
    result = transcribe(sentences_wav, model=model)
    error = jiwer.wer(normalised(" ".join(SENTENCES)), normalised(result.text))
    assert error <= 0.15, (error, result.text)
    assert result.model == "tiny.en"


def test_fillers_are_kept_so_the_analyzer_counts_them(model: Any, folder: Path) -> None:
    from nextround.feedback import analyze_answer

    path = write_wav(folder / "fillers.wav", speak(WITH_FILLERS, folder))
    result = transcribe(path, model=model)
    vocal = [w for w in normalised(result.text).split() if w in {"um", "uh"}]
    assert len(vocal) >= 3, result.text  # four were spoken
    report = analyze_answer(result.text, words=result.words, pauses=result.pauses)
    assert report.fillers.count >= len(vocal)
    assert {"um", "uh"} <= {item.text.lower() for item in report.fillers.items}


@pytest.mark.parametrize(
    ("script", "last_word"),
    [
        (SENTENCES[0], "system"),  # Whisper alone adds "So, uh," here
        (SENTENCES[3], "team"),  # and "Yeah." here
        ("Actually, I was, like, literally the only analyst, right?", "right"),
    ],
)
def test_nothing_is_added_after_the_last_word(
    model: Any, folder: Path, script: str, last_word: str
) -> None:
    path = write_wav(folder / "one.wav", speak(script, folder))
    seen: list[float] = []
    result = transcribe(path, model=model, progress=seen.append)
    assert normalised(result.text).split()[-1] == last_word, result.text
    assert normalised(result.words[-1].word) == last_word
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_a_silent_recording_has_no_words(model: Any, folder: Path) -> None:
    path = write_wav(folder / "silent.wav", silence(4))
    result = transcribe(path, model=model)
    assert (result.text, result.words, result.pauses) == ("", [], [])
    assert result.duration == 4.0


def test_word_timings_run_forward_inside_the_recording(pauses_transcript: Transcript) -> None:
    words = pauses_transcript.words
    assert len(words) > 20
    assert all(w.word == w.word.strip() and w.word for w in words)
    assert all(0 <= w.start <= w.end <= pauses_transcript.duration for w in words)
    assert all(a.end <= b.start for a, b in itertools.pairwise(words))
    assert pauses_transcript.duration == pytest.approx(LEAD + TRAIL + 5.5 + 11, abs=4)
    # No word is heard in the middle of the long pause.
    pause = pauses_transcript.pauses[1]
    middle = (pause.start + pause.end) / 2
    assert not any(w.start < middle - 0.5 and w.end > middle + 0.5 for w in words)


def test_the_dictionary_shape(pauses_transcript: Transcript) -> None:
    shaped = json_form(pauses_transcript)
    assert set(shaped) == {"text", "words", "pauses", "duration", "model"}
    assert set(shaped["words"][0]) == {"word", "start", "end"}
    assert set(shaped["pauses"][0]) == {"start", "end"}
    json.dumps(shaped)


def test_a_browser_recording_is_transcribed(model: Any, folder: Path) -> None:
    source = write_wav(folder / "browser.wav", speak(SENTENCES[3], folder))
    result = transcribe(convert(source, folder / "browser.webm"), model=model)
    assert jiwer.wer(normalised(SENTENCES[3]), normalised(result.text)) <= 0.15, result.text


# --- the command line ----------------------------------------------------------------------


def test_cli_json(
    ok: Callable[..., str], model: Any, pauses_transcript: Transcript, pauses_wav: Any
) -> None:
    shown = json.loads(ok("transcribe", str(pauses_wav[0]), "--json"))
    expected = json_form(pauses_transcript)
    assert set(shown) == set(expected)
    assert all(set(w) == {"word", "start", "end"} for w in shown["words"])
    assert shown["pauses"] == expected["pauses"]
    assert shown["duration"] == expected["duration"] and shown["model"] == "tiny.en"
    assert "engineers" in shown["text"]


def test_cli_text(ok: Callable[..., str], model: Any, pauses_wav: Any) -> None:
    shown = ok("transcribe", str(pauses_wav[0]))
    assert "engineers" in shown
    assert "Pauses of 1.5 s or more: 2" in shown
    assert "3.5 s  long" in shown


def test_cli_refusals(
    bad: Callable[..., str], folder: Path, pauses_wav: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "There is no file at" in bad("transcribe", str(folder / "absent.wav"))
    notes = folder / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    assert "upload WebM (.webm)" in bad("transcribe", str(notes))
    junk = folder / "broken.m4a"
    junk.write_bytes(b"\x00\x01" * 3000)
    assert "could not be read as audio" in bad("transcribe", str(junk))
    monkeypatch.setenv("NEXTROUND_SPEECH_MODEL", str(folder / "no-model"))
    assert "NEXTROUND_SPEECH_MODEL" in bad("transcribe", str(pauses_wav[0]))
