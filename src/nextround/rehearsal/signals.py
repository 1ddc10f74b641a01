"""A recording leaves the data folder with its record, however the record goes: deleted on its
own, or with its plan, its round, its opportunity or its account (Django's cascade sends
``post_delete`` for each row it removes). The file goes once the deletion is committed, so a
deletion rolled back keeps it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nextround.practice.services import recordings_dir
from nextround.rehearsal.models import CaseSession, RunThrough


def recording_delete(sender: type[CaseSession | RunThrough], instance: Any, **_: object) -> None:
    name: str = instance.audio
    if name:
        transaction.on_commit(lambda: (recordings_dir() / name).unlink(missing_ok=True))
