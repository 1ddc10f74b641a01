"""Hedges: words and phrases that soften a claim ("I think", "maybe", "kind of hard", "I just
helped"). Said now and then they sound thoughtful; said often they make every claim sound
unsure."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count

from nextround.feedback.fillers import kind_of, kind_of_pads
from nextround.feedback.report import Span
from nextround.feedback.tokens import SUBJECTS, Scan, spans, word_set
from nextround.text import Tokens

# Fixed phrases that soften a claim, as normalised words; checked longest first. "I think of"
# and "I believe in" are excluded in _hedge_at.
_HEDGE_LIST = (
    "i think",
    "i guess",
    "i suppose",
    "i believe",
    "i feel like",
    "i would say",
    "id say",
    "maybe",
    "probably",
    "perhaps",
    "possibly",
    "hopefully",
    "im not sure",
    "i am not sure",
    "not really sure",
    "im not certain",
    "a little bit",
    "a little",
    "a bit",
    "more or less",
    "somewhat",
)


def _by_opening(phrases: Sequence[str]) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples grouped by their first two words (the first alone for a one-word
    phrase), longest first: a phrase is looked up by the word it starts at and the next."""
    grouped: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words_ = tuple(phrase.split())
        grouped.setdefault(words_[:2], []).append(words_)
    return {opening: tuple(sorted(g, key=len, reverse=True)) for opening, g in grouped.items()}


_HEDGE_PHRASES = _by_opening(_HEDGE_LIST)
# A word starts one-word phrases or longer ones, never both, so one lookup finds its phrases.
_ALONE = frozenset(opening[0] for opening in _HEDGE_PHRASES if len(opening) == 1)
assert all(len(opening) == 1 or opening[0] not in _ALONE for opening in _HEDGE_PHRASES)
_HEDGE_NOT_AFTER: dict[tuple[str, ...], set[str]] = {
    ("i", "think"): {"about", "of"},
    ("i", "believe"): {"in"},
}
# "just" softens when it downplays what you did ("I just helped", "just wanted to"); it does
# not in fixed phrases of time or manner ("just in time", "just as", "just now").
_JUST_SOFTENS_AFTER = word_set(
    """wanted want wanna trying tried thought think feel felt kind kinda sort sorta a helped
    help did do try say said guess hoped hope made followed"""
)
_JUST_NOT_AFTER = word_set(
    "in as like now then before after because about over under enough right when"
)
_JUST_SOFTENS_BEFORE = SUBJECTS | word_set("im were theyre ive weve was")
_LOOSE = word_set("just kind sort kinda sorta")  # hedges with rules of their own
_HEDGE_STARTS = frozenset(opening[0] for opening in _HEDGE_PHRASES) | _LOOSE
# For a word all of whose phrases go on to a second word: those second words.
_SECOND_WORDS: dict[str, frozenset[str]] = {
    first: frozenset(o[1] for o in _HEDGE_PHRASES if len(o) == 2 and o[0] == first)
    for first in _HEDGE_STARTS - _ALONE - _LOOSE
}


def find_hedges(text: str, tokens: Tokens | None = None) -> list[Span]:
    """Words and phrases that soften a claim, in order, with offsets into ``text``."""
    tokens = Tokens(text) if tokens is None else tokens
    scan = Scan(tokens)
    ranges: list[tuple[int, int]] = []
    after = 0  # the first token not inside a hedge already found
    # Only the few tokens a hedge can start with are looked at, picked out without a Python
    # step per token; not a word whose phrases all go on to words the text never says ("a"
    # without "little" or "bit").
    distinct = tokens.distinct
    starting = {
        w
        for w in _HEDGE_STARTS & distinct
        if w not in _SECOND_WORDS or not _SECOND_WORDS[w].isdisjoint(distinct)
    }
    for i in compress(count(), map(starting.__contains__, scan.words)):
        if i < after:
            continue
        last = _hedge_at(scan, i)
        if last is not None:
            ranges.append((i, last))
            after = last + 1
    return spans(tokens, ranges)


def _hedge_at(scan: Scan, i: int) -> int | None:
    words = scan.words
    word = words[i]
    opening = (word,) if word in _ALONE else (word, scan.word(i + 1))
    for phrase in _HEDGE_PHRASES.get(opening, ()):
        n = len(phrase)
        # A slice past the end is shorter than the phrase, and a mark is "": neither matches.
        if n > 2 and tuple(words[i + 2 : i + n]) != phrase[2:]:
            continue
        if scan.word(i + n) in _HEDGE_NOT_AFTER.get(phrase, ()):
            continue
        return i + n - 1
    if words[i] == "just":
        return i if _just_softens(scan, i) else None
    last = kind_of(scan, i)
    if last is not None and not kind_of_pads(scan, last):
        return last  # "kind of hard": the loose "kind of" that softens the next word
    return None


def _just_softens(scan: Scan, i: int) -> bool:
    after = scan.word(i + 1)
    if after in _JUST_NOT_AFTER:
        return False
    return scan.word(i - 1) in _JUST_SOFTENS_BEFORE or after in _JUST_SOFTENS_AFTER
