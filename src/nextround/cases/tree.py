"""The scratch structure: a tree of branches typed as an indented list ("- Revenue" then
"  - price" under it). The top-level lines are the branches; each keeps the text of everything
under it, so two branches can be compared for the ground they cover."""

from __future__ import annotations

import re
from itertools import combinations

import msgspec

from nextround.cases import thresholds as t
from nextround.errors import Invalid
from nextround.text import content_stems, overlap

_BULLET = re.compile(r"^(?:[-*•+]|\d+[.)]|[a-z][.)])\s+", re.IGNORECASE)
TAB_WIDTH = 4


class Branch(msgspec.Struct, frozen=True):
    label: str
    children: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.label, *self.children))


class Overlap(msgspec.Struct, frozen=True):
    """Two branches sharing too much of their meaningful words."""

    first: str
    second: str
    jaccard: float
    shared: tuple[str, ...]


def _lines(text: str) -> list[tuple[int, str]]:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > t.MAX_TREE_LINES:
        raise Invalid(f"The structure has {len(lines)} lines; keep it under {t.MAX_TREE_LINES}.")
    found = []
    for line in lines:
        expanded = line.expandtabs(TAB_WIDTH)
        indent = len(expanded) - len(expanded.lstrip())
        found.append((indent, _BULLET.sub("", expanded.strip()).strip()))
    return [(indent, label) for indent, label in found if label]


def branches(text: str) -> list[Branch]:
    """The top-level branches: the lines indented least; the lines after each, indented more,
    are its children (at any depth)."""
    lines = _lines(text)
    if not lines:
        return []
    top = min(indent for indent, _ in lines)
    tree: list[tuple[str, list[str]]] = []
    for indent, label in lines:
        if indent == top or not tree:
            tree.append((label, []))
        else:
            tree[-1][1].append(label)
    return [Branch(label, tuple(children)) for label, children in tree]


def overlaps(found: list[Branch]) -> list[Overlap]:
    """Pairs of branches whose words (label and children, as content stems) overlap past
    ``thresholds.BRANCH_OVERLAP_MAX``."""
    pairs = []
    for first, second in combinations(found, 2):
        a, b = content_stems(first.text), content_stems(second.text)
        score = overlap(a, b)
        if score > t.BRANCH_OVERLAP_MAX:
            pairs.append(Overlap(first.label, second.label, round(score, 2), tuple(sorted(a & b))))
    return pairs
