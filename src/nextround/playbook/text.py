"""Small text helpers shared by the playbook's matchers: words, stems, overlap."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import snowballstemmer

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Words too common to say anything about what two questions share.
STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been before but by can could did do
    does for from had has have how i i'd i'm if in into is it its it's me more most my of on
    one or our out so some than that the their them then there these they this those to
    up us very was we were what when where which while who why will with would you your
    you've you're yourself""".split()  # noqa: SIM905 - easier to read and edit
)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One word's stem. Cached: the pure-Python stemmer is slow and the vocabulary is small."""
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's meaningful words, for comparing what two texts are about."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two stem sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
