"""A recording leaves the data folder with its record, however the record goes: deleted on its
own, or with its session, plan, round, opportunity or account (Django's cascade sends
``post_delete`` for each row it removes). Practice attempts, case answers and run-throughs
keep their recordings in the one recordings folder, and their apps connect this receiver.
The file goes once the deletion is committed, so a deletion rolled back keeps it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from nextround.practice.services import recordings_dir


def recording_delete(sender: type[Any], instance: Any, **_: object) -> None:
    """``instance.audio`` names the file in the recordings folder, or is empty."""
    name: str = instance.audio
    if name:
        transaction.on_commit(lambda: (recordings_dir() / name).unlink(missing_ok=True))
