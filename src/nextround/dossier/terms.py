"""The business terms glossary's suggestions: words from the posting's requirements and from the
round notes that name the company's own things (products, tools, acronyms, named teams and
places), each with where it was found. The candidate confirms each with a meaning, or dismisses
it; a term already confirmed or dismissed is never suggested again.

Rules, in order of trust:

- From the posting, a requirement's term the extraction calls a *tool*, and any other term that
  looks like jargon: it holds an acronym (``SQL``, ``S/4HANA``), an inner capital (``FleetView``),
  a capitalised word after its first, or a hyphenated compound (``dwell-time data``). A plain
  phrase of two or three words ("dock scheduling") is suggested when each of its words also
  comes up in the round notes: the team used the company's words back.
- From the notes, acronyms (two to six capitals, digits allowed, a plural ``s`` dropped:
  ``KPIs`` → ``KPI``), inner-capital names, runs of two or more capitalised words ("Harbor Cold
  Storage", leading "The"/"At"… dropped), and a single capitalised word in the middle of a
  sentence ("moved to Snowflake"). People's names, the company's own name, months and weekdays
  are left out.

Plain Python, no Django.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence

import msgspec

#: Suggestions shown at once; the candidate works through them, and dismissed ones make room.
LIMIT = 12
#: Characters of context kept with a suggestion.
CONTEXT_CHARS = 160
#: Characters of a term.
TERM_CHARS = 100


class PostingTerm(msgspec.Struct, frozen=True):
    """A term of one of the posting's requirements, its kind (``skill``, ``tool``, ``domain``,
    ``credential``) and the requirement's text."""

    text: str
    kind: str
    requirement: str


class NoteText(msgspec.Struct, frozen=True):
    """The text of one round note and where it was written ("round 1")."""

    text: str
    where: str


class Suggestion(msgspec.Struct, frozen=True):
    """A term to confirm or dismiss: where it was found (``posting`` or ``notes``), in words
    ("the posting", "round 1 notes"), and the sentence it was found in."""

    term: str
    origin: str
    where: str
    context: str


