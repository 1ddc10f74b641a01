"""Requirements and key terms from a job posting's plain text.

The posting is cut into statements under the headings that govern them, boilerplate dropped
(segments.py); each statement gets a kind (kinds.py) and its terms: the skills, tools,
credentials and domains it names (chunks.py finds the phrases, terms.py makes terms of them,
from tokens.py's words and vocabulary.py's word lists). extraction.py puts it together and ranks
the posting's key terms. facts.py reads what the posting states that is no requirement: pay band,
locations, work setting, schedule and employment type.
"""

from nextround.fit.requirements.extraction import (
    KEY_TERMS,
    Extraction,
    ExtractionReport,
    Requirement,
    RequirementReport,
    extract_requirements,
)
from nextround.fit.requirements.facts import (
    EMPLOYMENT_TYPES,
    PERIODS,
    SETTINGS,
    PayBand,
    PostingFacts,
    facts_in_words,
    pay_band,
    pay_in_words,
    posting_facts,
)
from nextround.fit.requirements.kinds import KINDS, MUST, NICE, RESPONSIBILITY
from nextround.fit.requirements.terms import TERM_KINDS, Term, extract_terms, term_spans

__all__ = [
    "EMPLOYMENT_TYPES",
    "KEY_TERMS",
    "KINDS",
    "MUST",
    "NICE",
    "PERIODS",
    "RESPONSIBILITY",
    "SETTINGS",
    "TERM_KINDS",
    "Extraction",
    "ExtractionReport",
    "PayBand",
    "PostingFacts",
    "Requirement",
    "RequirementReport",
    "Term",
    "extract_requirements",
    "extract_terms",
    "facts_in_words",
    "pay_band",
    "pay_in_words",
    "posting_facts",
    "term_spans",
]
