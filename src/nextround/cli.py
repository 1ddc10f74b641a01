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
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click
from django.db import DatabaseError

from nextround import __version__
from nextround.config import DEFAULT_HOST, DEFAULT_PORT
from nextround.errors import Invalid, NextroundError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nextround.interviews.models import Opportunity, Person, Round, RoundNote
    from nextround.interviews.selectors import CarryForward

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
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS as exc:
            click.echo(exc.format_message())
            raise SystemExit(0) from None
        except click.ClickException as exc:
            _fail(exc.format_message(), status=EXIT_BAD_INPUT)
        except NextroundError as exc:
            message = exc.one_line() if isinstance(exc, Invalid) else exc.message
            _fail(message, status=EXIT_BAD_INPUT)
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            _fail(f"{exc.strerror or exc}{where}", status=EXIT_BAD_INPUT)
        except DatabaseError as exc:
            _fail(f"database: {exc}", status=EXIT_FAILED)
        except click.Abort:
            _fail("aborted.", status=EXIT_FAILED)
        raise SystemExit(result if isinstance(result, int) else 0)


def _fail(message: str, *, status: int) -> NoReturn:
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    raise SystemExit(status)


# --- setup ---------------------------------------------------------------------------------


def _setup_django() -> None:
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


def _ready_database() -> None:
    """Set Django up and bring the schema up to date, quietly, only when something is due."""
    _setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def _owner() -> User:
    """The local account, which owns everything the command line reads and writes."""
    _ready_database()
    from nextround.core.services import local_user

    return local_user()


