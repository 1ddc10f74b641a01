"""How well the answer analyzer finds the STAR parts of an answer, and loses one when it is cut.

    .venv/bin/python evaluation/star_parts.py ../shared/eval [--own FILE] [--misses]

Two labelled sets, each an answer split into situation / task / action / result (and the
sentences its writer placed before or after the story):

- the development set ``EVAL_DIR/star/star_answers.jsonl`` (answers split by their own
  authors; never copied into the repository);
- our own set, ``evaluation/data/star/own_answers.jsonl``: answers written for this check in
  many jobs, spoken and written, prose and notes. Its ``split`` field says whether an answer was
  looked at while the rules were written (``tuning``) or only measured afterwards
  (``held_out``); both halves are reported, and the held-out answers also by the day a later
  batch was ``written``. ``--misses`` lists misses on the development and tuning answers only,
  never on the held-out ones, so they stay unread while the rules are tuned.

An answer is the labelled pieces joined by spaces, analysed by the practice analyzer
(``feedback.structure``). Three figures, each with a 95% bootstrap interval over answers:

- found: of the parts an answer has, the share the analyzer shows by a sentence of that part
  (a part shown by a sentence of another part is not found);
- cut missing: each part cut out in turn; the share of cuts after which that part is reported
  missing;
- others found after a cut: of the parts left after each cut, the share still found.

Also printed: every sentence's part as the shared sentence reader (``fit.parts``) gives it
against its label, to show where the rules go wrong. The figures go in docs/practice.md.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nextround.feedback.structure import find_star, sentences

PARTS = ("situation", "task", "action", "result")
PIECES = ("before", *PARTS, "after")
OWN = Path(__file__).resolve().parent / "data" / "star" / "own_answers.jsonl"
RESAMPLES = 2000
# Misses are listed for the sets the rules may be tuned on, never for the held-out answers.
MISSES_SHOWN = ("development set", "  of which tuning")


@dataclass(frozen=True)
class Answer:
    id: str
    style: str
    pieces: dict[str, str]  # every piece in PIECES, "" when absent
    split: str = ""
    register: str = ""
    written: str = ""  # the day a later batch was written; "" for the first 89

    def parts(self) -> list[str]:
        return [p for p in PARTS if self.pieces[p].strip()]


def read(path: Path) -> list[Answer]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            pieces = {p: str(raw.get(p) or "").strip() for p in PIECES}
            found.append(
                Answer(
                    raw["id"],
                    raw.get("style", ""),
                    pieces,
                    raw.get("split", ""),
                    raw.get("register", ""),
                    raw.get("written", ""),
                )
            )
    return found


def joined(pieces: dict[str, str]) -> tuple[str, list[tuple[str, int, int]]]:
    """The answer's text and where each piece lies in it."""
    text, spans = "", []
    for name in PIECES:
        piece = pieces[name]
        if piece:
            if text:
                text += " "
            spans.append((name, len(text), len(text) + len(piece)))
            text += piece
    return text, spans


# What the analyzer says of one text: each part's evidence offsets, or None when missing.
Reader = Callable[[str], dict[str, tuple[int, int] | None]]


def practice_reader(text: str) -> dict[str, tuple[int, int] | None]:
    star, _ = find_star(sentences(text))
    return {p: (s.start, s.end) if s.present else None for p, s in star.items()}


def shown_by(spans: list[tuple[str, int, int]], at: tuple[int, int] | None) -> str | None:
    """The piece the evidence starts in."""
    if at is None:
        return None
    return next((name for name, start, end in spans if start <= at[0] < end), None)


@dataclass
class Tally:
    """Per answer: (hits, trials) of each figure, kept apart for the bootstrap."""

    found: list[tuple[int, int]] = field(default_factory=list)
    cut_missing: list[tuple[int, int]] = field(default_factory=list)
    others_found: list[tuple[int, int]] = field(default_factory=list)
    by_part: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def measure(answers: Sequence[Answer], read_parts: Reader = practice_reader) -> Tally:
    tally = Tally(by_part={p: Counter() for p in PARTS})
    for answer in answers:
        _measure_one(answer, read_parts, tally)
    return tally