@functools.lru_cache(maxsize=8192)  # pure, and called for every word of every note per page
def term_key(term: str) -> str:
    """A term compared without case, accents, punctuation or spacing: "Dwell-time" and
    "dwell time" are one term."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def suggest_terms(
    *,
    posting: Sequence[PostingTerm],
    notes: Sequence[NoteText],
    known: Collection[str] = (),
    names: Collection[str] = (),
    limit: int = LIMIT,
) -> tuple[Suggestion, ...]:
    """Terms to suggest, the posting's first (in its key-term order), then the notes' (the most
    often written first); none whose key is in ``known`` (terms confirmed or dismissed, as
    written or as keys), none that is one of ``names`` (people, the company) or a word of them.
    """
    skip = {term_key(k) for k in known}
    blocked = _blocked(names)
    note_words = {w for note in notes for w in term_key(note.text).split()}
    found: list[Suggestion] = []
    seen: set[str] = set()

    def offer(suggestion: Suggestion) -> None:
        key = term_key(suggestion.term)
        named = bool(key) and all(word in blocked for word in key.split())
        if key and key not in skip and key not in seen and not named:
            seen.add(key)
            found.append(suggestion)

    for term in posting:
        if _from_posting(term, note_words):
            offer(
                Suggestion(
                    term=_cut(term.text.strip(), TERM_CHARS),
                    origin="posting",
                    where="the posting",
                    context=_cut(term.requirement, CONTEXT_CHARS),
                )
            )
    for suggestion in _ranked_note_terms(notes, blocked):
        offer(suggestion)
    return tuple(found[:limit])


# --- the posting -----------------------------------------------------------------------------

_ACRONYM = re.compile(r"\b(?:[A-Z][A-Z0-9/&-]*[A-Z0-9]|[0-9][A-Z]{2,})\b")
_INNER_CAPITAL = re.compile(r"\b[A-Za-z]+[a-z][A-Z][A-Za-z]*\b")
_HYPHENATED = re.compile(r"\b[A-Za-z]{2,}-[A-Za-z]{2,}\b")
_PLAIN_WORDS = re.compile(r"^[A-Za-z][a-z]*(?: [a-z]+){1,2}$")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "with",
        "you",
        "your",
        "their",
        "its",
    ]
)


def _from_posting(term: PostingTerm, note_words: set[str]) -> bool:
    text = term.text.strip()
    if not text or len(text) > TERM_CHARS:
        return False
    if term.kind == "tool" or _looks_like_jargon(text):
        return True
    words = term_key(text).split()
    return (
        bool(_PLAIN_WORDS.match(text))
        and not _FUNCTION_WORDS.intersection(words)
        and all(word in note_words for word in words)
    )


def _looks_like_jargon(text: str) -> bool:
    words = text.split()
    later_capital = any(w[:1].isupper() for w in words[1:])
    return bool(
        _has_acronym(text)
        or _INNER_CAPITAL.search(text)
        or later_capital
        or _HYPHENATED.search(text)
    )


def _has_acronym(text: str) -> bool:
    return any(sum(c.isupper() for c in m.group(0)) >= 2 for m in _ACRONYM.finditer(text))


# --- the notes -------------------------------------------------------------------------------

_MONTHS_AND_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# Capitalised words that open a run without belonging to the name ("At Harbor Cold Storage").
_LEADING = _FUNCTION_WORDS | frozenset(
    [
        "i",
        "i'm",
        "i've",
        "we're",
        "they",
        "she",
        "he",
        "it",
        "this",
        "that",
        "these",
        "those",
        "when",
        "while",
        "after",
        "before",
        "since",
        "but",
        "so",
        "if",
        "as",
        "also",
        "then",
        "there",
        "here",
        "my",
        "his",
        "her",
    ]
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&/.-]*[A-Za-z0-9]|[A-Za-z0-9]")
_CONNECTORS = frozenset({"of", "and", "&", "for", "de", "la"})


def _ranked_note_terms(notes: Sequence[NoteText], names: set[str]) -> list[Suggestion]:
    counts: dict[str, int] = {}
    first: dict[str, Suggestion] = {}
    for note in notes:
        for sentence in _SENTENCE.findall(note.text):
            for term in _note_terms(sentence, names):
                key = term_key(term)
                counts[key] = counts.get(key, 0) + 1
                first.setdefault(
                    key,
                    Suggestion(
                        term=term,
                        origin="notes",
                        where=f"{note.where} notes",
                        context=_cut(" ".join(sentence.split()), CONTEXT_CHARS),
                    ),
                )
    order = {key: i for i, key in enumerate(first)}
    return [first[key] for key in sorted(first, key=lambda k: (-counts[k], order[k]))]


def _note_terms(sentence: str, names: set[str]) -> Iterator[str]:
    """The terms of one sentence: acronyms, inner-capital names, capitalised runs, and single
    capitalised words that do not open the sentence. A day, a month or a word of a person's
    name ends a run ("Send Maya the summary" gives nothing)."""
    words = list(_WORD.finditer(sentence))
    run: list[str] = []
    run_starts_sentence = False
    for index, match in enumerate(words):
        word = match.group(0).rstrip(".")
        if word.islower():  # most words: no acronym or name, only a connector may go on a run
            if run and word in _CONNECTORS and not _ends_run(word, names):
                run.append(word)
            else:
                yield from _flush(run, at_start=run_starts_sentence)
                run = []
            continue
        if _is_acronym(word) or _INNER_CAPITAL.fullmatch(word):
            yield from _flush(run, at_start=run_starts_sentence)
            run = []
            yield _singular(word)
            continue
        if _ends_run(word, names):
            yield from _flush(run, at_start=run_starts_sentence)
            run = []
            continue
        capital = word[:1].isupper()
        if capital or (run and word.lower() in _CONNECTORS):
            if not run:
                run_starts_sentence = index == 0
            run.append(word)
            continue
        yield from _flush(run, at_start=run_starts_sentence)
        run = []
    yield from _flush(run, at_start=run_starts_sentence)


def _ends_run(word: str, names: set[str]) -> bool:
    """A day, a month or a word of a person's name."""
    return word.lower() in _MONTHS_AND_DAYS or term_key(word) in names


def _flush(run: list[str], *, at_start: bool) -> Iterable[str]:
    words = list(run)
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    while words and words[-1].lower() in _LEADING:  # "… Cold Storage I rolled out"
        words.pop()
    dropped = False
    while words and words[0].lower() in _LEADING:
        words.pop(0)
        dropped = True
    while words and words[0].lower() in _CONNECTORS:
        words.pop(0)
    if not words:
        return ()
    if len(words) == 1 and at_start and not dropped:
        return ()  # a sentence's first word is capitalised anyway
    return (" ".join(words),)


def _is_acronym(word: str) -> bool:
    core = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
    return 2 <= len(core) <= 6 and sum(c.isupper() for c in core) >= 2 and core.upper() == core


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1].isupper() else word


def _blocked(names: Collection[str]) -> set[str]:
    """The words of each name: a term made only of them ("Maya", "Grace Lindqvist") is a name."""
    blocked = {"i"}
    for name in names:
        key = term_key(name)
        blocked.update(w for w in key.split() if len(w) > 1)
    return blocked


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"
