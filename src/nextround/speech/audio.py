"""Recorded answers read into samples: the accepted formats, the limits, and decoding.

PyAV (installed with the ``voice`` extra) decodes every format through FFmpeg's libraries that
ship inside its wheel, so no system ffmpeg is needed. The file name's suffix is checked first,
for a quick and clear refusal; decoding then proves the content really is audio. Every failure
becomes :class:`~nextround.errors.Invalid` with a message the candidate can act on.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from nextround.errors import Invalid, NextroundError

if TYPE_CHECKING:
    import av
    import av.audio.stream
    import av.container
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.float32]

#: The formats a browser's recorder or a phone produces, by file suffix.
FORMATS = ("webm", "ogg", "wav", "mp3", "m4a")
_SUFFIXES = {
    ".webm": "webm",
    ".ogg": "ogg",
    ".oga": "ogg",
    ".opus": "ogg",
    ".wav": "wav",
    ".wave": "wav",
    ".mp3": "mp3",
    ".m4a": "m4a",
    ".mp4": "m4a",
}
_ACCEPTED = "WebM (.webm), Ogg (.ogg), WAV (.wav), MP3 (.mp3) or M4A (.m4a)"

# A practice answer should last one to two minutes. Ten minutes leaves room for a case or a
# presentation run-through; longer, and one recording would hold the transcriber for long.
MAX_SECONDS = 10 * 60
# A browser's WebM or Ogg recording takes well under 1 MB a minute; 25 MB still holds ten
# minutes of plain WAV at 16 kHz (about 19 MB).
MAX_BYTES = 25 * 1024 * 1024
#: Whisper listens at 16 kHz; pauses are measured on the same samples.
SAMPLE_RATE = 16_000
INSTALL_HINT = "pip install 'nextround[voice]'"


class Unavailable(NextroundError):
    """Speech-to-text is not installed, or the configured model cannot be found."""

    status = 503


def audio_format(name: str) -> str:
    """The format named by a file's suffix, or Invalid listing the accepted ones."""
    fmt = _SUFFIXES.get(PurePath(name).suffix.lower())
    if fmt is None:
        raise Invalid(
            f"Can't use {PurePath(name).name or name!r} as a recording: upload {_ACCEPTED}."
        )
    return fmt


def check_upload(name: str, size: int) -> str:
    """Refuse an upload by its name and size before reading it; returns its format."""
    fmt = audio_format(name)
    if size <= 0:
        raise Invalid(f"{PurePath(name).name} is empty: the recording holds no sound.")
    if size > MAX_BYTES:
        raise Invalid(
            f"{PurePath(name).name} is {_megabytes(size)}; recordings can be up to "
            f"{_megabytes(MAX_BYTES)}."
        )
    return fmt


def check_file(path: Path) -> str:
    """The same checks for a file on disk, with clear messages when it can't be opened."""
    try:
        if path.is_dir():
            raise Invalid(f"{path} is a folder; choose a recording inside it.")
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise Invalid(f"There is no file at {path}.") from exc
    except OSError as exc:
        raise Invalid(f"Can't open {path}: {exc.strerror or exc}.") from exc
    return check_upload(path.name, size)


def decode(path: Path, *, max_seconds: float = MAX_SECONDS) -> tuple[Samples, float]:
    """The recording as mono float32 samples at 16 kHz, and its length in seconds.

    Stops reading as soon as the recording passes ``max_seconds``, so a very long file costs
    no more than the limit.
    """
    check_file(path)
    try:
        import av
        import numpy as np
    except ImportError as exc:
        raise Unavailable(f"Reading recordings needs the voice extra: {INSTALL_HINT}.") from exc
    try:
        chunks = _read_samples(path, max_seconds)
    except av.FFmpegError as exc:
        raise _unreadable(path) from exc
    except (OSError, ValueError, RuntimeError, EOFError) as exc:  # damaged headers surface here
        raise _unreadable(path) from exc
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    duration = len(samples) / SAMPLE_RATE
    if duration < 0.1:  # a tenth of a second holds no word
        raise Invalid(f"{path.name} holds no sound: the recording is empty or too short.")
    return samples.astype(np.float32, copy=False), duration


def _read_samples(path: Path, max_seconds: float) -> list[Samples]:
    import av

    limit = int(max_seconds * SAMPLE_RATE)
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    chunks: list[Samples] = []
    total = 0
    with av.open(str(path), metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise Invalid(f"{path.name} has no sound track.")
        for packet in container.demux(container.streams.audio[0]):
            for frame in _decoded(packet):
                frame.pts = None  # recorders write uneven timestamps; the resampler needn't care
                for out in resampler.resample(frame):
                    chunks.append(_mono(out))
                    total += len(chunks[-1])
            if total > limit:
                raise Invalid(
                    f"{path.name} is longer than {_minutes(max_seconds)}; "
                    f"record a shorter answer (one to two minutes is the usual length)."
                )
        chunks.extend(_mono(out) for out in resampler.resample(None))
    return chunks


def _mono(frame: av.AudioFrame) -> Samples:
    """A resampled frame's samples (packed float mono: one row) as a flat array."""
    import numpy as np

    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def _decoded(packet: av.Packet[av.audio.stream.AudioStream]) -> list[av.AudioFrame]:
    """A packet's frames; a damaged packet is skipped, the way a media player would (a recording
    cut off mid-upload still has its first minutes)."""
    import av

    try:
        return packet.decode()
    except av.error.InvalidDataError:
        return []


def _unreadable(path: Path) -> Invalid:
    return Invalid(
        f"{path.name} could not be read as audio: the file is damaged or not a recording. "
        f"Upload {_ACCEPTED}."
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g} minutes" if seconds >= 60 else f"{seconds:g} seconds"
