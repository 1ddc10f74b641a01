"""Commands for the whole workspace: serve it, run its background work, fill it with an example,
export and import it, let a paused sign-in resume."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import sys
from pathlib import Path
from typing import IO, Any

import click

from nextround.cli.base import local_owner, main, ready_database
from nextround.config import DEFAULT_HOST, DEFAULT_PORT, TASK_QUEUES

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
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Server mode on Linux: web processes run by gunicorn [default: 2].",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Requests served at once by each web process.",
)
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
    """Run the web app until Ctrl+C.

    In local mode this one command also runs the background work. In server mode
    (NEXTROUND_MODE=server) on Linux, gunicorn runs --workers web processes, and background
    work waits for `nextround worker`."""
    # The settings read these once, when Django starts, so they go in first.
    os.environ["NEXTROUND_HOST"] = host
    os.environ["NEXTROUND_PORT"] = str(port)
    ready_database()
    from django.conf import settings

    multiprocess = settings.APP.server_mode and sys.platform.startswith("linux")
    if workers is not None and not multiprocess:
        raise click.UsageError(
            "--workers needs server mode (NEXTROUND_MODE=server) on Linux; "
            "local mode serves from one process."
        )
    from nextround.core.tasks import InProcessWorkers, database_queue
    from nextround.interviews import jobs as tagging_jobs
    from nextround.practice.services import figures_refresh
    from nextround.research import jobs as news_jobs
    from nextround.stories import jobs as embedding_jobs
    from nextround.wsgi import application

    left = _queue_left_work()
    if left:
        click.echo(f"Transcribing {left} recording(s) left from the last run.")
    embedding_jobs.start()  # each account's embeddings are brought up to date
    tagging_jobs.start()  # question notes are tagged by meaning after they are saved
    news_jobs.start()  # feeds due for their daily refresh are queued when a page is shown
    # Scores stored by an older analyzer are brought up to date before any page reads them.
    refreshed = figures_refresh()
    if refreshed:
        click.echo(f"Rescored {refreshed} practice answer(s) with the current analysis.")
    shown_host = f"[{host}]" if ":" in host else host
    if multiprocess:
        click.echo("Background work is done by `nextround worker`, run beside this.")
    elif database_queue():
        InProcessWorkers().start()  # one person, one command: the workers live in this process
    click.echo(f"nextround is running at http://{shown_host}:{port}/ (Ctrl+C to stop)")
    if multiprocess:
        from nextround.cli.gunicorn import gunicorn_serve

        gunicorn_serve(application, host=host, port=port, workers=workers or 2, threads=threads)
        return
    from waitress import serve as waitress_serve

    waitress_serve(application, host=host, port=port, threads=threads)


def _queue_left_work() -> int:
    """Queue again the recordings, run-throughs and spoken case answers a stopped worker left
    untranscribed; how many."""
    from nextround.practice.services import resume_pending
    from nextround.rehearsal.services import case_answer_resume, run_through_resume

    return resume_pending() + run_through_resume() + case_answer_resume()


@main.command()
@click.option(
    "--queue",
    "queues",
    multiple=True,
    type=click.Choice(TASK_QUEUES),
    help="Only this queue; give it again for more [default: all].",
)
@click.option("--batch", is_flag=True, help="Run what is queued, then stop.")
def worker(queues: tuple[str, ...], *, batch: bool) -> None:
    """Run background work until Ctrl+C: transcription, embeddings, tagging, news.

    Any number of workers, on this computer or others sharing the PostgreSQL database, can
    run together; each task runs once."""
    ready_database()
    from nextround.core.tasks import database_queue, work

    if not database_queue():
        raise click.UsageError(
            "NEXTROUND_TASK_BACKEND is not the database backend; run that backend's own worker."
        )
    left = _queue_left_work()
    if left:
        click.echo(f"Transcribing {left} recording(s) left from the last run.")
    if not batch:
        click.echo("Working on the background queue (Ctrl+C to stop).")
    work(queues or TASK_QUEUES, batch=batch)


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
