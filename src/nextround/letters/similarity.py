"""How alike the notes of one panel are: word 3-shingle Jaccard over each note without its
greeting and sign-off, and the passages two notes share, so the page can warn when notes read
as copies (above ``TOO_SIMILAR``) and show where."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

import msgspec

from nextround.letters.model import Draft
from nextround.text import Tokens

TOO_SIMILAR = 0.30
SHINGLE = 3

# A greeting paragraph: a few words ending with a comma ("Dear Zoë,", "Hi Sam,").
_GREETING = re.compile(r"^\s*(?:\S+\s+){0,5}\S+,\s*$")
# A sign-off paragraph: a closing phrase ending with a comma, then the name.
_SIGN_OFF = re.compile(r"^\s*(?:\S+\s+){0,3}\S+,\s*\n(?:.*\S.*)?\s*$")


class Similarity(msgspec.Struct, frozen=True):
    """Two notes of the panel (by their place in it), how alike they are, what they share."""

    first: int
    second: int
    jaccard: float
    shared: tuple[str, ...]  # passages of the first note also in the second, as written

    @property
    def too_similar(self) -> bool:
        return self.jaccard > TOO_SIMILAR


def note_core(body: str) -> str:
    """The note without its greeting (the first paragraph, when it is one) and its sign-off (the
    last paragraph, when it is one)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    if len(paragraphs) > 1 and _GREETING.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and _SIGN_OFF.match(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    return "\n\n".join(paragraphs)


def shingles(text: str) -> set[tuple[str, ...]]:
    """Every run of three consecutive words of the text, normalised."""
    words = [w for w in Tokens(text).words if w]
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def shared_passages(text: str, others: set[tuple[str, ...]]) -> tuple[str, ...]:
    """The stretches of ``text`` made of shingles also in ``others``, overlapping ones merged,
    quoted as written."""
    tokens = Tokens(text)
    at = [i for i in range(tokens.size) if tokens.words[i]]
    words = [tokens.words[i] for i in at]
    covered = [False] * len(words)
    for i in range(len(words) - SHINGLE + 1):
        if tuple(words[i : i + SHINGLE]) in others:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    passages: list[str] = []
    i = 0
    while i < len(words):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and covered[j + 1]:
            j += 1
        passages.append(" ".join(text[tokens.starts[at[i]] : tokens.ends[at[j]]].split()))
        i = j + 1
    return tuple(passages)


def panel_similarity(drafts: Sequence[Draft]) -> list[Similarity]:
    """Every pair of the panel's notes, most alike first."""
    cores = [note_core(d.body) for d in drafts]
    sets = [shingles(c) for c in cores]
    pairs = [
        Similarity(
            first=i,
            second=j,
            jaccard=round(jaccard(sets[i], sets[j]), 4),
            shared=shared_passages(cores[i], sets[j]),
        )
        for i, j in combinations(range(len(drafts)), 2)
    ]
    return sorted(pairs, key=lambda p: (-p.jaccard, p.first, p.second))
