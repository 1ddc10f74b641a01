"""Tokens of a statement and what each word is: content word, action verb and its form,
adverb, acronym or product name; and the light fold that makes terms comparable."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from nextround.fit.requirements.vocabulary import word_lists, word_set

# Words keep inner dots, hyphens, apostrophes, slashes and ampersands (Node.js, R&D, CI/CD,
# Bachelor's) and trailing + or # (C++, C#); ".NET" keeps its leading dot. Any other character
# that is not a space is a token of its own.
_WORD_PATTERN = r"\.?[^\W_](?:[^\W_]|[.'’&/-](?=[^\W_]))*[+#]*"
WORD_TOKEN = re.compile(_WORD_PATTERN)
TOKEN = re.compile(_WORD_PATTERN + r"|[^\s\w]|_")
_ALNUM = re.compile(r"[^\W_]")
# A number glued to a word by careless extraction ("5years"); B2B, 5S and Python3 stay words.
_GLUED = re.compile(r"\d[a-z]{3,}")
_NUMBER = re.compile(r"^[\d.,/%+-]+[kKmM]?$|^\d+(?:st|nd|rd|th|s)$")
_ADVERB_NOT = word_set(
    """supply apply reply comply family assembly italy july anomaly rally monopoly ally fly
    only early daily weekly monthly quarterly yearly friendly costly timely likely lovely
    orderly elderly holy"""
)
FORM_NONE, FORM_BASE, FORM_ING, FORM_ED, FORM_S = "", "base", "ing", "ed", "s"


class Tok(NamedTuple):
    text: str
    low: str
    word: bool  # contains a letter or digit
    content: bool  # a word that can be part of a term
    cap: bool  # starts with a capital letter
    form: str  # verb form when the word is a known action verb, else ""


@lru_cache(maxsize=16384)
def verb(low: str) -> tuple[str, str]:
    """Form and base of a known action verb ("managing" -> ing, manage), or ("", "")."""
    verbs = word_lists().verbs
    if low in verbs:
        return FORM_BASE, low
    for suffix, form in (("ing", FORM_ING), ("ed", FORM_ED), ("es", FORM_S), ("s", FORM_S)):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            candidates = [base, base + "e"]
            if len(base) > 2 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # planning -> plan
            if base.endswith("i"):
                candidates.append(base[:-1] + "y")  # supplied -> supply
            for candidate in candidates:
                if candidate in verbs:
                    return form, candidate
    return FORM_NONE, ""


def _verb_form(low: str) -> str:
    return verb(low)[0]


def is_adverb(low: str) -> bool:
    return low.endswith("ly") and len(low) > 4 and low not in _ADVERB_NOT


@lru_cache(maxsize=65536)
def to_tok(text: str) -> Tok:
    low = text.lower().replace("’", "'")
    word = bool(_ALNUM.search(text))
    vocab = word_lists()
    content = (
        word
        and (low not in vocab.function or text == "IT")  # information technology, not "it"
        and not _NUMBER.match(low)
        and not _GLUED.search(text)
        and not is_adverb(low)
        and "@" not in low
        and not low.startswith(("http", "www."))
    )
    return Tok(text, low, word, content, text[:1].isupper(), _verb_form(low) if content else "")


def is_titled(toks: Sequence[Tok]) -> bool:
    """Title Case or CAPITALS throughout: capitals then say nothing about names or new bullets."""
    words = [t for t in toks if len(t.text) > 3 and t.text[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(t.cap for t in words) >= 0.7 * len(words)


ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}s?$")
# Endings of nouns that name an activity or a field: "valuation", "recruitment", "logistics".
SKILL_SUFFIXES = tuple(
    sorted(word_set("ment tion sion ance ence ancy ency ysis ics ogy ship ing ity ism"))
)


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_PRODUCT = re.compile(
    r"^(?:[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|\S*[+#]|\.[A-Za-z]+|\w+\.[a-z]{2,})$"
)


def looks_like_product(text: str) -> bool:
    """CamelCase, dotted or C++-style names are products: QuickBooks, Node.js, C#, .NET."""
    return bool(_PRODUCT.match(text))


@lru_cache(maxsize=16384)
def norm_term(text: str) -> str:
    """Terms that differ only in case or a plural ending share this key. (A light fold, not the
    snowball stemmer: stemming every new word costs more than the rest of the extraction.)"""
    return " ".join(_fold(w) for w in WORD_TOKEN.findall(text.lower()))


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def starts_with_verb(text: str) -> bool:
    tokens = TOKEN.findall(text)
    return bool(tokens) and to_tok(tokens[0]).form in (FORM_BASE, FORM_ING, FORM_S)
