"""Brief benchmark: a round's brief assembled and rendered as Markdown and PDF, timed warm.

The demo's final round, every section but research filled (10 pages), and its first sections
alone, which print on 3 pages (logistics, the three interviewers, research's one line). Timed
after a warm-up run (WeasyPrint imported, fonts found): assembling the brief from the database,
its Markdown, and its PDF. Target: the 3-page brief, assembly included, p95 <= 0.5 s.

    .venv/bin/python benchmarks/brief.py [--runs 20] [--write-docs]

Like pages.py it runs on a throwaway database: a temporary SQLite folder, or a PostgreSQL
database whose name contains "bench" given in NEXTROUND_DATABASE_URL (dropped at the end).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence

import msgspec
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
from pypdf import PdfReader

from nextround.brief import documents, selectors
from nextround.briefing import Brief
from nextround.core.services import local_user
from nextround.interviews.models import Round
from nextround.workspace import demo

TARGET_S = 0.5
# The demo brief's sections that print on three pages: logistics, the three interviewers
# (two pages), and the research section's one line after them.
THREE_PAGES = ("logistics", "people", "research")


def _fresh(round_: Round) -> Round:
    return Round.objects.select_related("opportunity").get(pk=round_.pk)


def three_pages(brief: Brief) -> Brief:
    kept = tuple(s for s in brief.sections if s.key in THREE_PAGES)
    return msgspec.structs.replace(brief, sections=kept)


def pages(brief: Brief) -> int:
    return len(PdfReader(io.BytesIO(documents.brief_pdf(brief))).pages)


def measure(round_: Round, runs: int, counted: tuple[int, int]) -> list[tuple[str, float, float]]:
    now = timezone.now()
    full = selectors.round_brief(round_=round_, now=now)
    small = three_pages(full)

    def assembled() -> Brief:
        return selectors.round_brief(round_=_fresh(round_), now=now)

    items: list[tuple[str, Callable[[], object]]] = [
        ("Brief assembled from the database", assembled),
        ("Markdown", lambda: documents.brief_markdown(full)),
        (f"PDF, {counted[0]} pages", lambda: documents.brief_pdf(small)),
        (
            f"Assembled + PDF, {counted[0]} pages",
            lambda: documents.brief_pdf(three_pages(assembled())),
        ),
        (f"PDF, {counted[1]} pages", lambda: documents.brief_pdf(full)),
        (
            f"Assembled + PDF, {counted[1]} pages (the download)",
            lambda: documents.brief_pdf(assembled()),
        ),
    ]
    return [(label, *timed(runs, work)) for label, work in items]


def report(
    rows: list[tuple[str, float, float]], runs: int, load: float, counted: tuple[int, int]
) -> str:
    sizes = (
        f"the demo's final round, every section but research filled ({counted[1]} pages), "
        f"and its first sections alone ({', '.join(THREE_PAGES)}: {counted[0]} pages)"
    )
    lines = [
        f"### {'PostgreSQL' if vendor() == 'postgresql' else 'SQLite'}",
        "",
        f"- Date: {timezone.localdate():%Y-%m-%d}",
        f"- Database: {database_description()}",
        f"- Machine: {machine()}; 1-minute load average {load:.2f} when the timing started",
        f"- Briefs: {sizes}",
        f"- {runs} timed runs each after a warm-up run",
        "",
        "| what | median ms | p95 ms | target |",
        "|---|---:|---:|---|",
    ]
    for name, median, p95 in rows:
        target = ""
        if name == f"Assembled + PDF, {counted[0]} pages":
            limit = TARGET_S * 1000
            target = f"p95 ≤ {limit:.0f} ms: {'PASS' if p95 <= limit else 'FAIL'}"
        lines.append(f"| {name} | {median:.1f} | {p95:.1f} | {target} |")
    small, full = (r for r in rows if r[0].startswith("PDF,"))
    lines += [
        "",
        f"Ratio: the {counted[1]}-page PDF takes {full[1] / small[1]:.1f}× as long as the "
        f"{counted[0]}-page one (median), {full[1] / counted[1]:.0f} ms a page against "
        f"{small[1] / counted[0]:.0f} ms: a fixed cost per document (styles, fonts) plus "
        "the pages.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per item (20)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    try:
        prepare_database()
        opportunity, _ = demo.demo_load(owner=local_user(), now=timezone.now())
        round_ = opportunity.rounds.get(is_final=True)
        full = selectors.round_brief(round_=round_, now=timezone.now())
        counted = (pages(three_pages(full)), pages(full))
        if counted[0] != 3:
            raise SystemExit(f"The short brief printed on {counted[0]} pages, not 3.")
        load = os.getloadavg()[0]
        rows = measure(round_, args.runs, counted)
        body = report(rows, args.runs, load, counted)
        print(body)
        if args.write_docs:
            write_section(f"brief-benchmark-{vendor()}", body, "# Performance\n")
        return 0
    finally:
        clean_up()


if __name__ == "__main__":
    sys.exit(main())
