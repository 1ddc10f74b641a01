"""Practice from the terminal: analyse one answer, or sit a session of questions with a timer.

The report is drawn with Rich: fillers and hedges are highlighted in the answer itself, the way
the web page marks them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nextround.cli.base import local_owner, main, print_json
from nextround.cli.speech import transcribe_file
from nextround.errors import Invalid
from nextround.playbook.knowledge import CATEGORIES

if TYPE_CHECKING:
    from rich.console import Console

    from nextround.feedback import AnswerReport
    from nextround.practice.models import PracticeQuestion
    from nextround.practice.selectors import Earlier

STYLES = {"filler": "bold black on yellow", "hedge": "black on cyan"}


def _console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False)


# --- the report ----------------------------------------------------------------------------


def show_report(console: Console, text: str, report: AnswerReport) -> None:
    from rich.text import Text

    console.print(Text.assemble(("Score ", "bold"), (f"{report.score}", "bold"), "/100"))
    if report.score_note:
        console.print(f"  {report.score_note}", markup=False)
    for tip in report.tips:
        console.print(f"  • {tip}")
    _show_marked(console, text, report)
    _show_components(console, report)
    _show_figures(console, report)


def _show_marked(console: Console, text: str, report: AnswerReport) -> None:
    """The answer with its fillers and hedges coloured, and the key to the colours."""
    from rich.text import Text

    from nextround.practice.present import highlighted

    marked = Text()
    for piece in highlighted(text, report):
        marked.append(piece.text, style=STYLES.get(piece.kind, ""))
    console.print()
    console.print(marked)
    console.print(
        Text.assemble("\n", ("filler", STYLES["filler"]), "  ", ("hedge", STYLES["hedge"]))
    )


def _show_components(console: Console, report: AnswerReport) -> None:
    """Where the score's points came from."""
    from rich.table import Table

    table = Table(show_header=True, box=None, pad_edge=False)
    table.add_column("Part")
    table.add_column("Points", justify="right")
    table.add_column("Why")
    for name, part in report.components.items():
        table.add_row(name, f"{part.points:g}/{part.out_of}", part.note)
    console.print(table)


def _show_figures(console: Console, report: AnswerReport) -> None:
    """Length, fillers, structure, pauses and the terms used, one line each."""
    length = f"{report.words} words, " + (
        f"about {report.seconds:.0f} s if spoken"
        if report.seconds_estimated
        else f"{report.seconds:.0f} s at {report.wpm:.0f} words a minute ({report.pace})"
    )
    console.print(f"Length: {length} ({report.length})")
    console.print(
        f"Fillers: {report.fillers.count} ({report.fillers.per_minute:.1f} a minute, "
        f"{report.fillers.per_100_words:.1f} per 100 words) · hedges: {report.hedges.count}"
    )
    parts = ", ".join(
        f"{name} {'✓' if found.present else '✗'}" for name, found in report.star.items()
    )
    org = report.organisation
    checks = ", ".join(
        f"{name} {'✓' if passed else '✗'}"
        for name, passed in (
            ("point first", org.point_first),
            ("conclusion", org.concluded),
            ("length", org.length_fits),
        )
    )
    stall = f" (stalled: “{org.stall}”)" if org.stall else ""
    console.print(f"Organisation: {checks}{stall}")
    console.print(
        f"Structure: {parts} · result with a number: {'yes' if report.quantified_result else 'no'}"
    )
    if report.hesitations:
        console.print(
            f"Pauses: {len(report.hesitations)} hesitations, {len(report.long_pauses)} long"
        )
    for label, use in (
        ("Posting terms", report.requirements),
        ("Your words", report.company_terms),
    ):
        if use.used or use.missed:
            console.print(
                f"{label}: used {', '.join(use.used) or 'none'}; "
                f"not used {', '.join(use.missed) or 'none'}"
            )


# --- analyze -------------------------------------------------------------------------------


