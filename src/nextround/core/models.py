"""The shared base of every domain app: records owned by an account, text limits, and the web
address field; and the one table of its own, the background tasks queued or running
(``core.tasks``)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import cache
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from nextround import timeutil
from nextround.core.stamps import StampedManager
from nextround.errors import Invalid

TEXT_LIMIT = 5_000
POSTING_LIMIT = 50_000
# Django does not check a TextField's max_length outside forms; these validators do.
TEXT_MAX = MaxLengthValidator(TEXT_LIMIT)
POSTING_MAX = MaxLengthValidator(POSTING_LIMIT)


def validate_date_range(value: date) -> None:
    """A date (or date and time) a person gave must lie in ``timeutil``'s range; the import and
    the wall-clock conversion check the same rule, ``timeutil.check_date``."""
    try:
        timeutil.check_date(value)
    except Invalid as exc:
        raise ValidationError(exc.message, code="date_range") from exc


class WebAddressField(models.URLField):  # type: ignore[type-arg]
    """A URL whose form field assumes https:// when the scheme is left out."""

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class Owned(models.Model):
    """Every record belongs to an account, so shared-server mode needs no data migration."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = StampedManager()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        """A record from a row of the database. Django builds it with the whole constructor,
        made for records written in code (keyword arguments, defaults, the init signals): about
        4 µs for a row of nineteen columns, and the round and dashboard pages read hundreds of
        rows. A whole row of a model without init-signal receivers is put straight into the
        record's attributes, as the constructor would put it (each column's value under its
        field's ``attname``, in the model's column order, which is the order Django reads
        them in); anything else goes Django's way. ``tests/core/test_models.py`` compares the
        two for every model."""
        names = _column_names(cls)
        if len(values) != len(names) or pre_init.has_listeners(cls) or post_init.has_listeners(cls):
            return super().from_db(db, field_names, values)
        record = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        attributes = record.__dict__
        attributes["_state"] = state
        attributes.update(zip(names, values, strict=True))
        return record


@cache
def _column_names(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(field.attname for field in model._meta.concrete_fields)


class Stamp(models.Model):
    """The version stamp of one account's records, or of everyone's (``core.stamps``)."""

    scope = models.BigIntegerField(unique=True)  # an account id, or 0 for everyone
    token = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.scope}: {self.token}"


class QueuedTask(models.Model):
    """A background task queued or running for one key (``core.tasks``): the unique pair is what
    keeps a second request, in any process, from queueing it again."""

    task = models.CharField(max_length=200)  # the task function's module path
    key = models.BigIntegerField()
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True)
    runner = models.CharField(max_length=300, blank=True)  # host:pid of the worker running it

    objects = StampedManager()  # a page may show that work is still to come

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "key"], name="task_queued_once")]

    def __str__(self) -> str:
        return f"{self.task}({self.key})"
