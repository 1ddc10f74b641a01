"""A sentence read once into what the STAR rules look at (``Said``: its words, their set,
where it starts saying something, whether "I" or "we" did something), and the word tests
every part's evidence shares: a past verb of doing, a past form, "I did"."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts.phrases import Said

# Words are split at spaces once punctuation is spaced out (far cheaper than a pattern): "5,000"
# reads as "5 000" and "28.5%" as "28 5 %", which still says a figure; "%", "$", "£", "€", "~"
# and ":" stay as words of their own ("Pipeline time: 8 minutes", "down 21%").
MARKS = ',.;!?()[]{}"/*+=<>|'
SPACE_OUT = str.maketrans(MARKS, " " * len(MARKS))
# ASCII text is spaced out as bytes: a table of 256 bytes, several times faster than looking
# each character up in the table of a ``str.translate``.
SPACE_OUT_ASCII = bytes.maketrans(MARKS.encode("ascii"), b" " * len(MARKS))
SPACE_OUT_WIDE = str.maketrans({"“": " ", "”": " ", "…": " ", "—": " ", "–": " "})
OWN_WORDS = ("%", "$", ":", "~", "£", "€")


def split_words(low: str) -> list[str]:
    if low.isascii():
        text = low.encode("ascii").translate(SPACE_OUT_ASCII).decode("ascii")
    else:
        text = low.translate(SPACE_OUT).translate(SPACE_OUT_WIDE)
    for mark in OWN_WORDS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    return text.split()


@lru_cache(maxsize=4096)
def read(sentence: str) -> Said | None:
    """The sentence read once; None when it draws a lesson ("what I learned…"). Remembered:
    one analysis asks about a sentence several times (its part, then how it stands against its
    neighbours, whether it opens on a setting or states a result), and answers are read again
    at each keystroke. What it returns is shared, so it is never changed."""
    low = sentence.lower()
    words = split_words(low)
    bag = frozenset(words)
    did = not bag.isdisjoint(lex.SUBJECTS) and i_did(words)
    said = Said(low, words, f" {' '.join(words)} ", bag, head_at(words), did)
    return None if lex.LESSON.find(said) else said


def head_at(words: Sequence[str]) -> int:
    """Where the sentence starts saying something, past the openers ("so", "um", "and then",
    "immediately")."""
    at = 0
    while at < len(words) and (words[at] in lex.OPENERS or words[at].endswith("ly")):
        at += 1
    return at


def is_verbish(word: str) -> bool:
    """A past form, of doing or of being: "needed", "lived", "went"."""
    return word in lex.IRREGULAR_PAST or word in lex.STATES or word.endswith("ed")


def is_past(words: Sequence[str], at: int) -> bool:
    word = words[at] if at < len(words) else ""
    if word == "used":
        return words[at + 1 : at + 2] != ["to"]
    if word in lex.STATES:
        return False
    if word in lex.HELD and words[at + 1 : at + 2] and words[at + 1] in lex.HELD_WHERE:
        return False  # "I worked in the permits team": a post held, not a step
    if "-" in word and word.split("-", 1)[0] not in lex.PREFIXES:
        return False  # "latency-based", "crash-free"
    return word in lex.IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def i_did(words: Sequence[str]) -> bool:
    """ "I" or "we" with a past verb of doing, an adverb or "then"/"also" between."""
    # Only where "I" or "we" stands, picked out without a Python step per word.
    for at in compress(count(), map(lex.SUBJECTS.__contains__, words[:-1])):
        verb = at + 1
        if words[verb].endswith("ly") or words[verb] in {"then", "also", "first", "just"}:
            verb += 1
        if is_past(words, verb) and not relative(words, at, verb) and not got_word(words, verb):
            return True
    return False


def got_word(words: Sequence[str], verb: int) -> bool:
    """ "I got a call from a customer": something that came to the teller, not a step."""
    return (
        words[verb] in {"got", "received"}
        and words[verb + 1 : verb + 2] in (["a"], ["an"])
        and not lex.MESSAGES.isdisjoint(words[verb + 2 : verb + 4])
    )


def relative(words: Sequence[str], subject: int, verb: int) -> bool:
    """ "I built" describes the noun the sentence opens on, whose own verb follows: "The
    framework I built became standard." ("The next morning I rang…" is a step)."""
    head = head_at(words)
    if words[head : head + 1] == [] or words[head] not in lex.NOUN_OPENERS:
        return False
    between = words[head + 1 : subject]
    return (
        0 < len(between) <= 3
        and lex.TIME_UNITS.isdisjoint(between)
        and not any(w in lex.LINKS or w in lex.NOT_NOUNS or is_verbish(w) for w in between)
        and any(w in lex.STATES or is_past(words, at) for at, w in enumerate(words) if at > verb)
    )
