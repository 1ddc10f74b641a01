"""Stems and stem overlap (nextround.text.stems)."""

from __future__ import annotations

import pytest

from nextround.text import content_stems, overlap, stem, stems


def test_forms_of_one_word_share_a_stem() -> None:
    assert stem("managed") == stem("management") == stem("managing")
    assert stem("stakeholders") == stem("stakeholder")
    assert stem("excellent") != stem("experience")


@pytest.mark.parametrize("spelling", ["I'm managing", "I’m managing", "Im managing"])
def test_every_spelling_of_a_contraction_has_the_same_stems(spelling: str) -> None:
    assert stems(spelling) == ["im", stem("managing")]


def test_content_stems_leave_out_stop_words() -> None:
    assert content_stems("I am managing the stakeholders") == frozenset(
        {stem("managing"), stem("stakeholders")}
    )
    assert content_stems("I’m the one you're hiring") == frozenset({stem("hiring")})


def test_overlap_is_the_jaccard_similarity_of_two_stem_sets() -> None:
    a = content_stems("managed stakeholders in finance")
    b = content_stems("stakeholder management")
    assert overlap(a, b) == pytest.approx(2 / 3)
    assert overlap(a, a) == 1.0
    assert overlap(a, frozenset()) == 0.0
    assert overlap(frozenset(), frozenset()) == 0.0
