"""After a round: the thank-you drafts with how alike they read, .eml files, marking one sent."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nextround.cli.base import local_owner, main, print_json

if TYPE_CHECKING:
    from nextround.followup.thanks import Note, Thanks


def _note_json(note: Note) -> dict[str, Any]:
    return {
        "person": {"id": note.person.pk, "name": note.person.name, "email": note.person.email},
        "subject": note.subject,
        "body": note.body,
        "words": note.words if (note.draft or note.edited) else 0,
        "edited": note.edited is not None,
        "detail": note.draft.detail if note.draft else "",
        "strength": note.draft.strength if note.draft else "",
        "missing": note.missing.message if note.missing and not note.edited else "",
        "sent_on": note.sent.sent_on.isoformat() if note.sent else None,
        "similarity": [
            {
                "person": other.pk,
                "jaccard": similarity.jaccard,
                "too_similar": similarity.too_similar,
                "shared": list(similarity.shared),
            }
            for other, similarity in note.similar
        ],
    }


def _print(board: Thanks) -> None:
    round_ = board.round
    click.echo(f"Thank-you notes for {round_.label}, {round_.opportunity}")
    due = board.due.strftime("%a %d %b %H:%M %Z")
    click.echo(f"Due by {due} ({round_.timezone})" + (" — overdue" if board.overdue else ""))
    if board.signer is None:
        click.echo("Signed 'Your name': set your name on the thank-you page first.")
    for note in board.notes:
        click.echo("")
        state = f"sent {note.sent.sent_on:%Y-%m-%d}" if note.sent else "not sent"
        click.echo(f"— To {note.person.name} (person {note.person.pk}), {state}")
        if note.missing and not note.edited:
            click.echo(f"  {note.missing.message}")
            continue
        click.echo(f"  Subject: {note.subject}")
        for line in note.body.splitlines():
            click.echo(f"  {line}")
        click.echo(f"  [{note.words} words]")
    for first, second, similarity in board.too_similar:
        click.echo("")
        click.echo(
            f"Warning: the notes to {first.person.name} and {second.person.name} read alike "
            f"({similarity.jaccard:.2f}, keep it under 0.30). Shared:"
        )
        for passage in similarity.shared:
            click.echo(f"  “{passage}”")
    place = {note.person.pk: i for i, note in enumerate(board.notes)}
    pairs = [
        f"{note.person.name} / {other.name} {similarity.jaccard:.2f}"
        for i, note in enumerate(board.notes)
        for other, similarity in note.similar
        if place[other.pk] > i
    ]
    if pairs:
        click.echo("")
        click.echo("Sameness (word 3-shingle Jaccard): " + "; ".join(pairs))


@main.command()
@click.argument("round_id", metavar="ROUND_ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--eml",
    "eml_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one .eml file per note into this folder (made if missing).",
)
@click.option("--sent", "sent_person", type=int, metavar="PERSON_ID", help="Mark a note sent.")
@click.option(
    "--on",
    "sent_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day it went out (default: today); with --sent.",
)
def thanks(
    round_id: int,
    eml_dir: Path | None,
    sent_person: int | None,
    sent_on: datetime | None,
    *,
    as_json: bool,
) -> None:
    """The round's thank-you notes, one per interviewer, drafted from your debrief, with how
    alike each pair reads (keep it under 0.30). --sent PERSON_ID marks that note sent."""
    owner = local_owner()
    from django.utils import timezone

    from nextround.followup import services, thanks
    from nextround.interviews.selectors import person_get, round_get

    if sent_on is not None and sent_person is None:
        raise click.UsageError("--on goes with --sent.")
    round_ = round_get(owner=owner, pk=round_id)
    now = timezone.now()
    if sent_person is not None:
        person = person_get(owner=owner, pk=sent_person)
        day = sent_on.date() if sent_on else timezone.localdate(now)
        services.followup_sent(round_=round_, kind="thanks", person=person, on=day)
        click.echo(f"Marked the thank-you note to {person.name} sent on {day:%Y-%m-%d}.")
        return
    board = thanks.thanks(round_=round_, now=now)
    written: list[str] = []
    if eml_dir is not None:
        eml_dir.mkdir(parents=True, exist_ok=True)
        for note in board.notes:
            current = note.as_draft()
            if current is None:
                continue
            path = eml_dir / f"thank-you-{note.person.pk}.eml"
            path.write_bytes(thanks.eml_to(current, note.person, owner))
            written.append(str(path))
    if as_json:
        print_json(
            {
                "round": round_.pk,
                "due": board.due.isoformat(),
                "overdue": board.overdue,
                "notes": [_note_json(n) for n in board.notes],
                "eml": written,
            }
        )
        return
    _print(board)
    for name in written:
        click.echo(f"Wrote {name}")
