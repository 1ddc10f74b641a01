"""Commands for the job's needs and the candidate's evidence: requirements from a posting,
matching stories to them, the story bank, and an opportunity's coverage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import msgspec

from nextround.cli.base import (
    local_owner,
    main,
    print_fields,
    print_json,
    print_table,
    setup_django,
)
from nextround.errors import Invalid
from nextround.jsonform import json_form

if TYPE_CHECKING:
    from nextround import intake
    from nextround.fit.coverage import Coverage
    from nextround.fit.requirements import Extraction, PostingFacts
    from nextround.fit.star import StoryReport
    from nextround.stories.models import Story


def _read_document(source: str) -> intake.Document:
    """A file path, an http(s) address, or ``-`` for standard input."""
    from nextround import intake

    if source == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise Invalid("Standard input held no posting text.")
        return intake.Document(text=text, source="-", format="text")
    if source.startswith(("http://", "https://")):
        setup_django()  # the fetcher's allow-list is a setting
        from nextround.core.fetch import fetch_document

        return fetch_document(source)
    return intake.read_path(Path(source))


def _read_posting(source: str) -> str:
    return _read_document(source).text


def _print_facts(facts: PostingFacts) -> None:
    from nextround.fit.requirements import facts_in_words

    rows = facts_in_words(facts)
    if rows:
        click.echo("About the posting:")
        for label, value in rows:
            click.echo(f"  {label}: {value}")
        click.echo("")


def _print_extraction(extraction: Extraction) -> None:
    _print_facts(extraction.facts)
    if not extraction.requirements:
        click.echo("No requirements found in the posting.")
        return
    click.echo(f"Key terms: {', '.join(extraction.terms)}")
    for kind in ("must-have", "nice-to-have", "responsibility"):
        rows = [r for r in extraction.requirements if r.kind == kind]
        if rows:
            click.echo(f"\n{kind.capitalize()} ({len(rows)}):")
            for r in rows:
                names = r.names()
                terms = f"  [{', '.join(t.text for t in names)}]" if names else ""
                click.echo(f"  - {r.text}{terms}")


@main.command("requirements")
@click.argument("source", metavar="FILE|URL|-")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def requirements_command(source: str, *, as_json: bool) -> None:
    """The requirements a posting states, each with its kind and the terms it names.

    Reads .txt, .md, .html, .pdf or .docx, an http(s) address, or standard input."""
    from nextround.fit.requirements import extract_requirements

    extraction = extract_requirements(_read_posting(source))
    if as_json:
        print_json(json_form(extraction.report()))
        return
    _print_extraction(extraction)


@main.command("posting")
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.argument("source", metavar="FILE|URL|-")
def posting_command(opportunity_id: int, source: str) -> None:
    """Give an opportunity its posting (replacing any before), then list its requirements.

    Reads .txt, .md, .html, .pdf or .docx, an http(s) address, or standard input; coverage,
    concerns, likely questions and practice then read it."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.stories import selectors, services

    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    services.posting_set(opportunity=opportunity, document=_read_document(source))
    click.echo(f"Posting saved for {opportunity}.")
    _print_extraction(selectors.requirements(opportunity=opportunity))


class StoryInput(msgspec.Struct, forbid_unknown_fields=False):
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: str = ""


def _read_stories(path: Path) -> list[StoryInput]:
    try:
        return msgspec.json.decode(path.read_bytes(), type=list[StoryInput])
    except msgspec.ValidationError as exc:
        raise Invalid(f"{path}: not a list of stories with a title each ({exc}).") from None
    except msgspec.DecodeError as exc:
        raise Invalid(f"{path}: not valid JSON ({exc}).") from None


