"""Word error rates of speech-to-text on the speech tests' espeak-ng clip sets, by set and model.

    .venv/bin/python evaluation/speech_clips.py [--models tiny.en,base] [--sets clear,varied]
        [--runs 1] [--decoding KEY=JSON ...] [--clips]

The clips are made as the tests make them (``tests/speech/helpers.py``; espeak-ng must be
installed), so a figure here is the figure the tests hold a ceiling over:

- ``clear``: the eight scripts in espeak-ng's US voice at 130, 165 and 200 words a minute;
- ``varied``: each script in three of four voices at those rates (the final-word test's set);
- ``voices``: each script in three more variant voices at 160 words a minute (no test uses it);
- ``answers``: six whole practice answers (about 90 words each, a pause in each), each in two of
  the four voices and rates, so every voice is heard three times and every rate four;
- ``answers-us``: the six answers in the US voice at 165 words a minute;
- ``five``: the five sentences with 0.6 s between them, in one recording;
- ``fillers``: the answer with four "um"/"uh", to check they are still written.

Printed per set and model: the word error rate over all its clips (case and punctuation ignored,
figures written out on both sides, as the tests count) with its 95% bootstrap interval (clips
resampled 2,000 times), the share of errors that fall on each
clip's first three words, the final words lost, the "um"/"uh" written (fillers set), and the
real-time factor (transcription time over the audio's length, on this machine at its load).
``--runs`` repeats each set: the retries sample at random, so figures vary a little from run to
run. ``--decoding`` overrides one of Whisper's decoding options for the run (for example
``--decoding initial_prompt=null``), to compare a change before making it. ``--clips`` lists
each clip's transcript. The figures go in docs/speech.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VARIANT_VOICES = ["en-us+f2", "en-us+m1", "en-us+m3"]
FIRST = 3  # the words counted as a clip's start


@dataclass(frozen=True)
class Clip:
    script: str
    path: Path


@dataclass(frozen=True)
class Tally:
    wer: float
    interval: tuple[float, float]  # 95% bootstrap interval of the WER, clips resampled
    start_share: float  # the share of errors on the first FIRST words of a clip
    lost: int  # clips whose last word the transcript lacks
    vocal: int  # "um"/"uh" written
    rtf: float
    lines: list[str]


def helpers() -> Any:
    """The tests' clip makers. They live with the tests, whose conftest needs Django set up."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nextround.django_settings")
    import django

    django.setup()
    from tests.speech import helpers as found

    return found


def clip_sets(h: Any, folder: Path) -> dict[str, Callable[[], list[Clip]]]:
    def made(prefix: str, plan: list[tuple[str, str, int]]) -> list[Clip]:
        return [
            Clip(script.replace("|", " "), h.make_clip(folder, f"{prefix}{i}", script, voice, rate))
            for i, (script, voice, rate) in enumerate(plan)
        ]

    def five() -> list[Clip]:
        parts = []
        for sentence in h.SENTENCES:
            parts += [h.speak(sentence, folder), h.silence(0.6)]
        path = h.write_wav(folder / "five.wav", h.np.concatenate(parts[:-1]))
        return [Clip(" ".join(h.SENTENCES), path)]

    def fillers() -> list[Clip]:
        return [
            Clip(h.WITH_FILLERS, h.write_wav(folder / "um.wav", h.speak(h.WITH_FILLERS, folder)))
        ]

    return {
        "clear": lambda: made("clear", [(s, "en-us", r) for s in h.SCRIPTS for r in h.RATES]),
        "varied": lambda: made("varied", h.clip_plan()),
        "voices": lambda: made("voices", [(s, v, 160) for s in h.SCRIPTS for v in VARIANT_VOICES]),
        "answers": lambda: made("answers", h.answer_plan()),
        "answers-us": lambda: made("answers-us", [(a, "en-us", 165) for a in h.ANSWERS]),
        "five": five,
        "fillers": fillers,
    }


