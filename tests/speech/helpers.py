"""What the speech tests share. Importing this module skips the importing test module when the
voice extra or espeak-ng is missing (in CI it fails instead); every speech test module imports it,
so they are skipped together, as when they were one file. Then the scripts spoken, and how
recordings are made: espeak-ng's voice, silence written with numpy, other formats encoded with
PyAV."""

from __future__ import annotations

import re
import shutil
import wave
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

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


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())
