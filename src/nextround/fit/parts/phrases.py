"""How a phrase pattern is matched against a sentence read once (``Said``): ``Phrases`` tries a
pattern only where a word that starts one of its alternatives stands, and only when the sentence
holds the words the pattern needs, which are read from the pattern itself. The patterns are in
``lexicon``."""

from __future__ import annotations

import re
from typing import NamedTuple


class Said(NamedTuple):
    """A sentence read once: lower case, its words, the words joined by single spaces (with
    one before and after: phrases are matched there, at the start of a word), the set of
    words, and where it starts saying something (past "so", "um", "and then")."""

    low: str
    words: list[str]
    text: str
    bag: frozenset[str]
    head: int
    did: bool  # "I" or "we" with a past verb of doing


class Phrases:
    """A pattern tried only when the sentence holds one of its key words (every alternative
    holds one), and then only where a word that starts one of its alternatives stands, with
    just the alternatives that start with that word: a match anchored at a few places, never
    a search along the sentence. Each alternative starts with a word or a group of words
    (``alternatives_by_first`` reads them from the pattern)."""

    __slots__ = ("by_first", "firsts", "gates", "keys", "needles", "pattern")

    def __init__(self, keys: str, pattern: str) -> None:
        self.keys = frozenset(keys.split())
        body = re.sub(r"(^|\|)(\s*)\\b", r"\1\2", pattern)
        self.pattern = re.compile(rf"{WORD_START}(?:{body})", re.VERBOSE)
        grouped = alternatives_by_first(body)
        self.by_first = {
            word: re.compile(rf"{WORD_START}(?:{'|'.join(alts)})", re.VERBOSE)
            for word, alts in grouped.items()
        }
        self.firsts = frozenset(grouped)
        self.needles = {word: f" {word} " for word in grouped}
        # A first word's alternatives are matched only when the sentence also holds a word
        # that each of them needs ("the" only with "problem", "issue"…): most places where a
        # common first word ("i", "the", "a") stands are then never tried.
        self.gates = {word: _gate(alts) for word, alts in grouped.items()}

    def find(self, said: Said) -> re.Match[str] | None:
        """The leftmost match, as ``search`` finds it: where it stands can matter (what is
        said just before recognition), and a set's order changes from run to run."""
        bag = said.bag
        if bag.isdisjoint(self.keys):
            return None
        leftmost = None
        for first in bag & self.firsts:
            gate = self.gates[first]
            if gate is None or not bag.isdisjoint(gate):
                found = self._first_at(first, said.text)
                if found and (leftmost is None or found.start() < leftmost.start()):
                    leftmost = found
        return leftmost

    def _first_at(self, first: str, text: str) -> re.Match[str] | None:
        """The leftmost match of the alternatives that start with ``first``."""
        needle, match = self.needles[first], self.by_first[first].match
        at = text.find(needle)
        while at >= 0:
            found = match(text, at + 1)
            if found:
                return found
            at = text.find(needle, at + 1)
        return None

    def search(self, text: str) -> re.Match[str] | None:
        """Anywhere in the text: what ``find`` must agree with."""
        return self.pattern.search(text)


WORD_START = r"(?<![\w'’-])"
# The first word of an alternative: letters, perhaps with an apostrophe ("it['’]s").
_FIRST_WORD = re.compile(r"([a-z]+)(?:\['’\]([a-z]+))?")
# What may follow it: a space, a word end, a non-word character, a look-ahead, the group's end.
_AFTER_FIRST = re.compile(r"\\s|\\b|\\W|\(\?!|\)|$")


def alternatives_by_first(body: str) -> dict[str, list[str]]:
    """The pattern's top-level alternatives, grouped by each word they can start with."""
    grouped: dict[str, list[str]] = {}
    for alternative in _split_top(body):
        for word in _first_words(alternative):
            grouped.setdefault(word, []).append(alternative)
    return grouped


def _first_words(alternative: str) -> list[str]:
    rest = re.sub(r"^\s*(?:\\b)?(?:\(\?<[!=][^)]*\))?", "", alternative)
    if rest.startswith("(?:"):
        group = _group_body(rest)
        return [w for option in _split_top(group) for w in _first_words(option)]
    first = _FIRST_WORD.match(rest)
    if first is None or not _AFTER_FIRST.match(rest, first.end()):
        raise ValueError(f"an alternative must start with a plain word: {alternative!r}")
    word, after = first.groups()
    return [f"{word}'{after}", f"{word}’{after}"] if after else [word]


# --- the words an alternative needs ---------------------------------------------------------
# An alternative is read into items: a plain word, a space (``\s``, ``\s+``), a group, or ""
# for anything else. A plain word with a space on each side can only match a whole word of
# the sentence, since ``Said.text`` is its words joined by single spaces: the sentence must
# hold it for the alternative to match. A group none may skip (no quantifier, no look-around)
# needs one of what its options need.


class _Group(NamedTuple):
    options: list[list[_Item]]
    look: bool  # a look-ahead or look-behind: it holds no word of the match
    quantified: bool  # it may be skipped or repeated


_Item = str | _Group
_PLAIN_WORD = re.compile(r"[a-z]+(?:\['’\][a-z]+)?")
_QUANTIFIERS = "?*+{"


