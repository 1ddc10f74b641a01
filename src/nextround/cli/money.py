"""Money on the command line: an opportunity's numbers (range, walk-away, target, ask, start
date, with their derivations), the budget (and setting its amounts), the offers side by side,
and the US wage tables."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import click

from nextround.cli.base import local_owner, main, print_json, print_table
from nextround.jsonform import json_form

if TYPE_CHECKING:
    from nextround.money.selectors import BudgetView, MoneyView, OffersView


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def _money_json(view: MoneyView) -> dict[str, Any]:
    market = view.market
    return {
        "opportunity": view.opportunity.pk,
        "currency": market.currency or view.budget.currency,
        "market": json_form(market.market) if market.market else None,
        "sources": [
            {
                "source": e.entry.source,
                "address": e.entry.address,
                "on": e.entry.on.isoformat() if e.entry.on else None,
                "period": e.entry.period,
                "currency": e.entry.currency,
                "figures": {name: str(value) for name, value in e.entry.figures()},
                "counted": e.counted,
            }
            for e in market.entries
        ],
        "posting_band": view.band.text if view.band else None,  # type: ignore[attr-defined]
        "walk_away": json_form(view.budget.walk) if view.budget.walk else None,
        "numbers": json_form(view.numbers) if view.numbers else None,
        "case": {"strength": view.case.strength.value, "because": view.case.because()},
        "start": json_form(view.notice.start) if view.notice.start else None,
        "notes": [
            {
                "round": n.round.pk,
                "said_by": n.note.person.name if n.note.person else None,
                "text": n.note.text,
                "warnings": [json_form(w) for w in n.figure.warnings] if n.figure else [],
            }
            for n in view.notes
        ],
        "offers": [
            {"id": o.offer.pk, "name": o.offer.name, "talk": json_form(o.talk) if o.talk else None}
            for o in view.offers
        ],
        "warnings": view.warnings,
        "problem": view.budget.problem,
    }


def _print_money(view: MoneyView) -> None:
    from nextround.pay.text import amount_text

    cur = view.market.currency or view.budget.currency
    click.echo(f"Money for {view.opportunity} (opportunity {view.opportunity.pk})")
    mkt = view.market.market
    if mkt:
        figures = [f"{p}th {amount_text(v, cur)}" for p, v in mkt.known()]
        click.echo(f"Market range (a year): {', '.join(figures)}")
        for e in view.market.entries:
            left = "" if e.counted else f" (left out: not in {cur})"
            click.echo(f"  from {e.entry.source}{left}")
    else:
        click.echo("Market range: none yet.")
    if view.band:
        click.echo(f"Posting's band: {view.band.text}")  # type: ignore[attr-defined]
    walk = view.budget.walk
    if view.numbers and walk:
        click.echo(f"Walk-away: {amount_text(view.numbers.walk_away, cur)}: {walk.reason}.")
        _print_derivation(view.budget)
        click.echo(
            f"Target: {amount_text(view.numbers.target, cur)}: {view.numbers.target_reason}."
        )
        click.echo(f"Ask: {amount_text(view.numbers.ask, cur)}: {view.numbers.ask_reason}.")
    else:
        click.echo(view.budget.problem)
    if view.notice.start:
        click.echo(f"Earliest start: {view.notice.start.earliest_start.isoformat()}")
        for line in view.notice.start.lines:
            click.echo(f"  {line}")
    elif view.notice.problem:
        click.echo(f"Notice period: {view.notice.problem}")
    for n in view.notes:
        who = f", said by {n.note.person.name}" if n.note.person else ""
        click.echo(f"{n.round.label}{who}: {n.note.text}")
    for o in view.offers:
        click.echo(f"Offer from {o.offer.name}: base {amount_text(o.offer.base, o.offer.currency)}")
        if o.talk:
            click.echo(f"  {o.talk.deadline_text}")
            for point in o.talk.points:
                click.echo(f"  - {point.ask}")
                for reason in point.because:
                    click.echo(f"      {reason}")
    for warning in view.warnings:
        click.echo(f"Warning: {warning}")


def _print_derivation(view: BudgetView) -> None:
    from nextround.pay.text import amount_text

    if view.walk is None:
        return
    d = view.walk.derivation
    rows = [("Gross pay", amount_text(d.gross_yearly, d.currency))]
    rows += [(f"  {s.label}", amount_text(s.amount, d.currency)) for s in d.steps]
    rows += [(f"- {c.label}", amount_text(c.amount, d.currency)) for c in d.charges]
    rows.append(("Net pay", amount_text(d.net_yearly, d.currency)))
    print_table(("Line", "A year"), rows, indent="  ")


@main.command("money")
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def money_command(opportunity_id: int, *, as_json: bool) -> None:
    """An opportunity's money: the market range with its sources, the walk-away number, target
    and opening ask with their reasons, the earliest start date, money said in the rounds, the
    offers' talking points and every warning."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.money import selectors

    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    view = selectors.money_view(opportunity=opportunity, today=_today())
    if as_json:
        print_json(_money_json(view))
    else:
        _print_money(view)


