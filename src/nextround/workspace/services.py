"""Deleting an account with everything in it: the counterpart of the export. Every record has
an owner and goes with it (the database cascades), and the recordings with their records once
the deletion is committed (``practice.signals``)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction


@transaction.atomic
def account_delete(*, owner: User) -> None:
    """Delete the account and everything it owns. Nothing is kept: export first to keep a
    copy. A deletion that fails part-way is rolled back and keeps every recording."""
    owner.delete()
