"""Case and presentation rounds: a practice case from the bank, and a round's presentation plan
with each slide's time and word budget."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import click

from nextround.cases.bank import KINDS, Case, case_get, cases_for
from nextround.cli.base import local_owner, main, print_json
from nextround.errors import NotFound
from nextround.playbook.knowledge import FIELDS

if TYPE_CHECKING:
    from nextround.rehearsal.selectors import PlanView


def _case_json(case: Case) -> dict[str, Any]:
    return {
        "key": case.key,
        "kind": case.kind,
        "fields": list(case.fields),
        "title": case.title,
        "prompt": case.prompt,
        "facts": list(case.facts),
    }


@main.command()
@click.option("--kind", type=click.Choice(KINDS), help="The kind of case.")
@click.option("--field", type=click.Choice(FIELDS), help="The employer's field.")
@click.option("--key", help="One case by its key (shown with every case).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def case(kind: str | None, field: str | None, key: str | None, *, as_json: bool) -> None:
    """A practice case from the bank, picked at random among those of --kind that suit
    --field. Work it through: clarify, structure, analyse, recommend."""
    if key:
        chosen = case_get(key)
    else:
        found = cases_for(kind=kind or "", field=field or "")
        if not found:
            raise NotFound("No case of that kind suits that field; try another kind.")
        chosen = random.choice(found)
    if as_json:
        print_json(_case_json(chosen))
        return
    click.echo(f"{chosen.title} ({chosen.kind_label.lower()}; key {chosen.key})")
    click.echo("")
    click.echo(chosen.prompt)
    if chosen.facts:
        click.echo("")
        click.echo("Facts the interviewer gives when asked:")
        for fact in chosen.facts:
            click.echo(f"  - {fact}")


def _plan_json(view: PlanView) -> dict[str, Any]:
    budget = view.budget
    return {
        "round": view.round.pk,
        "slot_minutes": view.plan.slot_minutes if view.plan else None,
        "brief": view.plan.brief if view.plan else "",
        "audience": [
            {"id": p.pk, "name": p.name, "title": p.title, "relation": p.relation}
            for p in view.audience
        ],
        "words_per_minute": budget.words_per_minute if budget else None,
        "slides": [
            {
                "id": slide.pk,
                "number": b.number,
                "title": b.title,
                "seconds": b.seconds,
                "word_budget": b.word_budget,
                "notes_words": b.notes_words,
                "warning": b.warning,
            }
            for slide, b in view.rows
        ],
        "warnings": budget.warnings if budget else [],
        "questions": [
            {"text": q.text, "reason": q.reason, "source": q.source, "kind": q.kind}
            for q in view.questions
        ],
    }


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def present(round_id: int, *, as_json: bool) -> None:
    """The round's presentation plan: the slot, the audience, the brief and each slide's time
    and word budget, with a warning where the notes hold more words than fit; then the
    questions the audience will likely ask, each with where it comes from."""
    owner = local_owner()
    from nextround.interviews.selectors import round_get
    from nextround.rehearsal.selectors import plan_view

    view = plan_view(round_=round_get(owner=owner, pk=round_id))
    if as_json:
        print_json(_plan_json(view))
        return
    round_ = view.round
    click.echo(f"Presentation for {round_.label}, {round_.opportunity}")
    if view.plan is None:
        click.echo("No plan yet: add the slot and the slides on the round's presentation page.")
        return
    click.echo(f"Slot: {view.plan.slot_minutes} minutes")
    if view.plan.brief:
        click.echo(f"Brief: {view.plan.brief}")
    if view.audience:
        click.echo("Audience: " + "; ".join(_person(p) for p in view.audience))
    if view.budget is None:
        click.echo("No slides yet.")
        return
    click.echo("")
    for _, b in view.rows:
        mark = "  !" if b.warning else ""
        click.echo(
            f"{b.number:>2}. {b.title} — {b.seconds:.0f} s, "
            f"{b.notes_words}/{b.word_budget} words of notes{mark}"
        )
    for warning in view.budget.warnings:
        click.echo(f"Warning: {warning}")
    if view.questions:
        click.echo("")
        click.echo("Questions they may ask:")
        for number, q in enumerate(view.questions, start=1):
            click.echo(f"{number:>2}. {q.text}")
            click.echo(f"    ({q.reason})")


def _person(person: Any) -> str:
    return f"{person.name} ({person.title})" if person.title else person.name
