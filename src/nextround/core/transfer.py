"""What every app's section of the workspace export shares: a reader for the document's JSON
objects whose errors name where in the file they are, validation for records written as stored,
and the tally of what an import added.

The document itself (its header, versions and the order of sections) belongs to the workspace
app; each domain app writes and reads its own records in ``<app>/transfer.py``.
"""

from __future__ import annotations

import math
import re
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any, Generic, TypeAlias, TypeVar, cast

import msgspec
import msgspec.inspect as msgspec_inspect
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from nextround import timeutil
from nextround.errors import Invalid

T = TypeVar("T")
DateOrTime = TypeVar("DateOrTime", date, datetime)

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


class Doc(msgspec.Struct, kw_only=True):
    """The typed shape of one kind of record in the document. Keys a schema does not name are
    ignored (other sections read them). A field typed ``str | UnsetType`` may be left out, and
    then keeps the model's default; one typed ``... | None`` may also be null. Records nested in
    a record stay ``Rows`` and are read with their own schema and path."""


# Text the sections parse themselves, each with the words an error message uses for it
# ("expected a date, got a number").
Moment: TypeAlias = Annotated[str, msgspec.Meta(description="a date and time")]
Day: TypeAlias = Annotated[str, msgspec.Meta(description="a date")]
Amount: TypeAlias = Annotated[
    str | int | float, msgspec.Meta(description='an amount such as "95000.00"')
]
PersonRefList: TypeAlias = list[Annotated[str, msgspec.Meta(description="a person ref")]]
StoryRefList: TypeAlias = list[Annotated[str, msgspec.Meta(description="a story ref")]]

Rows: TypeAlias = list[dict[str, Any]]
D = TypeVar("D", bound=Doc)
S = TypeVar("S", bound=Doc)

# msgspec's names of JSON types, as our messages say them.
_EXPECTED_NAMES = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "an object",
}
_GOT_NAMES = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "null",
    "array": "a list",
    "object": "an object",
}
_TYPE_ERROR = re.compile(r"Expected `(?P<expected>[^`]+)`, got `(?P<got>[^`]+)`")
_MISSING = re.compile(r"Object missing required field `(?P<field>[^`]+)`")
_AT = re.compile(r" - at `\$(?P<at>[^`]*)`$")


def text_problem(value: str) -> str | None:
    """Why this text cannot be kept, or None. The forms' rule (Django's form fields refuse a
    null character, which PostgreSQL cannot store), and one a form never meets because a browser
    sends UTF-8: a JSON file can write half of a UTF-16 surrogate pair ("\\ud800"), which no
    database, page or terminal can encode."""
    if "\x00" in value:
        return str(ProhibitNullCharactersValidator.message)  # the form fields' own words
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"{ord(value[exc.start]):04x}"
        return f"a broken character (\\u{code}, half of a surrogate pair) where text should be."
    return None


def _check_texts(doc: Doc, path: str) -> None:
    """Every text a record read holds, and every text in its lists, keeps the forms' rules.
    (Nested records are checked when they are read, with their own paths.)"""
    for key in doc.__struct_fields__:
        value = getattr(doc, key)
        if isinstance(value, str):
            texts: Iterable[tuple[str, object]] = ((_join(path, key), value),)
        elif isinstance(value, list):
            texts = ((f"{_join(path, key)}[{i}]", item) for i, item in enumerate(value))
        else:
            continue
        for at, text in texts:
            if isinstance(text, str) and (problem := text_problem(text)):
                raise Invalid(f"{at}: {problem}")


def read(raw: object, schema: type[D], path: str) -> D:
    """``raw`` checked against ``schema``; a mismatch, or text a form would refuse, raises
    Invalid naming its path."""
    try:
        doc = msgspec.convert(raw, schema, strict=True)
    except msgspec.ValidationError as exc:
        raise Invalid(_message(str(exc), schema, path)) from None
    _check_texts(doc, path)
    return doc


def _message(error: str, schema: type[Doc], path: str) -> str:
    """msgspec's error, reworded as today's messages: ``rounds[1].ends: expected text, got a
    number.``"""
    found = _AT.search(error)
    inner = found["at"] if found else ""
    at = f"{path}{inner}" if path else inner.lstrip(".")
    if missing := _MISSING.match(error):
        return f"{_join(at, missing['field'])}: missing."
    if mismatch := _TYPE_ERROR.match(error):
        expected = _expected_name(mismatch["expected"], schema, inner)
        return f"{at}: expected {expected}, got {_GOT_NAMES.get(mismatch['got'], 'a value')}."
    return f"{at}: {error.split(' - at ')[0]}."


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _expected_name(types: str, schema: type[Doc], inner: str) -> str:
    key = inner.rsplit(".", 1)[-1]
    named = _description(schema, re.sub(r"\[\d+\]$", "", key), item=key.endswith("]"))
    if named:
        return named
    names = [_EXPECTED_NAMES.get(name, name) for name in types.split(" | ") if name != "null"]
    return " or ".join(names)


def _description(schema: type[Doc], field: str, *, item: bool) -> str | None:
    """The words a field (or each item of a list field) was annotated with, if any."""
    info = msgspec_inspect.type_info(schema)
    assert isinstance(info, msgspec_inspect.StructType)  # every schema is a Struct
    fields = {f.name: f.type for f in info.fields}
    kind = fields.get(field)
    for option in kind.types if isinstance(kind, msgspec_inspect.UnionType) else (kind,):
        if item and isinstance(option, msgspec_inspect.ListType):
            option = option.item_type
        if isinstance(option, msgspec_inspect.Metadata) and option.extra_json_schema:
            return str(option.extra_json_schema["description"])
    return None


