"""What the filler and hedge rules share: a walk over an answer's tokens (``Scan``), the word
classes several rules look at, and how a stretch of tokens is reported and quoted.

Tokens come from the text toolkit (``nextround.text.words``): words are compared normalised, in
lower case without apostrophes, so "I'm" and a transcript's "Im" are the same word "im"; word
classes below are written in that form. What the user sees is quoted as written.
"""

from __future__ import annotations

import re

from nextround.feedback.report import Span
from nextround.text import Tokens


def word_set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Vocal fillers with their spelling variants (um, umm, uhm, uh, uhh, er, erm, ah, eh, hm, hmm,
# mm, mhm). Written as whole-token patterns so "umbrella" or "hmmm" never half-match.
VOCAL = re.compile(r"u+h*m+|u+h+|e+r+m*|a+h+|e+h+|h+m+|m+h*m+")
# A pause in writing: a transcript marks one with a comma, a dash or an ellipsis.
PAUSE_MARKS = frozenset({",", "...", "…", "—", "–", "-", ";"})
# Marks that hold a pause open rather than separate two parts of a sentence.
HOLD_MARKS = frozenset({"...", "…", "—", "–", "-"})
# Marks that end a sentence; "$" is the end of the answer (``Scan.mark``).
END_MARKS = frozenset({".", "!", "?", "$"})
# Marks after which a new clause starts.
CLAUSE_MARKS = PAUSE_MARKS | frozenset({".", "!", "?", ":", "(", '"', "“", "^"})
CONJUNCTIONS = word_set("and but or so because cause then plus")
SUBJECTS = word_set("i you we they he she it")
DETERMINERS = word_set(
    "a an the this that these those my our your his her their its some any every each"
)
# Counted as fillers wherever they appear; the other word fillers have rules of their own.
ALWAYS_FILLERS = frozenset({"basically", "literally"})


class Scan:
    """A walk over the tokens, left to right, remembering which ones were fillers."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.words = tokens.words
        self.marks = tokens.marks
        self.size = tokens.size
        self.filler_at: set[int] = set()

    def word(self, i: int) -> str:
        """The word at ``i``; "" for a mark or outside the text, so that lookups miss."""
        return self.words[i] if 0 <= i < self.size else ""

    def mark(self, i: int) -> str:
        """The mark at ``i``; "" for a word, "^" before the start and "$" after the end."""
        if i < 0:
            return "^"
        return self.marks[i] if i < self.size else "$"

    def clause_start(self, i: int) -> bool:
        """Whether token ``i`` opens a clause. Fillers are see-through: "things, um like" is
        read as "things like"."""
        j = i - 1
        while j in self.filler_at:
            j -= 1
        mark = self.mark(j)
        if mark:
            return mark in CLAUSE_MARKS
        return self.words[j] in CONJUNCTIONS

    def pause_after(self, i: int) -> bool:
        """A comma, dash or ellipsis, or another filler, right after token ``i``."""
        mark = self.mark(i + 1)
        if mark:
            return mark in PAUSE_MARKS
        nxt = self.words[i + 1]
        return nxt in ALWAYS_FILLERS or nxt == "like" or bool(VOCAL.fullmatch(nxt))

    def holds_after(self, i: int) -> bool:
        """Whether the speaker holds the floor after token ``i`` without going on: another
        filler sound, an ellipsis or a dash, or the end of the sentence or the answer."""
        mark = self.mark(i + 1)
        if mark == ",":
            return bool(VOCAL.fullmatch(self.word(i + 2)))
        if mark:
            return mark in HOLD_MARKS or mark in END_MARKS
        return bool(VOCAL.fullmatch(self.words[i + 1]))


def spans(tokens: Tokens, ranges: list[tuple[int, int]]) -> list[Span]:
    """Spans of the text for (first, last) token ranges."""
    found = []
    for first, last in ranges:
        start, end = tokens.starts[first], tokens.ends[last]
        found.append(Span(text=tokens.text[start:end], start=start, end=end))
    return found


def as_quoted(said: str) -> str:
    """Words the user said, as feedback quotes them: as written, in lower case except "I"
    ("I'm not sure", "you know")."""
    return " ".join(
        "I" + w[1:] if w == "i" or w[:2] in ("i'", "i’") else w for w in said.lower().split()
    )
