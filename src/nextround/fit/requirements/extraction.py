"""A posting's requirements with their kinds and terms, and its key terms."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import msgspec

from nextround.fit.requirements.kinds import MUST, NICE, RESPONSIBILITY, kind_of
from nextround.fit.requirements.segments import clean, is_boilerplate, statements
from nextround.fit.requirements.terms import Term, terms_of
from nextround.fit.requirements.tokens import TOKEN, WORD_TOKEN, norm_term, to_tok

KEY_TERMS = 25


class Requirement(msgspec.Struct, frozen=True):
    key: str  # first 12 hex digits of the SHA-1 of the normalised text
    text: str
    kind: str  # "responsibility" | "must-have" | "nice-to-have"
    terms: tuple[Term, ...]


class Extraction(msgspec.Struct, frozen=True):
    requirements: tuple[Requirement, ...]
    terms: tuple[str, ...]  # the posting's key terms, most important first

    def report(self) -> ExtractionReport:
        """The extraction as served: ``json_form`` of this is its JSON."""
        return ExtractionReport(
            requirements=[
                RequirementReport(
                    key=r.key,
                    text=r.text,
                    kind=r.kind,
                    terms=[t.text for t in r.terms],
                    term_kinds=[t.kind for t in r.terms],
                )
                for r in self.requirements
            ],
            terms=list(self.terms),
        )


# JSON readers get each requirement's terms as plain texts, with their kinds in a parallel list.
class RequirementReport(msgspec.Struct, frozen=True):
    key: str
    text: str
    kind: str
    terms: list[str]
    term_kinds: list[str]


class ExtractionReport(msgspec.Struct, frozen=True):
    requirements: list[RequirementReport]
    terms: list[str]


def _key(text: str) -> str:
    """Stable id of a statement: case, spacing and punctuation do not change it."""
    norm = " ".join(WORD_TOKEN.findall(text.lower()))
    return hashlib.sha1(norm.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def _clean_statement(text: str) -> str:
    text = clean(text)
    return text.rstrip(" ;,")


def _requirements(posting: str) -> Iterator[Requirement]:
    seen: set[str] = set()
    for statement in statements(posting):
        text = _clean_statement(statement.text)
        if not terms_of(text) and (statement.title or len(TOKEN.findall(text)) < 2):
            continue  # stray fragments that name nothing
        statement = statement._replace(text=text)
        if is_boilerplate(statement):
            continue
        key = _key(text)
        if key in seen:
            continue
        seen.add(key)
        yield Requirement(
            key=key, text=text, kind=kind_of(text, statement.section), terms=terms_of(text)
        )


# Key terms: listed credentials and tools weigh most, then must-haves over responsibilities
# over nice-to-haves; a term repeated across statements is central to the job.
_KIND_WEIGHT = {MUST: 3.0, RESPONSIBILITY: 2.0, NICE: 1.0}
_TERM_WEIGHT = {"credential": 2.0, "tool": 2.0, "skill": 1.0, "domain": 0.8}
_LENGTH_WEIGHT = {1: 1.0, 2: 1.2, 3: 1.2, 4: 1.0, 5: 0.8, 6: 0.7}


def _key_terms(requirements: Sequence[Requirement]) -> tuple[str, ...]:
    scores: dict[str, float] = {}
    shown: dict[str, str] = {}
    first: dict[str, int] = {}
    for r_index, requirement in enumerate(requirements):
        for term in requirement.terms:
            norm = norm_term(term.text)
            words = len(norm.split())
            if not norm or words > 6:
                continue  # run-on phrases make poor headline terms
            weight = _KIND_WEIGHT[requirement.kind] * _TERM_WEIGHT[term.kind]
            weight *= _LENGTH_WEIGHT[words]
            if words == 1 and term.kind == "skill" and to_tok(term.text).form:
                weight *= 0.3  # a bare verb ("design") says little on its own
            scores[norm] = scores.get(norm, 0.0) + weight
            shown.setdefault(norm, term.text)
            first.setdefault(norm, r_index)
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    return tuple(shown[n] for n in ranked[:KEY_TERMS])


def extract_requirements(posting: str) -> Extraction:
    """The posting's requirement statements with their kinds and terms, and its key terms."""
    if not posting or not posting.strip():
        return Extraction(requirements=(), terms=())
    requirements = tuple(_requirements(posting))
    return Extraction(requirements=requirements, terms=_key_terms(requirements))
