"""Speech-to-text for spoken practice answers, from the optional ``voice`` extra.

Whisper (tiny.en, or base when installed and fast enough: see :mod:`nextround.speech.models`)
runs through faster-whisper and CTranslate2 on the CPU, so a recording never leaves the machine
and nothing is downloaded. Nothing heavy is imported until a model is first needed, and each
model is loaded once per process.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from nextround.errors import NextroundError
from nextround.feedback.report import Pause, TimedWord
from nextround.speech import models
from nextround.speech.audio import INSTALL_HINT, SAMPLE_RATE, Unavailable, decode
from nextround.speech.pauses import find_pauses, lead_in, speech_span, unheard
from nextround.text import words as compared_words

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
    # A beam of five (faster-whisper's default) made about a third fewer word errors than greedy
    # decoding, with both models, for about 35-40% more processor time (docs/speech.md).
    "beam_size": 5,
    # No sampling: the same recording always gives the same transcript. Retrying a doubtful
    # window at 0.2 and 0.4 (until 2026-12-07) kept greedy decoding from looping, but with the
    # beam it changed no figure on any clip set except by chance: on one machine it sampled a
    # different transcript from run to run (base, clear clips: 6.9% to 8.2%), with no loop in
    # any set at 0 alone (docs/speech.md). Text that loops anyway is dropped (REPETITIVE below).
    "temperature": 0.0,
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
# Sound that no word written covers (after the last word, or between two) is transcribed again
# on its own, this many times at most, starting this long before the sound does (Whisper hears a
# word's onset better with a moment of silence before it) and, in the middle, ending this long
# after it. Only when that much sound is left: a sentence, not the last syllable of a word whose
# end Whisper placed early (given alone to Whisper, a syllable and the silence after it came
# back as invented words: "Or go.").
RETRIES = 2
LEAD_IN_SECONDS = 0.3
LEAD_OUT_SECONDS = 0.1
UNHEARD_SECONDS = 0.6
# A word shorter than this was placed, not heard: no spoken word takes under 50 ms. Whisper
# gives such times to words it wrote without finding them in the sound: "And, uh" squeezed to
# no length after the sound that held them (which the retry then heard again: "And, uh, And,
# uh"), or "uh, uh, uh" 40 ms apart at the end of a retried stretch, a loop.
PLACED_SECONDS = 0.05
# Whisper may also write the words that follow a gap late, after the sound that holds them: the
# retry then hears them in the gap, and "And, uh" becomes "And, uh, uh". The retry's copy, timed
# from the sound, replaces the one written after it, up to this many words.
REHEARD_WORDS = 3
# 8-bit weights: 40% less time than float32 on a CPU, for the same words.
COMPUTE_TYPE = "int8"
#: A short answer spoken by espeak-ng, on which the auto choice times Whisper base once.
SPEED_CLIP = "speed-check.ogg"


class Transcript(msgspec.Struct, frozen=True):
    """What was said, word by word with times, and the pauses heard in the recording."""

    text: str
    words: list[TimedWord]
    pauses: list[Pause]
    duration: float
    model: str


class Model(msgspec.Struct, frozen=True):
    """A loaded speech model, the name it is reported under, and why it is not the model that
    was asked for, when it is not (see :class:`nextround.speech.models.Choice`)."""

    name: str
    whisper: Any  # faster_whisper.WhisperModel
    note: str = ""


def available(configured: str | None = None, data_dir: Path | None = None) -> bool:
    """True when the voice extra is installed and the configured model can be found. Cheap: base
    is not joined here (tiny.en stands in for it whenever it can't be had)."""
    if not all(find_spec(name) for name in ("faster_whisper", "ctranslate2", "av", "numpy")):
        return False
    try:
        if configured in (None, *models.CHOICES):
            models.tiny_path()
        else:
            model_path(configured, data_dir)
    except NextroundError:
        return False
    return True


def model_path(configured: str | None = None, data_dir: Path | None = None) -> str:
    """The folder of the model ``configured`` chooses (auto, base, tiny.en or a folder; None is
    auto), without timing anything: an auto choice not yet measured names tiny.en."""
    return models.choose(configured, data_dir).path


def load(configured: str | None = None, *, data_dir: Path | None = None) -> Model:
    """The model, loaded on first use and then shared by every caller in the process.

    ``data_dir`` is where Whisper base is joined and the auto choice remembered; without it,
    tiny.en is used."""
    choice = models.choose(configured, data_dir, measure=measure_rtf)
    loaded = _load_once(choice.path, choice.name)
    return Model(name=choice.name, whisper=loaded.whisper, note=choice.note)


def transcribe(
    path: Path,
    *,
    model: Model | str | None = None,
    data_dir: Path | None = None,
    progress: Progress | None = None,
) -> Transcript:
    """The words of a recording with their times, and its pauses.

    ``model`` is a loaded :class:`Model`, or the setting (see :func:`load`, with ``data_dir``).
    ``progress`` is called with the fraction done, from 0 to 1, as text arrives.
    """
    samples, duration = decode(path)
    loaded = model if isinstance(model, Model) else load(model, data_dir=data_dir)
    return transcribe_samples(samples, duration, loaded, progress)


def transcribe_samples(
    samples: Samples, duration: float, model: Model, progress: Progress | None = None
) -> Transcript:
    heard = speech_span(samples, SAMPLE_RATE)
    # Whisper writes something even for silence; a recording with no sound has no words.
    text, words = _recognise(model, samples, heard, progress) if heard else ("", [])
    return Transcript(
        text=text,
        words=words,
        pauses=find_pauses(samples, SAMPLE_RATE),
        duration=round(duration, 2),
        model=model.name,
    )


def measure_rtf(folder: str) -> float:
    """The real-time factor of the model in ``folder`` on the bundled clip: seconds spent per
    second of audio, after one untimed run (the first one warms caches up)."""
    loaded = _load_once(folder, Path(folder).name)
    clip = files("nextround.speech").joinpath("data", SPEED_CLIP)
    samples, duration = decode(Path(str(clip)))
    transcribe_samples(samples, duration, loaded)
    started = time.perf_counter()
    transcribe_samples(samples, duration, loaded)
    return (time.perf_counter() - started) / duration


# --- loading -------------------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, Model] = {}


def _load_once(where: str, name: str) -> Model:
    with _lock:
        found = _loaded.get(where)
        if found is None:
            found = _loaded[where] = _load(where, name)
    return found


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
    """Every core, up to four. On two cores, two threads took 0.56 (tiny.en) and 0.61 (base) of
    the time of one on a busy machine (benchmarks/speech.py, 2026-12-06; idle, earlier, two were
    up to 15% faster): the candidate is waiting for the transcript, and no slower for it. Past
    four, CTranslate2 gains little on models this small."""
    return max(1, min(4, os.cpu_count() or 1))


# --- recognising ---------------------------------------------------------------------------


def _recognise(
    model: Model, samples: Samples, heard: tuple[float, float], progress: Progress | None
) -> tuple[str, list[TimedWord]]:
    """Whisper's words, each timed and kept only where the recording has sound (``heard``:
    the first and last sound, in seconds).

    Whisper sometimes leaves speech out: after a pause it may close a window with "After six
    weeks," and never hear the sentence that follows, and base now and then jumps over whole
    sentences in the middle of a recording. Sound that no word covers is therefore transcribed
    again on its own (from just before it starts), at most :data:`RETRIES` times, and its words
    put in their place, so no part of an answer is lost."""
    if progress is not None:
        progress(0.0)  # the first passage takes a while: show that work has started
    duration = len(samples) / SAMPLE_RATE
    raw, words = _passages(model, samples, 0.0, heard, duration, progress)
    for _ in range(RETRIES if words else 0):  # no word at all: noise, not speech left out
        gaps = unheard(samples, SAMPLE_RATE, [(w.start, w.end) for w in words], UNHEARD_SECONDS)
        added = False
        for start, end in reversed(gaps):  # from the end, so earlier indexes stay right
            at = sum(w.end <= start for w in words)
            past = _past_placed(words, at)  # words with no length after the gap are its own
            before = words[at - 1] if at else None
            after = words[past] if past < len(words) else None
            offset = lead_in(samples, SAMPLE_RATE, start, LEAD_IN_SECONDS)
            stop = len(samples) if after is None else round((end + LEAD_OUT_SECONDS) * SAMPLE_RATE)
            more, more_words = _passages(
                model,
                samples[round(offset * SAMPLE_RATE) : stop],
                offset,
                heard if after is None else (heard[0], min(heard[1], after.start)),
                duration,
                progress if after is None else None,  # the middle is behind the progress shown
                before,
            )
            if after is not None:  # the next word written again: it is there already
                kept = [
                    (r, w) for r, w in zip(more, more_words, strict=True) if w.start < after.start
                ]
                more, more_words = [r for r, _ in kept], [w for _, w in kept]
            if not more_words:
                continue  # nothing heard again: the words written stay as they are
            past += _written_again(more_words, words[past : past + REHEARD_WORDS])
            raw[at:past] = more
            words[at:past] = more_words
            added = True
        if not added:
            break
    if progress is not None:
        progress(1.0)
    return "".join(raw).strip(), words


def _passages(
    model: Model,
    samples: Samples,
    offset: float,
    heard: tuple[float, float],
    duration: float,
    progress: Progress | None,
    before: TimedWord | None = None,
) -> tuple[list[str], list[TimedWord]]:
    """Whisper's passages for ``samples``, which start ``offset`` seconds into the recording;
    their words as written (with Whisper's spaces) and timed in the recording's seconds, after
    ``before`` and up to the end of ``heard``."""
    segments, _info = model.whisper.transcribe(samples, **DECODING)
    raw: list[str] = []
    words: list[TimedWord] = [before] if before else []
    try:
        for segment in segments:  # a generator: each window is decoded when it is asked for
            start, end = offset + float(segment.start), offset + float(segment.end)
            if progress is not None:
                progress(min(1.0, end / duration))
            if start >= heard[1] - TAIL_SECONDS:
                break  # a passage after the sound ended
            if float(segment.compression_ratio) > REPETITIVE:
                continue  # still looping after every retry: not speech anyone gives
            for word in segment.words or ():
                timed = _timed(word, offset, heard, words[-1] if words else None)
                if timed is not None and not _loops(timed, words[-1] if words else None):
                    raw.append(str(word.word))
                    words.append(timed)
            if end >= heard[1] - TAIL_SECONDS:
                break  # the sound is covered: don't let Whisper go on into the silence
    finally:
        segments.close()
    return raw, words[1:] if before else words


def _placed(word: TimedWord) -> bool:
    return word.end - word.start < PLACED_SECONDS


def _past_placed(words: list[TimedWord], at: int) -> int:
    """The index of the first word from ``at`` on that has a length of its own."""
    while at < len(words) and _placed(words[at]):
        at += 1
    return at


def _written_again(retried: list[TimedWord], following: list[TimedWord]) -> int:
    """How many of the ``following`` words (those written after a gap) the retry's words end
    with: the same words heard twice, once where they were said."""
    for count in range(min(len(retried), len(following)), 0, -1):
        ends = [_bare(w) for w in retried[-count:]]
        if ends == [_bare(w) for w in following[:count]]:
            return count
    return 0


def _bare(word: TimedWord) -> list[str]:
    """The word as the text toolkit compares words ("uh," is "uh", "I'm" is "im")."""
    return compared_words(word.word)


def _loops(word: TimedWord, before: TimedWord | None) -> bool:
    """True for a word that repeats the one before it with no length of its own: Whisper looping
    on a word ("uh, uh, uh" 40 ms apart), not a speaker repeating it ("I, I" takes time)."""
    return before is not None and _placed(word) and _bare(word) == _bare(before)


def _timed(
    word: Any, offset: float, heard: tuple[float, float], before: TimedWord | None
) -> TimedWord | None:
    """One word without Whisper's leading space, or None for a doubtful word after the sound
    ended (see TAIL_SECONDS). Times are kept in order and inside the sound: Whisper stretches
    the first word over any silence before it."""
    text = str(word.word).strip()
    first, last = heard
    if not text:
        return None
    word_start, word_end = offset + float(word.start), offset + float(word.end)
    if word_start >= last - TAIL_SECONDS and float(word.probability) < DOUBTFUL:
        return None
    floor = before.end if before else first
    start = round(max(word_start, floor), 2)
    end = round(min(max(word_end, start), last), 2)
    return TimedWord(word=text, start=start, end=max(end, start))
