"""Answers several feedback test files use, and helpers to write expected spans by hand."""

from __future__ import annotations

from collections.abc import Sequence

from nextround.feedback import Span

# --- A strong story: a ward nurse fixing medication rounds ------------------------------------

NURSE = (
    "At my last job on a busy surgical ward, we had a problem with missed medication rounds "
    "during the night shift. My job was to fix the handover between shifts without extra staff. "
    "I designed a one-page checklist, trained fourteen colleagues and audited the rounds every "
    "week for two months. I also met the pharmacists and agreed a new order for the trolley. "
    "As a result, missed doses fell by 60% and the checklist was adopted by three other wards."
)
STORY_QUESTION = "Tell me about a time you improved a process."
# The same story told in full: 157 words, about 75 seconds when spoken.
NURSE_FULL = (
    "At my last job I worked nights on a busy surgical ward with thirty beds, and we had a "
    "problem: medication rounds were often missed or late when the shifts changed over. "
    "My job was to fix the handover between shifts without any extra staff or budget. "
    "I started by shadowing three handovers and writing down every step and every interruption. "
    "I designed a one-page checklist with the pharmacists, tested it for a week with two "
    "colleagues, and changed the order of the trolley so the urgent doses came first. "
    "Then I trained fourteen colleagues in short sessions at the start of each shift, and I "
    "audited the rounds every week for two months, sharing the figures with the ward manager. "
    "As a result, missed doses fell by 60% in eight weeks and late doses halved. "
    "The checklist was adopted by three other wards, and I now run the training for new staff "
    "on the whole floor."
)


def spans(found: Sequence[Span]) -> list[tuple[str, int, int]]:
    return [(s.text, s.start, s.end) for s in found]


def at(text: str, piece: str, start: int = 0) -> tuple[str, int, int]:
    """The span of ``piece`` in ``text`` (first occurrence from ``start``)."""
    i = text.index(piece, start)
    return (piece, i, i + len(piece))


def words_of(n: int) -> str:
    return " ".join(["word"] * n) + "."
