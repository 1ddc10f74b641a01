"""What the speech tests share. Importing this module skips the importing test module when the
voice extra or espeak-ng is missing (in CI it fails instead); every speech test module imports it,
so they are skipped together, as when they were one file. Then the scripts spoken, and how
recordings are made: espeak-ng's voice, silence written with numpy, other formats encoded with
PyAV."""

from __future__ import annotations

import re
import shutil
import subprocess
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


# --- the clip set: many voices, rates and lengths ----------------------------------------------

# Scripts of different lengths, with figures, fillers and one pause ("|" is 1.8 s of silence).
# The first is the one whose last words were lost ("fell, I heard over the next").
SCRIPTS = [
    "Support tickets fell by a third over the next quarter.",
    "That project taught me patience.",
    "We hired two analysts and trained the whole team in March.",
    "Um, so, the main problem was, uh, that nobody owned the weekly reports.",
    "I cut the time the monthly report took from ten days to three.",
    "My manager asked me to improve the onboarding process for new customers. | "
    "After six weeks, complaints about setup fell by forty percent.",
    "I would start by listening to the people who use the tool every day.",
    "Well, uh, I think the answer is that we should have tested it sooner.",
]
# Whole practice answers, 80 to 100 words each, the length a candidate records (a minute or
# more once spoken): six trades, fillers, figures in digits and in words, and a pause. Written on
# 2026-12-07 and committed before any model was measured on them.
ANSWERS = [
    "Um, so, in my second year at the pharmacy we kept running out of the common antibiotics on "
    "Mondays. My job was to fix the ordering before winter. | I pulled twelve weeks of sales, "
    "uh, and found that the weekend locum was ordering by hand from memory. I set up a stock "
    "level for the top 40 lines and a short checklist for whoever closed on Saturday. Well, "
    "within a month we stopped sending patients to other branches, and the owner asked me to "
    "write it up for the other three shops.",
    "The depot had a problem with buses leaving late in the morning peak, about one in eight. I "
    "was asked to find out why. | So I stood in the yard from five every morning for two weeks, "
    "and, you know, it was mostly the fuel queue. Two buses were being fuelled at once, uh, when "
    "the pumps could take four. I moved the cleaners to the far lane and staggered the drivers' "
    "start times by ten minutes. Late departures went down to about one in thirty, and the "
    "drivers actually liked the later starts.",
    "Um, I'd say my biggest challenge was a year four class where reading had fallen behind "
    "after we moved to a new scheme. Nearly half of them were below the expected level. | I, "
    "uh, split the class into small groups for twenty minutes every afternoon and trained two "
    "parents to listen to readers. I also kept a simple chart on the wall so the children could "
    "see their own progress. By the summer, 22 of the 28 children were reading at the expected "
    "level, and the head asked me to share the approach with the other teachers.",
    "So, I look after the accounts for six small businesses, and last spring one of them, a "
    "bakery, was, like, always late paying its suppliers. The owner wanted the reminder calls "
    "to stop. | I went through their invoices and saw that bills were paid whenever she had a "
    "free evening. Um, I moved everything onto a weekly payment run every Thursday and set up "
    "alerts for anything due within five days. After three months they had no late payments "
    "at all, and one supplier gave them a 2% discount for paying early.",
    "Well, on a housing site I was the lead electrician for forty flats, and, uh, the "
    "inspections kept failing on the same fault. The contractor needed the first block signed "
    "off by the end of the month. | I checked every failed report and found that the test "
    "sheets were filled in differently by each crew. So I wrote one sheet, showed the crews how "
    "to use it on a single flat, and, um, I checked the first ten myself. The next inspection "
    "passed first time, and we handed the block over four days early.",
    "At the bank, our mobile app had a lot of people giving up halfway through opening an "
    "account. I was asked to find out where and why. | Um, I ran fifteen short interviews and "
    "watched people go through the form on their own phones. Most of them stopped at the step "
    "that asked for a utility bill, because, you know, nobody keeps paper bills any more. We let "
    "people use a bank statement instead, and, uh, completed applications went up by a quarter "
    "in the next two months.",
]

# espeak-ng voices (language plus a variant) and speaking rates, in words a minute.
VOICES = ["en-us", "en", "en-us+f3", "en-gb-x-rp+m3"]
RATES = [130, 165, 200]
CLIP_PAUSE = 1.8


