"""Words of a text, normalised one way for every matcher and rule in nextround.

A word is a run of letters or digits, with apostrophes inside it ("don't", "team's"). Words are
compared in lower case without their apostrophes, straight or curly, so "I'm", "I’m" and a
transcript's "Im" are the same word "im", and "don't" is "dont". Contractions are not expanded:
"dont" stays one word, as the speaker said it. Whatever is shown to the user quotes the text as
written (``Tokens.written``), never this normalised form.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add, sub

# Letters and digits, but not "_": "snake_case" is two words, as a reader would say it.
_RUN = r"[^\W_]+"
# A token with what comes before it (whitespace and "_", which belong to no token), then a
# word, with apostrophes inside it, or a mark: an ellipsis written as dots or one punctuation
# mark. One group each, so the text is read in one call and nothing is searched for between
# tokens. The same again with ASCII classes, cheaper to test, for ASCII text.
_TOKEN = re.compile(r"([\s_]*+)(?:([^\W_]++(?:['’]+[^\W_]+)*+)|(\.{2,}+|[^\w\s]))")
_ASCII_TOKEN = re.compile(
    r"([\s_]*+)(?:([A-Za-z0-9]++(?:['’]+[A-Za-z0-9]+)*+)|(\.{2,}+|[^A-Za-z0-9_\s]))"
)
# Without its apostrophes, a text's words are its runs of letters and digits.
_RUNS = re.compile(_RUN)
# A whitespace-separated piece without a letter or digit in it ("-", "—", "&").
_UNSPOKEN = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")
# The ASCII characters that are neither letters, digits nor whitespace, to be deleted, as
# bytes: deleting from bytes is several times faster than from a str. The whitespace that
# ``str.split`` splits at but ``bytes.split`` does not (\x1c to \x1f) becomes a space.
_ASCII_MARKS = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c).isspace()))
_SEPARATORS = bytes.maketrans(b"\x1c\x1d\x1e\x1f", b"    ")

# Words too common to say anything about what two texts share, in normalised form ("im" is
# "I'm", "youre" is "you're"). Not "id": "I'd" says little, but "ID" is a word in its own right
# ("200 ID cards", "ID verification").
STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been before but by can could did do
    does for from had has have how i im if in into is it its me more most my of on
    one or our out so some than that the their them then there these they this those to
    up us very was we were what when where which while who why will with would you your
    youve youre yourself""".split()  # noqa: SIM905 - easier to read and edit
)


def normalise(word: str) -> str:
    """A word as the matchers compare it: lower case, apostrophes dropped ("I’m" -> "im")."""
    return word.lower().replace("'", "").replace("’", "")


def words(text: str) -> list[str]:
    """The text's words in order, normalised; the same words as ``Tokens(text).words``."""
    # Dropping the apostrophes first is the same as dropping them from each word, and faster:
    # matchers call this on every story and question.
    return _RUNS.findall(text.lower().replace("'", "").replace("’", ""))


def word_count(text: str) -> int:
    """Spoken words: whitespace-separated pieces with a letter or digit in them, so "$2.4M" and
    "well-known" are one word each, as they are said."""
    if text.isascii():
        # Without its marks, a piece with no letter or digit is gone, and the others remain.
        return len(text.encode("ascii").translate(_SEPARATORS, _ASCII_MARKS).split())
    return len(text.split()) - len(_UNSPOKEN.findall(text))


class Tokens:
    """The words and punctuation marks of a text as parallel lists: ``words[i]`` is the word
    normalised ("I'm" -> "im"), "" for a mark; ``marks[i]`` the mark, "" for a word;
    ``starts``/``ends`` the offsets into the text. Lists rather than objects: an answer has
    hundreds of tokens and rules look at neighbours constantly. Built with no Python step per
    token, and the offsets only when asked for: most rules read words alone."""

    __slots__ = (
        "_distinct",
        "_ends",
        "_gaps",
        "_said",
        "_starts",
        "marks",
        "size",
        "text",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        found = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)
        self.size = len(found)
        gaps, said, marks = zip(*found, strict=True) if found else ((), (), ())
        self._gaps: tuple[str, ...] = gaps
        self._said: tuple[str, ...] = said  # the words as written, "" for a mark
        self.marks: list[str] = list(marks)
        # Lowered in one go, each word apart ("\0" is in no word, and lowering stops at it as
        # at a word's end), as ``normalise`` does.
        joined = "\0".join(self._said).lower().replace("'", "").replace("’", "")
        self.words: list[str] = joined.split("\0") if found else []
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._distinct: frozenset[str] | None = None

    @property
    def distinct(self) -> frozenset[str]:
        """The distinct words (and "" when there is a mark): what several rules ask first, to
        rule out at once whatever the text cannot hold."""
        if self._distinct is None:
            self._distinct = frozenset(self.words)
        return self._distinct

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._offsets()
        assert self._starts is not None
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._starts is None:
            self._offsets()
        return self._ends

    def _offsets(self) -> None:
        sizes = list(map(len, map(add, self._said, self.marks)))
        self._ends = list(accumulate(map(add, map(len, self._gaps), sizes)))
        self._starts = list(map(sub, self._ends, sizes))

    def written(self, i: int) -> str:
        """Token ``i`` exactly as it appears in the text."""
        return self._said[i] or self.marks[i]
