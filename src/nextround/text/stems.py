"""Word stems, for matching texts that say the same thing in different forms ("managed",
"management"), and the overlap of two texts' stems."""

from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

from nextround.text.words import STOPWORDS, words


class _PerThread(threading.local):
    """A snowball stemmer keeps the word it is working on in itself, so two threads sharing one
    corrupt each other's words (wrong stems, IndexError). Each thread gets its own."""

    def __init__(self) -> None:
        self.stemmer = snowballstemmer.stemmer("english")


_LOCAL = _PerThread()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One normalised word's stem. Cached: the pure-Python stemmer is slow and the vocabulary
    is small. Safe from any thread: the cache only ever holds what a thread's own stemmer
    answered."""
    return str(_LOCAL.stemmer.stemWord(word))


# Every word stemmed so far through ``stem_set``, looked up a whole set at a time (a plain dict
# answers at C speed, where ``stem``'s cache costs a Python call a word). Only added to, up to
# a bound; dict operations are atomic, so threads may share it.
_STEMMED: dict[str, str] = {}
_STEMMED_MAX = 65536


def stem_set(distinct: set[str] | frozenset[str]) -> frozenset[str]:
    """The stems of a set of normalised words: ``frozenset(map(stem, distinct))``."""
    missing = distinct - _STEMMED.keys()
    if missing:
        if len(_STEMMED) >= _STEMMED_MAX:  # full: each word through ``stem``'s own cache
            return frozenset(map(stem, distinct))
        _STEMMED.update({word: stem(word) for word in missing})
    return frozenset(map(_STEMMED.__getitem__, distinct))


def stems(text: str) -> list[str]:
    """The stem of every word of the text, in order."""
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
