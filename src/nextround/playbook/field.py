"""Which field an employer works in, told from the posting, the role and the names around it.

The field decides which bank questions make sense (a hospital has no products to try) and how
the rest are worded (patients, not customers). Each field has signal terms with a weight: 3 for
words that nearly settle it ("nursing", "pupils", "charity"), 1 for words that lean towards it
("care", "site", "stock"). Terms match whole words and their plurals ("patient" finds
"patients"), not stems: a stemmer makes "account" of "accountancy". A term counts once per
place it appears in, and the role title and the employer's name count three times as much as
the posting, since they say what the job is.
The best field wins when it scores at least ``MIN_SCORE`` and ``MARGIN`` times the runner-up;
otherwise the answer is "general" and the bank's plain wording is used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from nextround.playbook.knowledge import FIELDS, Field
from nextround.text import words

MIN_SCORE = 4.0
MARGIN = 1.5
TITLE_WEIGHT = 3.0  # the role title and the employer's name
OTHER_WEIGHT = 1.0  # the posting, the interviewers' titles
EVIDENCE = 4  # terms shown as the reason

FIELD_LABELS: dict[str, str] = {
    "product": "product or software company",
    "services": "professional services or agency",
    "clinical": "clinical or care",
    "public": "public sector",
    "education": "education",
    "trades": "skilled trades or construction",
    "retail": "retail or hospitality",
    "logistics": "logistics or manufacturing",
    "finance": "finance, insurance or accounting",
    "nonprofit": "charity or nonprofit",
    "general": "general",
}
assert set(FIELD_LABELS) == set(FIELDS)

# term -> weight, per field. Each word of a term matches itself or its plural.
SIGNALS: dict[str, dict[str, float]] = {
    "product": {
        "software": 3,
        "saas": 3,
        "product manager": 3,
        "roadmap": 2,
        "app": 2,
        "platform": 1,
        "api": 3,
        "engineering": 1,
        "engineer": 1,
        "users": 2,
        "startup": 2,
        "start-up": 2,
        "subscription": 2,
        "cloud": 2,
        "aws": 2,
        "code": 2,
        "ship": 1,
        "a/b test": 3,
        "developer": 2,
        "backend": 3,
        "frontend": 3,
        "devops": 3,
        "data model": 2,
        "b2b": 2,
        "product": 1,
        "tech": 1,
    },
    "services": {
        "agency": 2,
        "consultancy": 3,
        "consulting": 3,
        "consultant": 1,
        "clients": 2,
        "client": 1,
        "law firm": 3,
        "solicitor": 3,
        "solicitors": 3,
        "legal": 2,
        "billable": 3,
        "pitch": 2,
        "account director": 3,
        "account manager": 2,
        "brief": 1,
        "engagement": 1,
        "advisory": 2,
        "caseload": 1,
        "pqe": 3,
        "creative": 1,
        "recruitment agency": 3,
        "firm": 1,
    },
    "clinical": {
        "patient": 3,
        "nursing": 3,
        "nurse": 3,
        "clinical": 3,
        "hospital": 3,
        "ward": 3,
        "nhs": 3,
        "care home": 3,
        "nursing home": 3,
        "cqc": 3,
        "nmc": 3,
        "medication": 2,
        "healthcare": 3,
        "health and social care": 3,
        "care": 1,
        "dementia": 2,
        "gp": 2,
        "physician": 3,
        "consultant": 1,
        "matron": 3,
        "pharmacy": 2,
        "midwife": 3,
        "therapy": 2,
        "therapist": 2,
        "infection control": 3,
        "unit": 1,
        "residents": 1,
        "clinic": 3,
        "dental": 3,
        "safe staffing": 3,
    },
    "public": {
        "council": 3,
        "government": 3,
        "civil service": 3,
        "civil servant": 3,
        "public sector": 3,
        "local authority": 3,
        "ministers": 3,
        "minister": 3,
        "parliament": 3,
        "statutory": 2,
        "policy": 1,
        "residents": 2,
        "citizens": 3,
        "elected members": 3,
        "committee": 1,
        "public consultation": 3,
        "department for": 3,
        "federal": 2,
        "municipal": 3,
        "public service": 3,
        "legislation": 2,
        "constituents": 3,
        "police": 3,
    },
    "education": {
        "school": 3,
        "pupils": 3,
        "pupil": 3,
        "students": 2,
        "student": 2,
        "teaching": 3,
        "teacher": 3,
        "curriculum": 3,
        "lessons": 3,
        "lesson": 3,
        "university": 3,
        "college": 2,
        "lecturer": 3,
        "ofsted": 3,
        "qts": 3,
        "headteacher": 3,
        "parents": 1,
        "learners": 3,
        "academy": 2,
        "safeguarding": 1,
        "modules": 1,
        "undergraduate": 3,
        "classroom": 3,
    },
    "trades": {
        "electrician": 3,
        "electrical": 2,
        "plumber": 3,
        "plumbing": 3,
        "carpenter": 3,
        "joiner": 3,
        "construction": 3,
        "cscs": 3,
        "smsts": 3,
        "site": 1,
        "subcontractors": 3,
        "contractor": 2,
        "installation": 2,
        "installations": 2,
        "tools": 1,
        "apprentice": 1,
        "van": 2,
        "rewires": 3,
        "fault finding": 2,
        "hvac": 3,
        "gas safe": 3,
        "trade": 1,
        "trades": 2,
        "plots": 2,
        "snagging": 3,
        "drawings": 1,
        "build": 1,
        "builds": 1,
        "homes": 1,
        "roofing": 3,
        "scaffolding": 3,
    },
    "retail": {
        "retail": 3,
        "store": 2,
        "shop": 2,
        "stores": 2,
        "shelves": 3,
        "merchandising": 3,
        "tills": 3,
        "till": 2,
        "footfall": 3,
        "shrinkage": 3,
        "stock": 1,
        "customer service": 1,
        "restaurant": 3,
        "hotel": 3,
        "hospitality": 3,
        "front of house": 3,
        "chef": 3,
        "guest": 2,
        "guests": 2,
        "bar": 1,
        "covers": 1,
        "rotas": 1,
        "shoppers": 3,
        "ecommerce": 1,
        "sales floor": 3,
        "barista": 3,
        "cafe": 3,
    },
    "logistics": {
        "warehouse": 3,
        "logistics": 3,
        "supply chain": 3,
        "distribution": 2,
        "distribution centre": 3,
        "picking": 3,
        "dispatch": 2,
        "forklift": 3,
        "fleet": 2,
        "haulage": 3,
        "drivers": 1,
        "manufactures": 3,
        "manufacturing": 3,
        "production": 1,
        "factory": 3,
        "plant": 2,
        "lean": 2,
        "six sigma": 2,
        "scrap": 2,
        "shop floor": 2,
        "factory floor": 3,
        "wms": 3,
        "goods in": 3,
        "operatives": 2,
        "tooling": 2,
        "moulding": 3,
        "assembly": 2,
        "freight": 3,
        "procurement": 1,
    },
    "finance": {
        "audit": 3,
        "accountancy": 3,
        "accounting": 3,
        "accountant": 3,
        "aca": 3,
        "acca": 3,
        "cima": 3,
        "ifrs": 3,
        "gaap": 3,
        "fca": 3,
        "bank": 2,
        "banking": 3,
        "insurance": 3,
        "underwriter": 3,
        "underwriting": 3,
        "brokers": 2,
        "portfolio": 1,
        "investment": 2,
        "ledger": 3,
        "reconciliations": 3,
        "tax": 2,
        "payroll": 2,
        "finance": 1,
        "financial": 1,
        "loss ratio": 3,
        "risk": 1,
        "asset management": 3,
        "wealth": 2,
        "cii": 3,
    },
    "nonprofit": {
        "charity": 3,
        "charitable": 3,
        "nonprofit": 3,
        "non-profit": 3,
        "not-for-profit": 3,
        "ngo": 3,
        "fundraising": 3,
        "fundraiser": 3,
        "donors": 3,
        "donor": 3,
        "volunteers": 2,
        "volunteer": 2,
        "trustees": 3,
        "beneficiaries": 3,
        "supporters": 2,
        "mission": 1,
        "humanitarian": 3,
        "grant": 1,
        "grants": 1,
        "foundation": 1,
        "communities": 1,
        "campaigns": 1,
        "advocacy": 2,
    },
}
assert set(SIGNALS) | {"general"} == set(FIELDS)


@dataclass(frozen=True)
class FieldGuess:
    """The field, the terms that decided it (strongest first) and every field's score."""

    field: Field
    evidence: tuple[str, ...] = ()
    scores: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        return FIELD_LABELS[self.field]

    @property
    def summary(self) -> str:
        """One line for the page and the command line."""
        if self.field == "general" or not self.evidence:
            return "Field: general (nothing in the posting settles it)"
        return f"Field: {self.field} (from: {', '.join(self.evidence)})"