@main.command("analyze")
@click.argument("file", required=False, metavar="[FILE|-]")
@click.option("--question", help="The question the answer replies to.")
@click.option(
    "--category",
    type=click.Choice(CATEGORIES),
    help="The question's kind; it decides whether a story is expected (else --question does).",
)
@click.option(
    "--seconds",
    type=click.FloatRange(min=1, max=3600),
    help="How long the answer took to say; else estimated at 150 words a minute.",
)
@click.option(
    "--audio",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A recording to transcribe and analyse instead of a text (needs the voice extra).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def analyze_command(
    file: str | None,
    question: str | None,
    category: str | None,
    seconds: float | None,
    audio: Path | None,
    *,
    as_json: bool,
) -> None:
    """Feedback on one answer: fillers, hedges, structure, length, pace and a score.

    Reads a text file, standard input (- or nothing), or with --audio a recording."""
    from nextround.feedback import analyze_answer
    from nextround.jsonform import json_form

    if audio and file:
        raise Invalid("Give a text or --audio, not both.")
    if audio:
        transcript = transcribe_file(audio)
        text, words, pauses = transcript.text, transcript.words, transcript.pauses
    else:
        text = _read_text(file or "-")
        words, pauses = [], []
    report = analyze_answer(
        text,
        question=question,
        category=category,
        seconds=seconds,
        words=words or None,
        pauses=pauses,
    )
    if as_json:
        print_json(json_form(report))
    else:
        show_report(_console(), text, report)


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Invalid(f"{source} is not a UTF-8 text file.") from None


# --- practice ------------------------------------------------------------------------------


@main.command("practice")
@click.option("--round", "round_id", type=int, help="Likely questions for this round (its id).")
@click.option("--category", help="A kind of question, e.g. behavioral (default: your weakest).")
@click.option("--count", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option("--terms", default="", help="Comma-separated words to work into your answers.")
def practice_command(round_id: int | None, category: str | None, count: int, terms: str) -> None:
    """A practice session in the terminal: one question at a time, a running clock, typed
    answers, and feedback after each. End an answer with an empty line."""
    owner = local_owner()
    from nextround.interviews.selectors import round_get
    from nextround.practice import selectors, services

    if round_id is not None and category:
        raise Invalid("Give --round or --category, not both.")
    round_ = round_get(owner=owner, pk=round_id) if round_id is not None else None
    if round_ is None and not category:
        category = selectors.suggested_category(owner=owner)
    session = services.session_start(
        owner=owner, round_=round_, category=category or "", count=count, terms=terms
    )
    console = _console()
    questions = list(session.questions.all())
    for question in questions:
        if not _practise(console, question, total=len(questions)):
            break
    console.print(f"\nSaved as session {session.pk}; see the charts at /practice/history/.")


def _practise(console: Console, question: PracticeQuestion, *, total: int) -> bool:
    """One question, with retries. False when the candidate wants to stop."""
    from rich.panel import Panel

    from nextround.feedback import thresholds
    from nextround.practice import selectors, services

    low, high = thresholds.TARGET_SECONDS_MIN, thresholds.TARGET_SECONDS_MAX
    console.print()
    console.print(
        Panel(
            question.text,
            title=f"Question {question.position} of {total} · {question.category}",
            subtitle=f"aim for {low}–{high} s spoken",
        )
    )
    while True:
        answer = _read_answer(console)
        if answer is None:
            return False
        if not answer:
            console.print("Skipped.")
            return True
        try:
            attempt = services.attempt_typed(
                owner=question.session.owner, question=question, text=answer
            )
        except Invalid as exc:
            console.print(f"[bold red]{exc.message}[/]")
            continue
        show_report(console, attempt.text, selectors.report_for(attempt))
        _compare(
            console, selectors.earlier_attempts(owner=attempt.owner, key=question.key), attempt.pk
        )
        choice = _ask(console)
        if choice == "k":
            services.attempt_keep(attempt=attempt)
            console.print("Kept as your best answer to this question.")
            choice = _ask(console, keep=False)
        if choice != "r":
            return choice == "n"


def _read_answer(console: Console) -> str | None:
    """Lines until an empty one, each prompt showing the time since the first; None at the end
    of input before anything was typed."""
    console.print("[dim]Type your answer; an empty line ends it.[/]")
    lines: list[str] = []
    began = time.monotonic()
    while True:
        elapsed = int(time.monotonic() - began)
        try:
            line = console.input(f"[dim]{elapsed // 60}:{elapsed % 60:02d}[/] › ")
        except EOFError:
            return "\n".join(lines) if lines else None
        if not line.strip():
            return "\n".join(lines)
        lines.append(line)


def _ask(console: Console, *, keep: bool = True) -> str:
    from rich.prompt import Prompt

    choices = ["n", "r", "k", "q"] if keep else ["n", "r", "q"]
    try:
        return Prompt.ask(
            "[n]ext question, [r]etry" + (", [k]eep as best" if keep else "") + ", [q]uit",
            choices=choices,
            default="n",
            console=console,
            show_choices=False,
        )
    except EOFError:
        return "q"


def _compare(console: Console, earlier: Earlier, current: int) -> None:
    if len(earlier.attempts) < 2:
        return
    scores = " → ".join(
        f"[bold]{a.score}[/]" if a.pk == current else str(a.score) for a in earlier.attempts
    )
    best = earlier.best
    console.print(
        f"Your attempts at this question: {scores}" + (f" (best {best.score})" if best else "")
    )
