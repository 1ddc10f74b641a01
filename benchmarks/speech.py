"""Speech benchmark: how fast Whisper transcribes a spoken answer, and how well.

An answer of about a minute is spoken by espeak-ng (which must be installed; scripts/system-deps
does it). First each model (tiny.en; base when the voice-base extra is installed) transcribes it
with nextround's settings on one and on two CPU threads: the real-time factor (RTF) is the
transcription time as a ratio to the length of the audio, so it does not depend on how long the
answer is. Targets: RTF ≤ 0.1 for tiny.en (a one-minute answer in six seconds) and ≤ 0.3 for base
(the limit the auto setting uses). Then tiny.en again with one decoding setting changed at a time.
Models are loaded before timing. Each row also gives the word error rate against the script
(case and punctuation ignored, fillers left out) and how many spoken "um"/"uh" were written.

Every row is measured even when one misses its target; the exit status is non-zero at the end
when any target was missed, so `make bench` runs it last.

    .venv/bin/python benchmarks/speech.py [--runs 3] [--write-docs]

Needs the voice extra and no database. --write-docs writes the tables into docs/speech.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import jiwer
from docsection import write_section

from nextround.speech import (
    BASE,
    SAMPLE_RATE,
    TINY,
    Model,
    Transcript,
    base_installed,
    decode,
    find_pauses,
    load,
    transcribe,
)
from nextround.speech.models import AUTO_MAX_RTF, base_path, tiny_path
from nextround.speech.transcribe import COMPUTE_TYPE, DECODING, cpu_threads

TARGET_RTF = {TINY: 0.1, BASE: AUTO_MAX_RTF}
THREADS = (1, 2)
SECTION = "speech-benchmark"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "speech.md"

# About 175 words with eight fillers: a minute at espeak-ng's 150 words a minute. It holds no
# numbers, so the word error rate measures hearing, not how Whisper writes digits.
ANSWER = (
    "So, um, in my last role I looked after reporting for a regional health network. The "
    "managers kept making decisions on old numbers, and, uh, the monthly report took most of "
    "a fortnight. My task was to cut that time in half before the next budget cycle. Um, first "
    "I mapped every step with the people who did the work, and I found that most of the delay "
    "came from copying data between spreadsheets by hand. So, uh, I built a small pipeline "
    "that pulled the data from the billing system each night and checked it for gaps. I also "
    "wrote a short guide and, um, trained the team over a few weeks. Uh, there were problems "
    "along the way, because one of the sources changed its format. In the end the report was "
    "ready in days instead of weeks, and, um, the managers now review fresh numbers at the "
    "start of every month. What I learned is that, uh, talking to the people who do the work "
    "saves more time than any tool."
)
VOCAL = {"um", "uh"}

# The same answer without its fillers: shows whether the prompt makes Whisper invent them.
PLAIN = re.sub(r"\b(um|uh),\s*", "", ANSWER, flags=re.IGNORECASE)


class Row(NamedTuple):
    name: str
    seconds: float
    rtf: float
    fillers: int  # "um"/"uh" written for the answer with fillers
    wer: float  # on the answer with fillers, fillers left out
    plain_wer: float  # on the answer without fillers
    invented: int  # "um"/"uh" written for the answer without fillers


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z' ]+", " ", text.lower()).split()


def speak(text: str, out: Path) -> Path:
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(out), text],
        check=True,
        capture_output=True,
    )
    return out


def median_seconds(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fillers_and_wer(script: str, text: str) -> tuple[int, float]:
    """ "um"/"uh" written down, and the word error rate with them left out on both sides."""
    heard = words(text)
    plain = " ".join(w for w in heard if w not in VOCAL)
    reference = " ".join(w for w in words(script) if w not in VOCAL)
    return sum(w in VOCAL for w in heard), float(jiwer.wer(reference, plain))


class Bench:
    def __init__(self, runs: int, folder: Path) -> None:
        self.runs = runs
        self.answer = speak(ANSWER, folder / "answer.wav")
        self.plain = speak(PLAIN, folder / "plain.wav")
        self.samples, self.duration = decode(self.answer)
        self.plain_samples, _ = decode(self.plain)

    def row(self, name: str, seconds: float, text: str, plain_text: str) -> Row:
        fillers, wer = fillers_and_wer(ANSWER, text)
        invented, plain_wer = fillers_and_wer(PLAIN, plain_text)
        return Row(name, seconds, seconds / self.duration, fillers, wer, plain_wer, invented)

    def ours(self, model: Model, name: str = "nextround's settings, whole `transcribe()`") -> Row:
        """nextround's own path: decoding, Whisper, the word filter and the pauses."""
        transcribe(self.answer, model=model)  # warm-up
        last: list[Transcript] = []
        seconds = median_seconds(
            self.runs, lambda: last.append(transcribe(self.answer, model=model))
        )
        plain = transcribe(self.plain, model=model)
        return self.row(name, seconds, last[-1].text, plain.text)

    def variant(self, name: str, whisper: Any, **change: Any) -> Row:
        """Whisper alone, with one decoding option changed."""

        def text(samples: Any) -> str:
            segments, _ = whisper.transcribe(samples, **{**DECODING, **change})
            return " ".join(s.text.strip() for s in segments)

        last: list[str] = []
        seconds = median_seconds(self.runs, lambda: last.append(text(self.samples)))
        return self.row(name, seconds, last[-1], text(self.plain_samples))


def model_paths(folder: Path) -> dict[str, Path]:
    paths = {TINY: tiny_path()}
    if base_installed():
        paths[BASE] = base_path(folder / "data")  # joined from its packages and checked
    return paths