def _coverage_json(
    result: Coverage, method_note: str, statuses: dict[str, str] | None = None
) -> dict[str, Any]:
    statuses = statuses or {}
    return {
        "method": result.method,
        "matching": method_note,
        "requirements": [
            {
                "key": row.requirement.key,
                "text": row.requirement.text,
                "kind": row.requirement.kind,
                "covered": row.covered,
                "matches": [
                    {
                        "story": m.title,
                        "story_id": m.story_id,
                        "score": m.score,
                        "covers": m.covers,
                        "related": m.related,
                        "evidence": list(m.evidence),
                        "missing": list(m.missing),
                        "lexical": m.lexical,
                        "semantic": m.semantic,
                    }
                    for m in row.matches
                ],
            }
            for row in result.rows
        ],
        "gaps": [row.requirement.text for row in result.gaps],
        "checks": [
            {
                "key": c.requirement.key,
                "text": c.requirement.text,
                "kind": c.kind,
                "status": statuses.get(c.requirement.key, "check"),
            }
            for c in result.checks
        ],
    }


def _print_coverage(
    result: Coverage, method_note: str, statuses: dict[str, str] | None = None
) -> None:
    click.echo(f"Matching: {method_note}")
    for row in result.rows:
        mark = "covered" if row.covered else "GAP"
        click.echo(f"\n[{mark}] {row.requirement.text}  ({row.requirement.kind})")
        for m in row.matches:
            if m.covers:
                click.echo(f"    {m.score:>3}  ✓ {m.title}  shows: {', '.join(m.evidence)}")
            else:
                click.echo(f"    {m.score:>3}  ~ related: {m.title}  ({m.why})")
    gaps = result.gaps
    if not result.rows and not result.checks:
        click.echo("\nNo requirements to cover yet: give the opportunity its posting first.")
        return
    click.echo(f"\n{len(gaps)} of {len(result.rows)} requirements have no story.")
    if result.checks:
        statuses = statuses or {}
        click.echo("\nCheck against your CV (set with --check KEY=have|partly|missing|check):")
        for c in result.checks:
            status = statuses.get(c.requirement.key, "check")
            click.echo(f"  [{status}] {c.requirement.key}  {c.requirement.text}  ({c.label})")


