"""Side-by-side benchmarks: a baseline commit and the working tree, measured in the same run.

This machine's speed varies from hour to hour (other processes share its two cores), so an
absolute figure from yesterday says little about whether the code got faster. Here each ratio
benchmark (pages on SQLite and PostgreSQL, the load benchmark, the answer analyzer) runs the
working tree's benchmark script twice per block: once importing the baseline's ``src`` and once
importing ours, in the order baseline, ours, ours, baseline... so that a slow patch of the
machine hits both alike. Every run gets a fresh data folder (and a recreated PostgreSQL
database). The baseline is checked out with ``git worktree add --detach`` under
``.bench-baseline/`` (kept between runs, not committed).

Then the other benchmarks (playbook, stories, brief on both databases; speech; uploads) run once
on the working tree. Every benchmark runs even when one misses; the exit status is 1 at the end
when any target was missed or any script failed.

    .venv/bin/python benchmarks/compare.py [--baseline REV] [--blocks 2] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docsection import write_section

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
# The commit before issue 18's first change (the Makefile passes the same default).
DEFAULT_BASELINE = "69a4d41"
DEFAULT_PEERS = ROOT.parent / "shared" / "peers"

PAGES_MAX_RATIO = 0.35  # CPU median per request, ours ÷ baseline's
# Pages without a ratio target: measured for information (issue 18 lists the others; the
# target is the cost of a page drawn, not of one kept and served again).
PAGES_WITHOUT_TARGET = (
    "Opportunity `/opportunities/<id>/`",
    "Dashboard, seen again `/`",
    "Round (5th), seen again `/rounds/<id>/`",
    "Carry-forward (5th), seen again",
)
LOAD_MIN_RATIO = 3.0  # requests a second, ours ÷ baseline's
ANALYZER_MAX_RATIO = 1.0  # our spoken answer's median ÷ InterviewCraft's, same process
SPOKEN_ROW = "Spoken answer"
PEER_ROW = "InterviewCraft"


# --- running the scripts --------------------------------------------------------------------


@dataclass
class Side:
    """One commit's source tree: ``src`` goes first on PYTHONPATH."""

    name: str  # "baseline" or "ours"
    label: str  # what the tables call it
    src: Path
    code: str  # what was measured: the baseline's commit, or the working tree's state


@dataclass
class Bench:
    """One ratio benchmark: a script, its arguments, and a database when it needs one."""

    key: str
    title: str
    script: str
    args: list[str]
    database_url: str | None = None
    runs: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"baseline": [], "ours": []}
    )
    failures: list[str] = field(default_factory=list)
    first_block_args: list[str] = field(default_factory=list)  # e.g. instruction counting