def clip_plan() -> list[tuple[str, str, int]]:
    """(script, voice, rate) for 24 clips: each script three times, voices and rates rotating so
    that every voice meets every rate and every script a different pair."""
    plan = []
    for index, script in enumerate(SCRIPTS):
        for turn in range(3):
            voice = VOICES[(index + turn) % len(VOICES)]
            rate = RATES[(index + 2 * turn) % len(RATES)]
            plan.append((script, voice, rate))
    return plan


def answer_plan() -> list[tuple[str, str, int]]:
    """(answer, voice, rate) for 12 recordings: each answer twice, every voice three times and
    every rate four times."""
    plan = []
    for index, answer in enumerate(ANSWERS):
        for turn in range(2):
            voice = VOICES[(index + 2 * turn) % len(VOICES)]
            plan.append((answer, voice, RATES[(index + turn) % len(RATES)]))
    return plan


def say(text: str, folder: Path, voice: str, rate: int) -> Any:
    """espeak-ng's ``voice`` at ``rate`` words a minute, its edge silence cut off."""
    path = folder / "said.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    samples, _ = read_wav(path)
    heard = np.flatnonzero(np.abs(samples) > 0.003)
    return samples[heard[0] : heard[-1] + 1]


def make_clip(folder: Path, name: str, script: str, voice: str, rate: int) -> Path:
    """A recording of ``script``: 0.5 s of silence, the phrases with the pauses between them, and
    0.8 s of silence after the last word, the way a recording is stopped by hand."""
    parts = [silence(0.5)]
    for phrase in script.split("|"):
        parts += [say(phrase.strip(), folder, voice, rate), silence(CLIP_PAUSE)]
    parts[-1] = silence(0.8)
    return write_wav(folder / f"{name}.wav", np.concatenate(parts))


# --- comparing words -----------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(number: int) -> str:
    """An integer below a million as spoken: 1250 is "one thousand two hundred fifty"."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    return f"{number_words(thousands)} thousand" + (f" {number_words(rest)}" if rest else "")


# The last word of a number as an ordinal: "twenty one" → "twenty first".
_ORDINAL_ENDINGS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def ordinal_words(number: int) -> str:
    """An ordinal below a million as spoken: 3 is "third", 21 "twenty first", 40 "fortieth"."""
    *rest, last = number_words(number).split()
    if last in _ORDINAL_ENDINGS:
        last = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " ".join([*rest, last])


# Contractions written out, as word error rates are usually counted: "I'm" for "I am" is the
# same words said, not two errors.
WHOLE_CONTRACTIONS = {"i'm": "i am", "won't": "will not", "can't": "can not"}
CONTRACTED_ENDINGS = {"n't": " not", "'re": " are", "'ve": " have", "'ll": " will"}


def spoken(text: str) -> str:
    """Text as a list of spoken words, to compare a transcript with its script: lower case, no
    punctuation, figures written out ("40%" is "forty percent", "1,200" "one thousand two
    hundred", "3rd" "third"), hyphens as spaces ("twenty-two"), contractions written out ("I'm"
    is "i am")."""
    text = text.lower().replace("’", "'").replace("%", " percent")
    for short, long in WHOLE_CONTRACTIONS.items():
        text = re.sub(rf"\b{short}\b", long, text)
    for ending, word in CONTRACTED_ENDINGS.items():
        text = re.sub(rf"(?<=[a-z]){ending}\b", word, text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(
        r"\b(\d{1,6})(?:st|nd|rd|th)\b", lambda m: f" {ordinal_words(int(m.group(1)))} ", text
    )
    text = re.sub(r"\b\d{1,6}\b", lambda m: f" {number_words(int(m.group()))} ", text)
    return " ".join(re.sub(r"[^a-z' ]+", " ", text.replace("-", " ")).split())


def last_word_kept(reference: str, hypothesis: str) -> bool:
    """True when the script's last word has a word of the transcript aligned to it (the same or
    misheard), False when the alignment deletes it: the word was lost, not misheard."""
    if not hypothesis:
        return False
    out = jiwer.process_words(reference, hypothesis)
    last = len(reference.split()) - 1
    chunk = next(c for c in out.alignments[0] if c.ref_start_idx <= last < c.ref_end_idx)
    return str(chunk.type) != "delete"
