"""Relevance: which of the job's requirements and the company's own terms the answer names,
compared by stem so that "managed stakeholders" uses "stakeholder management"."""

from __future__ import annotations

from collections.abc import Sequence

from nextround.feedback.report import TermUse
from nextround.text import content_stems, stem, stems, words


def term_uses(
    text: str, requirements: Sequence[str], company_terms: Sequence[str]
) -> tuple[TermUse, TermUse]:
    """How the answer uses the requirements and the company terms."""
    # Stemming is only worth it when there are terms to look for, and each distinct word is
    # stemmed once.
    answer_stems = (
        frozenset(map(stem, set(words(text)))) if requirements or company_terms else frozenset()
    )
    return term_use(requirements, answer_stems), term_use(company_terms, answer_stems)


def term_use(terms: Sequence[str], answer_stems: frozenset[str]) -> TermUse:
    """A term is used when every meaningful word of it appears in the answer, compared by stem
    ("managed stakeholders" uses "stakeholder management")."""
    used: list[str] = []
    missed: list[str] = []
    seen: set[str] = set()
    for raw in terms:
        term = " ".join(raw.split())
        if not term or term.casefold() in seen:
            continue
        seen.add(term.casefold())
        needed = content_stems(term) or frozenset(stems(term))
        (used if needed and needed <= answer_stems else missed).append(term)
    return TermUse(used=used, missed=missed)
