"""Deleting an account with everything in it: the counterpart of the export. Every record has
an owner and goes with it (the database cascades); the recordings, which live as files beside
the database, are removed once the deletion is committed."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from nextround.practice.models import Attempt
from nextround.practice.services import recordings_dir
from nextround.rehearsal.models import RunThrough


def _recordings_of(owner: User) -> list[Path]:
    folder = recordings_dir()
    names = [
        *Attempt.objects.filter(owner=owner).exclude(audio="").values_list("audio", flat=True),
        *RunThrough.objects.filter(owner=owner).exclude(audio="").values_list("audio", flat=True),
    ]
    return [folder / name for name in names]


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@transaction.atomic
def account_delete(*, owner: User) -> None:
    """Delete the account and everything it owns. Nothing is kept: export first to keep a
    copy. The files go only after the commit, so a failed deletion loses no recording."""
    recordings = _recordings_of(owner)
    owner.delete()
    transaction.on_commit(lambda: _remove(recordings))
