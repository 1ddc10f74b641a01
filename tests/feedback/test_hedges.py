"""Hedges (nextround.feedback.hedges): words that soften a claim, and the same words when they
do not. Every answer here is hand-written for these tests; offsets are computed from the text
with str.index so each one can be checked by eye."""

from __future__ import annotations

import pytest

from nextround.feedback.hedges import find_hedges
from tests.feedback.helpers import at, spans


def test_hedges_with_offsets() -> None:
    # A sales manager: 6 hedges.
    text = (
        "I think maybe the deal was a little bit late. I'm not sure why. "
        "Hopefully we probably learned something."
    )
    assert spans(find_hedges(text)) == [
        at(text, "I think"),
        at(text, "maybe"),
        at(text, "a little bit"),
        at(text, "I'm not sure"),
        at(text, "Hopefully"),
        at(text, "probably"),
    ]


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("I just wanted to help the team.", ["just"]),
        ("We just helped where we could.", ["just"]),
        ("The parts arrived just in time.", []),
        ("It went just as planned.", []),
        ("We started just after lunch.", []),
        ("I think about the customer first.", []),
        ("I think we should hire two more.", ["I think"]),
        ("I feel like the plan was right.", ["I feel like"]),
    ],
)
def test_just_and_other_hedges_in_context(text: str, hedges: list[str]) -> None:
    assert [s.text for s in find_hedges(text)] == hedges