def _gate(alternatives: list[str]) -> frozenset[str] | None:
    """Words one of which the sentence holds wherever any of the alternatives matches, past
    their first word (found where it stands); None when one of them needs none."""
    gate: set[str] = set()
    for alternative in alternatives:
        items = _items("".join(alternative.split()), 0)[0][0]
        start = 0
        while start < len(items) and _is_look(items[start]):
            start += 1  # a look-behind before the first word
        needed = _needed(items[start + 1 :], spaced_before=False, spaced_after=False)
        if needed is None:
            return None
        gate |= needed
    return frozenset(gate)


def _is_look(item: _Item) -> bool:
    return isinstance(item, _Group) and item.look


def _needed(items: list[_Item], *, spaced_before: bool, spaced_after: bool) -> set[str] | None:
    """Words one of which a match of the items holds as a word of the sentence, or None."""
    for at, item in enumerate(items):
        before = _space_before(items, at, spaced_before=spaced_before)
        after = _space_after(items, at, spaced_after=spaced_after)
        if isinstance(item, _Group):
            if not item.look and not item.quantified:
                found = [_needed(o, spaced_before=before, spaced_after=after) for o in item.options]
                if all(f is not None for f in found):
                    return set().union(*(f for f in found if f is not None))
        elif item not in (" ", "") and before and after:
            return {item.replace("['’]", "'"), item.replace("['’]", "’")}
    return None


def _space_before(items: list[_Item], at: int, *, spaced_before: bool) -> bool:
    """Whether a space stands just before the item wherever the items match."""
    while at > 0:
        before = items[at - 1]
        if before == " ":
            return True
        if not isinstance(before, _Group):
            return False
        ends_spaced = all(o and o[-1] == " " for o in before.options)
        if not before.look and not (ends_spaced and before.quantified):
            return ends_spaced  # "(?:\\w+\\s+)" always, "(?:\\w+\\s+)?" if what is before it
        at -= 1  # a look-around holds nothing, and what comes before it stands before the item
    return spaced_before


def _space_after(items: list[_Item], at: int, *, spaced_after: bool) -> bool:
    """Whether a space stands just after the item wherever the items match."""
    while at + 1 < len(items):
        after = items[at + 1]
        if after == " ":
            return True
        if not isinstance(after, _Group) or not after.look:
            return False
        at += 1
    return spaced_after


def _items(source: str, at: int) -> tuple[list[list[_Item]], int]:
    """The options of the pattern from ``at`` to the end of its group, and where that is."""
    options: list[list[_Item]] = [[]]
    while at < len(source) and source[at] != ")":
        char, items = source[at], options[-1]
        if char == "|":
            options.append([])
            at += 1
            continue
        if char == "(":
            if source.startswith(("(?=", "(?!"), at):
                look, inner = True, at + 3
            elif source.startswith(("(?<=", "(?<!"), at):
                look, inner = True, at + 4
            elif source.startswith("(?:", at):
                look, inner = False, at + 3
            elif source.startswith("(?", at):
                raise ValueError(f"a group of an unknown kind: {source[at:]!r}")
            else:
                look, inner = False, at + 1
            inside, end = _items(source, inner)
            at, quantified = _quantifier(source, end + 1)
            items.append(_Group(inside, look, quantified))
        elif char == "\\":
            escape = source[at : at + 2]
            at, quantified = _quantifier(source, at + 2)
            once_or_more = not quantified or source[at - 1] == "+"  # not "\\s*", "\\s?"
            items.append(" " if escape == "\\s" and once_or_more else "")
        elif char == "[":
            end = at + 1
            while source[end] != "]" or source[end - 1] == "\\":
                end += 1
            at = _quantifier(source, end + 1)[0]
            items.append("")
        elif (word := _PLAIN_WORD.match(source, at)) is not None:
            at, quantified = _quantifier(source, word.end())
            items.append("" if quantified else word.group())
        else:
            at = _quantifier(source, at + 1)[0]
            items.append("")
    return options, at


def _quantifier(source: str, at: int) -> tuple[int, bool]:
    """Past the quantifier (and its lazy mark) at ``at``, if any; whether there was one."""
    if at >= len(source) or source[at] not in _QUANTIFIERS:
        return at, False
    at = source.index("}", at) + 1 if source[at] == "{" else at + 1
    return (at + 1 if source[at : at + 1] == "?" else at), True


def _group_body(text: str) -> str:
    """The inside of the group ``text`` starts with."""
    depth = 0
    for at, char in enumerate(text):
        if char == "\\":
            continue
        if char == "(" and text[at - 1 : at] != "\\":
            depth += 1
        elif char == ")" and text[at - 1 : at] != "\\":
            depth -= 1
            if depth == 0:
                return text[3:at]
    raise ValueError(f"unbalanced group: {text!r}")


def _split_top(body: str) -> list[str]:
    """The alternatives separated by "|" outside any group or character class."""
    parts, depth, start, in_class = [], 0, 0, False
    at = 0
    while at < len(body):
        char = body[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:at])
            start = at + 1
        at += 1
    parts.append(body[start:])
    return [p for p in (part.strip() for part in parts) if p]
