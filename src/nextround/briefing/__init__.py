"""The brief of a round as plain data, and what can be worked out without Django: the order of
the people, the countdown, the story to land for a question, Markdown's escaping and the PDF.

The ``nextround.brief`` app fills a :class:`Brief` from the other apps' selectors; the HTML page,
the PDF (``pdf_bytes``) and the Markdown are three renderings of that one value.
"""

from nextround.briefing.model import Brief, Entry, Line, Part, Section, Table
from nextround.briefing.pdf import pdf_available, pdf_bytes
from nextround.briefing.rules import (
    Candidate,
    PersonFacts,
    countdown_text,
    decision_maker,
    order_people,
    story_for,
)

__all__ = [
    "Brief",
    "Candidate",
    "Entry",
    "Line",
    "Part",
    "PersonFacts",
    "Section",
    "Table",
    "countdown_text",
    "decision_maker",
    "order_people",
    "pdf_available",
    "pdf_bytes",
    "story_for",
]