@dataclass(frozen=True)
class _Term:
    field: str
    term: str
    words: tuple[str, ...]
    weight: float


def singular(word: str) -> str:
    """A word without its plural ending (or a possessive "s" once the apostrophe is gone)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@cache
def _terms_by_first_word() -> Mapping[str, tuple[_Term, ...]]:
    """Built once and shared by every thread, so read-only."""
    index: defaultdict[str, list[_Term]] = defaultdict(list)
    for field, terms in SIGNALS.items():
        seen: set[tuple[str, ...]] = set()
        for term, weight in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])):
            term_words = tuple(singular(w) for w in words(term))
            if term_words and term_words not in seen:  # "pupil" and "pupils" count once
                seen.add(term_words)
                index[term_words[0]].append(_Term(field, term, term_words, weight))
    return MappingProxyType({first: tuple(terms) for first, terms in index.items()})


def _terms_in(text: str) -> set[_Term]:
    """Every signal term the text contains, each once."""
    found: set[_Term] = set()
    text_words = [singular(w) for w in words(text)]
    index = _terms_by_first_word()
    for i, word in enumerate(text_words):
        for term in index.get(word, ()):
            if tuple(text_words[i : i + len(term.words)]) == term.words:
                found.add(term)
    return found


def detect_field(
    *,
    posting: str = "",
    role_title: str = "",
    company: str = "",
    others: Iterable[str] = (),
) -> FieldGuess:
    """The employer's field from what is known about the opportunity; ``others`` are further
    texts such as the interviewers' job titles. "general" when nothing settles it."""
    places: Sequence[tuple[str, float]] = [
        (role_title, TITLE_WEIGHT),
        (company, TITLE_WEIGHT),
        (posting, OTHER_WEIGHT),
        *((text, OTHER_WEIGHT) for text in others),
    ]
    scores: defaultdict[str, float] = defaultdict(float)
    by_term: defaultdict[_Term, float] = defaultdict(float)
    for text, weight in places:
        for term in _terms_in(text):
            scores[term.field] += term.weight * weight
            by_term[term] += term.weight * weight
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], FIELDS.index(kv[0])))
    table = tuple((name, round(score, 2)) for name, score in ranked)
    if not ranked:
        return FieldGuess("general", (), table)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score < MIN_SCORE or best_score < MARGIN * runner_up:
        return FieldGuess("general", (), table)
    evidence = sorted((t for t in by_term if t.field == best), key=lambda t: (-by_term[t], t.term))
    return FieldGuess(best, tuple(t.term for t in evidence[:EVIDENCE]), table)  # type: ignore[arg-type]
