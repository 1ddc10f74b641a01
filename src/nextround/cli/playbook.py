"""Commands for a round's playbook: prep plan, likely questions, questions to ask, calendar,
and the question classifier."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nextround.cli.base import local_owner, main, print_json

if TYPE_CHECKING:
    from nextround.interviews.models import Round
    from nextround.playbook.field import FieldGuess
    from nextround.playbook.likely import LikelyQuestion
    from nextround.prep.selectors import RoundAsks, RoundPlan


def _round(round_id: int) -> Round:
    owner = local_owner()
    from nextround.interviews.selectors import round_get

    return round_get(owner=owner, pk=round_id)


def _plan_json(rp: RoundPlan) -> dict[str, Any]:
    r = rp.readiness
    return {
        "round": rp.round.pk,
        "timezone": rp.round.timezone,
        "readiness": {
            "score": r.score,
            "summary": r.summary,
            "missing": [i.key for i in r.missing],
            "overdue": [i.key for i in r.overdue],
        },
        "compressed": rp.plan.compressed,
        "items": [
            {
                "key": row.item.key,
                "title": row.item.title,
                "due": row.due_local.isoformat(),
                "weight": row.item.weight,
                "before_interview": row.item.before,
                "status": row.progress.status,
                "overdue": row.overdue,
                "note": row.progress.note,
                "reason": row.progress.reason,
            }
            for row in rp.rows
        ],
    }


def _print_plan(rp: RoundPlan) -> None:
    click.echo(f"{rp.round.label}: {rp.round.opportunity}")
    click.echo(f"Readiness {rp.readiness.score}/100. {rp.readiness.summary}")
    if rp.plan.compressed:
        click.echo("Due dates are squeezed: the interview is sooner than the usual lead times.")
    click.echo(f"Due times on the round's clock ({rp.round.timezone}).")
    marks = {"done": "[x]", "skipped": "[-]", "todo": "[ ]"}
    for heading, rows in (("Before the interview", rp.before), ("Afterwards", rp.after)):
        click.echo(f"\n{heading}:")
        for row in rows:
            flag = "  OVERDUE" if row.overdue else ""
            click.echo(
                f"  {marks[row.progress.status]} {_due(row.due_local, rp.round.timezone)}  "
                f"{row.item.title}  ({row.item.key}){flag}"
            )


def _due(moment: datetime, zone: str) -> str:
    """On the round's clock, with the user's own time beside it when it reads differently."""
    from django.utils import timezone

    from nextround import timeutil

    on_round, on_own = timeutil.two_clocks(moment, zone, timezone.get_current_timezone())
    shown = f"{on_round:%a %d %b %H:%M}"
    return shown if on_own is None else f"{shown} ({on_own:%a %H:%M} your time)"


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option("--done", "done", multiple=True, metavar="KEY", help="Tick an item (repeatable).")
@click.option("--undo", "undo", multiple=True, metavar="KEY", help="Reopen an item.")
@click.option("--skip", "skip", metavar="KEY", help="Skip an item; needs --reason.")
@click.option("--reason", default=None, help="Why the skipped item does not apply.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def plan(
    round_id: int,
    done: tuple[str, ...],
    undo: tuple[str, ...],
    skip: str | None,
    reason: str | None,
    *,
    as_json: bool,
) -> None:
    """The round's dated prep plan and readiness score; tick or skip items by key."""
    round_ = _round(round_id)
    from django.db import transaction
    from django.utils import timezone

    from nextround.interviews.selectors import carry_forward
    from nextround.prep import selectors, services

    now = timezone.now()
    if reason is not None and skip is None:
        raise click.UsageError("--reason goes with --skip.")
    changes: list[tuple[str, str, str | None]] = [(k, "done", None) for k in done]
    changes += [(k, "todo", None) for k in undo]
    if skip is not None:
        changes.append((skip, "skipped", reason or ""))
    with transaction.atomic():  # all or nothing
        for key, status, why in changes:
            services.plan_item_set(round_=round_, key=key, status=status, reason=why, now=now)
    rp = selectors.round_plan(carry=carry_forward(round_=round_), now=now)
    if as_json:
        print_json(_plan_json(rp))
    else:
        _print_plan(rp)


