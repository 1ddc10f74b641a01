"""The text every reader returns, normalised: headings and list items on their own lines,
bullets as ``- ``, a blank line between blocks. Readers of structured formats produce blocks
(paragraph, heading, list item, table row); plain text keeps the author's lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Kind = Literal["para", "heading", "item", "row"]
Block = tuple[Kind, str]

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
SPACES = re.compile(r"\s+")
# Bullet glyphs from word processors and PDF exports (U+F0B7 and U+F0A7 are Symbol/Wingdings).
_BULLET_GLYPHS = "\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\uf0b7\uf0a7"
_BULLET = re.compile(f"^(?:[{_BULLET_GLYPHS}]\\s*|[-*+\u2013\u2014]\\s+)")


def _squash(line: str) -> str:
    return SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def render(blocks: Iterable[Block]) -> str:
    """Items and table rows that follow each other share a block; everything else is separated
    by a blank line."""
    parts: list[str] = []
    previous: Kind | None = None
    for kind, raw in blocks:
        lines = [line for line in map(_squash, raw.splitlines()) if line]
        if not lines:
            continue
        text = "\n".join(lines) if kind == "para" else " ".join(lines)
        if kind == "item":
            text = "- " + _BULLET.sub("", text)
        if parts:
            parts.append("\n" if kind == previous and kind in ("item", "row") else "\n\n")
        parts.append(text)
        previous = kind
    return "".join(parts)


def plain_text(text: str) -> str:
    """Keep the author's lines (PDF lines are visual lines), squash spaces, mark bullets."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _squash(raw)
        if _BULLET.match(line):
            line = "- " + _BULLET.sub("", line)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()
