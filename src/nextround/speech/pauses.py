"""Pauses inside a spoken answer, measured from the sound itself (numpy only).

Whisper's word timings are not reliable enough at the edges of a silence to time it, so pauses
come from the recording's loudness: the level of each 20 ms frame, compared with thresholds
set from that recording's own quiet and loud parts, because microphones, rooms and gain differ
far more between recordings than speech differs from silence within one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nextround.feedback.report import Pause
from nextround.feedback.thresholds import HESITATION_SECONDS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]
    Mask = npt.NDArray[np.bool_]

FRAME_SECONDS = 0.02
# Levels in dB relative to full scale. Digital silence would be minus infinity; this floor keeps
# the arithmetic finite and is far below any microphone's own hiss.
FLOOR_DB = -100.0
# The quiet level is the 5th percentile of the frames (the room's own hiss, heard in the gaps
# between phrases), the speech level the 95th (vowels at normal effort, not the odd pop).
QUIET_PERCENTILE = 5
SPEECH_PERCENTILE = 95
# Two thresholds, as in most energy-based speech detectors: a frame above the loud one is surely
# sound; a softer frame counts as sound only when it joins up with a loud one (the "s" that ends
# "system", a breathy start), so noise on its own never does.
# Loud: 12 dB over the quiet level (four times the hiss's amplitude, which fans and breathing do
# not reach but voiced speech does), lifted to at least 45 dB under the speech level, where a
# listener hears nothing, and never closer than 15 dB to it, so that a noisy recording (hiss up
# to about 17 dB under the voice) or one with hardly a gap still has speech and silence apart.
NOISE_MARGIN_DB = 12.0
MAX_BELOW_SPEECH_DB = 45.0
MIN_BELOW_SPEECH_DB = 15.0
# Soft: 6 dB over the quiet level, so still clear of the hiss, and at most 10 dB under the loud
# threshold. The softest consonants ("th", "f") are about 28 dB weaker than the loudest vowels
# (Fletcher's table of phonetic powers), more than the loud threshold alone allows for.
SOFT_MARGIN_DB = 6.0
SOFT_BELOW_LOUD_DB = 10.0
# A recording whose loud parts stay under this holds no speech at all (a muted microphone).
NOTHING_HEARD_DB = -70.0
# A click or a breath inside a silence lasts well under this; a spoken word lasts longer. Such
# short bursts do not break a pause in two.
MIN_SOUND_SECONDS = 0.12
# Inside a word the sound stops briefly: the closure before a "t", "k" or "p" (espeak-ng makes it
# digital silence). Gaps up to this long join the sounds on either side, so the syllable after
# the closure is not taken for a click: "quar-ter" at 240 words a minute ends in a 0.1 s "ter"
# after a 20 ms closure, and the short-burst rule alone cut it, ending the speech before the last
# word (which then was dropped from the transcript). Pauses are 1.5 s or more: this can't hide one.
JOIN_SECONDS = 0.1


def find_pauses(
    samples: Samples, rate: int, *, min_seconds: float = HESITATION_SECONDS
) -> list[Pause]:
    """Silences of at least ``min_seconds`` between the first and the last sound.

    The quiet before the speaker starts and after they stop is not a pause: recording starts
    and stops by hand.
    """
    sound = sound_frames(samples, rate)
    return [
        Pause(start=round(start * FRAME_SECONDS, 2), end=round(end * FRAME_SECONDS, 2))
        for start, end in _runs(~sound)
        if start > 0 and end < len(sound) and (end - start) * FRAME_SECONDS >= min_seconds
    ]


def sound_frames(samples: Samples, rate: int) -> Mask:
    """One flag per 20 ms frame: True where someone is speaking (or something is heard)."""
    import numpy as np

    levels = frame_levels(samples, rate)
    if len(levels) == 0 or np.percentile(levels, SPEECH_PERCENTILE) < NOTHING_HEARD_DB:
        return np.zeros(len(levels), dtype=np.bool_)
    loud, soft = thresholds(levels)
    sound: Mask = levels > soft
    join = round(JOIN_SECONDS / FRAME_SECONDS)
    for start, end in _runs(~sound):
        if start > 0 and end < len(sound) and end - start <= join:
            sound[start:end] = True
    shortest = max(1, round(MIN_SOUND_SECONDS / FRAME_SECONDS))
    for start, end in _runs(sound):
        if end - start < shortest or not np.any(levels[start:end] > loud):
            sound[start:end] = False
    return sound


def frame_levels(samples: Samples, rate: int) -> npt.NDArray[np.float64]:
    """The loudness (RMS, in dB of full scale) of each 20 ms frame; a last, shorter frame is
    padded with silence rather than left out, since a recording can stop mid-word."""
    import numpy as np

    size = max(1, round(rate * FRAME_SECONDS))
    count = -(-len(samples) // size)
    padded = np.zeros(count * size, dtype=np.float64)
    padded[: len(samples)] = samples
    frames = padded.reshape(count, size)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    levels: npt.NDArray[np.float64] = np.maximum(20 * np.log10(np.maximum(rms, 1e-10)), FLOOR_DB)
    return levels


def thresholds(levels: npt.NDArray[np.float64]) -> tuple[float, float]:
    """The loud and the soft threshold for this recording, in dB of full scale."""
    import numpy as np

    quiet = float(np.percentile(levels, QUIET_PERCENTILE))
    speech = float(np.percentile(levels, SPEECH_PERCENTILE))
    loud = max(quiet + NOISE_MARGIN_DB, speech - MAX_BELOW_SPEECH_DB)
    loud = min(loud, speech - MIN_BELOW_SPEECH_DB)
    soft = max(quiet + SOFT_MARGIN_DB, loud - SOFT_BELOW_LOUD_DB)
    return loud, min(soft, loud)


def speech_span(samples: Samples, rate: int) -> tuple[float, float] | None:
    """Seconds from the start to the first and the last sound, or None for a silent recording."""
    import numpy as np

    sound = sound_frames(samples, rate)
    heard = np.flatnonzero(sound)
    if len(heard) == 0:
        return None
    return float(heard[0]) * FRAME_SECONDS, float(heard[-1] + 1) * FRAME_SECONDS


# Whisper often ends a word a little before its sound does. Sound that goes on from inside a
# word for less than this after the word's end is that word's last syllable, not speech left out.
WORD_TAIL_SECONDS = 0.3


def unheard(
    samples: Samples, rate: int, spans: Sequence[tuple[float, float]], min_seconds: float
) -> list[tuple[float, float]]:
    """Stretches of sound that fall between the ``spans`` (seconds from the start, in order: the
    words of a transcript), before the first or after the last, holding at least ``min_seconds``
    of sound: where a transcript left something out. Each is (first sound, last sound), and
    starts after a silence: a transcription started from the tail of a word went wrong (Whisper
    base, given "...money." cut off mid-word, then two sentences, looped on an invented one)."""
    sound = sound_frames(samples, rate)
    edges = [0.0, *(t for span in spans for t in span), len(sound) * FRAME_SECONDS]
    tail = round(WORD_TAIL_SECONDS / FRAME_SECONDS)
    found = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        first, last = int(start / FRAME_SECONDS) + 1, int(end / FRAME_SECONDS)
        runs = _runs(sound[first:last]) if last > first else []
        if start > 0 and runs and runs[0][0] == 0 and sound[first - 1] and runs[0][1] < tail:
            runs = runs[1:]  # the end of the word before
        if sum(e - s for s, e in runs) * FRAME_SECONDS >= min_seconds:
            found.append(
                ((first + runs[0][0]) * FRAME_SECONDS, (first + runs[-1][1]) * FRAME_SECONDS)
            )
    return found


def lead_in(samples: Samples, rate: int, at: float, seconds: float) -> float:
    """Where to start listening to the sound that begins at ``at`` (seconds): ``seconds``
    earlier, but not before the silence just before it began, when there is one (so not in the
    word before)."""
    import numpy as np

    sound = sound_frames(samples, rate)[: int(at / FRAME_SECONDS)]
    if len(sound) and sound[-1]:
        return max(0.0, at - seconds)
    heard = np.flatnonzero(sound)
    quiet = float(heard[-1] + 1) * FRAME_SECONDS if len(heard) else 0.0
    return max(quiet, at - seconds)


def _runs(mask: Mask) -> list[tuple[int, int]]:
    """(start, end) frame indexes of each run of True, end exclusive."""
    import numpy as np

    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]
