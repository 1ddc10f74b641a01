"""Every limit on reading a posting, in one place, and the messages when a file goes over one.

A posting is a few pages of text; a file of the allowed size can still hold far more (30,000
PDF pages, a million nested elements, half a million paragraphs), so each reader checks the
limits while it reads and stops at the first one crossed, before the work grows with the file:
the page count before any page is read, nesting and element count in a streaming pass before
a tree is built, the characters of text as they are collected, and a deadline between pages
and blocks. Tests pass smaller :class:`Limits` to build small files that cross them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from nextround.errors import Invalid

MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload may cost to read."""

    pages: int = 50
    """PDF pages; a posting (or a CV) is a few."""
    chars: int = 100_000
    """Characters of text collected before the text is tidied; twice the longest posting
    kept (50,000), so spaces and line breaks never decide."""
    depth: int = 200
    """HTML elements inside each other; real pages stay well under 100."""
    elements: int = 15_000
    """HTML elements in the page; a saved job page has a few thousand."""
    unzipped: int = 20 * MAX_BYTES
    """Bytes a .docx unpacks to; far more is a zip bomb."""
    word_xml: int = 4 * 1024 * 1024
    """Bytes of the .docx's main part (word/document.xml), which is read into a tree whole; a
    long posting's is a few hundred KB."""
    pdf_stream: int = 10 * 1024 * 1024
    """Bytes one compressed PDF stream may inflate to (pypdf's own limit, set for each read)."""
    pdf_content: int = 1024 * 1024
    """Bytes of drawing instructions in all the pages read, unpacked: reading them costs about
    a second of CPU a megabyte, and a page of text takes 10 to 50 KB."""
    seconds: float = 2.0
    """CPU time of the reading thread for one upload, checked between pages and blocks. CPU,
    not wall-clock time, so a busy machine doesn't refuse a file that is cheap to read."""


DEFAULT_LIMITS = Limits()

ADVICE = "Copy the job's part of it and paste that instead."


class Budget:
    """One upload's allowance, spent as it is read: the text collected and the time taken."""

    def __init__(self, source: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.source = source
        self.limits = limits
        self.chars = 0
        self._deadline = time.thread_time() + limits.seconds

    def add_text(self, text: str) -> None:
        """Count text as it is collected; raises once the character limit is crossed."""
        self.chars += len(text)
        if self.chars > self.limits.chars:
            raise self.over(f"has more than {self.limits.chars:,} characters of text")

    def check_time(self) -> None:
        if time.thread_time() > self._deadline:
            raise Invalid(
                f"{self.source} took more than {self.limits.seconds:g} seconds of work to read, "
                f"so reading stopped. {ADVICE}"
            )

    def over(self, detail: str) -> Invalid:
        """The error for a file over a limit; ``detail`` says which ("has more than 50 pages")."""
        return Invalid(f"{self.source} {detail}, more than a posting needs. {ADVICE}")


def check_size(source: str, size: int, limit: int) -> None:
    if size > limit:
        raise Invalid(f"{source} is larger than the {size_label(limit)} limit.")


def size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    return f"{max(1, round(size / 1024))} KB"
