"""Version stamps: one random token per account, renewed in the same transaction as every write
to that account's records, so a page drawn from them can be kept under the token it was drawn
with (``core.pagecache``) and is never served after a change.

Every write is found generically: ``post_save``, ``post_delete`` and ``m2m_changed`` for every
nextround model and the account model, and ``StampedQuerySet`` for the writes that send no
signal (``update``, ``bulk_create``, ``bulk_update``). A record names its accounts by its own
foreign keys to an account (``owner``, a comment's ``candidate`` and ``author``...), else by the
owner of the record it belongs to (a stage change's opportunity); a record of no account (a
stored embedding, a queued task) renews the stamp of everyone (``EVERYONE``), since any page may
read it. A token is random rather than a counter, so a database recreated under the same
account ids (tests, a re-import) never meets a page kept from before."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

EVERYONE = 0  # the stamp every key carries besides the account's own
TABLE = "core_stamp"  # core.models.Stamp; written here in SQL so models can use this module


def bump(scopes: Iterable[int]) -> None:
    """Renew the stamps of ``scopes`` (account ids, or ``EVERYONE``): one upsert, inside the
    caller's transaction."""
    rows = sorted(set(scopes))  # one order for every writer: no deadlock between two of them
    if not rows:
        return
    values = ", ".join(["(%s, %s)"] * len(rows))
    params: list[int | str] = []
    for scope in rows:
        params += [scope, secrets.token_hex(8)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (scope, token) VALUES {values} "
            "ON CONFLICT (scope) DO UPDATE SET token = excluded.token",
            params,
        )


def current(scope: int) -> str:
    """The account's stamp and everyone's, as one string ("" for a stamp never renewed)."""
    return current_many([scope])[scope]


def current_many(scopes: Iterable[int]) -> dict[int, str]:
    """Each account's stamp joined with everyone's, as :func:`current` gives it, in one query."""
    asked = set(scopes)
    wanted = sorted(asked | {EVERYONE})
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {TABLE} WHERE scope IN ({marks})", wanted)
        tokens = dict(cursor.fetchall())
    everyone = tokens.get(EVERYONE, "")
    return {scope: f"{tokens.get(scope, '')}.{everyone}" for scope in asked}


# --- whose records a write touches ----------------------------------------------------------


@functools.cache
def _account_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The attribute names of ``model``'s foreign keys to an account."""
    user = get_user_model()
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is user
    )


@functools.cache
def _parent_fields(model: type[models.Model]) -> tuple[tuple[str, type[models.Model]], ...]:
    """``model``'s foreign keys to a record that names its account by ``owner``."""
    return tuple(
        (f.attname, f.related_model)
        for f in model._meta.concrete_fields
        if f.is_relation
        and (f.many_to_one or f.one_to_one)
        and isinstance(f.related_model, type)
        and "owner" in {g.name for g in f.related_model._meta.concrete_fields}
    )


def scopes_of(instance: models.Model) -> set[int]:
    """The accounts whose pages may show ``instance``; ``{EVERYONE}`` when it names none."""
    if isinstance(instance, get_user_model()):
        return {instance.pk, EVERYONE}  # a name shows on other accounts' pages (a coach's)
    model = type(instance)
    accounts = {getattr(instance, name) for name in _account_fields(model)} - {None}
    if accounts:
        return accounts
    for name, parent in _parent_fields(model):
        pk = getattr(instance, name)
        owner = parent._base_manager.filter(pk=pk).values_list("owner_id", flat=True).first()
        if owner is not None:
            accounts.add(owner)
    return accounts or {EVERYONE}


# --- the writes -----------------------------------------------------------------------------


M = TypeVar("M", bound=models.Model)


class StampedQuerySet(models.QuerySet[Any]):
    """The bulk writes, which send no signal, renew the stamps of the rows they write."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic():
            scopes = self._scopes()  # before the update, which may change what the filter finds
            count = super().update(**kwargs)
            bump(scopes)
        return count

    def _scopes(self) -> set[int]:
        if "owner" in {f.name for f in self.model._meta.concrete_fields}:
            return set(self.values_list("owner_id", flat=True))
        return {s for row in self.all() for s in scopes_of(row)}

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        with transaction.atomic():
            created = super().bulk_create(objs, *args, **kwargs)
            bump(s for obj in created for s in scopes_of(obj))
        return created

    def bulk_update(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        with transaction.atomic():
            count = super().bulk_update(objs, *args, **kwargs)
            bump(s for obj in objs for s in scopes_of(obj))
        return count


class StampedManager(models.Manager[M]):
    """A model's default manager whose querysets renew stamps on bulk writes."""

    def get_queryset(self) -> models.QuerySet[M]:
        return StampedQuerySet(self.model, using=self._db)


def _written(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    bump(scopes_of(instance))


def _relinked(sender: type[models.Model], instance: models.Model, action: str, **kw: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(scopes_of(instance))


def stamped_models() -> list[type[models.Model]]:
    """Every model whose writes renew a stamp: nextround's own and the account model."""
    found = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("nextround.") and m._meta.db_table != TABLE
    ]
    return [*found, get_user_model()]


def connect() -> None:
    """Listen to every write of every stamped model (``CoreConfig.ready``)."""
    for model in stamped_models():
        post_save.connect(_written, sender=model, dispatch_uid=f"stamp-save-{model._meta.label}")
        post_delete.connect(
            _written, sender=model, dispatch_uid=f"stamp-delete-{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            assert through is not None  # set once the models are ready
            m2m_changed.connect(
                _relinked, sender=through, dispatch_uid=f"stamp-m2m-{through._meta.label}"
            )