@main.command("match")
@click.option("--posting", "posting", required=True, metavar="FILE|URL|-", help="The posting.")
@click.option(
    "--stories",
    "stories_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON list of {title, situation, task, action, result}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def match_command(posting: str, stories_path: Path, *, as_json: bool) -> None:
    """Each requirement of a posting with the stories that best prove it, and the gaps."""
    from nextround.fit.coverage import StoryText, cover
    from nextround.fit.requirements import extract_requirements

    extraction = extract_requirements(_read_posting(posting))
    given = _read_stories(stories_path)
    local_owner()  # the embedding cache lives in the database
    from nextround.stories.matching import matcher

    use = matcher()
    stories = [StoryText(id=i, **msgspec.structs.asdict(s)) for i, s in enumerate(given, 1)]
    result = cover(extraction.requirements, stories, embed=use.embedding())
    if as_json:
        print_json(_coverage_json(result, use.why))
        return
    _print_coverage(result, use.why)


@main.command("coverage")
@click.argument("opportunity_id", metavar="OPPORTUNITY_ID", type=int)
@click.option(
    "--check",
    "checks",
    multiple=True,
    metavar="KEY=STATUS",
    help="Set what your CV shows for a requirement to check: have, partly, missing or check.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def coverage_command(opportunity_id: int, checks: tuple[str, ...], *, as_json: bool) -> None:
    """The coverage matrix of an opportunity's posting against your story bank, and the
    requirements to check against your CV."""
    owner = local_owner()
    from nextround.interviews.selectors import opportunity_get
    from nextround.stories import selectors, services

    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    for given in checks:
        key, sep, status = given.partition("=")
        if not sep or not key.strip() or not status.strip():
            raise Invalid(f"--check {given!r}: write KEY=STATUS, e.g. 3f2a9c01b7d4=have.")
        services.cv_check_set(opportunity=opportunity, key=key.strip(), status=status.strip())
    view = selectors.coverage(opportunity=opportunity, wait=True)  # a command may take its time
    statuses = {line.row.requirement.key: line.status for line in view.checks}
    if as_json:
        print_json(_coverage_json(view.coverage, view.matcher.why, statuses))
        return
    _print_coverage(view.coverage, view.matcher.why, statuses)


# --- the story bank ------------------------------------------------------------------------


@main.group()
def story() -> None:
    """Your STAR stories, reusable across opportunities."""


def _report_json(report: StoryReport) -> dict[str, Any]:
    return json_form(report)


def _story_json(found: Story) -> dict[str, Any]:
    from nextround.core.transfer import day_text
    from nextround.stories.services import STORY_TEXT

    return {
        "id": found.pk,
        **{name: getattr(found, name) for name in STORY_TEXT},
        "competencies": found.competency_list(),  # in its place among the texts, as a list
        "happened_on": day_text(found.happened_on),
    }


@story.command("add")
@click.option("--title", required=True)
@click.option("--situation", default="")
@click.option("--task", default="")
@click.option("--action", default="")
@click.option("--result", default="")
@click.option("--numbers", default="", help="The figures, e.g. '30% fewer errors'.")
@click.option("--competencies", default="", help="Comma-separated.")
@click.option("--employer", default="")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def story_add(*, as_json: bool, **fields: str) -> None:
    """Add a story; prints its analysis."""
    owner = local_owner()
    from nextround.stories import selectors, services

    created = services.story_create(owner=owner, **fields)
    report = selectors.story_report(created)
    if as_json:
        print_json({**_story_json(created), "analysis": _report_json(report)})
        return
    click.echo(f"Added story {created.pk}: {created.title}")
    _print_report(report)


@story.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def story_list(*, as_json: bool) -> None:
    """Your stories with their score and how often each was told."""
    owner = local_owner()
    from nextround.stories import selectors

    found = [(s, selectors.story_report(s)) for s in selectors.story_list(owner=owner)]
    if as_json:
        print_json(
            [
                {**_story_json(s), "told": s.told, "score": r.score, "seconds": r.seconds}  # type: ignore[attr-defined]
                for s, r in found
            ]
        )
        return
    rows = [(s.pk, r.score, f"{r.seconds}s", s.told, s.title) for s, r in found]  # type: ignore[attr-defined]
    print_table(("ID", "SCORE", "LENGTH", "TOLD", "TITLE"), rows)


@story.command("show")
@click.argument("story_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def story_show(story_id: int, *, as_json: bool) -> None:
    """One story, its analysis and where it was told."""
    owner = local_owner()
    from nextround.stories import selectors

    found = selectors.story_get(owner=owner, pk=story_id)
    report = selectors.story_report(found)
    tellings = list(selectors.story_tellings(story=found))
    if as_json:
        told = [{"round": t.round_id, "people": [p.pk for p in t.people.all()]} for t in tellings]
        print_json({**_story_json(found), "analysis": _report_json(report), "told": told})
        return
    click.echo(f"Story {found.pk}: {found.title}")
    print_fields(
        [
            ("Situation", found.situation),
            ("Task", found.task),
            ("Action", found.action),
            ("Result", found.result),
            ("Numbers", found.numbers),
            ("Shows", found.competencies),
        ]
    )
    _print_report(report)
    for t in tellings:
        people = ", ".join(p.name for p in t.people.all())
        click.echo(f"  Told in {t.round}" + (f" to {people}" if people else ""))


def _print_report(report: StoryReport) -> None:
    click.echo(f"Score {report.score}/100, about {report.seconds} s spoken.")
    if report.score_note:
        click.echo(f"  {report.score_note}")
    if report.length_warning:
        click.echo(f"  {report.length_warning}")
    for part in report.parts:
        state = "ok" if part.substantial else ("thin" if part.present else "missing")
        click.echo(f"  {part.part:<10} {state:<8} {part.words} words")
    for tip in report.suggestions:
        click.echo(f"  - {tip}")
