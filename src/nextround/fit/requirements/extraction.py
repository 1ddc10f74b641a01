"""A posting's requirements with their kinds and terms, and its key terms."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import msgspec

from nextround.fit.requirements.facts import PostingFacts, posting_facts
from nextround.fit.requirements.kinds import MUST, NICE, RESPONSIBILITY, kind_of
from nextround.fit.requirements.segments import clean, is_boilerplate, statements
from nextround.fit.requirements.terms import Term, terms_of
from nextround.fit.requirements.tokens import (
    FORM_BASE,
    FORM_ED,
    FORM_ING,
    FORM_S,
    TOKEN,
    WORD_TOKEN,
    Tok,
    is_adverb,
    norm_term,
    to_tok,
)
from nextround.fit.requirements.vocabulary import (
    common_words,
    listed_firsts,
    named_phrases,
    word_lists,
    word_set,
)

KEY_TERMS = 25


class Requirement(msgspec.Struct, frozen=True):
    key: str  # first 12 hex digits of the SHA-1 of the normalised text
    text: str
    kind: str  # "responsibility" | "must-have" | "nice-to-have"
    terms: tuple[Term, ...]

    def names(self) -> list[Term]:
        """What the requirement names, as the pages show it (no bare verbs)."""
        return [Term(text=text, kind=term.kind) for term, text in named_terms(self)]


class Extraction(msgspec.Struct, frozen=True):
    requirements: tuple[Requirement, ...]
    terms: tuple[str, ...]  # the posting's key terms, most important first
    facts: PostingFacts = PostingFacts()  # pay, place, setting, schedule, employment type

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
            facts=self.facts,
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
    facts: PostingFacts


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
# over nice-to-haves; a term repeated across statements is central to the job. They are names
# and noun phrases: a verb phrase counts by its object, a bare verb not at all.
_KIND_WEIGHT = {MUST: 3.0, RESPONSIBILITY: 2.0, NICE: 1.0}
_TERM_WEIGHT = {"credential": 2.0, "tool": 2.0, "skill": 1.0, "domain": 0.8}
_LENGTH_WEIGHT = {1: 1.0, 2: 1.2, 3: 1.2, 4: 1.0, 5: 0.8, 6: 0.7}


_PREPOSITIONS = word_set("in into to with for on across from of at by within")
_ADJECTIVE_ENDINGS = ("ible", "able", "ful", "ous", "ness")


def _plain(low: str) -> bool:
    """An everyday verb in any form, or a vague noun: "keep", "hitting", "changes"."""
    plain = word_lists().plain
    if low in plain:
        return True
    for suffix in ("ing", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            if (
                base in plain
                or base + "e" in plain
                or (base[-1] == base[-2:-1] and base[:-1] in plain)
            ):
                return True
    return False


def _verb_like(toks: Sequence[Tok], k: int, *, opens: bool, duty: bool) -> bool:
    """Whether the k-th word of a term acts as a verb: an everyday verb, an inflected action
    verb, a gerund taking a preposition ("closing in B2B SaaS"), an action verb where a verb
    would stand ("able to prioritise a workload"), or the first word of a duty ("Give
    medications"); "purchase orders" after "against" is a noun phrase."""
    tok = toks[k]
    vocab = word_lists()
    if (tok.low,) in vocab.tools or (tok.text,) in vocab.cased_tools:
        return False  # "Go", "Make": names of tools
    if _plain(tok.low) or tok.form in (FORM_ING, FORM_ED, FORM_S):
        return True
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if tok.low.endswith("ing") and nxt in _PREPOSITIONS:
        return True
    return opens and (tok.form == FORM_BASE or (k == 0 and duty and tok.cap))


# Words after which an action verb opens a clause: "able to prioritise", "you will write".
_VERB_LEADS = word_set("to will would must can could should shall may and or also you we then")


def _verb_position(statement: str, term: str) -> bool:
    """Whether a term stands where a verb would: at the start of its statement, after a comma,
    or after "to", "will", "and"…"""
    at = statement.find(term)
    if at <= 0:
        return at == 0
    before = TOKEN.findall(statement[:at])
    return not before or before[-1] in ",;:(" or before[-1].lower() in _VERB_LEADS


def _clause_verb(toks: Sequence[Tok], k: int) -> bool:
    """A verb whose subject ends the phrase: "the frontend team uses", "caregivers rely"."""
    tok, before = toks[k], toks[k - 1]
    if tok.form == FORM_S and not tok.low.endswith("ss"):
        return before.content and not before.form
    return tok.form == FORM_BASE and before.low.endswith("s") and not before.form


def _after_verbs(toks: Sequence[Tok], k: int) -> bool:
    """The first word, or a word after "and" that joins it to the verb before: "Build and
    maintain dashboards"."""
    return k == 0 or (toks[k - 1].low in {"and", "or", "&", ","} and k >= 2)


def _name_length(toks: Sequence[Tok], k: int) -> int:
    """The words of a listed name of several words starting at the k-th word (0 for none):
    its first word may read as a verb ("supply chain", "change management") and its last as
    a vague noun ("stock control")."""
    named = named_phrases()
    lengths = range(min(4, len(toks) - k), 1, -1)
    return next((n for n in lengths if tuple(t.low for t in toks[k : k + n]) in named), 0)


@lru_cache(maxsize=8192)
def key_term(term: Term, *, opens: bool = False, duty: bool = False) -> str | None:
    """The noun a term names, for the posting's key terms: the object of a verb phrase
    ("Forecast accurately in Salesforce" → "Salesforce"), nothing for a bare verb ("keep",
    "hitting") or a vague word ("changes"). ``opens``: the term stands where a verb would;
    ``duty``: it opens a responsibility, whose first word is its verb."""
    matches = list(TOKEN.finditer(term.text))
    toks = [to_tok(m.group()) for m in matches]
    vocab = word_lists()
    start = 0
    if toks and _verb_like(toks, 0, opens=opens, duty=duty):
        while (
            start < len(toks)
            and not _name_length(toks, start)
            and (
                _verb_like(toks, start, opens=opens and _after_verbs(toks, start), duty=duty)
                or not toks[start].word
                or is_adverb(toks[start].low)
                or toks[start].low in vocab.function
                or toks[start].low in vocab.fluff
                or toks[start].low in vocab.particles
            )
        ):
            start += 1
        end = start + _name_length(toks, start)
        while end < len(toks) and not (end > start and (toks[end].form or _plain(toks[end].low))):
            end += 1  # up to the next verb: "help the team keep quality" → "team"
    else:
        end = next((k for k in range(1, len(toks)) if _clause_verb(toks, k)), len(toks))
    while end > start and not toks[end - 1].content:
        end -= 1
    if start >= end or _bare_possessive(toks[end - 1]):
        return None  # a possessive whose noun was dropped as vague: "the home's (budget)"
    if end - start == 1 and term.kind == "skill":
        low = toks[start].low
        named = low in vocab.domains_single or low in vocab.languages or not low.islower()
        vague = (
            toks[start].form
            or _plain(low)
            or low in vocab.generic
            or low in vocab.traits
            or low.endswith(_ADJECTIVE_ENDINGS)
            or (low.endswith("ing") and not toks[start].cap)
        )
        if vague and not named:
            return None
    return term.text[matches[start].start() : matches[end - 1].end()]


def _bare_possessive(tok: Tok) -> bool:
    """A common noun's possessive ("home's"); a name's ("Macy's", "McDonald's") is a name."""
    return not tok.cap and tok.low.endswith(("'s", "’s"))


def named_terms(requirement: Requirement) -> Iterator[tuple[Term, str]]:
    """Each of the requirement's terms that names something, with the name: a verb phrase by
    its object ("Build and keep up the capacity forecast" → "capacity forecast"), a bare verb
    ("Build", "keep") not at all."""
    duty = requirement.kind == RESPONSIBILITY
    for term in requirement.terms:
        opens = _verb_position(requirement.text, term.text)
        text = key_term(term, opens=opens, duty=duty and requirement.text.startswith(term.text))
        if text:
            yield term, _as_in_running_text(text, requirement.text)


def _as_in_running_text(name: str, statement: str) -> str:
    """The name as it reads mid-sentence: a statement opening "Patience and empathy…" names
    "patience", while "Salesforce" and "NVQ" keep their capitals. Only a name that opens its
    statement changes, and only when its first word is an ordinary word (``common_words``)
    capitalised for the sentence's sake."""
    first, space, rest = name.partition(" ")
    sentence_case = first[:1].isupper() and first[1:].islower() and rest == rest.lower()
    if sentence_case and statement.startswith(name) and _ordinary(first.lower()):
        return first.lower() + space + rest
    return name


# Endings of abstract nouns ("patience", "resilience", "leadership"): ordinary words, where a
# product's name rarely ends so; the listed tools ("Confluence") are kept out by common_words.
_ABSTRACT_ENDINGS = ("ness", "ity", "ence", "ance", "ship", "ment", "tion", "sion", "ism")


def _ordinary(low: str) -> bool:
    if low in common_words():
        return True
    return low.endswith(_ABSTRACT_ENDINGS) and low not in listed_firsts()


def _key_terms(requirements: Sequence[Requirement]) -> tuple[str, ...]:
    scores: dict[str, float] = {}
    shown: dict[str, str] = {}
    first: dict[str, int] = {}
    for r_index, requirement in enumerate(requirements):
        for term, text in named_terms(requirement):
            norm = norm_term(text) if text else ""
            words = len(norm.split())
            if not text or not norm or words > 6:
                continue  # run-on phrases make poor headline terms
            weight = _KIND_WEIGHT[requirement.kind] * _TERM_WEIGHT[term.kind]
            weight *= _LENGTH_WEIGHT[words]
            scores[norm] = scores.get(norm, 0.0) + weight
            shown.setdefault(norm, text)
            first.setdefault(norm, r_index)
    ranked = sorted(scores, key=lambda n: (-scores[n], first[n]))
    return tuple(shown[n] for n in ranked[:KEY_TERMS])


def extract_requirements(posting: str) -> Extraction:
    """The posting's requirement statements with their kinds and terms, its key terms, and the
    facts it states that are no requirements (pay, place, schedule…)."""
    if not posting or not posting.strip():
        return Extraction(requirements=(), terms=())
    requirements = tuple(_requirements(posting))
    return Extraction(
        requirements=requirements, terms=_key_terms(requirements), facts=posting_facts(posting)
    )
