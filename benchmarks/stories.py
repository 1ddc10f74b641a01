"""Stories benchmark: requirement extraction, story analysis and the coverage matrix, timed.

Timed: extracting the requirements of a 700-word posting (target ≤ 20 ms); analysing one story;
the coverage of 100 stories × 40 requirements with word matching (target ≤ 100 ms); the
background worker's job from an empty store, every text embedded and stored on one ONNX thread
(≤ 2 s of processor time); the same coverage embedding as it goes, as the CLI does (≤ 2 s); and
what the coverage page does, reading stored vectors only, before the worker has run and after
(≤ 100 ms each: it never loads the model). The semantic rows need the ml extra; without it they
are reported as skipped.

    .venv/bin/python benchmarks/stories.py [--runs 50] [--write-docs]

Like pages.py it runs on a throwaway database: a temporary SQLite folder, or a PostgreSQL
database whose name contains "bench" given in NEXTROUND_DATABASE_URL (dropped at the end).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence

from benchsetup import (  # configures Django: before any model import
    clean_up,
    database_description,
    machine,
    prepare_database,
    timed,
    vendor,
)
from django.utils import timezone
from docsection import write_section

from nextround.fit import semantic
from nextround.fit.coverage import StoryText, cover
from nextround.fit.requirements import Requirement, extract_requirements, extract_terms
from nextround.fit.semantic_coverage import embedded_texts
from nextround.fit.star import analyze_story
from nextround.stories.matching import matcher
from nextround.stories.models import Embedding

TARGETS = {
    "extract": 20.0,
    "lexical": 100.0,
    "cold": 2000.0,
    "warm": 100.0,
    "page": 100.0,
    "background": 2000.0,
}

POSTING = """Senior Operations Analyst

About the role
You will own the weekly operations review for our regional network and turn warehouse data into
clear recommendations for site leaders.

Responsibilities
- Build demand forecasting models in SQL and Python and explain their error to planners.
- Run root-cause analysis on late shipments with carriers and customer service.
- Lead process improvement projects using Lean and Six Sigma methods.
- Present monthly findings to the executive team and agree the actions that follow.
- Maintain dashboards in Tableau that site managers use every morning.
- Coach two junior analysts and review their work before it goes out.
- Negotiate service levels with three regional carriers.
- Keep the inventory accuracy programme on track across five warehouses.

Requirements
- At least five years of experience in supply chain or logistics analytics.
- Strong SQL and working knowledge of Python or R.
- Experience with a warehouse management system such as Manhattan or Blue Yonder.
- Proven stakeholder management with senior leaders.
- A bachelor's degree in engineering, operations research or a related field.
- Excellent written communication and attention to detail.

