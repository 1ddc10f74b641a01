"""The voice extra on real audio: answers spoken by espeak-ng, transcribed by Whisper tiny.en.

Nothing is mocked. The recordings are made once per module (espeak-ng, silence written with
numpy, other formats encoded with PyAV) and the model is loaded once, so the whole file runs in
well under a minute on two cores.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
import wave
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from nextround import config
from nextround.errors import Invalid
from nextround.jsonform import json_form
from nextround.speech import (
    FORMATS,
    MAX_BYTES,
    SAMPLE_RATE,
    Transcript,
    Unavailable,
    available,
    check_upload,
    decode,
    find_pauses,
    load,
    model_path,
    transcribe,
)
from tests.conftest import import_extra
from tests.conftest import speak as espeak

np = import_extra("numpy", "voice")
av = import_extra("av", "voice")
import_extra("faster_whisper", "voice")
jiwer = import_extra("jiwer", "dev")

if shutil.which("espeak-ng") is None:  # scripts/system-deps installs it
    pytest.skip("espeak-ng is not installed", allow_module_level=True)

SENTENCES = [
    "I led a team of five engineers to rebuild the billing system.",
    "The project finished two weeks early and saved the company money.",
    "My manager asked me to improve the onboarding process for new customers.",
    "We measured the results every month and shared them with the sales team.",
    "I am interested in this role because I enjoy solving problems with data.",
]
WITH_FILLERS = (
    "Um, so, I was leading the migration project, and, uh, we had to move everything "
    "in two weeks. Well, uh, the main problem was, um, that nobody owned the reports."
)
LEAD, FIRST_PAUSE, SECOND_PAUSE, TRAIL = 1.0, 2.0, 3.5, 2.0
RATE = 22_050  # espeak-ng's own rate; decoding resamples to 16 kHz


# --- making recordings ---------------------------------------------------------------------


def speak(text: str, folder: Path) -> Any:
    """espeak-ng's voice for ``text``, as float samples with the edge silence cut off."""
    samples, rate = read_wav(espeak(text, folder / "spoken.wav"))
    assert rate == RATE
    heard = np.flatnonzero(np.abs(samples) > 0.003)
    return samples[heard[0] : heard[-1] + 1]


def silence(seconds: float) -> Any:
    return np.zeros(round(seconds * RATE), dtype=np.float32)


def read_wav(path: Path) -> tuple[Any, int]:
    with wave.open(str(path), "rb") as f:
        raw = f.readframes(f.getnframes())
        return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768, f.getframerate()


def write_wav(path: Path, samples: Any, rate: int = RATE) -> Path:
    with wave.open(str(path), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes((np.clip(samples, -1, 1) * 32767).astype(np.int16).tobytes())
    return path


def convert(source: Path, target: Path) -> Path:
    """Re-encode a WAV file with the codec a browser or a phone would use for that format."""
    codec = {"webm": "libopus", "ogg": "libopus", "mp3": "libmp3lame", "m4a": "aac"}
    codec["wav"] = "pcm_s16le"
    fmt = target.suffix[1:]
    rate = 48_000 if codec[fmt] == "libopus" else 44_100
    samples, source_rate = read_wav(source)
    with av.open(str(target), "w", format="ipod" if fmt == "m4a" else None) as out:
        stream = out.add_stream(codec[fmt], rate=rate, layout="mono")
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = source_rate
        frame.time_base = Fraction(1, source_rate)
        frame.pts = 0
        for piece in [*resampler.resample(frame), *resampler.resample(None)]:
            out.mux(stream.encode(piece))
        out.mux(stream.encode(None))
    return target


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="module")
def model() -> Any:
    return load()


@pytest.fixture(scope="module")
def sentences_wav(folder: Path) -> Path:
    """The five sentences with a short breath (0.6 s) between them: one window for Whisper."""
    parts = []
    for sentence in SENTENCES:
        parts += [speak(sentence, folder), silence(0.6)]
    return write_wav(folder / "sentences.wav", np.concatenate(parts[:-1]))


@pytest.fixture(scope="module")
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


@pytest.fixture(scope="module")
def pauses_transcript(model: Any, pauses_wav: tuple[Path, Any]) -> Transcript:
    return transcribe(pauses_wav[0], model=model)


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


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


def test_the_setting_is_read_from_the_environment(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    assert config.load_settings(env).speech_model is None
    env["NEXTROUND_SPEECH_MODEL"] = " ~/models/whisper "
    assert config.load_settings(env).speech_model == "~/models/whisper"


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


# --- formats and refusals ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_decodes(fmt: str, folder: Path) -> None:
    source = write_wav(folder / f"source-{fmt}.wav", speak(SENTENCES[0], folder))
    path = convert(source, folder / f"answer.{fmt}")
    samples, duration = decode(path)
    original, _ = read_wav(source)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert duration == pytest.approx(len(original) / RATE, abs=0.1)
    assert len(samples) == pytest.approx(duration * SAMPLE_RATE, abs=1)


def test_a_browser_recording_is_transcribed(model: Any, folder: Path) -> None:
    source = write_wav(folder / "browser.wav", speak(SENTENCES[3], folder))
    result = transcribe(convert(source, folder / "browser.webm"), model=model)
    assert jiwer.wer(normalised(SENTENCES[3]), normalised(result.text)) <= 0.15, result.text


def _refused(path: Path, *fragments: str) -> None:
    with pytest.raises(Invalid) as caught:
        decode(path)
    for fragment in fragments:
        assert fragment in caught.value.message, caught.value.message


def test_damaged_and_empty_files_are_refused(folder: Path) -> None:
    junk = folder / "junk.webm"
    junk.write_bytes(bytes(range(256)) * 40)
    _refused(junk, "junk.webm could not be read as audio")
    text = folder / "notes.mp3"
    text.write_text("These are my notes, not a recording.\n" * 50, encoding="utf-8")
    _refused(text, "could not be read as audio")
    empty = folder / "empty.ogg"
    empty.write_bytes(b"")
    _refused(empty, "empty.ogg is empty")
    _refused(write_wav(folder / "nothing.wav", np.zeros(0)), "nothing.wav holds no sound")
    _refused(folder / "missing.wav", "There is no file at")


def test_a_wrong_type_lists_the_accepted_ones() -> None:
    with pytest.raises(Invalid, match=r"notes\.txt.*WebM \(\.webm\).*M4A \(\.m4a\)"):
        check_upload("notes.txt", 100)
    with pytest.raises(Invalid, match="upload WebM"):
        check_upload("answer", 100)
    assert check_upload("Answer.WEBM", 100) == "webm"


def test_too_large_and_too_long_are_refused(folder: Path) -> None:
    with pytest.raises(Invalid, match=r"big\.wav is 25\.5 MB; recordings can be up to 25 MB"):
        check_upload("big.wav", int(25.5 * 1024 * 1024))
    big = folder / "big.wav"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    _refused(big, "recordings can be up to 25 MB")
    # Ten minutes and a second at 8 kHz: under the size limit, over the length limit.
    long = write_wav(folder / "long.wav", np.zeros(601 * 8000), rate=8000)
    _refused(long, "long.wav is longer than 10 minutes")


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
