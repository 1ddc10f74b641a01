"""Sameness across a panel's notes (nextround.letters.similarity): word 3-shingle Jaccard without
greeting and sign-off, a warning above 0.30, and the passages the notes share."""

from __future__ import annotations

import msgspec
import pytest

from nextround.letters import TOO_SIMILAR, Draft, draft_thanks, note_core, panel_similarity
from nextround.letters.similarity import jaccard, shared_passages, shingles
from tests.letters.helpers import CANDIDATE, PANEL


def _drafts() -> list[Draft]:
    return [d for d in draft_thanks(CANDIDATE, PANEL) if isinstance(d, Draft)]


def test_a_panel_of_three_is_pairwise_below_the_warning() -> None:
    pairs = panel_similarity(_drafts())
    assert {(p.first, p.second) for p in pairs} == {(0, 1), (0, 2), (1, 2)}
    for pair in pairs:
        assert 0 <= pair.jaccard < TOO_SIMILAR
        assert not pair.too_similar


def test_a_copied_note_fires_the_warning_and_shows_what_is_shared() -> None:
    zoe, li, dana = _drafts()
    core = note_core(zoe.body)
    copied = msgspec.structs.replace(li, body=f"Hi 李娜,\n\n{core}\n\nCheers,\nSam Rivera\n")
    pairs = panel_similarity([zoe, copied, dana])
    top = pairs[0]
    assert (top.first, top.second) == (0, 1)
    assert top.jaccard == 1.0
    assert top.too_similar
    # One passage: the whole note, as written, from its first word to its last.
    assert top.shared == (" ".join(core.split()).rstrip("."),)
    assert not any(p.too_similar for p in pairs[1:])


def test_a_partly_copied_note_shows_the_shared_passages_only() -> None:
    zoe, li, _ = _drafts()
    zoe_paragraphs = note_core(zoe.body).split("\n\n")
    li_paragraphs = note_core(li.body).split("\n\n")
    # Li's note with Zoë's middle paragraph pasted in place of its own.
    edited = "\n\n".join([li_paragraphs[0], zoe_paragraphs[1], li_paragraphs[2]])
    pairs = panel_similarity([zoe, msgspec.structs.replace(li, body=edited)])
    (pair,) = pairs
    assert pair.jaccard > 0.2
    assert " ".join(zoe_paragraphs[1].split()).rstrip(".") in pair.shared


def test_greeting_and_sign_off_do_not_count() -> None:
    body = "Dear Zoë Ångström,\n\nThank you for the talk.\n\nKind regards,\nSam Rivera\n"
    assert note_core(body) == "Thank you for the talk."
    # A note without them keeps all its text.
    assert note_core("Thank you for the talk.\n\nIt helped.") == (
        "Thank you for the talk.\n\nIt helped."
    )
    same_but_greeting = [
        msgspec.structs.replace(
            _drafts()[0], body=f"{greeting}\n\nThe same words in every note here.\n\n{sign}\nSam\n"
        )
        for greeting, sign in (("Dear Ann,", "Best,"), ("Hello Bo Li,", "With thanks,"))
    ]
    (pair,) = panel_similarity(same_but_greeting)
    assert pair.jaccard == 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("one two three four", "one two three four", 1.0),
        ("one two three four", "two three four five", 1 / 3),
        ("one two three", "four five six", 0.0),
        ("", "", 0.0),
        ("One, two; THREE", "one two three", 1.0),  # case and punctuation do not count
    ],
)
def test_jaccard_of_word_three_shingles(a: str, b: str, expected: float) -> None:
    assert jaccard(shingles(a), shingles(b)) == pytest.approx(expected)


def test_shared_passages_merge_overlapping_shingles_and_quote_the_text() -> None:
    text = "We met at the depot. Then, the Night Shift started early and ran late."
    other = shingles("the night shift started early. Also: we met at noon")
    assert shared_passages(text, other) == ("We met at", "the Night Shift started early")
