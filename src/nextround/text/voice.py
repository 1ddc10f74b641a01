"""Who did it: "I" against "we". Interviewers listen for the candidate's own part, so both the
story analyzer and the answer analyzer count the two and give a verdict."""

from __future__ import annotations

import re

import msgspec

FIRST_PERSON_RATIO = 2  # "I" at least twice as often as "we" reads as your own work

# "I" (first group) but not the "i" of "i.e." nor a list marker "(i)"; "I'm" and "I’ve" count;
# "we" (second group). One scan for both; the look-ahead lets it pass over every other letter
# quickly.
_PRONOUNS = re.compile(
    r"""(?=[imwuo])(?:(?<![\w(])(i(?!\.e\.)|me|my|mine|myself)(?![\w)])
    | (?<!\w)(we|us|our|ours|ourselves)(?!\w))""",
    re.IGNORECASE | re.VERBOSE,
)
# The same words in lowered ASCII text. Each alternative starts with its letter, so the regex
# engine skips to the next i, m, w, u or o without trying the pattern anywhere else; the
# look-behinds then check the character before that letter.
_LOWER_PRONOUNS = re.compile(
    r"""i(?<![\w(].)(?!\.e\.)(?![\w)]) | m(?<![\w(].)(?:e|y|ine|yself)(?![\w)])
    | w(?<!\w.)e(?!\w) | u(?<!\w.)s(?!\w) | o(?<!\w.)(?:ur|urs|urselves)(?!\w)""",
    re.VERBOSE,
)
_I_WORDS = frozenset({"i", "me", "my", "mine", "myself"})


class Voice(msgspec.Struct, frozen=True):
    i_count: int
    we_count: int
    verdict: str  # "first-person" | "mixed" | "team" | "none"


def voice_of(text: str) -> Voice:
    """Counts of I/me/my/mine/myself against we/us/our/ours/ourselves, and the verdict: "team"
    when "we" is at least as common, "first-person" when "I" is FIRST_PERSON_RATIO times as
    common, "mixed" between, "none" without either."""
    i_count, we_count = _ascii_counts(text) if text.isascii() else _counts(text)
    if i_count == 0 and we_count == 0:
        verdict = "none"
    elif we_count >= i_count:
        verdict = "team"
    elif i_count >= FIRST_PERSON_RATIO * we_count:
        verdict = "first-person"
    else:
        verdict = "mixed"
    return Voice(i_count=i_count, we_count=we_count, verdict=verdict)


def _counts(text: str) -> tuple[int, int]:
    i_count = we_count = 0
    for i, we in _PRONOUNS.findall(text):
        if i:
            i_count += 1
        elif we != "US":  # "the US" is a country
            we_count += 1
    return i_count, we_count


def _ascii_counts(text: str) -> tuple[int, int]:
    """As ``_counts``, faster: in ASCII text, lowering is the same as ignoring case, and the
    words are taken in one call (where "US" is written, its places are looked at too)."""
    found = _LOWER_PRONOUNS.findall(text.lower())
    i_count = sum(map(_I_WORDS.__contains__, found))
    we_count = len(found) - i_count
    if "US" in text:  # "the US" is a country
        we_count -= sum(
            text[m.start() : m.end()] == "US" for m in _LOWER_PRONOUNS.finditer(text.lower())
        )
    return i_count, we_count
