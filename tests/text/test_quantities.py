"""Figures in text (nextround.text.quantities). The story analyzer's own tests
(tests/test_star.py) cover the kinds of figure in depth; these cover what the toolkit adds."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nextround.text import Quantity, find_quantities, quantities_in


@dataclass(frozen=True)
class Piece:
    text: str
    start: int


def test_each_kind_of_figure_is_found_with_its_offsets() -> None:
    text = "Cut costs by 30%, saved $2.4M, onboarded 400 merchants in three weeks."
    found = find_quantities(text)
    assert [(q.text, q.kind) for q in found] == [
        ("30%", "percent"),
        ("$2.4M", "money"),
        ("400 merchants", "count"),
        ("three weeks", "time"),
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize("clock", ["5 o'clock", "5 o’clock", "5 oclock"])
def test_a_time_of_day_is_not_a_count(clock: str) -> None:
    assert find_quantities(f"We met at {clock} every day.") == []


@pytest.mark.parametrize("pronoun", ["it's", "it’s", "you're"])
def test_a_contracted_stop_word_after_a_number_is_not_counted(pronoun: str) -> None:
    assert find_quantities(f"By 3 {pronoun} usually done.") == []


def test_an_id_is_counted_like_any_noun() -> None:
    assert [q.text for q in find_quantities("We issued 200 ID cards.")] == ["200 ID"]


def test_quantities_in_pieces_have_offsets_into_the_whole_text() -> None:
    text = "We were late. Then we cut delays by 40% in two weeks."
    second = text.index("Then")
    found = quantities_in([Piece(text[:second], 0), Piece(text[second:], second)])
    assert found == [
        Quantity(text="40%", start=text.index("40%"), end=text.index("40%") + 3, kind="percent"),
        Quantity(
            text="two weeks",
            start=text.index("two weeks"),
            end=text.index("two weeks") + 9,
            kind="time",
        ),
    ]


def test_pieces_without_a_digit_or_number_word_are_skipped_but_none_is_lost() -> None:
    # Every figure holds a digit or a number word, so skipping the others loses nothing.
    pieces = [Piece("Sales doubled.", 0), Piece("It was hard.", 15), Piece("Top 5 in sales.", 28)]
    assert [(q.text, q.start) for q in quantities_in(pieces)] == [("doubled", 6), ("Top 5", 28)]
