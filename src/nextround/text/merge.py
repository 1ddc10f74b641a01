"""Two records of the same thing merged into one without losing either: the texts joined with a
blank line, each kept once."""

from __future__ import annotations

PARAGRAPH = "\n\n"


def join_texts(*texts: str) -> str:
    """The non-blank texts, stripped, in the order given, with a blank line between them; a text
    equal to one already taken (after stripping) is left out, so joining twice changes nothing
    and nothing said in either place is lost."""
    kept: list[str] = []
    for text in texts:
        cleaned = text.strip()
        if cleaned and cleaned not in kept:
            kept.append(cleaned)
    return PARAGRAPH.join(kept)
