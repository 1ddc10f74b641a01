"""A run-through spoken by espeak-ng: one sentence a slide with a second of silence between, and
the slide changes marked in the middle of each silence. Importing it skips the importing test
module when the voice extra or espeak-ng is missing (tests.speech.helpers)."""

from __future__ import annotations

from pathlib import Path

from tests.speech.helpers import RATE, np, silence, speak, write_wav

SLIDE_SCRIPTS = [
    "Our dwell time grew by a third last year.",
    "Most of the waiting happens before the first scan at the gate.",
    "I would book arrival slots and add a second scanner.",
]


def spoken_run(folder: Path) -> tuple[Path, list[float]]:
    """The recording (a WAV in ``folder``) and the moments the slides changed, in seconds."""
    parts, marks, at = [], [], 0.0
    for i, script in enumerate(SLIDE_SCRIPTS):
        spoken = speak(script, folder)
        parts.append(spoken)
        at += len(spoken) / RATE
        if i < len(SLIDE_SCRIPTS) - 1:
            parts.append(silence(1.0))
            marks.append(at + 0.5)
            at += 1.0
    wav = write_wav(folder / "run.wav", np.concatenate([*parts, silence(0.5)]))
    return wav, marks