@cache
def _texts_schema(keys: tuple[str, ...]) -> type[Doc]:
    """Optional text fields: left out, each keeps the model's default; null is refused."""
    fields = [(key, str | msgspec.UnsetType, msgspec.UNSET) for key in keys]
    return cast(type[Doc], msgspec.defstruct("Texts", fields, bases=(Doc,), kw_only=True))


def lookup(path: str, ref: str, found: Mapping[str, T], *, what: str, where: str) -> T:
    """The record a ref names, among those read so far ("no person with ref 'p9' in this
    opportunity")."""
    try:
        return found[ref]
    except KeyError:
        raise Invalid(f"{path}: no {what} with ref {ref!r} in {where}.") from None


class Record(Generic[D]):
    """One JSON object of the document, checked against its schema (``doc``), with the path
    that every error names."""

    def __init__(self, raw: object, schema: type[D], path: str) -> None:
        self.path = path
        self.doc: D = read(raw, schema, path)
        self.raw = raw

    def view(self, schema: type[S]) -> Record[S]:
        """The same object read with another section's schema (its own keys in a round, say)."""
        return Record(self.raw, schema, self.path)

    def at(self, key: str) -> str:
        """The path of one of this record's keys (the document itself has an empty path)."""
        return _join(self.path, key)

    def error(self, key: str, message: str) -> Invalid:
        return Invalid(f"{self.at(key)}: {message}")

    def has(self, key: str) -> bool:
        value = getattr(self.doc, key)
        return value is not None and value is not msgspec.UNSET

    def texts(self, keys: Iterable[str]) -> dict[str, str]:
        """The text fields among ``keys`` that are present (absent ones keep the model's
        defaults), checked by a schema made from the keys: the list of a model's text fields
        stays the one place that names them."""
        keys = tuple(keys)
        found = read(self.raw, _texts_schema(keys), self.path)
        return {key: value for key in keys if (value := getattr(found, key)) is not msgspec.UNSET}

    def choice(self, key: str, allowed: Sequence[str]) -> str:
        value: str = getattr(self.doc, key)
        if value not in allowed:
            raise self.error(key, f"unknown value {value!r}; expected one of {', '.join(allowed)}.")
        return value

    def choice_or(self, key: str, allowed: Sequence[str], default: str) -> str:
        """An optional choice: ``default`` when the key is absent or null."""
        return self.choice(key, allowed) if self.has(key) else default

    def uid(self, key: str) -> uuid.UUID:
        try:
            return uuid.UUID(getattr(self.doc, key))
        except ValueError:
            raise self.error(key, "not a valid UUID.") from None

    def day(self, key: str) -> date:
        value = getattr(self.doc, key)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise self.error(key, f"{value!r} is not a date such as 2026-03-31.") from None
        return self._in_range(key, day)

    def moment(self, key: str) -> datetime:
        """An ISO 8601 date and time; without an offset it stays naive, for the caller."""
        value = getattr(self.doc, key)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self.error(
                key, f"{value!r} is not a date and time such as 2026-03-31T09:30:00+02:00."
            ) from None
        return self._in_range(key, moment)

    def _in_range(self, key: str, value: DateOrTime) -> DateOrTime:
        """Before any offset is applied to it: year 1 or 9999 with an offset is no date at all."""
        try:
            timeutil.check_date(value)
        except Invalid as exc:
            raise self.error(key, exc.message) from None
        return value

    def instant(self, key: str) -> datetime:
        """A moment in time; a naive one is taken in the configured time zone."""
        moment = self.moment(key)
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def amount(self, key: str) -> Decimal:
        value = getattr(self.doc, key)
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite():
            raise self.error(key, f'{value!r} is not an amount such as "95000.00".')
        return amount

    def finite(self, key: str) -> float:
        """A number that is neither infinite nor NaN."""
        value: float = getattr(self.doc, key)
        if not math.isfinite(value):
            raise self.error(key, f"expected a finite number, got {value!r}.")
        return value

    def record(self, key: str, schema: type[S]) -> Record[S]:
        """A nested object, read with its own schema and path."""
        return Record(getattr(self.doc, key), schema, self.at(key))

    def optional(self, key: str, read: Callable[[Record[D], str], T]) -> T | None:
        """``read(self, key)`` when the key holds a value; None when it is absent or null."""
        return read(self, key) if self.has(key) else None

    def records(self, key: str, schema: type[S]) -> list[Record[S]]:
        rows: Rows = getattr(self.doc, key) or []
        return [Record(row, schema, f"{self.at(key)}[{i}]") for i, row in enumerate(rows)]

    def refs(self, key: str) -> list[tuple[str, str]]:
        """A list of refs, each with its own path."""
        refs: list[str] = getattr(self.doc, key) or []
        return [(f"{self.at(key)}[{i}]", ref) for i, ref in enumerate(refs)]


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


def once(
    item: Record[Any], key: str, value: Hashable, seen: dict[Hashable, str], what: str
) -> None:
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


def stamps(item: Record[Any], *keys: str) -> dict[str, datetime]:
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
