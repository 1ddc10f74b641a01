"""Text made safe for the places of a Markdown document the brief's text template fills."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
# Characters that start Markdown markup or close a table cell.
_MARKUP = re.compile(r"([\\`*_\[\]|<>#])")


def inline(text: str) -> str:
    """One line: whitespace collapsed and markup characters escaped."""
    return _MARKUP.sub(r"\\\1", _SPACE.sub(" ", text).strip())
