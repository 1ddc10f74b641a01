"""Playbook benchmark: the prep plan and likely questions for one round, timed.

The round has five interviewers (two met before) and three earlier rounds full of notes, on a
posting of about 700 words. Timed: the plan with likely questions as the round page computes
them (database reads included), the same computation without the database, questions to ask,
the calendar file, and classifying one question: one an opening rule settles, and (with the ml
extra) one the embedding model reads. Targets: plan + likely questions <= 30 ms, a question
read by the model <= 30 ms.

    .venv/bin/python benchmarks/playbook.py [--runs 300] [--write-docs]

Like pages.py it runs on a throwaway database: a temporary SQLite folder, or a PostgreSQL
database whose name contains "bench" given in NEXTROUND_DATABASE_URL (dropped at the end).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import timedelta

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

from nextround.core.services import local_user
from nextround.interviews import services
from nextround.interviews.models import Format, NoteKind, Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import question_model
from nextround.playbook.classify import classify_question
from nextround.playbook.likely import likely_questions
from nextround.playbook.plan import build_plan
from nextround.prep.selectors import (
    earlier_questions,
    round_asks,
    round_calendar,
    round_facts,
    round_likely,
    round_plan,
)

TARGET_MS = 30.0
CLASSIFY_MS = 30.0  # a question read by the embedding model, p95 (issue 17)
BY_MEANING = "What would your last manager say you should work on next?"
POSTING_PARAGRAPH = (
    "You will own the weekly operations review for our regional network, turning data from "
    "the warehouse management system into clear recommendations for site leaders. You will "
    "build forecasting models in SQL and Python, run root-cause analysis on late shipments, "
    "and lead process improvement projects with carriers and customer service. We need strong "
    "stakeholder management, a habit of checking your own numbers, experience with Lean or "
    "Six Sigma, and the confidence to present findings to executives. "
)
QUESTIONS = [
    "Tell me about yourself.",
    "Walk me through a time you found the root cause of a recurring delay.",
    "How would you prioritise requests from three site managers at once?",
    "What do you know about our customers?",
    "Why are you leaving your current job?",
    "Describe a time you disagreed with your manager.",
    "What would you do if your forecast turned out badly wrong?",
    "What are your salary expectations?",
]


def build_round() -> Round:
    owner = local_user()
    now = timezone.now()
    posting = POSTING_PARAGRAPH * 8  # about 700 words
    opportunity = services.opportunity_create(
        owner=owner, company="Bench Freight", role_title="Operations Analyst", posting_text=posting
    )
    relations = ["hiring_manager", "peer", "executive", "hr", "managers_manager", "peer", "hr"]
    people = [
        services.person_create(opportunity=opportunity, name=f"Person {i}", relation=relation)
        for i, relation in enumerate(relations)
    ]
    for number in (1, 2, 3):
        start = now - timedelta(days=30 - 7 * number)
        earlier = services.round_create(
            opportunity=opportunity,
            starts=start,
            ends=start + timedelta(hours=1),
            timezone_name="America/Chicago",
            format=Format.VIDEO,
            attendees=[people[0], people[number + 3]],
        )
        for i, text in enumerate(QUESTIONS):
            services.note_create(
                round_=earlier,
                kind=NoteKind.QUESTION,
                text=text,
                person=people[0],
                rating=1 + (i + number) % 5,
                improve="Lead with the result.",
            )
        services.note_create(
            round_=earlier, kind=NoteKind.CONCERN, text="Little people management."
        )
        services.note_create(round_=earlier, kind=NoteKind.NUMBER, text="Range 80-95k")
    start = now + timedelta(days=5)
    return services.round_create(
        opportunity=opportunity,
        starts=start,
        ends=start + timedelta(hours=4),
        timezone_name="America/Chicago",
        format=Format.PANEL,
        is_final=True,
        attendees=[people[0], people[4], people[1], people[2], people[3]],
    )


def measure(round_: Round, runs: int) -> list[tuple[str, float, float]]:
    now = timezone.now()
    carry = carry_forward(round_=round_)
    facts = round_facts(carry)
    posting = round_.opportunity.posting_text
    earlier = earlier_questions(carry)

    def page_work() -> None:
        fresh = carry_forward(round_=Round.objects.select_related("opportunity").get(pk=round_.pk))
        round_plan(carry=fresh, now=now)
        round_likely(carry=fresh)

    return [
        ("Plan + likely questions, with database reads", *timed(runs, page_work)),
        (
            "Plan + likely questions, computation only",
            *timed(
                runs,
                lambda: (
                    build_plan(facts),
                    likely_questions(facts, job_text=posting, earlier=earlier),
                ),
            ),
        ),
        ("Questions to ask (5 interviewers)", *timed(runs, lambda: round_asks(carry=carry))),
        ("Calendar file (.ics)", *timed(runs, lambda: round_calendar(round_=round_, now=now))),
        (
            "Classify one question",
            *timed(runs, lambda: classify_question("Tell me about a time you missed a deadline")),
        ),
        *by_meaning(runs),
    ]


def by_meaning(runs: int) -> list[tuple[str, float, float]]:
    """A question that neither the bank's wordings nor the opening rules settle, so the
    embedding model reads it (the ml extra; nothing without it). Its vote is forgotten before
    each run: a note's text is embedded once, and here every run pays for it."""
    reader = question_model.meaning()
    if reader is None:
        return []
    assert classify_question(BY_MEANING).source == "meaning"
    name = f"Classify one question by its meaning ({reader.embedder.model_id}, 1 ONNX thread)"
    return [
        (
            name,
            *timed(
                runs,
                lambda: classify_question(BY_MEANING),
                before=reader._probabilities.cache_clear,
            ),
        )
    ]


def report(rows: list[tuple[str, float, float]], runs: int, load: float) -> str:
    lines = [
        f"### {'PostgreSQL' if vendor() == 'postgresql' else 'SQLite'}",
        "",
        f"- Date: {timezone.localdate():%Y-%m-%d}",
        f"- Database: {database_description()}",
        f"- Machine: {machine()}; 1-minute load average {load:.2f} when the timing started",
        "- Round: final panel with 5 interviewers (2 met before), 3 earlier rounds with 10 notes "
        "each, a 700-word posting",
        f"- {runs} timed runs each after a warm-up run",
        "",
        "| what | median ms | p95 ms | target |",
        "|---|---:|---:|---|",
    ]
    for name, median, p95 in rows:
        target = ""
        if name.startswith("Plan + likely questions, with"):
            target = f"p95 ≤ {TARGET_MS:.0f} ms: {'PASS' if p95 <= TARGET_MS else 'FAIL'}"
        elif name.startswith("Classify one question by its meaning"):
            target = f"p95 ≤ {CLASSIFY_MS:.0f} ms: {'PASS' if p95 <= CLASSIFY_MS else 'FAIL'}"
        lines.append(f"| {name} | {median:.2f} | {p95:.2f} | {target} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=300, help="timed runs per item (300)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    try:
        prepare_database()
        round_ = build_round()
        load = os.getloadavg()[0]
        body = report(measure(round_, args.runs), args.runs, load)
        print(body)
        if args.write_docs:
            write_section(f"playbook-benchmark-{vendor()}", body, "# Performance\n")
        return 0
    finally:
        clean_up()


if __name__ == "__main__":
    sys.exit(main())
