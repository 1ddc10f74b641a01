"""Answer analysis benchmark: one spoken practice answer of 300 words, analysed end to end.

Timed: ``analyze_answer`` on a 300-word transcript with fillers, hedges, figures, a question,
requirements, company terms, word timings and pauses, beside InterviewCraft's text analyzer
(``_analyze_from_turns``, MIT) on the same answer in the same run. Target: our median ≤ 1.0 ×
InterviewCraft's. Its code is not part of nextround: ``--peers`` names the folder that holds
its checkout (default ``../shared/peers`` beside the repository), and it is imported from there
by path; without it the comparison rows are left out. Times are CPU time. The STAR reader
remembers the sentences it has read (``nextround.fit.parts``), so an attempt viewed again
is analysed faster than the first time; the first analysis is timed too, with that memory
emptied before each run. Pure Python, no
database, so unlike the other benchmarks it does not set up Django and runs once, not once per
database.

    .venv/bin/python benchmarks/answers.py [--runs 500] [--peers DIR] [--json PATH] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from docsection import write_section

sys.path.append(str(Path(__file__).resolve().parents[1] / "evaluation"))  # the peer loader
from peers import interviewcraft_analyzer

from nextround.feedback import Pause, TimedWord, analyze_answer
from nextround.fit import parts

TARGET_RATIO = 1.0  # our median ÷ InterviewCraft's
DEFAULT_PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers"
WORDS = 300

# Written for this benchmark: a warehouse supervisor's story, told the way people talk.
ANSWER = """Um, so, at my last job I was a shift supervisor at a regional distribution centre,
and we had a real problem with late outbound trucks. Basically, about one in five trucks left
after its slot, and the carriers were, like, starting to charge us penalties. My job was to get
the night shift back on schedule without adding headcount, which, you know, was kind of the
whole challenge. I think the first thing I did was just watch. I spent two weeks on the floor
with a notepad and timed every step from picking to loading. What I found was that the pickers
were waiting on replenishment, uh, for almost forty minutes a shift, because the forklifts were
all doing put-away at the same time. So I rebuilt the rota so that replenishment happened in the
hour before the picking wave, and I moved two drivers onto an early start. I also set up a small
board by the dock doors showing each truck's slot and how far along its load was, so that
everyone could see, right away, which truck was at risk. I talked to the team leads every
morning for a month, and honestly, some of them didn't like it at first, because it changed
their breaks. I listened, we swapped a couple of break times, and I kept sharing the numbers.
As a result, late trucks fell from about twenty percent to four percent in eight weeks, and the
penalties dropped by roughly $60,000 a year. The site manager asked me to roll the same board
out to the day shift, and it's now used at two other sites. I guess what I learned is that the
fix was mostly about timing, not effort, and that people back a change when they can see the
numbers move. I would probably do the consultation earlier next time, um, before changing the
rota rather than after, so the team feels part of it from the start, and that is something I
now do with every change I lead on the floor."""

QUESTION = "Tell me about a time you improved a process under pressure."
REQUIREMENTS = ("warehouse operations", "shift scheduling", "stakeholder management", "WMS")
COMPANY_TERMS = ("on-time dispatch", "safety first", "continuous improvement")


def answer_of(words: int) -> str:
    tokens = ANSWER.split()
    while len(tokens) < words:
        tokens += ANSWER.split()
    return " ".join(tokens[:words])


def timings(text: str) -> tuple[list[TimedWord], list[Pause]]:
    """Word timings at 145 words a minute, with a 1.8 s and a 3.5 s pause."""
    step = 60 / 145
    timed = [TimedWord(w, i * step, i * step + step * 0.8) for i, w in enumerate(text.split())]
    return timed, [Pause(20.0, 21.8), Pause(70.0, 73.5)]


def timed_in_turn(runs: int, works: Sequence[Callable[[], object]]) -> list[list[float]]:
    """Each piece of work's CPU times in ms, after ten warm-up runs. The pieces take turns, so
    a burst of load from elsewhere on the machine affects them alike."""
    for _ in range(10):
        for work in works:
            work()
    samples: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, times in zip(works, samples, strict=True):
            started = time.process_time()
            work()
            times.append((time.process_time() - started) * 1000)
    return samples


def summary(times: list[float]) -> tuple[float, float]:
    """Median and p95 (nearest rank)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def interviewcraft(peers: Path) -> Callable[[str], object] | None:
    """InterviewCraft's text analyzer, imported from its checkout under ``peers``; None when
    the checkout is not there."""
    analyse = interviewcraft_analyzer(peers / "interviewcraft")
    if analyse is None:
        return None

    def run(text: str) -> object:
        return analyse([{"role": "user", "content": text, "ts_ms": 0}])

    return run


Row = tuple[str, list[float]]  # what was timed, its CPU times in ms


def forget_sentences() -> None:
    """Empty the STAR reader's memory of the sentences it has read. A baseline from before
    ``fit.parts.forget`` remembers only ``part_of``'s."""
    forget = getattr(parts, "forget", None)
    if forget is None:
        parts.part_of.cache_clear()
    else:
        forget()


