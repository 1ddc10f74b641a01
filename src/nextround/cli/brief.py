"""The brief of a round: the page's HTML, a PDF or Markdown, printed or written to a file."""

from __future__ import annotations

from pathlib import Path

import click

from nextround.cli.base import local_owner, main

FORMATS = ("html", "pdf", "md")


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option(
    "--format",
    "kind",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="html: the page alone, to print; pdf: needs the pdf extra; md: Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing (a PDF always needs one).",
)
def brief(round_id: int, kind: str, output: Path | None) -> None:
    """One document to read before the round: logistics, the people, what carried forward,
    likely questions with the story to land, the job's needs and gaps, strengths, research and
    money, from everything nextround knows."""
    owner = local_owner()
    from django.utils import timezone

    from nextround.brief import documents, selectors
    from nextround.interviews.selectors import round_get

    if kind == "pdf" and output is None:
        raise click.UsageError("A PDF is written to a file: add -o FILE.")
    round_ = round_get(owner=owner, pk=round_id)
    made = selectors.round_brief(round_=round_, now=timezone.now())
    if kind == "pdf":
        content: bytes = documents.brief_pdf(made)
    elif kind == "html":
        content = documents.brief_html_document(made, styled=True).encode("utf-8")
    else:
        content = documents.brief_markdown(made).encode("utf-8")
    if output is None:
        click.echo(content.decode("utf-8"), nl=False)
        return
    output.write_bytes(content)
    click.echo(f"Wrote {output} ({len(content):,} bytes).")
