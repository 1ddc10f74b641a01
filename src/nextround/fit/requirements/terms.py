"""The terms a statement names: skills, tools, credentials and domains. Each phrase the chunker
finds is trimmed of grading adjectives ("excellent") and generic nouns ("experience", "role"),
split at personal qualities, and dropped when it names a person, a place or a firm.
evaluation/skill_extraction.py measures the rules against human-labelled job-ad sentences."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

import msgspec

from nextround.fit.requirements.chunks import OF_DETS, Chunker
from nextround.fit.requirements.tokens import (
    ACRONYM,
    FORM_ED,
    SKILL_SUFFIXES,
    TOKEN,
    is_adverb,
    looks_like_product,
    norm_term,
    singular,
    verb,
)
from nextround.fit.requirements.vocabulary import listed_firsts, word_lists, word_set

TERM_KINDS = ("skill", "tool", "credential", "domain")


class Term(msgspec.Struct, frozen=True):
    text: str  # as written in the statement
    kind: str  # "skill" | "tool" | "credential" | "domain"


# Words that turn a credential into an adjective; alone they name nothing.
_CREDENTIAL_ADJECTIVES = word_set(
    "qualified certified registered accredited chartered licensed licenced"
)
# Credential words that say nothing without the name before them ("IOSH certificate").
_BARE_CREDENTIALS = _CREDENTIAL_ADJECTIVES | word_set(
    "certificate certificates certification certifications qualification qualifications "
    "licence license"
)
# Participles and adjectives that follow their noun ("information supplied", "role based").
_TRAILING_PARTICIPLES = word_set(
    "based available required needed found shown built held given known made seen "
    "taken done preferred desired essential"
)
_LIST_SEPARATORS = frozenset({"and", "or", "&", ",", "/"})
_SUBJECT_VERBS = word_set("is are was were has have 's s")
_CUE_MODIFIERS = frozenset({"working", "practical", "hands-on", "handson", "hands", "on", "track"})
# Verbs too general to be a skill without their object.
_BARE_VERBS_DROPPED = word_set(
    "work help use take set run follow deal carry keep care act enter share own serve"
)

_FIELD_HEADS = frozenset({"industry", "industries", "sector", "sectors", "market", "markets"})


@cache
def _lead_words() -> frozenset[str]:
    """Words dropped from the start of a term: grading, framing and counting words."""
    vocab = word_lists()
    return vocab.fluff | vocab.cues | vocab.quantities | vocab.object_dets | OF_DETS | {"of"}


class _Span(NamedTuple):
    start: int
    end: int
    kind: str


class _Sentence(Chunker):
    """A chunked statement and the rules that turn its phrases into terms."""

    def __init__(self, tokens: Sequence[str]) -> None:
        super().__init__(tokens)
        self.lead_words = _lead_words()

    def spans(self) -> list[_Span]:
        """Terms left to right: a verb phrase where an action verb opens one, else a noun
        phrase; words that can be part of no term are skipped."""
        out: list[_Span] = []
        i = 0
        while i < self.n:
            if not self.toks[i].content:
                i += 1
            elif self._opens_verb_phrase(i):
                verbs_end, end = self._verb_phrase_end(i)
                out.extend(self._verb_terms(i, verbs_end, end))
                i = end
            else:
                end = self._noun_phrase_end(i)
                out.extend(self._noun_terms(i, end))
                i = end
        return out

    def _verb_terms(self, i: int, verbs_end: int, end: int) -> Iterator[_Span]:
        toks = self.toks
        if verbs_end == end:
            if end == i + 1 and end < self.n and is_adverb(toks[end].low):
                yield _Span(i, end + 1, "skill")  # "working autonomously"
                return
            # Verbs without an object stand alone: "recruit, mentor and manage".
            for k in range(i, end):
                if toks[k].form and verb(toks[k].low)[1] not in _BARE_VERBS_DROPPED:
                    yield _Span(k, k + 1, "skill")
            return
        while end > verbs_end and (not toks[end - 1].content or self._is_frame(end - 1)):
            end -= 1  # "demonstrate the ability": the frame is not the skill
        content = [k for k in range(verbs_end, end) if toks[k].content]
        if not content:
            yield from self._verb_terms(i, verbs_end, verbs_end)
            return
        if any(self._is_person(k, end) for k in content):
            # A person is no skill: "collaborate with physicians" keeps the verb alone, and
            # "Test Consultant" or "Purchasing Manager" is a job title, not a verb at all.
            if content[0] != verbs_end or not (toks[i].cap and toks[verbs_end].cap):
                yield from self._verb_terms(i, verbs_end, verbs_end)
            return
        if self._is_name(content[0], content[-1] + 1) or all(self._is_frame(k) for k in content):
            yield from self._verb_terms(i, verbs_end, verbs_end)  # "work in London"
            return
        yield _Span(i, end, self._kind(i, end))

    def _trailing_participle(self, k: int) -> bool:
        tok = self.toks[k]
        if tok.low in _CREDENTIAL_ADJECTIVES:
            return False  # "ACA qualified" names the credential
        return tok.form == FORM_ED or tok.low in _TRAILING_PARTICIPLES

    def _is_frame(self, k: int) -> bool:
        low, vocab = self.toks[k].low, self.vocab
        return low in vocab.noise or low in vocab.cues or low in vocab.fluff

    def _is_filler(self, low: str) -> bool:
        vocab = self.vocab
        return (
            low in vocab.generic
            or low in vocab.fluff
            or low in vocab.cues
            or low in vocab.quantities
        )

    def _is_person(self, k: int, end: int | None = None) -> bool:
        """A job title's head: "manager" at the end of a phrase (or of the span ending at end)
        or before "of"."""
        low = self.toks[k].low
        if low not in self.vocab.occupations and singular(low) not in self.vocab.occupations:
            return False
        if k + 1 == end or k + 1 >= self.n:
            return True
        return not self.toks[k + 1].content or self.toks[k + 1].low == "of"

    def _is_subject_name(self, start: int, stop: int) -> bool:
        """Capitalised words before "is", "are" or "'s" name a firm: "Acme Recruitment is"."""
        toks = self.toks
        if self.titled or not all(t.cap for t in toks[start:stop]):
            return False
        if stop >= self.n or self._kind(start, stop) != "skill":
            return False
        nxt = toks[stop].low
        return nxt in _SUBJECT_VERBS or (nxt in {"'", "`", "’"} and stop + 1 < self.n)

    def _is_name(self, start: int, stop: int) -> bool:
        """Capitalised words that are in no word list and name no activity: a place or a firm."""
        if self.titled:
            return False
        vocab = self.vocab
        if self._kind(start, stop) != "skill":
            return False
        for tok in self.toks[start:stop]:
            low = tok.low
            if not tok.cap or ACRONYM.match(tok.text) or looks_like_product(tok.text):
                return False
            if low.endswith(SKILL_SUFFIXES) or tok.form or self._is_filler(low):
                return False
            if low in vocab.traits or low in vocab.languages or low in vocab.domains_single:
                return False
            if (low,) in vocab.tools or (low,) in vocab.credentials:
                return False
        return True

    def _noun_terms(self, i: int, end: int) -> Iterator[_Span]:
        for start, stop, trait in self._trait_pieces(i, end):
            if trait:
                yield _Span(start, stop, "skill")
            elif (trimmed := self._trim(start, stop)) is not None:
                yield trimmed

    def _trait_pieces(self, i: int, end: int) -> Iterator[tuple[int, int, bool]]:
        """Split off personal qualities: "proactive, flexible attitude" names two traits."""
        toks, vocab = self.toks, self.vocab
        person = self._is_person(end - 1)  # "a bilingual nanny": the quality is the term
        start = k = i
        while k < end:
            low = toks[k].low
            nxt = toks[k + 1].low if k + 1 < end else ""
            if low == "self" and nxt:
                width = 2  # "self motivated", "self starter"
            elif nxt in vocab.trait_suffixes and low not in vocab.fluff:
                width = 2  # "results driven", "detail oriented"
            elif low in vocab.traits and (
                person or not nxt or nxt in vocab.generic or nxt in vocab.traits
            ):
                width = 1
            else:
                k += 1
                continue
            if start < k:
                yield start, k, False
            yield k, k + width, True  # a trait stands alone
            start = k = k + width
        if start < end:
            yield start, end, False

    def _trim(self, start: int, stop: int) -> _Span | None:
        """The term a noun phrase names once framing words are off both ends, if it names one."""
        full_stop = stop
        start = self._skip_lead(start, stop)
        stop = self._cut_tail(start, stop)
        if self._names_nothing(start, stop):
            return None
        toks, vocab = self.toks, self.vocab
        kind = self._kind(start, stop)
        head = toks[stop].low if stop < full_stop else ""
        if head in _FIELD_HEADS and kind == "skill":
            kind = "domain"  # "the automotive industry"
        if stop - start == 1 and kind == "skill" and not self._names_skill(start):
            if not head or head in vocab.noise or head in vocab.cues or head in _FIELD_HEADS:
                return None
            stop += 1  # a describing word needs its noun: "regulatory requirements"
        return _Span(start, stop, kind)

    def _skip_lead(self, start: int, stop: int) -> int:
        """Past the grading, framing and counting words that open a phrase."""
        while start < stop and self.toks[start].low in self.lead_words:
            if start in self.inside_fixed:
                break  # "Six Sigma"
            start += 1
        return start

    def _cut_tail(self, start: int, stop: int) -> int:
        """Before the generic nouns and trailing participles that close a phrase."""
        toks, vocab = self.toks, self.vocab
        while stop > start and stop - 1 not in self.inside_fixed:
            low = toks[stop - 1].low
            if low in vocab.cues and stop - start > 1 and toks[stop - 2].low in _CUE_MODIFIERS:
                stop -= 2  # "working knowledge", "hands-on experience"
            elif low in vocab.kept_heads and stop - start > 1:
                break
            elif self._is_filler(low) or low in OF_DETS or self._trailing_participle(stop - 1):
                stop -= 1
            else:
                break
        return stop

    def _names_nothing(self, start: int, stop: int) -> bool:
        """Only filler words, a job title, a place or a firm, or a bare credential word."""
        toks = self.toks
        if start >= stop or all(self._is_filler(t.low) for t in toks[start:stop]):
            return True
        if any(self._is_person(k, stop) for k in range(start, stop)):
            return True  # a job title
        if stop - start > 1 and (self._is_name(start, stop) or self._is_subject_name(start, stop)):
            return True  # a place or a firm
        return stop - start == 1 and toks[start].low in _BARE_CREDENTIALS

    def _names_skill(self, k: int) -> bool:
        """Whether one word alone is a term: most lone words are context ("school", "exciting")."""
        tok = self.toks[k]
        vocab = self.vocab
        if tok.low in vocab.traits or tok.low in vocab.domains_single:
            return True
        if tok.low in vocab.languages or self._listed(k):
            return True
        if ACRONYM.match(tok.text) or looks_like_product(tok.text):
            return True
        if tok.cap and not self.titled and k > 0 and self.toks[k - 1].word:
            return False  # a name: a place, a firm, a person
        return tok.low.endswith(SKILL_SUFFIXES) and tok.form != FORM_ED

    def _listed(self, k: int) -> bool:
        """One item of a list of terms: "budgets, estimates and financial controls"."""
        toks = self.toks
        after = k + 2 < self.n and toks[k + 1].low in _LIST_SEPARATORS and toks[k + 2].content
        before = k >= 2 and toks[k - 1].low in _LIST_SEPARATORS and toks[k - 2].content
        return (after or before) and not toks[k].cap and toks[k].form != FORM_ED

    def _kind(self, start: int, stop: int) -> str:
        """Tool, credential or domain when a listed name appears in the span, else skill."""
        toks, vocab = self.toks, self.vocab
        if tuple(t.low for t in toks[start:stop]) in vocab.domains:
            return "domain"
        found = "skill"
        firsts = listed_firsts()
        for k in range(start, stop):
            if toks[k].low not in firsts:
                continue
            for size in range(min(3, stop - k), 0, -1):
                gram = tuple(t.low for t in toks[k : k + size])
                cased = tuple(t.text for t in toks[k : k + size])
                if size == 1 and len(gram[0]) <= 4 and cased[0] == gram[0]:
                    continue  # short names ("ms", "rn", "sap") only count in capitals
                if gram in vocab.tools or cased in vocab.cased_tools:
                    return "tool"
                if gram in vocab.credentials:
                    found = "credential"
        if found == "skill" and any(looks_like_product(t.text) for t in toks[start:stop]):
            return "tool"
        return found


@lru_cache(maxsize=8192)
def _sentence_spans(tokens: tuple[str, ...]) -> tuple[_Span, ...]:
    return tuple(_Sentence(tokens).spans())


def term_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Token index spans [start, end) of the terms in a tokenised statement."""
    return [(s.start, s.end) for s in _sentence_spans(tuple(tokens))]


@lru_cache(maxsize=8192)
def terms_of(sentence: str) -> tuple[Term, ...]:
    matches = list(TOKEN.finditer(sentence))
    spans = _sentence_spans(tuple(m.group() for m in matches))
    terms: list[Term] = []
    seen: set[str] = set()
    for span in spans:
        text = sentence[matches[span.start].start() : matches[span.end - 1].end()]
        norm = norm_term(text)
        if norm and norm not in seen:
            seen.add(norm)
            terms.append(Term(text=text, kind=span.kind))
    return tuple(terms)


def extract_terms(sentence: str) -> list[Term]:
    """The skills, tools, credentials and domains one statement names, in order."""
    return list(terms_of(sentence))
