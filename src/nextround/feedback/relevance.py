"""Relevance: which of the job's requirements and the company's own terms the answer names,
compared by stem so that "managed stakeholders" uses "stakeholder management"."""

from __future__ import annotations

from collections.abc import Sequence

from nextround.feedback.report import TermUse
from nextround.text import Tokens, content_stems, stems, words
from nextround.text.stems import stem_set


def term_uses(
    tokens: Tokens, requirements: Sequence[str], company_terms: Sequence[str]
) -> tuple[TermUse, TermUse]:
    """How the answer, read into ``tokens``, uses the requirements and the company terms."""
    # Stemming is only worth it when there are terms to look for, and each distinct word is
    # stemmed once, and then remembered.
    if not (requirements or company_terms):
        return term_use(requirements, frozenset()), term_use(company_terms, frozenset())
    answer_stems = stem_set(_distinct_words(tokens))
    return term_use(requirements, answer_stems), term_use(company_terms, answer_stems)


def _distinct_words(tokens: Tokens) -> set[str] | frozenset[str]:
    """The answer's words, as ``words`` gives them. In ASCII text they are the tokens' words;
    elsewhere lowering the whole text can differ from lowering each word ("İ", a final "Σ")."""
    if not tokens.text.isascii():
        return set(words(tokens.text))
    return tokens.distinct - {""}  # not a mark


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
