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


@pytest.mark.parametrize(
    ("text", "i_count", "we_count", "verdict"),
    [
        # I, my, me, I against we, our: 4 ≥ 2 × 2
        (
            "I told my manager that we should ask our users; she asked me to lead, and I did.",
            4,
            2,
            "first-person",
        ),
        # I ×3 against we, our: 3 < 2 × 2
        (
            "I drafted the plan, I ran the pilot, I trained the staff and we rolled it out with "
            "our partners.",
            3,
            2,
            "mixed",
        ),
        ("We built it and I tested it.", 1, 1, "team"),  # a tie goes to the team
        ("Rewrote the parser and added tests.", 0, 0, "none"),
        ("The US office helped us.", 0, 1, "team"),  # "US" is the country
        ("Later i fixed it myself, i.e. alone.", 2, 0, "first-person"),  # i, myself; not i.e.
        ("I’m proud; we’re done.", 1, 1, "team"),
    ],
)
def test_voice_counts(text: str, i_count: int, we_count: int, verdict: str) -> None:
    voice = voice_of(text)
    assert (voice.i_count, voice.we_count, voice.verdict) == (i_count, we_count, verdict)
