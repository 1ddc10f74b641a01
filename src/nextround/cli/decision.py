"""The candidate's verdict on the command line: an opportunity's fit scorecard (weights, scores
with their anchors, the evidence behind each, the gaps and the questions that would fill them,
the gates) and the decision across the contenders (totals, gates, the flip margin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from nextround.cli.base import local_owner, main, print_json, print_table
from nextround.jsonform import json_form

if TYPE_CHECKING:
    from nextround.decision.selectors import FitView
    from nextround.decision.standings import DecisionView
    from nextround.scorecard.score import Gate


def _fit_json(view: FitView) -> dict[str, Any]:
    return {
        "opportunity": view.opportunity.pk,
        "name": view.total.name,
        "total": json_form(view.total),
        "criteria": [
            {
                "key": r.criterion.key,
                "label": r.criterion.label,
                "weight": r.weight,
                "score": r.value,
                "why": r.score.note if r.score else "",
                "anchors": {"1": r.criterion.low, "3": r.criterion.middle, "5": r.criterion.high},
                "evidence": [
                    {"kind": seen.kind, "id": seen.pk, "where": seen.where, "text": seen.text}
                    for _, seen in r.evidence
                ],
                "ask_next": r.asks,
            }
            for r in view.rows
        ],
        "gaps": view.gaps,
        "gates": [json_form(g) for g in view.gates],
        "pay": {
            "currency": view.pay.currency,
            "offer_base": str(view.pay.offer.base) if view.pay.offer else None,
            "walk_away": str(view.pay.walk_away) if view.pay.walk_away is not None else None,
            "target": str(view.pay.target) if view.pay.target is not None else None,
            "suggested_score": view.pay.suggested,
        },
    }


def _gate_word(gate: Gate) -> str:
    failed = gate.failed
    if failed is None:
        return "not known yet"
    return "fails" if failed else "met"


def _print_fit(view: FitView) -> None:
    total = view.total
    click.echo(f"Fit scorecard: {total.name} (opportunity {view.opportunity.pk})")
    note = " (provisional: unscored criteria count as 3)" if total.provisional else ""
    click.echo(f"Weighted total: {total.total:.2f} of 5{note}")
    rows = [
        (r.criterion.label, r.weight, r.value or "-", len(r.evidence), r.anchor) for r in view.rows
    ]
    print_table(("Criterion", "Weight", "Score", "Evidence", "Anchor"), rows)
    for gate in view.gates:
        reason = f" ({gate.reason})" if gate.reason else ""
        click.echo(f"Gate: {gate.label}: {_gate_word(gate)}{reason}")
    for row in view.rows:
        for text in row.asks:
            click.echo(f"Ask next ({row.criterion.label}): {text}")


@main.command()
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def fit(opportunity_id: int, *, as_json: bool) -> None:
    """An opportunity's fit scorecard: each criterion's weight, score, anchor and evidence, the
    weighted total, the gates, and what to ask next round where there is no evidence yet."""
    owner = local_owner()
    from nextround.decision import selectors
    from nextround.interviews.selectors import opportunity_get

    view = selectors.fit_view(opportunity=opportunity_get(owner=owner, pk=opportunity_id))
    if as_json:
        print_json(_fit_json(view))
    else:
        _print_fit(view)


def _decide_json(view: DecisionView) -> dict[str, Any]:
    return {
        "standings": [
            {
                "place": s.place,
                "opportunity": s.opportunity.pk,
                "offer": s.offer.pk if s.offer else None,
                **json_form(s.total),
            }
            for s in view.standings
        ],
        "lead": view.lead,
        "flip_margin": json_form(view.margin) if view.margin else None,
        "weights_differ": view.weights_differ,
        "decision": {
            "chosen": view.latest.chosen_id,
            "name": view.latest.chosen_name,
            "reasons": view.latest.reasons,
            "decided_at": view.latest.decided_at.isoformat(),
        }
        if view.latest
        else None,
    }


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def decide(*, as_json: bool) -> None:
    """Your live opportunities and offers side by side: weighted totals, gates, and the
    smallest change to one weight that would change first place."""
    owner = local_owner()
    from nextround.decision import standings
    from nextround.scorecard.flip import flip_sentence

    view = standings.decision_view(owner=owner)
    if as_json:
        print_json(_decide_json(view))
        return
    if not view.standings:
        click.echo("No live opportunity yet.")
        return
    rows = [
        (
            s.place,
            s.total.name,
            f"{s.total.total:.2f}" + ("*" if s.total.provisional else ""),
            "fails: " + "; ".join(s.total.failed) if s.total.failed else "passes",
        )
        for s in view.standings
    ]
    print_table(("#", "Opportunity", "Total", "Gates"), rows)
    if any(s.total.provisional for s in view.standings):
        click.echo("* provisional: some criteria are not scored yet and count as 3.")
    click.echo(flip_sentence(view.margin))
    if view.latest:
        chosen = view.latest.chosen_name or "none of them"
        click.echo(f"Decided {view.latest.decided_at:%Y-%m-%d}: {chosen}. {view.latest.reasons}")
