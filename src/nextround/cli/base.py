"""The ``nextround`` command line: the web app's services, from a terminal.

Commands only parse, call selectors, services, transfer or demo, and print. Django and the
models are imported inside the commands rather than at the top, because ``serve`` must put its
host and port into the environment before Django reads its settings, and ``--version`` needs
no database at all. Every expected failure leaves as one ``Error: ...`` line on stderr with
exit status 2 (see :class:`NextroundGroup`), never as a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click
from django.db import DatabaseError

from nextround import __version__
from nextround.errors import Invalid, NextroundError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SETTINGS_MODULE = "nextround.django_settings"
EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
WALL_CLOCK = "%Y-%m-%d %H:%M"

# Click >= 8.2 reports a bare `nextround` as this usage error; it carries the help text.
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())


class NextroundGroup(click.Group):
    """The one place where errors become a single line: domain errors (Invalid, NotFound,
    Conflict), click's usage errors, unreadable files and database failures."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: FBT001, FBT002 - click's own signature
        **extra: Any,
    ) -> Any:
        if not standalone_mode:  # an embedding caller handles exceptions itself
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        for arg in sys.argv[1:] if args is None else args:
            if (shown := _not_utf8(arg)) is not None:
                fail(
                    f"'{shown}' is not valid UTF-8 text; nothing was changed.",
                    status=EXIT_BAD_INPUT,
                )
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS as exc:
            click.echo(exc.format_message())
            raise SystemExit(0) from None
        except click.ClickException as exc:
            fail(exc.format_message(), status=EXIT_BAD_INPUT)
        except NextroundError as exc:
            message = exc.one_line() if isinstance(exc, Invalid) else exc.message
            fail(message, status=EXIT_BAD_INPUT)
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            fail(f"{exc.strerror or exc}{where}", status=EXIT_BAD_INPUT)
        except DatabaseError as exc:
            fail(f"database: {exc}", status=EXIT_FAILED)
        except click.Abort:
            fail("aborted.", status=EXIT_FAILED)
        raise SystemExit(result if isinstance(result, int) else 0)


def _not_utf8(arg: str) -> str | None:
    """None for an argument that is text; else how to show it (bytes the terminal passed that
    are no UTF-8 reach Python as lone surrogates, which no database or file can store)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = arg.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = arg.encode("utf-8", "backslashreplace")
        return raw.decode("utf-8", "backslashreplace")
    return None


def fail(message: str, *, status: int) -> NoReturn:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    raise SystemExit(status)


# --- setup ---------------------------------------------------------------------------------


def setup_django() -> None:
    """Configure Django once. Under the tests (or the web server) it is already set up."""
    from django.apps import apps

    if apps.ready:
        return
    import django

    # Not setdefault: a DJANGO_SETTINGS_MODULE left over from another project must not win.
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    try:
        django.setup()
    except ValueError as exc:  # load_settings() rejects a bad NEXTROUND_* variable
        raise click.ClickException(f"configuration: {exc}") from None


def ready_database() -> None:
    """Set Django up and bring the schema up to date, quietly, only when something is due."""
    setup_django()
    from django.core.management import call_command
    from django.db import OperationalError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
    except OperationalError as exc:  # a server that is not there, a database never created
        raise click.ClickException(f"database: cannot connect: {exc}") from None
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def local_owner() -> User:
    """The local account, which owns everything the command line reads and writes."""
    ready_database()
    from nextround.core.services import local_user

    return local_user()


class ModelChoice(click.ParamType[str]):
    """One value of a model's choices (``Stage``, ``Format``, ``Relation``). Looked up when used:
    the models cannot be imported before Django is set up."""

    name = "choice"

    def __init__(self, enum: str) -> None:
        self.enum = enum

    def allowed(self) -> list[str]:
        setup_django()
        from nextround.interviews import models

        return list(getattr(models, self.enum).values)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.allowed()) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        allowed = self.allowed()
        if value not in allowed:
            self.fail(f"{value!r} is not one of {', '.join(allowed)}.", param, ctx)
        return str(value)


# --- output --------------------------------------------------------------------------------


def print_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def print_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, indent: str = ""
) -> None:
    """Columns padded to their widest cell; the last one is left ragged."""
    table = [list(headers), *([str(cell) for cell in row] for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        click.echo((indent + "  ".join([*cells, row[-1]])).rstrip())


def print_fields(pairs: Iterable[tuple[str, object]]) -> None:
    """``Label: value`` lines, aligned, skipping empty values."""
    shown = [(label, str(value)) for label, value in pairs if value not in ("", None)]
    width = max((len(label) for label, _ in shown), default=0)
    for label, value in shown:
        click.echo(f"  {label + ':':<{width + 1}} {value}")


def same_id(pk: int) -> object:
    """In the command line's JSON a person is named by their id, which the commands take."""
    return pk


@click.group(cls=NextroundGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nextround", message="%(prog)s %(version)s")
def main() -> None:
    """nextround: carry a job search through second-round and final interviews."""