def measure_models(bench: Bench, folder: Path) -> list[Row]:
    """Each model on one and on two threads, through nextround's whole transcribe()."""
    from faster_whisper import WhisperModel

    rows = []
    for name, path in model_paths(folder).items():
        for threads in THREADS:
            whisper = WhisperModel(
                str(path), device="cpu", compute_type=COMPUTE_TYPE, cpu_threads=threads
            )
            plural = "s" if threads > 1 else ""
            rows.append(bench.ours(Model(name, whisper), f"{name}, {threads} thread{plural}"))
    return rows


def measure(
    runs: int, folder: Path, *, variants: bool = True
) -> tuple[list[Row], list[Row], dict[str, float]]:
    from faster_whisper import WhisperModel

    bench = Bench(runs, folder)
    started = time.perf_counter()
    model = load(TINY)
    facts = {"load": time.perf_counter() - started, "duration": bench.duration}
    facts["decode"] = median_seconds(runs, lambda: decode(bench.answer))
    facts["pauses"] = median_seconds(runs, lambda: find_pauses(bench.samples, SAMPLE_RATE))
    by_model = measure_models(bench, folder)
    if not variants:
        return by_model, [], facts
    whisper = model.whisper
    rows = [
        bench.ours(model),
        bench.variant("Whisper alone, same options", whisper),
        bench.variant("greedy (a beam of 1)", whisper, beam_size=1),
        bench.variant(
            "retries at 0.2 and 0.4 (until 2026-12-07)", whisper, temperature=(0.0, 0.2, 0.4)
        ),
        bench.variant("no filler prompt", whisper, initial_prompt=None),
        bench.variant(
            "prompt reaches the first window only", whisper, condition_on_previous_text=False
        ),
        bench.variant("voice-activity filter on", whisper, vad_filter=True),
    ]
    other = WhisperModel(
        str(tiny_path()), device="cpu", compute_type="float32", cpu_threads=cpu_threads()
    )
    rows.append(bench.variant(f"float32 weights, {cpu_threads()} threads", other))
    return by_model, rows, facts


def missed(by_model: list[Row]) -> list[str]:
    """The models whose RTF on nextround's thread count misses their target."""
    chosen = f"{cpu_threads()} thread"
    return [
        row.name
        for row in by_model
        if row.name.split(",")[1].strip().startswith(chosen)
        and row.rtf > TARGET_RTF[row.name.split(",")[0]]
    ]


def report(
    by_model: list[Row], rows: list[Row], facts: dict[str, float], runs: int, load: float
) -> str:
    spoken = sum(w in VOCAL for w in words(ANSWER))
    threads = cpu_threads()
    lines = [
        f"- Date: {datetime.date.today():%Y-%m-%d}",
        f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; 1-minute load average {load:.2f} when the "
        "timing started",
        f"- Audio: a {facts['duration']:.1f} s answer of {len(words(ANSWER))} words with {spoken} "
        'fillers ("um", "uh"), spoken by espeak-ng at 150 words a minute; and the same answer '
        "without the fillers",
        f"- Models: {COMPUTE_TYPE} weights; tiny.en loaded in {facts['load']:.2f} s before "
        f"timing; nextround uses {threads} thread{'s' if threads > 1 else ''} here",
        f"- Decoding the WAV file: {facts['decode'] * 1000:.0f} ms; measuring pauses: "
        f"{facts['pauses'] * 1000:.1f} ms",
        f"- Time: median of {runs} runs after a warm-up run. RTF: time as a ratio to the audio's "
        "length. WER: case and punctuation ignored, fillers left out",
        "",
        "| model, threads | median s | RTF | fillers written | WER | WER, no fillers spoken "
        "| fillers invented | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in by_model:
        target = TARGET_RTF[row.name.split(",")[0]]
        verdict = "PASS" if row.rtf <= target else "FAIL"
        lines.append(_line(row, spoken, f"RTF ≤ {target}: {verdict}"))
    by_threads = {row.name: row.rtf for row in by_model}
    for name in dict.fromkeys(row.name.split(",")[0] for row in by_model):
        one, two = by_threads.get(f"{name}, 1 thread"), by_threads.get(f"{name}, 2 threads")
        if one and two:
            lines.append(f"\n{name}: two threads take {two / one:.2f} × the time of one.")
    if not rows:
        return "\n".join(lines)
    lines += [
        "",
        "tiny.en with one decoding setting changed at a time (Whisper alone unless named):",
        "",
        "| settings | median s | RTF | fillers written | WER | WER, no fillers spoken "
        "| fillers invented |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [_line(row, spoken, None) for row in rows]
    return "\n".join(lines)


def _line(row: Row, spoken: int, target: str | None) -> str:
    cells = [
        row.name,
        f"{row.seconds:.2f}",
        f"{row.rtf:.3f}",
        f"{row.fillers} of {spoken}",
        f"{row.wer:.1%}",
        f"{row.plain_wer:.1%}",
        str(row.invented),
    ]
    if target is not None:
        cells.append(target)
    return "| " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per row (3)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/speech.md")
    parser.add_argument(
        "--models-only",
        action="store_true",
        help="time the models and thread counts only, not the decoding settings",
    )
    args = parser.parse_args(argv)
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is needed to speak the answer: run scripts/system-deps", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="nextround-speech-") as folder:
        load = os.getloadavg()[0]
        by_model, rows, facts = measure(args.runs, Path(folder), variants=not args.models_only)
    body = report(by_model, rows, facts, args.runs, load)
    print(body)
    if args.write_docs:
        write_section(SECTION, body, path=DOCS)
    failed = missed(by_model)
    if failed:
        print(f"Missed the RTF target: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