def _amounts(pairs: tuple[str, ...]) -> dict[str, Decimal]:
    amounts: dict[str, Decimal] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r}: use CATEGORY=AMOUNT, such as housing=1800.")
        try:
            amounts[key.strip()] = Decimal(value.strip())
        except InvalidOperation:
            raise click.BadParameter(f"{pair!r}: {value!r} is not a number.") from None
    return amounts


@main.command()
@click.option(
    "--set",
    "pairs",
    multiple=True,
    metavar="CATEGORY=AMOUNT",
    help="Set a monthly amount (housing, utilities, food, transport, insurance, debt, "
    "childcare, savings, other); repeat for more.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def budget(pairs: tuple[str, ...], *, as_json: bool) -> None:
    """Your monthly budget, its totals, the gross pay it takes and your walk-away number, with
    the line-by-line derivation. Tax settings are set on the budget page."""
    owner = local_owner()
    from nextround.money import selectors, services
    from nextround.pay.text import amount_text

    if pairs:
        services.budget_set_amounts(owner=owner, amounts=_amounts(pairs))
    view = selectors.budget_view(owner=owner)
    if as_json:
        print_json(
            {
                "country": view.budget.country,
                "currency": view.currency,
                "sheet": json_form(view.sheet),
                "walk_away": json_form(view.walk) if view.walk else None,
                "problem": view.problem,
            }
        )
        return
    cur = view.currency
    print_table(
        ("Category", "A month"),
        [(line.category.label, amount_text(line.monthly, cur)) for line in view.sheet.lines],
    )
    click.echo(f"A month: {amount_text(view.sheet.monthly_total, cur)}")
    click.echo(f"A year: {amount_text(view.sheet.yearly_total, cur)}")
    if view.walk:
        click.echo(
            f"Walk-away number: {amount_text(view.walk.amount, cur)} a year, {view.walk.reason}."
        )
        _print_derivation(view)
    else:
        click.echo(view.problem)


def _offers_json(view: OffersView) -> dict[str, Any]:
    return {
        "comparison": json_form(view.comparison) if view.comparison else None,
        "summary": view.summary,
        "offers": [
            {
                "id": o.offer.pk,
                "opportunity": o.offer.opportunity_id,
                "name": o.offer.name,
                "warnings": [json_form(w) for w in o.warnings],
                "talk": json_form(o.talk) if o.talk else None,
            }
            for o in view.offers
        ],
        "current": view.current.pk if view.current else None,
        "problem": view.problem,
    }


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def offers(*, as_json: bool) -> None:
    """Every offer side by side with your current job: each part of pay in year 1 and over
    four years, the totals, the flags against your walk-away number and target."""
    owner = local_owner()
    from nextround.money import selectors
    from nextround.pay.text import amount_text

    view = selectors.offers_view(owner=owner, today=_today())
    if as_json:
        print_json(_offers_json(view))
        return
    c = view.comparison
    if c is None:
        click.echo(view.problem)
        return
    cur = c.currency
    headers = ("Year 1", *(col.name for col in c.columns))
    rows = [(row.label, *(amount_text(v, cur) for v in row.year_one)) for row in c.rows]
    rows.append(("Total, year 1", *(amount_text(col.year_one, cur) for col in c.columns)))
    rows.append(("Total, years 1-4", *(amount_text(col.four_years, cur) for col in c.columns)))
    rows += [(fact.label, *fact.values) for fact in c.facts]
    print_table(headers, rows)
    for col in c.columns:
        for flag in col.flags:
            click.echo(f"Warning ({col.name}): {flag}")
    for o in view.offers:
        if o.talk:
            click.echo(f"{o.offer.name}: {o.talk.deadline_text}")


@main.command()
@click.option("--title", required=True, help="A job title or a SOC code (29-1141).")
@click.option("--area", default="national", show_default=True, help="A state or metro area.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def wages(title: str, area: str, *, as_json: bool) -> None:
    """The 10th to 90th percentile yearly wages of an occupation from the BLS tables (the
    `wages` extra), nationally, in a state or a metropolitan area."""
    from nextround.errors import Invalid
    from nextround.pay import wages as pay_wages
    from nextround.pay.text import amount_text

    found = pay_wages.search_occupations(title)
    if not found:
        raise Invalid(f"No occupation matches {title!r}; try fewer or other words.")
    result = pay_wages.wages(found[0].soc, area)
    if as_json:
        print_json(json_form(result))
        return
    click.echo(f"{result.occupation.title} ({result.occupation.soc}), {result.area.name}")
    for p in result.percentiles:
        figure = amount_text(p.annual, "USD") if p.annual is not None else p.note
        click.echo(f"  {p.rank}th percentile: {figure}")
    click.echo(f"Source: {result.source}")
