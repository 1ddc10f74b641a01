"""Figures in text (nextround.text.quantities): every kind of figure with its offsets, numbers
that are not figures, and figures found in the pieces of a longer text."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nextround.text import Quantity, find_quantities, quantities_in
from tests.text.helpers import QUANTIFIED_RESULTS, UNQUANTIFIED_RESULTS


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


def test_quantity_offsets_counted_by_hand() -> None:
    # C-u-t-space is 0–3, "costs" 4–8, space 9, "by" 10–11, space 12, "30%" 13–15
    assert find_quantities("Cut costs by 30% in Q3.") == [
        Quantity(text="30%", start=13, end=16, kind="percent")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # percent
        ("Churn fell 30% in spring.", [("30%", "percent")]),
        ("Churn fell 30 percent.", [("30 percent", "percent")]),
        ("A rise of twelve per cent.", [("twelve per cent", "percent")]),
        ("Errors fell 30–40% after launch.", [("30–40%", "percent")]),
        # money
        ("We saved $2.4M on hosting.", [("$2.4M", "money")]),
        ("It freed €500k for hiring.", [("€500k", "money")]),
        ("A saving of £40,000 a year.", [("£40,000", "money")]),
        ("It brought in 1.2 million dollars.", [("1.2 million dollars", "money")]),
        # count
        ("I hired 12 engineers.", [("12 engineers", "count")]),
        ("We won three clients.", [("three clients", "count")]),
        ("Signed 12 new clients.", [("12 new clients", "count")]),
        ("It reached 40,000 users.", [("40,000 users", "count")]),
        ("Used by hundreds of schools.", [("hundreds of schools", "count")]),
        ("Falls dropped from four a week to none.", [("four a week", "count")]),
        ("Complaints fell to 2 per month.", [("2 per month", "count")]),
        ("We cut waits from 40 minutes to 15 within a month.", [("40 minutes", "time")]),
        # time
        ("Shipped in 6 weeks.", [("6 weeks", "time")]),
        ("It saved 10 hours a week.", [("10 hours a week", "time")]),
        ("Delivered two days early.", [("two days early", "time")]),
        ("Pages load in 800ms now.", [("800ms", "time")]),
        ("Fixed in one week.", [("one week", "time")]),
        # rank
        ("The team is now top 5 nationally.", [("top 5", "rank")]),
        ("We became #1 in the app store.", [("#1", "rank")]),
        ("The store was first in region.", [("first in region", "rank")]),
        ("She took second place.", [("second place", "rank")]),
        ("Our entry ranked third overall.", [("ranked third", "rank")]),
        # multiple
        ("Sign-ups doubled.", [("doubled", "multiple")]),
        ("Output tripled in a year.", [("tripled", "multiple")]),
        ("The build is 2x faster.", [("2x", "multiple")]),
        ("Waiting times halved.", [("halved", "multiple")]),
        ("Queries run three times faster.", [("three times faster", "multiple")]),
        ("We cut the backlog in half.", [("cut the backlog in half", "multiple")]),
        ("We cut veg waste by about a quarter.", [("by about a quarter", "multiple")]),
        ("Falls dropped by nearly two thirds.", [("by nearly two thirds", "multiple")]),
        ("It cut the wait by a quarter to make room.", [("by a quarter", "multiple")]),
        # … but a clock time is not a share: "by a quarter past five"
        ("We were on the ward by a quarter past five.", []),
        ("Everyone was out by half past six.", []),
        # several in one sentence, in order
        (
            "Revenue rose 25% to $3M and 2 new hires joined.",
            [("25%", "percent"), ("$3M", "money"), ("2 new hires", "count")],
        ),
    ],
)
def test_each_kind_of_quantity(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_quantities(text)
    assert [(text[q.start : q.end], q.kind) for q in found] == expected
    assert all(q.text == text[q.start : q.end] for q in found)


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 I joined the team.",
        "Back in 2019 revenue was flat.",
        "We launched on March 3 and again on 14 April.",
        "The cut-over ran on 3/4/2021 and 2021-03-04.",
        "We moved to Python 3.11 last spring.",
        "Python 3 users were unhappy.",
        "The v2 launch slipped.",
        "1. Rebuilt the pipeline\n2. Trained the staff\n3. Wrote the docs",
        "(1) Listened (2) Planned",
        "Q3 planning started late.",
        "COVID-19 cases closed the site.",
        "We offer 24/7 support.",
        "I closed ticket #4521.",
        "One day the server went down.",
        "First of all, the budget was tight.",
        "The call was at 9:30 in the morning.",
        "Step 1 was to listen.",
        "We were doubling down on quality.",
        "In 2019 a year went by.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_year_beside_a_real_figure_is_skipped() -> None:
    text = "In 2019 we cut costs by 15%."
    assert [q.text for q in find_quantities(text)] == ["15%"]


@pytest.mark.parametrize(("sentence", "figure"), QUANTIFIED_RESULTS)
def test_number_words_are_figures_when_they_count_something(sentence: str, figure: str) -> None:
    assert [q.text for q in find_quantities(sentence)] == [figure]


@pytest.mark.parametrize("sentence", UNQUANTIFIED_RESULTS)
def test_years_versions_and_vague_amounts_are_not_figures(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_figures_are_found_whatever_the_case_and_quoted_as_written() -> None:
    lower = find_quantities("we cut costs by 30% in three weeks and served 400 merchants")
    upper = find_quantities("WE CUT COSTS BY 30% IN THREE WEEKS AND SERVED 400 MERCHANTS")
    assert [(q.start, q.end, q.kind) for q in upper] == [(q.start, q.end, q.kind) for q in lower]
    assert [q.text for q in upper] == ["30%", "THREE WEEKS", "400 MERCHANTS"]


def test_a_share_said_in_words_is_found_in_a_longer_text() -> None:
    # The cheap first look for a figure knows "quarter" too, so the share is not skipped.
    text = "We cut veg waste by about a quarter."
    found = quantities_in([Piece(text, 0)])
    assert [q.text for q in found] == ["by about a quarter"]