def _measure_one(answer: Answer, read_parts: Reader, tally: Tally) -> None:
    text, spans = joined(answer.pieces)
    seen = read_parts(text)
    found = 0
    for part in answer.parts():
        ok = shown_by(spans, seen[part]) == part
        found += ok
        tally.by_part[part]["found"] += ok
        tally.by_part[part]["has"] += 1
        if not ok:
            tally.misses.append(f"{answer.id} {part} not found: {_said(text, seen[part])}")
    tally.found.append((found, len(answer.parts())))
    missing = kept = trials = 0
    for cut in answer.parts():
        pieces = {**answer.pieces, cut: ""}
        text_cut, spans_cut = joined(pieces)
        seen_cut = read_parts(text_cut)
        gone = seen_cut[cut] is None
        missing += gone
        tally.by_part[cut]["cut missing"] += gone
        if not gone:
            tally.misses.append(
                f"{answer.id} {cut} cut, still shown by: {_said(text_cut, seen_cut[cut])}"
            )
        rest = [p for p in answer.parts() if p != cut]
        kept += sum(shown_by(spans_cut, seen_cut[p]) == p for p in rest)
        trials += len(rest)
    tally.cut_missing.append((missing, len(answer.parts())))
    tally.others_found.append((kept, trials))


def _said(text: str, at: tuple[int, int] | None) -> str:
    return "nothing" if at is None else repr(text[at[0] : at[1]])


def share(pairs: Sequence[tuple[int, int]]) -> float:
    trials = sum(n for _, n in pairs)
    return sum(k for k, _ in pairs) / trials if trials else 0.0


def interval(pairs: Sequence[tuple[int, int]], seed: int = 17) -> tuple[float, float]:
    """95% percentile bootstrap interval of the pooled share, resampling answers."""
    rng = random.Random(seed)
    values = sorted(share(rng.choices(pairs, k=len(pairs))) for _ in range(RESAMPLES))
    return values[int(0.025 * RESAMPLES)], values[int(0.975 * RESAMPLES) - 1]


def figure(name: str, pairs: Sequence[tuple[int, int]]) -> str:
    low, high = interval(pairs)
    return f"  {name:<26} {share(pairs):.2f}  [{low:.2f}, {high:.2f}]"


def report(title: str, answers: Sequence[Answer], read_parts: Reader = practice_reader) -> Tally:
    tally = measure(answers, read_parts)
    print(f"{title}: {len(answers)} answers")
    print(figure("found", tally.found))
    print(figure("cut part reported missing", tally.cut_missing))
    print(figure("others found after a cut", tally.others_found))
    cells = []
    for part in PARTS:
        c = tally.by_part[part]
        if c["has"]:
            cells.append(f"{part} {c['found'] / c['has']:.2f}/{c['cut missing'] / c['has']:.2f}")
    print("  per part (found/cut missing): " + ", ".join(cells))
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("eval_dir", type=Path, help="the shared evaluation folder")
    parser.add_argument("--own", type=Path, default=OWN, help="our own labelled answers")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    dev = read(args.eval_dir / "star" / "star_answers.jsonl")
    own = read(args.own)
    sets = [
        ("development set", dev),
        ("  of which prose", [a for a in dev if a.style == "prose"]),
        ("  of which notes", [a for a in dev if a.style != "prose"]),
        ("own set", own),
        ("  of which tuning", [a for a in own if a.split == "tuning"]),
        ("  of which held out", [a for a in own if a.split == "held_out"]),
        *(
            (
                f"    held out, written {day or 'first'}",
                [a for a in own if a.split == "held_out" and a.written == day],
            )
            for day in sorted({a.written for a in own})
        ),
        ("  of which spoken", [a for a in own if a.register == "spoken"]),
    ]
    for title, answers in sets:
        if answers:
            tally = report(title, answers)
            if args.misses and title in MISSES_SHOWN:
                print("\n".join(f"    {m}" for m in tally.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
