"""Commands for the whole workspace: serve it, fill it with an example, export and import it,
let a paused sign-in resume."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
from pathlib import Path
from typing import IO, Any

import click

from nextround.cli.base import local_owner, main, ready_database
from nextround.config import DEFAULT_HOST, DEFAULT_PORT

# One label of a host name (RFC 1123): letters, digits and inner hyphens.
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


class ListenAddress(click.ParamType[str]):
    """An IP address, or a host name this computer resolves; checked before anything starts."""

    name = "address"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        try:
            ipaddress.ip_address(text)
        except ValueError:
            labels = text.removesuffix(".").split(".")
            numeric = all(label.isdigit() for label in labels)  # 999.1.1.1 is no name
            if numeric or not all(_LABEL.fullmatch(label) for label in labels):
                self.fail(f"{text!r} is not an IP address or a host name.", param, ctx)
            try:
                socket.getaddrinfo(text, None, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
            except (OSError, UnicodeError):
                self.fail(f"{text!r} is not a name this computer can listen on.", param, ctx)
        return text


@main.command()
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    envvar="NEXTROUND_HOST",
    type=ListenAddress(),
    help="Address to listen on (or NEXTROUND_HOST).",
)
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    envvar="NEXTROUND_PORT",
    type=click.IntRange(1, 65535),
    help="Port to listen on (or NEXTROUND_PORT).",
)
def serve(host: str, port: int) -> None:
    """Run the web app until Ctrl+C."""
    # The settings read these once, when Django starts, so they go in first.
    os.environ["NEXTROUND_HOST"] = host
    os.environ["NEXTROUND_PORT"] = str(port)
    ready_database()
    from waitress import serve as waitress_serve

    from nextround.interviews import jobs as tagging_jobs
    from nextround.practice.services import figures_refresh, resume_pending
    from nextround.rehearsal.services import case_answer_resume, run_through_resume
    from nextround.research import jobs as news_jobs
    from nextround.stories import jobs as embedding_jobs
    from nextround.wsgi import application

    # The workers live in this process: recordings the last run left queued start again here,
    # and each account's embeddings are brought up to date.
    left = resume_pending() + run_through_resume() + case_answer_resume()
    if left:
        click.echo(f"Transcribing {left} recording(s) left from the last run.")
    embedding_jobs.start()
    tagging_jobs.start()  # question notes are tagged by meaning after they are saved
    news_jobs.start()  # feeds due for their daily refresh are queued when a page is shown
    # Scores stored by an older analyzer are brought up to date before any page reads them.
    refreshed = figures_refresh()
    if refreshed:
        click.echo(f"Rescored {refreshed} practice answer(s) with the current analysis.")
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"nextround is running at http://{shown_host}:{port}/ (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=8)


@main.command()
@click.argument("username", required=False)
@click.option("--address", help="Only what was counted against this IP address.")
def unlock(username: str | None, address: str | None) -> None:
    """Let sign-in resume at once after wrong passwords paused it.

    For USERNAME, for --address, for both together, or, with neither, for everyone."""
    ready_database()
    from nextround.core.services import sign_in_resume

    cleared = sign_in_resume(username=username, address=address)
    if cleared:
        click.echo(f"Sign-in resumed: {cleared} record(s) of wrong passwords forgotten.")
    else:
        click.echo("Nothing was paused or counted.")


@main.command()
def demo() -> None:
    """Add an example opportunity (only once).

    One opportunity with a finished first round full of notes and a panel coming up."""
    owner = local_owner()
    from django.utils import timezone

    from nextround.workspace.demo import demo_load

    opportunity, added = demo_load(owner=owner, now=timezone.now())
    state = "Added" if added else "Already present:"
    click.echo(f"{state} demo opportunity {opportunity.pk}: {opportunity}")


# --- opportunity ---------------------------------------------------------------------------


@main.command("export")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
def export_command(output: Path | None) -> None:
    """Write the whole workspace as one JSON document."""
    owner = local_owner()
    from django.utils import timezone

    from nextround.workspace.transfer import workspace_export

    document = workspace_export(owner=owner, now=timezone.now())
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    count = len(document["opportunities"])
    click.echo(f"Exported {count} {'opportunity' if count == 1 else 'opportunities'} to {output}.")


@main.command("import")
@click.argument("file", type=click.File("rb"))
def import_command(file: IO[bytes]) -> None:
    """Add the opportunities of an export file.

    An opportunity already in the workspace (same uid), a story or a practice session already
    there is skipped, never overwritten."""
    data = file.read()
    owner = local_owner()
    from nextround.workspace.transfer import parse_document, workspace_import

    report = workspace_import(owner=owner, document=parse_document(data))
    click.echo(report.summary())
