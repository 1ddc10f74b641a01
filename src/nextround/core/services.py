"""Writes every app shares: the local account, paused sign-ins, and saving a record by the
model's own rules."""

from __future__ import annotations

import functools
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
    """The one account of local mode; it has no usable password, so it cannot sign in remotely.

    Read on every request in local mode, with a query built once (``_local_account``): building
    a query's filter costs more than running it on the one row."""
    for user in _local_account().all():
        return user
    user, created = get_user_model().objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@functools.cache
def _local_account() -> models.QuerySet[User]:
    """The local account's query, shared by every thread: each reads it through ``all()``, a
    copy of its own, so nothing runs it in place."""
    return get_user_model().objects.filter(username=LOCAL_USERNAME)


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


def lock_for_write(rows: models.QuerySet[M], *, of: models.Model) -> models.QuerySet[M]:
    """``rows`` locked until the transaction ends (``select_for_update``, when evaluated), for
    writes to the records of the accounts ``of`` belongs to: their version stamps
    (``core.stamps``) are renewed here, first. Call it inside ``transaction.atomic``.

    A renewed stamp stays locked until the transaction ends, and every write renews one: a
    request that locked a row and then wrote, and another that wrote and then wanted the row
    (an update, a cascade delete, another lock), would each wait for the other, a PostgreSQL
    deadlock (eight first writes at once met it in :func:`claim`). Renewing first puts every
    such request in one order: the stamp, then the row."""
    if not transaction.get_connection(rows.db).in_atomic_block:
        raise transaction.TransactionManagementError("lock_for_write needs transaction.atomic.")
    stamps.bump(stamps.scopes_of(of))
    return rows.select_for_update()


def claim(model: type[M], *, unique: dict[str, Any], defaults: dict[str, Any]) -> M:
    """The one row with these ``unique`` values (a unique constraint's fields), locked until
    the transaction ends (:func:`lock_for_write`). A missing row is inserted with
    ``defaults`` first, and the insert gives way when another request inserts it at the same
    moment (``ON CONFLICT DO NOTHING`` on PostgreSQL, ``INSERT OR IGNORE`` on SQLite): requests
    that arrive together with the same first write all get the same row, one after another,
    never a unique-constraint error. Call it inside ``transaction.atomic``; an error raised later
    in that transaction takes the new row away again."""
    rows = lock_for_write(model._default_manager.filter(**unique), of=model(**unique, **defaults))
    row = rows.first()
    if row is not None:
        return row
    model._default_manager.bulk_create([model(**unique, **defaults)], ignore_conflicts=True)
    return rows.get()
