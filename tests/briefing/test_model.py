"""The brief's structs: empty parts are not shown, a section says what to add when empty."""

from __future__ import annotations

import pytest

from nextround.briefing import Brief, Entry, Line, Part, Section, Table


def test_a_section_shows_only_parts_with_something_in_them() -> None:
    filled = Part(title="Promises due", table=Table(("Promise", "Due"), (("Send it", "Friday"),)))
    section = Section(
        key="carried",
        title="Carried forward",
        empty="Nothing yet.",
        parts=(Part(title="Questions", table=Table(("Q",), ())), filled, Part(lines=())),
    )
    assert section.shown == (filled,) and not section.is_empty
    bare = Section(key="research", title="Research", empty="Add facts.", parts=(Part(),))
    assert bare.is_empty and bare.shown == ()


def test_a_brief_names_its_empty_sections_and_finds_one_by_key() -> None:
    people = Section(
        key="people",
        title="The people",
        empty="Add people.",
        parts=(Part(entries=(Entry("Maya", lines=(Line("Background", "Analytics"),)),)),),
    )
    research = Section(key="research", title="Research", empty="Add facts.")
    brief = Brief(title="T", subtitle="S", sections=(people, research))
    assert brief.empty_keys == ("research",)
    assert brief.section("people") is people
    with pytest.raises(KeyError):
        brief.section("money")


def test_a_table_row_must_fill_every_column() -> None:
    with pytest.raises(ValueError, match="2 cells under 3 headers"):
        Table(("a", "b", "c"), (("1", "2"),))
