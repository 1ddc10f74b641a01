"""Delivery: how the answer sounds rather than what it says. Its length and pace against the
targets, the pauses heard in the recording, sentences too long to follow, and phrases said so
often they sound like a habit."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from nextround.errors import Invalid
from nextround.feedback import thresholds as t
from nextround.feedback.report import Pause, PauseSpan, Repeat, Span, Tally, TimedWord
from nextround.feedback.structure import Sentence
from nextround.feedback.tokens import as_quoted, word_set
from nextround.text import STOPWORDS, Tokens, seconds_to_say, word_count

# --- Length and pace --------------------------------------------------------------------------

_START, _END = attrgetter("start"), attrgetter("end")


def speaking_time(
    word_total: int, seconds: float | None, timed: Sequence[TimedWord]
) -> tuple[float, bool]:
    """Seconds and whether they were estimated: given, else from the word timings, else the
    word count at TYPED_WORDS_PER_MINUTE."""
    if seconds is not None:
        if not math.isfinite(seconds) or seconds <= 0:
            raise Invalid("The answer's length must be a positive number of seconds.")
        return float(seconds), False
    if timed:
        span = max(map(_END, timed)) - min(map(_START, timed))
        if span > 0:
            return span, False
    return seconds_to_say(word_total), True


def pace_band(wpm: float) -> str:
    if wpm < t.PACE_SLOW_BELOW:
        return "slow"
    if wpm <= t.PACE_GOOD_MAX:
        return "good"
    if wpm <= t.PACE_BRISK_MAX:
        return "brisk"
    return "fast"


def length_band(seconds: float, word_total: int) -> str:
    if seconds > t.RAMBLING_SECONDS or word_total > t.RAMBLING_WORDS:
        return "rambling"
    if seconds < t.TARGET_SECONDS_MIN:
        return "short"
    if seconds <= t.TARGET_SECONDS_MAX:
        return "good"
    return "long"


def duration(seconds: float) -> str:
    """A length as the notes and tips say it: "75 seconds", "2:05 minutes"."""
    whole = round(seconds)
    if whole < 90:
        return f"{whole} seconds"
    return f"{whole // 60}:{whole % 60:02d} minutes"


def tally(spans: list[Span], word_total: int, seconds: float) -> Tally:
    count = len(spans)
    return Tally(
        count=count,
        per_minute=round(count * 60 / seconds, 1) if seconds > 0 else 0.0,
        per_100_words=round(count * 100 / word_total, 1) if word_total else 0.0,
        items=spans,
    )


# --- Pauses -----------------------------------------------------------------------------------


def heard_pauses(pauses: Sequence[Pause]) -> tuple[list[PauseSpan], list[PauseSpan]]:
    """The hesitations (from HESITATION_SECONDS up to LONG_PAUSE_SECONDS) and the long pauses,
    as the report lists them."""
    hesitations = [
        _listed(p) for p in pauses if t.HESITATION_SECONDS <= p.seconds < t.LONG_PAUSE_SECONDS
    ]
    long_pauses = [_listed(p) for p in pauses if p.seconds >= t.LONG_PAUSE_SECONDS]
    return hesitations, long_pauses


def _listed(pause: Pause) -> PauseSpan:
    # Tenths of a second: the measurement is no finer than that.
    return PauseSpan(
        start=round(pause.start, 1), end=round(pause.end, 1), seconds=round(pause.seconds, 1)
    )


# --- Long sentences and repeated phrases ------------------------------------------------------


def long_sentences(found: Sequence[Sentence], counts: Sequence[int] | None = None) -> list[Span]:
    """Sentences of more than LONG_SENTENCE_WORDS words; ``counts`` are their word counts
    when already known."""
    counts = [word_count(s.text) for s in found] if counts is None else counts
    return [
        Span(text=s.text, start=s.start, end=s.end)
        for s, count in zip(found, counts, strict=True)
        if count > t.LONG_SENTENCE_WORDS
    ]


_FILLER_WORDS = word_set("um uh er ah like so actually basically literally you know mean")


def repeated_phrases(tokens: Tokens, filler_ranges: Sequence[tuple[int, int]]) -> list[Repeat]:
    """Phrases of REPEAT_MIN_WORDS+ words, with REPEAT_MIN_CONTENT_WORDS words that are neither
    stop words nor fillers, said REPEAT_MIN_COUNT+ times; fillers are skipped before counting,
    and a phrase inside a longer repeated one is not listed again. Each is quoted as first
    said."""
    fillers = {k for first, last in filler_ranges for k in range(first, last + 1)}
    said = list(tokens.words)
    for k in fillers:
        said[k] = ""
    norms = list(filter(None, said))  # the words, fillers and marks left out
    found: list[Repeat] = []
    covered: set[tuple[str, ...]] = set()
    for level in reversed(_repeated_grams(norms)):
        for gram, count in level.items():
            if gram not in covered and _content_words(gram) >= t.REPEAT_MIN_CONTENT_WORDS:
                found.append(Repeat(text=_as_said(tokens, fillers, gram), count=count))
            covered.update((gram[1:], gram[:-1]))  # shorter phrases inside it are not listed
    return found


def _repeated_grams(norms: Sequence[str]) -> list[dict[tuple[str, ...], int]]:
    """For n from REPEAT_MIN_WORDS up, the n-word sequences said REPEAT_MIN_COUNT+ times. A
    longer sequence can only repeat where both its shorter halves do, so only those places
    are counted. Most answers repeat nothing, so the shortest sequences are counted first in
    one go, and places are tracked only when one of them repeats."""
    n = t.REPEAT_MIN_WORDS
    shortest = list(zip(*(norms[i:] for i in range(n)), strict=False))
    if len(set(shortest)) == len(shortest):
        return []  # nothing said twice (REPEAT_MIN_COUNT is 2 or more): a set tells it sooner
    if max(Counter(shortest).values()) < t.REPEAT_MIN_COUNT:
        return []
    starts: Sequence[int] = range(len(norms) - n + 1)
    levels: list[dict[tuple[str, ...], int]] = []
    while True:
        grams = {k: tuple(norms[k : k + n]) for k in starts}
        counts = Counter(grams.values())
        level = {g: c for g, c in counts.items() if c >= t.REPEAT_MIN_COUNT}
        if not level:
            return levels
        levels.append(level)
        if n == t.REPEAT_MAX_WORDS:
            return levels
        at = {k for k, g in grams.items() if g in level}
        starts = [k for k in sorted(at) if k + 1 in at]
        n += 1


def _content_words(gram: tuple[str, ...]) -> int:
    return sum(1 for w in gram if w not in STOPWORDS and w not in _FILLER_WORDS)


def _as_said(tokens: Tokens, fillers: set[int], gram: tuple[str, ...]) -> str:
    """The phrase's words at its first occurrence, as written ("I'm not the", where the rules
    compare "im not the"); fillers and punctuation between them are left out. Found again
    here rather than tracked while counting: few answers have a repeat."""
    kept = [k for k, w in enumerate(tokens.words) if w and k not in fillers]
    norms = [tokens.words[k] for k in kept]
    n = len(gram)
    first = next(i for i in range(len(norms) - n + 1) if tuple(norms[i : i + n]) == gram)
    return as_quoted(" ".join(tokens.written(k) for k in kept[first : first + n]))
