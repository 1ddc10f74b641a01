"""What every app's section of the workspace export shares: a reader for the document's JSON
objects whose errors name where in the file they are, validation for records written as stored,
and the tally of what an import added.

The document itself (its header, versions and the order of sections) belongs to the workspace
app; each domain app writes and reads its own records in ``<app>/transfer.py``.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from nextround.errors import Invalid

T = TypeVar("T")

#: Turns a person's database id into how a record names them: a ref in a file, the id itself in
#: the CLI's JSON output.
PersonRef = Callable[[int], object]


# --- writing -------------------------------------------------------------------------------


def amount_text(value: Decimal | None) -> str | None:
    # Strings, not floats: money must not pick up binary rounding on the way.
    return None if value is None else str(value)


def day_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# --- reading -------------------------------------------------------------------------------


def json_kind(value: object) -> str:
    """How a JSON value is named in an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class Record:
    """One JSON object of the document, read field by field; every error names its path."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise Invalid(f"{path}: expected an object, got {json_kind(data)}.")
        self.data: dict[str, Any] = data
        self.path = path

    def at(self, key: str) -> str:
        """The path of one of this record's keys (the document itself has an empty path)."""
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, message: str) -> Invalid:
        return Invalid(f"{self.at(key)}: {message}")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def value_of(self, key: str, expected: tuple[type, ...], name: str) -> Any:
        """The value of a required key, checked to be of one of the ``expected`` JSON types."""
        if key not in self.data:
            raise self.error(key, "missing.")
        value = self.data[key]
        # bool is an int to Python, but true/false is no number in JSON.
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
            raise self.error(key, f"expected {name}, got {json_kind(value)}.")
        return value

    def text(self, key: str) -> str:
        value: str = self.value_of(key, (str,), "text")
        return value

    def texts(self, keys: Iterable[str]) -> dict[str, str]:
        """The text fields among ``keys`` that are present; absent ones keep model defaults."""
        return {key: self.text(key) for key in keys if key in self.data}

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.error(key, f"unknown value {value!r}; expected one of {', '.join(allowed)}.")
        return value

    def choice_or(self, key: str, allowed: Sequence[str], default: str) -> str:
        """An optional choice: ``default`` when the key is absent or null."""
        return self.choice(key, allowed) if self.has(key) else default

    def integer(self, key: str) -> int:
        value: int = self.value_of(key, (int,), "a whole number")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self.value_of(key, (bool,), "true or false")
        return value

    def uid(self, key: str) -> uuid.UUID:
        try:
            return uuid.UUID(self.text(key))
        except ValueError:
            raise self.error(key, "not a valid UUID.") from None

    def day(self, key: str) -> date:
        value = self.value_of(key, (str,), "a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"{value!r} is not a date such as 2026-03-31.") from None

    def moment(self, key: str) -> datetime:
        """An ISO 8601 date and time; without an offset it stays naive, for the caller."""
        value = self.value_of(key, (str,), "a date and time")
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise self.error(
                key, f"{value!r} is not a date and time such as 2026-03-31T09:30:00+02:00."
            ) from None

    def instant(self, key: str) -> datetime:
        """A moment in time; a naive one is taken in the configured time zone."""
        moment = self.moment(key)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def amount(self, key: str) -> Decimal:
        value = self.value_of(key, (str, int, float), 'an amount such as "95000.00"')
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite():
            raise self.error(key, f'{value!r} is not an amount such as "95000.00".')
        return amount

    def number(self, key: str) -> float:
        """A finite number, whole or not."""
        value = self.value_of(key, (int, float), "a number")
        if not math.isfinite(value):
            raise self.error(key, f"expected a finite number, got {value!r}.")
        return float(value)

    def record(self, key: str) -> Record:
        """A nested object, read with its own path."""
        return Record(self.value_of(key, (dict,), "an object"), self.at(key))

    def optional(self, key: str, read: Callable[[Record, str], T]) -> T | None:
        """``read(self, key)`` when the key holds a value; None when it is absent or null."""
        return read(self, key) if self.has(key) else None

    def records(self, key: str) -> list[Record]:
        if not self.has(key):
            return []
        items: list[Any] = self.value_of(key, (list,), "a list")
        return [Record(item, f"{self.at(key)}[{i}]") for i, item in enumerate(items)]

    def refs(self, key: str, what: str = "a person ref") -> list[tuple[str, str]]:
        """A list of refs, each with its own path."""
        if not self.has(key):
            return []
        items: list[Any] = self.value_of(key, (list,), "a list")
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise Invalid(f"{self.at(key)}[{i}]: expected {what}, got {json_kind(item)}.")
        return [(f"{self.at(key)}[{i}]", item) for i, item in enumerate(items)]


@contextmanager
def located(path: str, *, renamed: Mapping[str, str] | None = None) -> Iterator[None]:
    """Prefix a service's Invalid with where in the document the record is; ``renamed`` maps
    model field names to how the document spells them."""
    try:
        yield
    except Invalid as exc:
        raise Invalid(where(path, exc, renamed=renamed), exc.field_errors) from exc


def validate(instance: models.Model, *, path: str, what: str, exclude: Sequence[str] = ()) -> None:
    """``full_clean`` for a record written without a service. Constraints across records are
    checked by the callers instead, with messages that name the other record; ``exclude``
    names links the caller sets itself (to a parent not saved yet, or one it just read)."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        error = Invalid(f"The {what} was not saved.", exc.message_dict)
        raise Invalid(where(path, error), error.field_errors) from exc


def save_valid(instance: models.Model, *, path: str, what: str) -> None:
    validate(instance, path=path, what=what)
    instance.save()


def where(path: str, exc: Invalid, *, renamed: Mapping[str, str] | None = None) -> str:
    if not exc.field_errors:
        return f"{path}: {exc.message}"
    parts = []
    for field, messages in exc.field_errors.items():
        at = path if field == NON_FIELD_ERRORS else f"{path}.{(renamed or {}).get(field, field)}"
        parts.append(f"{at}: {' '.join(messages)}")
    return "; ".join(parts)


def once(item: Record, key: str, value: Hashable, seen: dict[Hashable, str], what: str) -> None:
    """Refuse a value that an earlier record of the same list already holds."""
    if value in seen:
        raise item.error(key, f"{what} is already at {seen[value]}.")
    seen[value] = item.path


def restore_times(instance: models.Model, times: Mapping[str, datetime]) -> None:
    """Creation and update times are not set by the services, but a copy must keep them."""
    if times:
        type(instance)._default_manager.filter(pk=instance.pk).update(**times)
        for name, value in times.items():
            setattr(instance, name, value)


def stamps(item: Record, *keys: str) -> dict[str, datetime]:
    return {key: item.instant(key) for key in keys if item.has(key)}


# --- the tally of an import ----------------------------------------------------------------


class Tally:
    """How many records of each kind an import added (by plural name: ``tally.stories``), and
    how many it skipped because the workspace already holds them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.skipped = 0

    def __getattr__(self, name: str) -> int:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.counts[name]

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n


def count_phrase(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