class ModelChoice(click.ParamType[str]):
    """One value of a model's choices (``Stage``, ``Format``, ``Relation``). Looked up when used:
    the models cannot be imported before Django is set up."""

    name = "choice"

    def __init__(self, enum: str) -> None:
        self.enum = enum

    def allowed(self) -> list[str]:
        _setup_django()
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


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _print_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, indent: str = ""
) -> None:
    """Columns padded to their widest cell; the last one is left ragged."""
    table = [list(headers), *([str(cell) for cell in row] for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        click.echo((indent + "  ".join([*cells, row[-1]])).rstrip())


def _print_fields(pairs: Iterable[tuple[str, object]]) -> None:
    """``Label: value`` lines, aligned, skipping empty values."""
    shown = [(label, str(value)) for label, value in pairs if value not in ("", None)]
    width = max((len(label) for label, _ in shown), default=0)
    for label, value in shown:
        click.echo(f"  {label + ':':<{width + 1}} {value}")


def _same_id(pk: int) -> object:
    """In the command line's JSON a person is named by their id, which the commands take."""
    return pk


def _person_json(person: Person) -> dict[str, Any]:
    from nextround.interviews.transfer import person_record

    return {"id": person.pk, **person_record(person)}


def _round_json(round_: Round) -> dict[str, Any]:
    from nextround.interviews.transfer import round_record

    return {
        "id": round_.pk,
        "opportunity_id": round_.opportunity_id,
        "label": round_.label,
        **round_record(round_, person_ref=_same_id),
    }


def _note_json(note: RoundNote) -> dict[str, Any]:
    from nextround.interviews.transfer import note_record

    return {"id": note.pk, "round_id": note.round_id, **note_record(note, person_ref=_same_id)}


def _carry_forward_json(view: CarryForward) -> dict[str, Any]:
    note_lists = {
        "questions": view.questions,
        "weak_questions": view.weak_questions,
        "open_concerns": view.open_concerns,
        "addressed_concerns": view.addressed_concerns,
        "open_promises": view.open_promises,
        "feedback": view.feedback,
        "numbers": view.numbers,
        "other_notes": view.other_notes,
    }
    people_lists = {
        "people_met": view.people_met,
        "people_new": view.people_new,
        "people_met_not_attending": view.people_met_not_attending,
    }
    return {
        "earlier_rounds": [
            {"id": r.pk, "number": r.number, "label": r.label} for r in view.earlier_rounds
        ],
        **{key: [_note_json(n) for n in notes] for key, notes in note_lists.items()},
        **{key: [_person_json(p) for p in people] for key, people in people_lists.items()},
    }


def _when(round_: Round) -> str:
    start, end = round_.local_start, round_.local_end
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{end_text} {round_.timezone}"


def _names(people: Iterable[Person]) -> str:
    return ", ".join(f"{p.name} ({p.pk})" for p in people) or "—"


def _note_line(note: RoundNote) -> str:
    details = [note.get_kind_display()]
    if note.rating is not None:
        details.append(f"rated {note.rating}/5")
    if note.kind in ("concern", "promise"):
        details.append(note.get_status_display().lower())
    if note.promised_by:
        details.append(f"owed by {note.get_promised_by_display().lower()}")
    if note.due_on:
        details.append(f"due {note.due_on:%Y-%m-%d}")
    if note.amount_low is not None or note.amount_high is not None:
        low, high = (
            "" if amount is None else str(amount) for amount in (note.amount_low, note.amount_high)
        )
        details.append(f"{low}–{high} {note.currency}".strip())
    who = f" ({note.person.name})" if note.person else ""
    return f"[{', '.join(details)}] {note.text}{who}"


def _print_carry_forward(view: CarryForward) -> None:
    if view.is_empty:
        click.echo("Carry forward: nothing yet, this is the first round.")
        return
    numbers = ", ".join(str(r.number) for r in view.earlier_rounds)
    click.echo(f"Carry forward from round(s) {numbers}:")
    _print_fields(
        [
            ("People met before", _names(view.people_met)),
            ("New faces", _names(view.people_new)),
            ("Met, not attending", _names(view.people_met_not_attending)),
        ]
    )
    sections = [
        ("Questions already asked", view.questions),
        ("Answers to improve", view.weak_questions),
        ("Open concerns", view.open_concerns),
        ("Open promises", view.open_promises),
        ("Feedback heard", view.feedback),
        ("Numbers discussed", view.numbers),
    ]
    for title, notes in sections:
        if notes:
            click.echo(f"  {title}:")
            for note in notes:
                click.echo(f"    - {_note_line(note)}")


# --- commands ------------------------------------------------------------------------------


@click.group(cls=NextroundGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nextround", message="%(prog)s %(version)s")
def main() -> None:
    """nextround: carry a job search through second-round and final interviews."""


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
def serve(host: str, port: int) -> None:
    """Run the web app until Ctrl+C."""
    # The settings read these once, when Django starts, so they go in first.
    os.environ["NEXTROUND_HOST"] = host
    os.environ["NEXTROUND_PORT"] = str(port)
    _ready_database()
    from waitress import serve as waitress_serve

    from nextround.wsgi import application

    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"nextround is running at http://{shown_host}:{port}/ (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=8)


@main.command()
def demo() -> None:
    """Add an example opportunity (only once).

    One opportunity with a finished first round full of notes and a panel coming up."""
    owner = _owner()
    from django.utils import timezone

    from nextround.interviews.demo import demo_load

    opportunity, added = demo_load(owner=owner, now=timezone.now())
    state = "Added" if added else "Already present:"
    click.echo(f"{state} demo opportunity {opportunity.pk}: {opportunity}")


# --- opportunity ---------------------------------------------------------------------------


@main.group()
def opportunity() -> None:
    """The roles you are in process for."""


@opportunity.command("list")
@click.option("--stage", type=ModelChoice("Stage"), help="Only this stage.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def opportunity_list(stage: str | None, *, as_json: bool) -> None:
    """List opportunities, newest first."""
    owner = _owner()
    from nextround.interviews import selectors
    from nextround.interviews.transfer import opportunity_record

    found = list(selectors.opportunity_list(owner=owner, stage=stage))
    if as_json:
        _print_json([{"id": o.pk, **opportunity_record(o)} for o in found])
        return
    rows = [(o.pk, o.stage, o.company, o.role_title, o.location) for o in found]
    _print_table(("ID", "STAGE", "COMPANY", "ROLE", "LOCATION"), rows)


@opportunity.command("show")
@click.argument("opportunity_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def opportunity_show(opportunity_id: int, *, as_json: bool) -> None:
    """One opportunity with its stage history, people and rounds."""
    owner = _owner()
    from nextround.interviews import selectors
    from nextround.interviews.transfer import opportunity_record, stage_change_record

    found = selectors.opportunity_detail(owner=owner, pk=opportunity_id)
    if as_json:
        _print_json(
            {
                "id": found.pk,
                **opportunity_record(found),
                "stage_changes": [stage_change_record(c) for c in found.stage_changes.all()],
                "people": [_person_json(p) for p in found.people.all()],
                "rounds": [_round_json(r) for r in found.rounds.all()],
            }
        )
        return
    _print_opportunity(found)


def _print_opportunity(found: Opportunity) -> None:
    click.echo(f"Opportunity {found.pk}: {found}")
    _print_fields(
        [
            ("Stage", found.get_stage_display()),
            ("Location", found.location),
            ("Posting", found.source_url),
            ("Added", f"{found.created_at:%Y-%m-%d}"),
            ("History", ", ".join(f"{c.stage} {c.on:%Y-%m-%d}" for c in found.stage_changes.all())),
        ]
    )
    click.echo("People:")
    people = [(p.pk, p.name, p.title, p.get_relation_display()) for p in found.people.all()]
    _print_table(("ID", "NAME", "TITLE", "RELATION"), people, indent="  ")
    click.echo("Rounds:")
    rounds = [(r.pk, r.label, _when(r), _names(r.attendees.all())) for r in found.rounds.all()]
    _print_table(("ID", "ROUND", "WHEN", "ATTENDEES"), rounds, indent="  ")


@opportunity.command("add")
@click.option("--company", required=True)
@click.option("--role", required=True, help="Role title.")
@click.option("--location", default="")
@click.option("--url", default="", help="Link to the posting.")
@click.option("--stage", type=ModelChoice("Stage"), help="Default: applied.")
def opportunity_add(company: str, role: str, location: str, url: str, stage: str | None) -> None:
    """Add an opportunity."""
    owner = _owner()
    from nextround.interviews import services
    from nextround.interviews.models import Stage

    added = services.opportunity_create(
        owner=owner,
        company=company,
        role_title=role,
        location=location,
        source_url=url,
        stage=stage or Stage.APPLIED,
    )
    click.echo(f"Added opportunity {added.pk}: {added}")


# --- round ---------------------------------------------------------------------------------


@main.group("round")
def round_group() -> None:
    """Interview rounds and what they produced."""


@round_group.command("list")
@click.option("--opportunity", "opportunity_id", type=int, help="Only this opportunity's rounds.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def round_list(opportunity_id: int | None, *, as_json: bool) -> None:
    """List rounds by start time."""
    owner = _owner()
    from nextround.interviews import selectors

    parent = None
    if opportunity_id is not None:
        parent = selectors.opportunity_get(owner=owner, pk=opportunity_id)
    found = list(
        selectors.round_list(owner=owner, opportunity=parent).prefetch_related("attendees")
    )
    if as_json:
        _print_json([_round_json(r) for r in found])
        return
    rows = [(r.pk, r.label, _when(r), r.opportunity) for r in found]
    _print_table(("ID", "ROUND", "WHEN", "OPPORTUNITY"), rows)


@round_group.command("show")
@click.argument("round_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def round_show(round_id: int, *, as_json: bool) -> None:
    """One round with its notes and what earlier rounds carry forward into it."""
    owner = _owner()
    from nextround.interviews import selectors

    found = selectors.round_get(owner=owner, pk=round_id)
    notes = list(selectors.round_notes(round_=found))
    view = selectors.carry_forward(round_=found)
    if as_json:
        _print_json(
            {
                **_round_json(found),
                "notes": [_note_json(n) for n in notes],
                "carry_forward": _carry_forward_json(view),
            }
        )
        return
    _print_round(found, notes)
    _print_carry_forward(view)


def _print_round(found: Round, notes: Sequence[RoundNote]) -> None:
    click.echo(f"Round {found.pk}: {found}")
    _print_fields(
        [
            ("When", _when(found)),
            ("Format", found.get_format_display()),
            ("Kind", found.kind),
            ("Place", found.location),
            ("Video link", found.video_link),
            ("Dress code", found.dress_code),
            ("Logistics", found.logistics),
            ("Attendees", _names(found.attendees.all())),
        ]
    )
    click.echo(f"Notes ({len(notes)}):")
    for note in notes:
        click.echo(f"  {note.pk}. {_note_line(note)}")


@round_group.command("add")
@click.option("--opportunity", "opportunity_id", type=int, required=True)
@click.option("--start", type=click.DateTime([WALL_CLOCK]), required=True, help="YYYY-MM-DD HH:MM")
@click.option("--end", type=click.DateTime([WALL_CLOCK]), required=True, help="YYYY-MM-DD HH:MM")
@click.option("--tz", "tz_name", help="IANA time zone of --start/--end, e.g. Europe/Berlin.")
@click.option("--number", type=int, help="Default: the next number.")
@click.option("--final", "is_final", is_flag=True, help="This is the final round.")
@click.option("--format", "format_", type=ModelChoice("Format"))
@click.option("--kind", default="", help="e.g. Meet the team.")
@click.option("--place", default="")
@click.option("--link", default="", help="Video link.")
@click.option("--dress-code", default="")
@click.option("--person", "person_ids", type=int, multiple=True, help="Attendee id (repeatable).")
def round_add(
    *,
    opportunity_id: int,
    start: datetime,
    end: datetime,
    tz_name: str | None,
    number: int | None,
    is_final: bool,
    format_: str | None,
    kind: str,
    place: str,
    link: str,
    dress_code: str,
    person_ids: tuple[int, ...],
) -> None:
    """Add a round; times are wall-clock times in --tz (default: NEXTROUND_TIME_ZONE)."""
    owner = _owner()
    from django.conf import settings

    from nextround.interviews import selectors, services

    parent = selectors.opportunity_get(owner=owner, pk=opportunity_id)
    attendees = selectors.people_get(opportunity=parent, pks=list(person_ids))
    fields: dict[str, Any] = {
        "is_final": is_final,
        "kind": kind,
        "location": place,
        "video_link": link,
        "dress_code": dress_code,
    }
    if number is not None:
        fields["number"] = number
    if format_ is not None:
        fields["format"] = format_
    added = services.round_create(
        opportunity=parent,
        starts=start,
        ends=end,
        timezone_name=tz_name or settings.TIME_ZONE,
        attendees=attendees,
        **fields,
    )
    click.echo(f"Added round {added.pk}: {added} ({_when(added)})")


# --- person --------------------------------------------------------------------------------


@main.group()
def person() -> None:
    """The people you meet."""


@person.command("add")
@click.option("--opportunity", "opportunity_id", type=int, required=True)
@click.option("--name", required=True)
@click.option("--title", default="")
@click.option("--relation", type=ModelChoice("Relation"), help="Default: other.")
@click.option("--email", default="")
@click.option("--round", "round_ids", type=int, multiple=True, help="Round id (repeatable).")
def person_add(
    *,
    opportunity_id: int,
    name: str,
    title: str,
    relation: str | None,
    email: str,
    round_ids: tuple[int, ...],
) -> None:
    """Add a person to an opportunity, optionally attending some of its rounds."""
    owner = _owner()
    from nextround.interviews import selectors, services
    from nextround.interviews.models import Relation

    parent = selectors.opportunity_get(owner=owner, pk=opportunity_id)
    rounds = [selectors.round_get(owner=owner, pk=pk) for pk in round_ids]
    added = services.person_create(
        opportunity=parent,
        rounds=rounds,
        name=name,
        title=title,
        relation=relation or Relation.OTHER,
        email=email,
    )
    click.echo(f"Added person {added.pk}: {added}")


# --- whole workspace -----------------------------------------------------------------------


@main.command("export")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
def export_command(output: Path | None) -> None:
    """Write the whole workspace as one JSON document."""
    owner = _owner()
    from django.utils import timezone

    from nextround.interviews.transfer import workspace_export

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

    An opportunity already in the workspace (same uid) is skipped, never overwritten."""
    data = file.read()
    owner = _owner()
    from nextround.interviews.transfer import parse_document, workspace_import

    report = workspace_import(owner=owner, document=parse_document(data))
    click.echo(report.summary())
