""" "I" against "we" (nextround.text.voice)."""

from __future__ import annotations

import pytest

from nextround.text import Voice, voice_of


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("I wrote the tests and I shipped it.", Voice(2, 0, "first-person")),
        ("I’m sure we did.", Voice(1, 1, "team")),  # a curly apostrophe still says "I"
        (
            "We planned it; I built it, I tested it, and my lead signed off.",
            Voice(3, 1, "first-person"),
        ),
        ("I built it, I tested it, and we shipped it with our team.", Voice(2, 2, "team")),
        (
            "I built it, I tested it, I documented it, and we shipped it with our team.",
            Voice(3, 2, "mixed"),
        ),
        ("The job ran nightly.", Voice(0, 0, "none")),
    ],
)
def test_counts_and_verdict(text: str, voice: Voice) -> None:
    assert voice_of(text) == voice


def test_the_country_and_latin_abbreviations_are_not_pronouns() -> None:
    assert voice_of("We sold in the US, i.e. (i) New York and us.") == Voice(0, 2, "team")