Nice to have
- Lean Six Sigma Green Belt or higher.
- Experience with transport management systems.
- APICS CSCP certification.
"""

VERBS = ["Led", "Built", "Redesigned", "Negotiated", "Automated", "Rescued", "Trained", "Audited"]
THINGS = [
    "the carrier scorecard",
    "a demand forecast",
    "the returns process",
    "a Tableau dashboard",
    "the night shift rota",
    "an inventory count",
    "a supplier contract",
    "the onboarding course",
    "a customer escalation",
    "the SQL reporting pipeline",
]
FIELDS = ["warehouse", "finance", "nursing ward", "sales region", "software team"]


def stories(count: int) -> list[StoryText]:
    made = []
    for i in range(count):
        verb, thing = VERBS[i % len(VERBS)], THINGS[(i * 3) % len(THINGS)]
        where = FIELDS[i % len(FIELDS)]
        made.append(
            StoryText(
                id=i + 1,
                title=f"{verb} {thing} ({i})",
                situation=f"In {2015 + i % 9} our {where} struggled with {thing}; errors cost "
                f"about {10 + i} hours a week and two key clients complained.",
                task=f"I was asked to fix {thing} within one quarter without extra budget.",
                action=f"I mapped every step with the people doing it, measured where time went, "
                f"and {verb.lower()} {thing} in three stages. I wrote the new procedure, trained "
                f"{3 + i % 7} colleagues, and checked the figures each Friday with my manager. "
                "When a supplier pushed back I negotiated a trial period and shared the data.",
                result=f"Errors fell by {20 + i % 50}% in two months and we saved "
                f"{5 + i % 20} hours a week; the approach was adopted by {1 + i % 4} other sites.",
                competencies="analysis, stakeholder management, process improvement",
            )
        )
    return made


def requirements(count: int) -> list[Requirement]:
    lines = [line[2:] for line in POSTING.splitlines() if line.startswith("- ")]
    texts = [f"{lines[i % len(lines)]} ({i // len(lines) + 1})" for i in range(count)]
    return [
        Requirement(key=f"r{i}", text=t, kind="must-have", terms=tuple(extract_terms(t)))
        for i, t in enumerate(texts)
    ]


def posting_700_words() -> str:
    """The posting, its bullets repeated until it is 700 words long."""
    bullets = [line for line in POSTING.splitlines() if line.startswith("- ")]
    text, i = POSTING, 0
    while len(text.split()) < 700:
        text += "\n" + bullets[i % len(bullets)]
        i += 1
    return text


Row = tuple[str, float | None, float | None, str]


def measure(runs: int) -> list[Row]:
    posting = posting_700_words()
    bank, needs = stories(100), requirements(40)
    sample = bank[7]
    rows: list[Row] = [
        (
            f"Extract requirements, {len(posting.split())}-word posting",
            *timed(runs * 4, lambda: extract_requirements(posting)),
            "extract",
        ),
        (
            "Analyse one story",
            *timed(
                runs * 4,
                lambda: analyze_story(
                    title=sample.title,
                    situation=sample.situation,
                    task=sample.task,
                    action=sample.action,
                    result=sample.result,
                ),
            ),
            "",
        ),
        (
            "Coverage 100 stories × 40 requirements, lexical",
            *timed(runs, lambda: cover(needs, bank)),
            "lexical",
        ),
    ]
    use = matcher()  # as the settings say: the int8 copy unless NEXTROUND_EMBEDDING_PRECISION
    try:
        embed = use.embedding()
    except semantic.Unavailable:
        embed = None
    if embed is None:
        return [*rows, ("Coverage, semantic (ml extra not installed)", None, None, "")]

    def empty_cache() -> None:
        Embedding.objects.all().delete()

    cold_runs = max(3, runs // 10)
    texts = embedded_texts(needs, bank)

    def while_preparing() -> None:
        """What a page does before the background worker is done: read what is stored, then
        match by words."""
        assert use.ready(texts).missing > 0
        cover(needs, bank)

    rows.append(
        (
            "Coverage page's work, empty cache (words until the worker is done)",
            *timed(cold_runs, while_preparing, before=empty_cache),
            "page",
        )
    )
    rows.append(background_cold(needs, bank, cold_runs))
    rows.append(
        (
            "Coverage, semantic, empty cache",
            *timed(cold_runs, lambda: cover(needs, bank, embed=embed), before=empty_cache),
            "cold",
        )
    )
    rows.append(
        (
            "Coverage page's work, semantic, every vector stored",
            *timed(runs, lambda: cover(needs, bank, embed=use.ready(texts).embed)),
            "warm",
        )
    )
    return rows


def background_cold(needs: list[Requirement], bank: list[StoryText], runs: int) -> Row:
    """The background worker's job from an empty store: embed and save every text the coverage
    of these stories and requirements reads (requirements, two pieces per story, the fixed
    background sentences), on one ONNX thread. Timed in processor time, which other processes
    on the machine disturb less than the clock; the clock's median is in the row's name."""
    embed = matcher().embedding()
    assert embed is not None and semantic.THREADS == 1
    texts = embedded_texts(needs, bank)
    cpu, wall = [], []
    embed(texts)  # warm-up: the model is loaded once per process
    for _ in range(runs):
        Embedding.objects.all().delete()
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        embed(texts)
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
    cpu.sort()
    name = (
        f"Background embedding from an empty store, {len(set(texts))} texts, 1 ONNX thread, "
        f"processor time (clock: median {statistics.median(wall):.0f} ms)"
    )
    return (
        name,
        statistics.median(cpu),
        cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))],
        "background",
    )


def report(rows: list[Row], runs: int, load: float) -> str:
    lines = [
        f"### {'PostgreSQL' if vendor() == 'postgresql' else 'SQLite'}",
        "",
        f"- Date: {timezone.localdate():%Y-%m-%d}",
        f"- Database: {database_description()}",
        f"- Machine: {machine()}; 1-minute load average {load:.2f} when the timing started",
        f"- {runs} timed runs for coverage ({max(3, runs // 10)} from an empty cache), "
        f"{runs * 4} for extraction and analysis, each after a warm-up run; the model is loaded "
        "and the 40 fixed background sentences embedded before timing (the worker's row "
        f"starts from an empty store); embedding model {matcher().model_id or 'none'}",
        "",
        "| what | median ms | p95 ms | target |",
        "|---|---:|---:|---|",
    ]
    for name, median, p95, target_key in rows:
        if median is None or p95 is None:
            lines.append(f"| {name} | – | – | skipped |")
            continue
        target = ""
        if target_key:
            limit = TARGETS[target_key]
            target = f"p95 ≤ {limit:.0f} ms: {'PASS' if p95 <= limit else 'FAIL'}"
        lines.append(f"| {name} | {median:.2f} | {p95:.2f} | {target} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=50, help="timed coverage runs (50)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    try:
        prepare_database()
        load = os.getloadavg()[0]
        body = report(measure(args.runs), args.runs, load)
        print(body)
        if args.write_docs:
            write_section(f"stories-benchmark-{vendor()}", body, "# Performance\n")
        return 0
    finally:
        clean_up()


if __name__ == "__main__":
    sys.exit(main())
