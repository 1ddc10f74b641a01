"""Commands for opportunities, rounds and people."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

from nextround.cli.base import (
    WALL_CLOCK,
    ModelChoice,
    local_owner,
    main,
    print_fields,
    print_json,
    print_table,
    same_id,
)
from nextround.pay.text import amount_range

if TYPE_CHECKING:
    from nextround.interviews.models import Opportunity, Person, Round, RoundNote
    from nextround.interviews.selectors import CarryForward


def _person_json(person: Person) -> dict[str, Any]:
    from nextround.interviews.transfer import person_record

    return {"id": person.pk, **person_record(person)}


def _round_json(round_: Round) -> dict[str, Any]:
    from nextround.interviews.transfer import round_record

    return {
        "id": round_.pk,
        "opportunity_id": round_.opportunity_id,
        "label": round_.label,
        **round_record(round_, person_ref=same_id),
    }


def _note_json(note: RoundNote) -> dict[str, Any]:
    from nextround.interviews.transfer import note_record

    return {"id": note.pk, "round_id": note.round_id, **note_record(note, person_ref=same_id)}


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
    when = f"{start:%Y-%m-%d %H:%M}–{end_text} {round_.timezone}"
    if not round_.date_in_range:  # saved before dates were checked: shown in UTC
        when = f"{start.date().isoformat()} {start:%H:%M} UTC: this date is out of range; edit it"
    return when


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
    if amount := amount_range(note.amount_low, note.amount_high, note.currency):
        details.append(amount)
    who = f" ({note.person.name})" if note.person else ""
    return f"[{', '.join(details)}] {note.text}{who}"


def _print_carry_forward(view: CarryForward) -> None:
    if view.is_empty:
        click.echo("Carry forward: nothing yet, this is the first round.")
        return
    numbers = ", ".join(str(r.number) for r in view.earlier_rounds)
    click.echo(f"Carry forward from round(s) {numbers}:")
    print_fields(
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
        ("Concerns addressed", view.addressed_concerns),
        ("Open promises", view.open_promises),
        ("Feedback heard", view.feedback),
        ("Numbers discussed", view.numbers),
    ]
    for title, notes in sections:
        if notes:
            click.echo(f"  {title}:")
            for note in notes:
                click.echo(f"    - {_note_line(note)}")
                if note.kind == "concern" and note.response:
                    click.echo(f"      planned answer: {' '.join(note.response.split())}")


# --- commands ------------------------------------------------------------------------------


@main.group()
def opportunity() -> None:
    """The roles you are in process for."""


@opportunity.command("list")
@click.option("--stage", type=ModelChoice("Stage"), help="Only this stage.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def opportunity_list(stage: str | None, *, as_json: bool) -> None:
    """List opportunities, newest first."""
    owner = local_owner()
    from nextround.interviews import selectors
    from nextround.interviews.transfer import opportunity_record

    found = list(selectors.opportunity_list(owner=owner, stage=stage))
    if as_json:
        print_json([{"id": o.pk, **opportunity_record(o)} for o in found])
        return
    rows = [(o.pk, o.stage, o.company, o.role_title, o.location) for o in found]
    print_table(("ID", "STAGE", "COMPANY", "ROLE", "LOCATION"), rows)


@opportunity.command("show")
@click.argument("opportunity_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def opportunity_show(opportunity_id: int, *, as_json: bool) -> None:
    """One opportunity with its stage history, people and rounds."""
    owner = local_owner()
    from nextround.interviews import selectors
    from nextround.interviews.transfer import opportunity_record, stage_change_record

    found = selectors.opportunity_detail(owner=owner, pk=opportunity_id)
    if as_json:
        print_json(
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
    print_fields(
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
    print_table(("ID", "NAME", "TITLE", "RELATION"), people, indent="  ")
    click.echo("Rounds:")
    rounds = [(r.pk, r.label, _when(r), _names(r.attendees.all())) for r in found.rounds.all()]
    print_table(("ID", "ROUND", "WHEN", "ATTENDEES"), rounds, indent="  ")


@opportunity.command("add")
@click.option("--company", required=True)
@click.option("--role", required=True, help="Role title.")
@click.option("--location", default="")
@click.option("--url", default="", help="Link to the posting.")
@click.option("--stage", type=ModelChoice("Stage"), help="Default: applied.")
def opportunity_add(company: str, role: str, location: str, url: str, stage: str | None) -> None:
    """Add an opportunity."""
    owner = local_owner()
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
    owner = local_owner()
    from nextround.interviews import selectors

    parent = None
    if opportunity_id is not None:
        parent = selectors.opportunity_get(owner=owner, pk=opportunity_id)
    found = list(
        selectors.round_list(owner=owner, opportunity=parent).prefetch_related("attendees")
    )
    if as_json:
        print_json([_round_json(r) for r in found])
        return
    rows = [(r.pk, r.label, _when(r), r.opportunity) for r in found]
    print_table(("ID", "ROUND", "WHEN", "OPPORTUNITY"), rows)


@round_group.command("show")
@click.argument("round_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def round_show(round_id: int, *, as_json: bool) -> None:
    """One round with its notes and what earlier rounds carry forward into it."""
    owner = local_owner()
    from nextround.interviews import selectors

    found = selectors.round_get(owner=owner, pk=round_id)
    notes = list(selectors.round_notes(round_=found))
    view = selectors.carry_forward(round_=found)
    if as_json:
        print_json(
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
    print_fields(
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
@click.option(
    "--tz",
    "tz_name",
    help="IANA time zone of --start/--end, e.g. Europe/Berlin. "
    "Default: that of the round added last, else NEXTROUND_TIME_ZONE.",
)
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
    """Add a round; times are wall-clock times in --tz."""
    owner = local_owner()
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
        timezone_name=tz_name or selectors.default_timezone(owner=owner),
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
    owner = local_owner()
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