def fresh_folder(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def script_env(src: Path | None, data: Path, database_url: str | None) -> dict[str, str]:
    env = {**os.environ, "NEXTROUND_DATA_DIR": str(data)}
    env.pop("NEXTROUND_DATABASE_URL", None)
    if database_url:
        env["NEXTROUND_DATABASE_URL"] = database_url
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def run_script(
    script: str, args: Sequence[str], env: dict[str, str], log: Path
) -> tuple[int, float]:
    """Run one benchmark script with this interpreter; its output goes to ``log``."""
    started = time.monotonic()
    with log.open("wb") as out:
        code = subprocess.run(
            [sys.executable, str(BENCHMARKS / script), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        ).returncode
    return code, time.monotonic() - started


def tail(path: Path, lines: int = 8) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def run_side(bench: Bench, side: Side, block: int, work: Path, *, reuse: str = "") -> None:
    """Run one side of one block; ``reuse`` "finished" takes a result already there, "only"
    runs nothing and reports what is there. A result is reused only when it measured the same
    code (``Side.code``): an earlier comparison with another baseline, or before an edit, left
    its results in the same folders."""
    result = work / f"{bench.key}-{side.name}-{block}" / "result.json"
    where = f"  {bench.key}, {side.label}, block {block + 1}"
    measured = result.parent / MEASURED
    if reuse and result.exists():
        earlier = measured.read_text(encoding="utf-8") if measured.exists() else "unknown code"
        if earlier == side.code:
            shown = result.relative_to(ROOT) if result.is_relative_to(ROOT) else result
            print(f"{where}: reused {shown}")
            bench.runs[side.name].append(json.loads(result.read_text(encoding="utf-8")))
            return
        print(f"{where}: the result there measured other code ({earlier}), not {side.code}")
    if reuse == "only":
        print(f"{where}: no result, left out")
        return
    folder = fresh_folder(result.parent)
    (folder / MEASURED).write_text(side.code, encoding="utf-8")
    log = folder / "output.log"
    env = script_env(side.src, folder / "data", bench.database_url)
    (folder / "data").mkdir()
    extra = bench.first_block_args if block == 0 else []
    code, seconds = run_script(bench.script, [*bench.args, *extra, "--json", str(result)], env, log)
    print(f"  {bench.key}, {side.label}, block {block + 1}: exit {code} in {seconds:.0f} s")
    if result.exists():
        bench.runs[side.name].append(json.loads(result.read_text(encoding="utf-8")))
    if code != 0:
        bench.failures.append(f"{side.label}, block {block + 1}: exit {code}")
        print(tail(log))


MEASURED = "measured.txt"  # beside a run's result: the code it measured


def working_tree_code() -> str:
    """The working tree's commit and a digest of its changes to the code the scripts run (the
    package and the benchmarks, untracked files included)."""
    digest = hashlib.sha256(git("diff", "HEAD", "--binary", "--", "src", "benchmarks").encode())
    untracked = git("ls-files", "--others", "--exclude-standard", "--", "src", "benchmarks")
    for name in sorted(untracked.splitlines()):
        digest.update(name.encode() + (ROOT / name).read_bytes())
    return f"working tree at {git('rev-parse', 'HEAD')[:12]}, changes {digest.hexdigest()[:12]}"


def run_interleaved(
    bench: Bench, sides: tuple[Side, Side], blocks: int, work: Path, *, reuse: str = ""
) -> None:
    """Baseline then ours in even blocks, ours then baseline in odd ones."""
    print(f"{bench.title}:")
    for block in range(blocks):
        order = sides if block % 2 == 0 else sides[::-1]
        for side in order:
            run_side(bench, side, block, work, reuse=reuse)


# --- the baseline checkout ------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def baseline_checkout(revision: str, cache: Path) -> tuple[str, Path]:
    """The baseline's commit and a detached worktree of it under ``cache`` (made once)."""
    commit = git("rev-parse", "--verify", f"{revision}^{{commit}}")
    folder = cache / commit[:12]
    if not (folder / "src" / "nextround").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        git("worktree", "prune")
        cache.mkdir(parents=True, exist_ok=True)
        git("worktree", "add", "--detach", str(folder), commit)
    return commit, folder


# --- figures --------------------------------------------------------------------------------


def median_p95(values: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def pooled(
    runs: list[dict[str, Any]], pick: Callable[[dict[str, Any]], list[float] | None]
) -> list[float]:
    return [value for run in runs for value in (pick(run) or [])]


@dataclass
class Verdicts:
    """Targets missed, in words, gathered while the tables are made."""

    missed: list[str] = field(default_factory=list)

    def check(self, what: str, *, ok: bool) -> str:
        if not ok:
            self.missed.append(what)
        return "PASS" if ok else "FAIL"


def page_values(runs: list[dict[str, Any]], name: str, key: str) -> list[float]:
    """One page's ``key`` list (CPU times, query counts) from every run, pooled."""
    return [
        value
        for run in runs
        for page in run["pages"]
        if page["name"] == name
        for value in page[key]
    ]


def _range(counts: list[int]) -> str:
    return (
        "–"
        if not counts
        else f"{min(counts)}"
        if min(counts) == max(counts)
        else f"{min(counts)}–{max(counts)}"
    )


def pages_table(bench: Bench, verdicts: Verdicts) -> list[str]:
    ours, base = bench.runs["ours"], bench.runs["baseline"]
    names = [p["name"] for p in ours[0]["pages"]] if ours else []
    lines = [
        "| page | baseline median ms | baseline p95 ms | ours median ms | ours p95 ms "
        "| ratio (median) | queries small / large (ours) | target |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for name in names:
        mine = page_values(ours, name, "cpu_ms")
        theirs = page_values(base, name, "cpu_ms")
        small = page_values(ours, name, "queries_small")
        large = page_values(ours, name, "queries_big")
        m_med, m_p95 = median_p95(mine)
        targets = []
        constant = max(large) <= max(small)
        targets.append(
            "queries constant: "
            + verdicts.check(f"{bench.title}: {name} needs more queries when larger", ok=constant)
        )
        if theirs:
            b_med, b_p95 = median_p95(theirs)
            ratio = m_med / b_med
            base_cells = f"{b_med:.1f} | {b_p95:.1f}"
            ratio_cell = f"{ratio:.2f}"
            if name not in PAGES_WITHOUT_TARGET:
                verdict = verdicts.check(
                    f"{bench.title}: {name} CPU ratio {ratio:.2f}", ok=ratio <= PAGES_MAX_RATIO
                )
                targets.insert(0, f"ratio ≤ {PAGES_MAX_RATIO}: {verdict}")
        else:
            base_cells, ratio_cell = "n/a | n/a", "n/a (new page)"
        lines.append(
            f"| {name} | {base_cells} | {m_med:.1f} | {m_p95:.1f} | {ratio_cell} "
            f"| {_range([int(c) for c in small])} / {_range([int(c) for c in large])} "
            f"| {'; '.join(targets)} |"
        )
    return lines


def load_figures(runs: list[dict[str, Any]]) -> dict[str, float]:
    requests = sum(len(run["latencies_ms"]) for run in runs)
    seconds = sum(run["seconds"] for run in runs)
    latencies = pooled(runs, lambda run: run["latencies_ms"])
    median, p95 = median_p95(latencies) if latencies else (0.0, 0.0)
    cpu = sum(run["server_cpu_ms_per_request"] * len(run["latencies_ms"]) for run in runs)
    return {
        "rps": requests / seconds if seconds else 0.0,
        "median_ms": median,
        "p95_ms": p95,
        "cpu_ms": cpu / requests if requests else 0.0,
    }


def load_table(bench: Bench, verdicts: Verdicts) -> list[str]:
    if not bench.runs["ours"] or not bench.runs["baseline"]:
        verdicts.missed.append(f"{bench.title}: no result from one side")
        return ["(no result from one side: see the failures below)"]
    mine, theirs = load_figures(bench.runs["ours"]), load_figures(bench.runs["baseline"])
    ratio = mine["rps"] / theirs["rps"] if theirs["rps"] else 0.0
    verdict = verdicts.check(f"{bench.title}: rps ratio {ratio:.2f}", ok=ratio >= LOAD_MIN_RATIO)
    rows = [
        ("requests a second", "rps", f"ratio ≥ {LOAD_MIN_RATIO:g}: {verdict}"),
        ("median ms a request (client)", "median_ms", ""),
        ("p95 ms a request (client)", "p95_ms", ""),
        ("server CPU ms a request", "cpu_ms", ""),
    ]
    lines = ["| what | baseline | ours | ratio | target |", "|---|---:|---:|---:|---|"]
    for label, key, target in rows:
        ratio_cell = f"{mine[key] / theirs[key]:.2f}" if theirs[key] else "n/a"
        lines.append(f"| {label} | {theirs[key]:.1f} | {mine[key]:.1f} | {ratio_cell} | {target} |")
    return lines


def _row(runs: list[dict[str, Any]], prefix: str) -> list[float]:
    return pooled(
        runs, lambda run: next((v for k, v in run["rows"].items() if k.startswith(prefix)), None)
    )


def answers_table(bench: Bench, verdicts: Verdicts) -> list[str]:
    ours, base = bench.runs["ours"], bench.runs["baseline"]
    names = list(ours[0]["rows"]) if ours else []
    lines = [
        "| what | baseline median ms | ours median ms | ours p95 ms | ours ÷ baseline "
        "| ÷ InterviewCraft (same runs) | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    peer = _row(ours, PEER_ROW)
    peer_median = median_p95(peer)[0] if peer else None
    for name in names:
        m_med, m_p95 = median_p95(_row(ours, name))
        theirs = _row(base, name)
        b_cell, vs_base = "n/a", "n/a"
        if theirs:
            b_med = median_p95(theirs)[0]
            b_cell, vs_base = f"{b_med:.3f}", f"{m_med / b_med:.2f}"
        vs_peer, target = "", ""
        if peer_median and not name.startswith(PEER_ROW):
            vs_peer = f"{m_med / peer_median:.2f}"
            if name.startswith(SPOKEN_ROW):
                verdict = verdicts.check(
                    f"{bench.title}: {m_med / peer_median:.2f} × InterviewCraft",
                    ok=m_med / peer_median <= ANALYZER_MAX_RATIO,
                )
                target = f"≤ {ANALYZER_MAX_RATIO:g} × InterviewCraft: {verdict}"
        lines.append(
            f"| {name} | {b_cell} | {m_med:.3f} | {m_p95:.3f} | {vs_base} | {vs_peer} | {target} |"
        )
    if peer_median is None:
        verdicts.missed.append(f"{bench.title}: InterviewCraft was not measured")
    counts = {side: runs[0].get("instructions") for side, runs in bench.runs.items() if runs}
    if any(counts.values()):
        lines += ["", "Instructions a run (valgrind callgrind, first block):"]
        for side, counted in counts.items():
            for name, count in (counted or {}).items():
                lines.append(f"- {side}: {name}: {count / 1e6:.2f} million")
    return lines


TABLES: dict[str, Callable[[Bench, Verdicts], list[str]]] = {
    "pages": pages_table,
    "load": load_table,
    "answers": answers_table,
}


# --- the other benchmarks, run once on the working tree ------------------------------------


def run_once(name: str, script: str, args: list[str], database_url: str | None, work: Path) -> str:
    folder = fresh_folder(work / f"once-{name}")
    (folder / "data").mkdir()
    log = folder / "output.log"
    env = script_env(ROOT / "src", folder / "data", database_url)
    code, seconds = run_script(script, args, env, log)
    print(f"  {name}: exit {code} in {seconds:.0f} s")
    if code != 0:
        print(tail(log))
        return f"{name}: exit {code} (see {log.relative_to(ROOT)})"
    return ""


def other_benchmarks(args: argparse.Namespace, work: Path) -> list[str]:
    print("Other benchmarks, working tree only:")
    failures = []
    extra = ["--write-docs"] if args.write_docs else []
    for script in ("playbook", "stories", "brief"):
        for vendor, url in (("sqlite", None), ("postgresql", args.pg_url)):
            if vendor == "postgresql" and not url:
                continue
            failures.append(run_once(f"{script}-{vendor}", f"{script}.py", extra, url, work))
    for script in ("speech", "uploads"):
        failures.append(run_once(script, f"{script}.py", extra, None, work))
    return [f for f in failures if f]


# --- report ---------------------------------------------------------------------------------


def load_range(benches: list[Bench]) -> str:
    """The 1-minute load averages the runs recorded when their timing started."""
    loads = [run["load_average"] for b in benches for runs in b.runs.values() for run in runs]
    if not loads:
        return "none recorded"
    return f"{min(loads):.1f}" if min(loads) == max(loads) else f"{min(loads):.1f}–{max(loads):.1f}"


def header(args: argparse.Namespace, commit: str, loads: str, command: str) -> list[str]:
    ours = git("rev-parse", "--short=12", "HEAD")
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--", "src") else ""
    return [
        f"- Date: {dt.date.today():%Y-%m-%d}",
        f"- Command: `{command}`",
        f"- Baseline: {args.baseline} ({commit[:12]}); ours: the working tree at {ours}{dirty}",
        f"- Machine: {os.cpu_count()} CPU cores shared with other processes, Python "
        f"{platform.python_version()}, {platform.system()} {platform.machine()}; 1-minute load "
        f"average {loads} when the runs started timing",
        f"- {args.blocks} blocks per benchmark, baseline and ours alternating (ABBA); pages and "
        "the analyzer in CPU time per request, pooled over the blocks",
    ]


def report(benches: list[Bench], head: list[str], verdicts: Verdicts) -> str:
    lines = [*head]
    for bench in benches:
        lines += ["", f"#### {bench.title}", ""]
        kind = bench.key.split("-")[0]
        if not bench.runs["ours"]:
            lines.append("(no result: see the failures below)")
            verdicts.missed.append(f"{bench.title}: no result")
            continue
        lines += TABLES[kind](bench, verdicts)
        if bench.key.startswith("pages") and bench.runs["ours"]:
            lines += ["", f"Database: {bench.runs['ours'][0]['database']}."]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare with")
    parser.add_argument("--blocks", type=int, default=2, help="runs per side per benchmark (2)")
    parser.add_argument(
        "--requests", type=int, default=200, help="timed requests per page, over all blocks"
    )
    parser.add_argument("--opportunities", type=int, default=300, help="large workspace size")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="per load run (20)")
    parser.add_argument("--clients", type=int, default=8, help="load benchmark clients (8)")
    parser.add_argument("--runs", type=int, default=500, help="analyzer runs per block (500)")
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS, help="peers' code folder")
    parser.add_argument(
        "--instructions",
        type=int,
        default=0,
        metavar="N",
        help="count the analyzer's instructions with callgrind over N runs, in the first "
        "block (slow: a few minutes; 0 skips it)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("NEXTROUND_BENCH_DATABASE_URL"),
        help="a throwaway PostgreSQL database whose name contains 'bench' (dropped and "
        "recreated); default NEXTROUND_BENCH_DATABASE_URL; without it PostgreSQL is skipped",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["pages-sqlite", "pages-postgresql", "load", "answers", "others"],
        help="run only these",
    )
    parser.add_argument(
        "--reuse",
        choices=["finished", "only"],
        default="",
        help="finished: take a run's result from .bench-data/compare/ when that run already "
        "finished (to resume an interrupted comparison); only: run nothing, report the results "
        "there (runs made separately, in parallel or with other sizes); either way only a "
        "result that measured the same code (the baseline's commit, the working tree as it is)",
    )
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    if args.blocks < 1 or args.requests < args.blocks:
        parser.error("--blocks must be at least 1 and --requests at least --blocks")
    return args


def ratio_benches(args: argparse.Namespace) -> list[Bench]:
    per_block = str(args.requests // args.blocks)
    pages = ["--requests", per_block, "--opportunities", str(args.opportunities)]
    benches = [
        Bench("pages-sqlite", "Pages, SQLite", "pages.py", pages),
        Bench("pages-postgresql", "Pages, PostgreSQL", "pages.py", pages, args.pg_url),
        Bench(
            "load",
            f"Load: {args.clients} clients, demo round page",
            "load.py",
            ["--seconds", f"{args.load_seconds:g}", "--clients", str(args.clients)],
        ),
        Bench(
            "answers",
            "Answer analyzer, 300 words",
            "answers.py",
            ["--runs", str(args.runs), "--peers", str(args.peers)],
            first_block_args=["--instructions", str(args.instructions)]
            if args.instructions
            else [],
        ),
    ]
    if not args.pg_url:
        print("No --pg-url: the PostgreSQL pages run is skipped.")
        benches = [b for b in benches if b.key != "pages-postgresql"]
    return [b for b in benches if not args.only or b.key in args.only]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(["benchmarks/compare.py", *(argv if argv is not None else sys.argv[1:])])
    commit, checkout = baseline_checkout(args.baseline, ROOT / ".bench-baseline")
    sides = (
        Side("baseline", f"baseline {commit[:7]}", checkout / "src", f"commit {commit[:12]}"),
        Side("ours", "ours", ROOT / "src", working_tree_code()),
    )
    work = ROOT / ".bench-data" / "compare"
    benches = ratio_benches(args)
    for bench in benches:
        run_interleaved(bench, sides, args.blocks, work, reuse=args.reuse)
    failures = [f"{b.title}: {f}" for b in benches for f in b.failures]
    if args.reuse != "only" and (not args.only or "others" in args.only):
        failures += other_benchmarks(args, work)
    verdicts = Verdicts()
    body = report(benches, header(args, commit, load_range(benches), command), verdicts)
    print()
    print(body)
    print()
    for line in verdicts.missed:
        print(f"MISSED  {line}")
    for line in failures:
        print(f"FAILED  {line}")
    if args.write_docs and benches:
        write_section("ratio-benchmark", body)
    return 1 if verdicts.missed or failures else 0


if __name__ == "__main__":
    sys.exit(main())
