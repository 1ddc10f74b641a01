"""Writes every app shares: the local account, paused sign-ins, and saving a record by the
model's own rules."""

from __future__ import annotations

from typing import Any, TypeVar

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from nextround.core import stamps
from nextround.errors import Invalid

M = TypeVar("M", bound=models.Model)

LOCAL_USERNAME = "local"


def local_user() -> User:
    """The one account of local mode; it has no usable password, so it cannot sign in remotely."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def sign_in_resume(*, username: str | None = None, address: str | None = None) -> int:
    """Forget the wrong passwords counted against an account, an address, or, with neither
    named, everyone, so that signing in works again at once. Returns how many records went."""
    return int(axes_reset(ip=address or None, username=username or None))


def save_validated(instance: M, *, what: str) -> M:
    """Validate with the model's rules, then save; raise Invalid with per-field messages."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise Invalid(f"The {what} was not saved.", exc.message_dict) from exc
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise Invalid(f"The {what} was not saved: it conflicts with an existing record.") from exc
    return instance


def claim(model: type[M], *, unique: dict[str, Any], defaults: dict[str, Any]) -> M:
    """The one row with these ``unique`` values (a unique constraint's fields), locked until
    the transaction ends. A missing row is inserted with
    ``defaults`` first, and the insert gives way when another request inserts it at the same
    moment (``ON CONFLICT DO NOTHING`` on PostgreSQL, ``INSERT OR IGNORE`` on SQLite): requests
    that arrive together with the same first write all get the same row, one after another,
    never a unique-constraint error. Call it inside ``transaction.atomic``; an error raised later
    in that transaction takes the new row away again.

    The accounts' version stamps (``core.stamps``) are renewed first, before any row is locked:
    every write renews them, so a request that locked the row first and another that renewed
    the stamp first would each wait for the other (PostgreSQL saw that deadlock with eight
    requests at once). Taking the stamp first puts every claimer in one order."""
    stamps.bump(stamps.scopes_of(model(**unique, **defaults)))
    rows = model._default_manager.select_for_update()
    row = rows.filter(**unique).first()
    if row is not None:
        return row
    model._default_manager.bulk_create([model(**unique, **defaults)], ignore_conflicts=True)
    return rows.get(**unique)
