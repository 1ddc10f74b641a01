"""Company research from a terminal: the research of an opportunity, feeds to follow, a refresh,
and pasted news with its date."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from nextround.cli.base import local_owner, main, print_json

if TYPE_CHECKING:
    from nextround.research.services import Refreshed


@main.command()
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def research(opportunity_id: int, *, as_json: bool) -> None:
    """The company research of an opportunity: facts with their sources, business terms (and
    suggestions), news with feeds, the people, the three points of "What do you already
    know about us?" and the plan items the research ticks."""
    owner = local_owner()
    from django.utils import timezone

    from nextround.interviews.selectors import opportunity_get
    from nextround.research.selectors import research_json

    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    data = research_json(opportunity=opportunity, today=timezone.localdate())
    if as_json:
        print_json(data)
        return
    click.echo(f"Research on {data['opportunity']['company']}")
    _section("Facts", [f"[{f['kind']}] {f['text']} — {f['source']}" for f in data["facts"]])
    _section("Business terms", [f"{t['term']}: {t['meaning']}" for t in data["terms"]])
    _section(
        "Suggested terms", [f"{s['term']} (from {s['where']})" for s in data["suggested_terms"]]
    )
    _section(
        "News",
        [
            f"{n['published_on'] or 'undated'}  {n['title']} — {n['source']}"
            + (" (stale)" if n["stale"] else "")
            for n in data["news"]
        ],
    )
    _section(
        "Feeds",
        [
            f"{f['id']}: {f['title'] or f['url']} " + (f"— {f['problem']}" if f["problem"] else "")
            for f in data["feeds"]
        ],
    )
    _section(
        "People",
        [
            p["name"] + (" (decision-maker)" if p["decision_maker"] else "")
            + (f": {p['background']}" if p["background"] else ": no background yet")
            for p in data["people"]
        ],
    )  # fmt: skip
    learned = data["learned"]
    _section(
        learned["question"],
        [f"{p['text']} — {p['source']}" for p in learned["points"]] + learned["missing"],
    )
    _section("Plan items ticked by this research", list(data["plan"].values()))


def _section(title: str, lines: list[str]) -> None:
    click.echo("")
    click.echo(title)
    for line in lines or ["(none yet)"]:
        click.echo(f"  {line}")


@main.group()
def news() -> None:
    """News about a company: feeds to follow, refreshing them, pasted items."""


def _print_refreshed(done: list[Refreshed]) -> None:
    if not done:
        click.echo("No feeds to refresh: add one with 'nextround news add-feed'.")
    for each in done:
        name = each.feed.title or each.feed.url
        if not each.ok:
            click.echo(f"{name}: failed: {each.problem}")
            continue
        line = f"{name}: {each.added} new, {each.duplicates} already kept"
        click.echo(line + (f" ({each.problem})" if each.problem else ""))


@news.command("add-feed")
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.argument("url")
def add_feed(opportunity_id: int, url: str) -> None:
    """Follow an RSS or Atom feed for the opportunity's company and read it now."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.research import services

    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    done = services.feed_add(opportunity=opportunity, url=url)
    click.echo(f"Following feed {done.feed.pk}: {done.feed.url}")
    _print_refreshed([done])


@news.command()
@click.argument("opportunity_id", metavar="[OPPORTUNITY_ID]", type=int, required=False)
def refresh(opportunity_id: int | None) -> None:
    """Refresh every feed now (of one opportunity when given); each failure is named."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.research import services

    opportunity = None
    if opportunity_id is not None:
        opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    _print_refreshed(services.news_refresh(owner=owner, opportunity=opportunity))


@news.command("add")
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.option("--title", default="", help="The item's title (default: its first sentence).")
@click.option(
    "--date",
    "published_on",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day it was published (YYYY-MM-DD).",
)
@click.option("--url", default="", help="Where it was published.")
@click.option("--source", default="", help="Who published it (default: the address's host).")
@click.option("--text", default=None, help="The text; '-' or leaving it out reads stdin.")
def add_item(
    opportunity_id: int,
    title: str,
    published_on: datetime,
    url: str,
    source: str,
    text: str | None,
) -> None:
    """Keep pasted news text with its date."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.research import services

    body = sys.stdin.read() if text in (None, "-") else text
    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    entry = services.news_paste(
        opportunity=opportunity,
        text=body or "",
        published_on=published_on.date(),
        title=title,
        source=source,
        source_url=url,
    )
    click.echo(f"Kept news item {entry.pk}: {entry.title} ({entry.published_on:%Y-%m-%d}).")
