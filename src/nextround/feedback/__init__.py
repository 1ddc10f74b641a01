"""Measured feedback on practice answers: pace, length, fillers, hedges, how the answer is
organised, STAR parts, numbers, relevance to the job, and a score that explains itself. Plain
Python; nothing here imports Django. A report's JSON form is
``nextround.jsonform.json_form(report)``."""

from nextround.feedback.analyze import FIGURES_VERSION, analyze_answer
from nextround.feedback.report import (
    AnswerReport,
    Component,
    Organisation,
    Pause,
    PauseSpan,
    Pronouns,
    Repeat,
    Span,
    StarPart,
    Tally,
    TermUse,
    TimedWord,
)

__all__ = [
    "FIGURES_VERSION",
    "AnswerReport",
    "Component",
    "Organisation",
    "Pause",
    "PauseSpan",
    "Pronouns",
    "Repeat",
    "Span",
    "StarPart",
    "Tally",
    "TermUse",
    "TimedWord",
    "analyze_answer",
]
