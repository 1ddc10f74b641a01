"""Company research made useful: the business terms to suggest from the posting and the round
notes (``terms``), and the answer to "What do you already know about us?" built from the
candidate's facts, news and earlier rounds (``learned``). Plain Python, no Django."""

from nextround.dossier.learned import (
    QUESTION,
    FactPoint,
    HeardPoint,
    Learned,
    Point,
    learned_answer,
)
from nextround.dossier.terms import NoteText, PostingTerm, Suggestion, suggest_terms, term_key

__all__ = [
    "QUESTION",
    "FactPoint",
    "HeardPoint",
    "Learned",
    "NoteText",
    "Point",
    "PostingTerm",
    "Suggestion",
    "learned_answer",
    "suggest_terms",
    "term_key",
]
