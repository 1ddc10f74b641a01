"""Recorded answers read into samples (nextround.speech.audio): each accepted format, encoded the
way a browser or a phone would with PyAV, and the files refused: damaged, empty, of the wrong
type, too large or too long."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import Invalid
from nextround.speech import FORMATS, MAX_BYTES, SAMPLE_RATE, check_upload, decode
from tests.speech.helpers import RATE, SENTENCES, convert, np, read_wav, speak, write_wav


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_decodes(fmt: str, folder: Path) -> None:
    source = write_wav(folder / f"source-{fmt}.wav", speak(SENTENCES[0], folder))
    path = convert(source, folder / f"answer.{fmt}")
    samples, duration = decode(path)
    original, _ = read_wav(source)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert duration == pytest.approx(len(original) / RATE, abs=0.1)
    assert len(samples) == pytest.approx(duration * SAMPLE_RATE, abs=1)


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