def measure(h: Any, model: Any, clips: list[Clip]) -> Tally:
    from nextround.speech import decode, transcribe

    references, hypotheses, lines = [], [], []
    spent = audio = 0.0
    lost = vocal = 0
    for clip in clips:
        started = time.perf_counter()
        result = transcribe(clip.path, model=model)
        spent += time.perf_counter() - started
        audio += decode(clip.path)[1]
        reference, hypothesis = h.spoken(clip.script), h.spoken(result.text)
        references.append(reference)
        hypotheses.append(hypothesis)
        lost += not h.last_word_kept(reference, hypothesis)
        vocal += sum(word in {"um", "uh"} for word in hypothesis.split())
        lines.append(f"{h.jiwer.wer(reference, hypothesis):6.1%}  {result.text}")
    out = h.jiwer.process_words(references, hypotheses)
    errors = out.substitutions + out.deletions + out.insertions
    return Tally(
        wer=float(out.wer),
        interval=wer_interval(out),
        start_share=start_errors(out) / errors if errors else 0.0,
        lost=lost,
        vocal=vocal,
        rtf=spent / audio,
        lines=lines,
    )


def clip_errors(out: Any) -> list[int]:
    """Each clip's word errors (substituted, deleted and inserted words), read from the
    alignment of the whole set instead of aligning every clip again."""
    counts = []
    for chunks in out.alignments:
        errors = 0
        for chunk in chunks:
            if chunk.type == "insert":
                errors += chunk.hyp_end_idx - chunk.hyp_start_idx
            elif chunk.type != "equal":
                errors += chunk.ref_end_idx - chunk.ref_start_idx
        counts.append(errors)
    return counts


def wer_interval(out: Any, resamples: int = 2000) -> tuple[float, float]:
    """The 95% percentile interval of the pooled WER with the clips resampled (seed 17): how
    far the figure could move on another set of clips made the same way."""
    counts = list(zip(clip_errors(out), map(len, out.references), strict=True))
    rng = random.Random(17)
    rates = []
    for _ in range(resamples):
        drawn = rng.choices(counts, k=len(counts))
        rates.append(sum(e for e, _ in drawn) / sum(n for _, n in drawn))
    rates.sort()
    return rates[int(0.025 * resamples)], rates[int(0.975 * resamples) - 1]


def start_errors(out: Any) -> int:
    """Errors that touch the first FIRST words of each reference (a word inserted before the
    third counts too)."""
    count = 0
    for chunks in out.alignments:
        for chunk in chunks:
            if chunk.type == "equal" or chunk.ref_start_idx >= FIRST:
                continue
            if chunk.type == "insert":
                count += chunk.hyp_end_idx - chunk.hyp_start_idx
            else:
                count += min(chunk.ref_end_idx, FIRST) - chunk.ref_start_idx
    return count


def parse_decoding(items: Sequence[str]) -> dict[str, Any]:
    """``KEY=JSON`` pairs as decoding options; a value that is not JSON is a string."""
    options: dict[str, Any] = {}
    for item in items:
        key, _, raw = item.partition("=")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        options[key] = tuple(value) if isinstance(value, list) else value
    return options


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--models", default="tiny.en,base", help="comma-separated (both)")
    parser.add_argument("--sets", default="clear,varied,five,fillers", help="comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="times each set is transcribed")
    parser.add_argument("--decoding", action="append", default=[], metavar="KEY=JSON")
    parser.add_argument("--clips", action="store_true", help="print every transcript")
    args = parser.parse_args(argv)
    h = helpers()
    from nextround.speech import load, transcribe

    transcribe_module = sys.modules[transcribe.__module__]
    transcribe_module.DECODING.update(parse_decoding(args.decoding))
    print(f"load average {os.getloadavg()[0]:.1f}; decoding changed: {args.decoding or 'none'}")
    with tempfile.TemporaryDirectory(prefix="nextround-clips-") as scratch:
        folder = Path(scratch)
        makers = clip_sets(h, folder)
        sets = {name: makers[name]() for name in args.sets.split(",")}
        for name in args.models.split(","):
            model = load(name, data_dir=folder / "data")
            if model.name != name:
                print(f"{name}: not loaded ({model.note})")
                continue
            for title, clips in sets.items():
                for run in range(args.runs):
                    tally = measure(h, model, clips)
                    print(
                        f"{name:8} {title:8} run {run + 1}: WER {tally.wer:6.1%} "
                        f"[{tally.interval[0]:.1%}, {tally.interval[1]:.1%}]  "
                        f"on first {FIRST} words {tally.start_share:4.0%}  "
                        f"last words lost {tally.lost}/{len(clips)}  um/uh {tally.vocal}  "
                        f"RTF {tally.rtf:.3f}",
                        flush=True,
                    )
                    if args.clips:
                        print("\n".join(f"    {line}" for line in tally.lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
