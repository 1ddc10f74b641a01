"""Measured feedback on practice answers: pace, length, fillers, hedges, STAR parts, numbers,
relevance to the job, and a score that explains itself. Plain Python; nothing here imports
Django."""

from nextround.feedback.analyze import analyze_answer, as_dict
from nextround.feedback.report import (
    AnswerReport,
    Component,
    Pause,
    Repeat,
    Span,
    StarPart,
    Tally,
    TermUse,
    TimedWord,
)

__all__ = [
    "AnswerReport",
    "Component",
    "Pause",
    "Repeat",
    "Span",
    "StarPart",
    "Tally",
    "TermUse",
    "TimedWord",
    "analyze_answer",
    "as_dict",
]