def works(peer: Callable[[str], object] | None) -> list[tuple[str, Callable[[], object]]]:
    """What is timed: our analysis three ways and, when loaded, InterviewCraft's."""
    text = answer_of(WORDS)
    words, pauses = timings(text)

    def spoken() -> object:
        return analyze_answer(
            text,
            question=QUESTION,
            words=words,
            requirements=REQUIREMENTS,
            company_terms=COMPANY_TERMS,
            pauses=pauses,
        )

    def typed() -> object:
        return analyze_answer(text, question=QUESTION)

    def first() -> object:
        forget_sentences()
        return spoken()

    found: list[tuple[str, Callable[[], object]]] = [
        (SPOKEN_ROW, spoken),
        (f"Typed answer, {WORDS} words", typed),
        (FIRST_ROW, first),
    ]
    if peer is not None:
        found.append((PEER_ROW, lambda: peer(text)))
    return found


def measure(runs: int, peer: Callable[[str], object] | None) -> list[Row]:
    named = works(peer)
    samples = timed_in_turn(runs, [work for _, work in named])
    return [(name, times) for (name, _), times in zip(named, samples, strict=True)]


# --- instructions (valgrind) ----------------------------------------------------------------
# CPU time still varies with what else runs on the machine (caches, frequency); the number of
# instructions executed does not, so a change can be judged from one run. Callgrind runs this
# script twice per piece of work, doing it once and 1 + N times; the difference over N is the
# work's own count, without Python's start-up and the imports.


def repeat(index: int, times: int, peer: Callable[[str], object] | None) -> None:
    work = works(peer)[index][1]
    for _ in range(times):
        work()


def callgrind_total(args: argparse.Namespace, index: int, times: int) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--peers",
        str(args.peers),
        "--repeat",
        str(index),
        str(times),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def instructions(args: argparse.Namespace, peer: Callable[[str], object] | None) -> dict[str, int]:
    """Instructions per run of the spoken answer (repeated and first-time) and of
    InterviewCraft's analyzer."""
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts.")
        return {}
    counted = {}
    for index, (name, _) in enumerate(works(peer)):
        if name in (SPOKEN_ROW, FIRST_ROW, PEER_ROW):
            once = callgrind_total(args, index, 1)
            more = callgrind_total(args, index, 1 + args.instructions)
            counted[name] = (more - once) // args.instructions
            print(f"{name}: {counted[name]:,} instructions a run")
    return counted


SPOKEN_ROW = f"Spoken answer, {WORDS} words, with timings and terms"
FIRST_ROW = "The spoken answer analysed for the first time"
PEER_ROW = f"InterviewCraft `_analyze_from_turns`, same {WORDS} words"


def report(rows: list[Row], runs: int, load: float, counted: dict[str, int]) -> str:
    peer = dict(rows).get(PEER_ROW)
    lines = [
        f"- Date: {dt.date.today():%Y-%m-%d}",
        f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; 1-minute load average {load:.2f} when the "
        "timing started",
        f"- {runs} timed runs of each, taken in turn, after ten warm-up runs; CPU time",
        "",
        "| what | median ms | p95 ms | ratio to InterviewCraft (median) | target |",
        "|---|---:|---:|---:|---|",
    ]
    peer_median = summary(peer)[0] if peer else None
    for name, times in rows:
        median, p95 = summary(times)
        ratio, target = "", ""
        if peer_median and name != PEER_ROW:
            ratio = f"{median / peer_median:.2f}"
            if name == SPOKEN_ROW:
                verdict = "PASS" if median / peer_median <= TARGET_RATIO else "FAIL"
                target = f"ratio ≤ {TARGET_RATIO:g}: {verdict}"
        lines.append(f"| {name} | {median:.3f} | {p95:.3f} | {ratio} | {target} |")
    if counted:
        lines += [
            "",
            "Instructions a run (valgrind callgrind): "
            + ", ".join(f"{name}: {count / 1e6:.2f} million" for name, count in counted.items()),
        ]
        theirs = counted.get(PEER_ROW)
        if theirs:
            kinds = {SPOKEN_ROW: "repeated", FIRST_ROW: "first time"}
            lines[-1] += "; ratios " + ", ".join(
                f"{counted[name] / theirs:.2f} ({kind})"
                for name, kind in kinds.items()
                if name in counted
            )
            lines[-1] += "."
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=500, help="timed runs per row (500)")
    parser.add_argument(
        "--peers", type=Path, default=DEFAULT_PEERS, help=f"peers' code (default {DEFAULT_PEERS})"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the times there")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--instructions",
        type=int,
        default=0,
        metavar="N",
        help="also count instructions a run with valgrind's callgrind, over N runs (slow: "
        "about a minute per count; 0, the default, skips it)",
    )
    parser.add_argument("--repeat", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    peer = interviewcraft(args.peers)
    if args.repeat:  # one piece of work, untimed, for callgrind to count
        repeat(args.repeat[0], args.repeat[1], peer)
        return 0
    if peer is None:
        print(f"InterviewCraft not found under {args.peers}: its row is left out.")
    load = os.getloadavg()[0]
    rows = measure(args.runs, peer)
    counted = instructions(args, peer) if args.instructions else {}
    body = report(rows, args.runs, load, counted)
    print(body)
    if args.write_docs:
        write_section("answers-benchmark", body)
    if args.json:
        document = {
            "benchmark": "answers",
            "load_average": load,
            "rows": dict(rows),
            "instructions": counted,
        }
        args.json.write_text(json.dumps(document), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
