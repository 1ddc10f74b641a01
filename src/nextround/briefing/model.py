"""The brief as msgspec structs: ordered sections, each made of parts (a heading, labelled
lines, entries and a table), and the line a section says when it has nothing in it."""

from __future__ import annotations

import msgspec


class Line(msgspec.Struct, frozen=True):
    """A labelled fact: "Dress code: business casual"."""

    label: str
    text: str


class Entry(msgspec.Struct, frozen=True):
    """One thing with its facts: a person, a question, a concern, a strength."""

    title: str
    badges: tuple[str, ...] = ()
    lines: tuple[Line, ...] = ()


class Table(msgspec.Struct, frozen=True):
    """Rows under headers; every row has one cell per header."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(f"A row of {len(row)} cells under {len(self.headers)} headers.")


class Part(msgspec.Struct, frozen=True):
    """A piece of a section, under its own heading when ``title`` is set."""

    title: str = ""
    lines: tuple[Line, ...] = ()
    entries: tuple[Entry, ...] = ()
    table: Table | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.lines or self.entries or (self.table and self.table.rows))


class Section(msgspec.Struct, frozen=True):
    """``empty`` says in one line what to add, shown when no part has anything."""

    key: str
    title: str
    empty: str
    parts: tuple[Part, ...] = ()

    @property
    def shown(self) -> tuple[Part, ...]:
        """The parts with something in them: a template never draws a heading over nothing."""
        return tuple(p for p in self.parts if not p.is_empty)

    @property
    def is_empty(self) -> bool:
        return not self.shown


class Brief(msgspec.Struct, frozen=True):
    title: str
    subtitle: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    @property
    def empty_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections if s.is_empty)