def _likely_json(q: LikelyQuestion) -> dict[str, Any]:
    return {
        "text": q.text,
        "category": q.category,
        "score": round(q.score, 2),
        "reasons": q.reasons,
        "asked_before": [
            {"round": e.round_number, "by": e.asked_by, "rating": e.rating, "improve": e.improve}
            for e in q.earlier
        ],
        "testing": q.bank.testing if q.bank else "",
        "approach": q.bank.approach if q.bank else "",
    }


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option("--limit", default=15, show_default=True, type=click.IntRange(1, 60))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def questions(round_id: int, limit: int, *, as_json: bool) -> None:
    """Likely questions for the round, ranked, with the reasons for each."""
    round_ = _round(round_id)
    from nextround.interviews.selectors import carry_forward
    from nextround.prep.selectors import employer_field, round_likely

    field = employer_field(round_.opportunity)
    found = round_likely(carry=carry_forward(round_=round_), limit=limit, field=field)
    if as_json:
        print_json([_likely_json(q) for q in found])
        return
    click.echo(f"{field.guess.summary}.")
    for n, q in enumerate(found, 1):
        click.echo(f"{n:>2}. [{q.category}] {q.text}")
        for reason in q.reasons:
            click.echo(f"      - {reason}")


def _asks_json(asks: RoundAsks) -> dict[str, Any]:
    def row_json(text: str, theme: str, status: str, **extra: Any) -> dict[str, Any]:
        return {"text": text, "theme": theme, "status": status, **extra}

    return {
        "people": [
            {
                "person": pa.person.pk,
                "name": pa.person.name,
                "relation": pa.person.relation,
                "questions": [
                    row_json(
                        row.text,
                        row.theme,
                        row.status,
                        id=row.item.pk if row.item else None,
                        suggestion=row.ask.id
                        if row.ask
                        else (row.item.bank_id if row.item else ""),
                        answer=row.item.answer if row.item else "",
                    )
                    for row in pa.rows
                ],
            }
            for pa in asks.people
        ],
        "for_anyone": [
            row_json(a.text, a.theme, a.status, id=a.pk, answer=a.answer) for a in asks.unassigned
        ],
        "covered_themes": sorted(asks.covered_themes),
        "money_held_back": asks.money_held_back,
        "field": _field_json(asks.field),
    }


def _field_json(field: FieldGuess | None) -> dict[str, Any] | None:
    if field is None:
        return None
    return {"field": field.field, "label": field.label, "evidence": list(field.evidence)}


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def ask(round_id: int, *, as_json: bool) -> None:
    """Questions to ask each interviewer of the round."""
    round_ = _round(round_id)
    from nextround.interviews.selectors import carry_forward
    from nextround.prep.selectors import round_asks

    found = round_asks(carry=carry_forward(round_=round_))
    if as_json:
        print_json(_asks_json(found))
        return
    if found.field is not None:
        click.echo(f"{found.field.summary}.")
    for pa in found.people:
        click.echo(f"{pa.person.name} ({pa.person.get_relation_display()}):")
        for row in pa.rows:
            state = "" if row.status == "planned" else f"  [{row.status}]"
            click.echo(f"  - {row.text}{state}")
    if not found.people:
        click.echo("No one attends this round yet: add people to get questions for each.")
    if found.money_held_back:
        click.echo("Pay and benefits questions wait until the employer raises money.")


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
def calendar(round_id: int, output: Path | None) -> None:
    """The round as an .ics file: the interview, prep to-dos and follow-ups."""
    round_ = _round(round_id)
    from django.utils import timezone

    from nextround.followup.selectors import round_calendar

    _, content = round_calendar(round_=round_, now=timezone.now())
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    output.write_bytes(content)
    click.echo(f"Wrote the calendar for {round_.label} to {output}.")


@main.command("classify-question")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def classify_question_command(text: str, *, as_json: bool) -> None:
    """Which kind of interview question TEXT is, with the model's confidence (and the runner-up
    when it is unsure)."""
    from nextround.playbook.classify import classify_question
    from nextround.playbook.knowledge import CATEGORY_LABELS

    found = classify_question(text)
    if as_json:
        print_json(
            {
                "category": found.category,
                "confidence": round(found.confidence, 3),
                "runner_up": found.runner_up,
                "runner_up_confidence": round(found.runner_up_confidence, 3),
                "unsure": found.unsure,
            }
        )
        return
    label = CATEGORY_LABELS[found.category]
    line = f"{found.category} ({label}), confidence {found.confidence:.0%}"
    if found.unsure:
        other = CATEGORY_LABELS[found.runner_up]
        line += f"; or {found.runner_up} ({other}), {found.runner_up_confidence:.0%}"
    click.echo(line)
