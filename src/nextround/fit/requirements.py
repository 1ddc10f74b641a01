"""Requirements and key terms from a job posting's plain text.

The posting is cut into statements (one per bullet, one per prose sentence) under the headings
that govern them; boilerplate (equal-opportunity text, company marketing, pay and benefits,
how to apply) is dropped. Each statement gets a kind from its heading and its own cue words,
and its terms: skills, tools, credentials and domains the statement names.

Terms come from hand-written chunking rules, not a trained tagger: a verb phrase runs from an
action verb through its object ("managing all aspects of the kitchen"); other terms are runs of
content words between function words and punctuation, trimmed of grading adjectives ("excellent")
and generic nouns ("experience", "role"). Word lists live in data/requirements.toml.
evaluation/skill_extraction.py measures the rules against human-labelled job-ad sentences.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

import msgspec

RESPONSIBILITY = "responsibility"
MUST = "must-have"
NICE = "nice-to-have"
KINDS = (RESPONSIBILITY, MUST, NICE)
TERM_KINDS = ("skill", "tool", "credential", "domain")
KEY_TERMS = 25


class Term(msgspec.Struct, frozen=True):
    text: str  # as written in the statement
    kind: str  # "skill" | "tool" | "credential" | "domain"


class Requirement(msgspec.Struct, frozen=True):
    key: str  # first 12 hex digits of the SHA-1 of the normalised text
    text: str
    kind: str  # "responsibility" | "must-have" | "nice-to-have"
    terms: tuple[Term, ...]


class Extraction(msgspec.Struct, frozen=True):
    requirements: tuple[Requirement, ...]
    terms: tuple[str, ...]  # the posting's key terms, most important first


# ---------------------------------------------------------------------------------------------
# Vocabulary


class _Lists(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    verb_words: str
    verb_particle_words: str
    trait_words: str
    trait_suffix_words: str
    fluff_words: str
    cue_words: str
    quantity_words: str
    generic_words: str
    noise_words: str
    kept_head_words: str
    occupation_words: str
    function_words: str
    object_det_words: str
    fixed_pair_phrases: str
    idiom_phrases: str
    tool_phrases: str
    cased_tool_phrases: str
    credential_phrases: str
    language_words: str
    domain_phrases: str
    abbreviation_words: str


class _Vocabulary(NamedTuple):
    verbs: frozenset[str]
    particles: frozenset[str]
    traits: frozenset[str]
    trait_suffixes: frozenset[str]
    fluff: frozenset[str]
    cues: frozenset[str]
    quantities: frozenset[str]
    generic: frozenset[str]
    noise: frozenset[str]
    kept_heads: frozenset[str]
    occupations: frozenset[str]
    function: frozenset[str]
    object_dets: frozenset[str]
    fixed_pairs: frozenset[tuple[str, ...]]
    idioms: frozenset[tuple[str, ...]]
    tools: frozenset[tuple[str, ...]]
    cased_tools: frozenset[tuple[str, ...]]
    credentials: frozenset[tuple[str, ...]]
    languages: frozenset[str]
    domains: frozenset[tuple[str, ...]]
    domains_single: frozenset[str]
    abbreviations: frozenset[str]


def _words(field: str) -> frozenset[str]:
    return frozenset(field.split())


def _phrases(field: str, *, lower: bool = True) -> frozenset[tuple[str, ...]]:
    entries = (e.strip() for e in field.split(","))
    return frozenset(tuple((e.lower() if lower else e).split()) for e in entries if e)


@cache
def _vocab() -> _Vocabulary:
    raw = (resources.files(__package__) / "data" / "requirements.toml").read_bytes()
    lists = msgspec.toml.decode(raw, type=_Lists)
    return _Vocabulary(
        verbs=_words(lists.verb_words),
        particles=_words(lists.verb_particle_words),
        traits=_words(lists.trait_words),
        trait_suffixes=_words(lists.trait_suffix_words),
        fluff=_words(lists.fluff_words),
        cues=_words(lists.cue_words),
        quantities=_words(lists.quantity_words),
        generic=_words(lists.generic_words) | _words(lists.noise_words),
        noise=_words(lists.noise_words),
        kept_heads=_words(lists.kept_head_words),
        occupations=_words(lists.occupation_words),
        function=_words(lists.function_words),
        object_dets=_words(lists.object_det_words),
        fixed_pairs=_phrases(lists.fixed_pair_phrases),
        idioms=_phrases(lists.idiom_phrases),
        tools=_phrases(lists.tool_phrases),
        cased_tools=_phrases(lists.cased_tool_phrases, lower=False),
        credentials=_phrases(lists.credential_phrases),
        languages=_words(lists.language_words),
        domains=_phrases(lists.domain_phrases),
        domains_single=frozenset(d[0] for d in _phrases(lists.domain_phrases) if len(d) == 1),
        abbreviations=_words(lists.abbreviation_words),
    )


# ---------------------------------------------------------------------------------------------
# Tokens

# Words keep inner dots, hyphens, apostrophes, slashes and ampersands (Node.js, R&D, CI/CD,
# Bachelor's) and trailing + or # (C++, C#); ".NET" keeps its leading dot. Any other character
# that is not a space is a token of its own.
_WORD_PATTERN = r"\.?[^\W_](?:[^\W_]|[.'’&/-](?=[^\W_]))*[+#]*"
_WORD_TOKEN = re.compile(_WORD_PATTERN)
_TOKEN = re.compile(_WORD_PATTERN + r"|[^\s\w]|_")
_ALNUM = re.compile(r"[^\W_]")
# A number glued to a word by careless extraction ("5years"); B2B, 5S and Python3 stay words.
_GLUED = re.compile(r"\d[a-z]{3,}")
_NUMBER = re.compile(r"^[\d.,/%+-]+[kKmM]?$|^\d+(?:st|nd|rd|th|s)$")
_ADVERB_NOT = _words(
    """supply apply reply comply family assembly italy july anomaly rally monopoly ally fly
    only early daily weekly monthly quarterly yearly friendly costly timely likely lovely
    orderly elderly holy"""
)
_FORM_NONE, _FORM_BASE, _FORM_ING, _FORM_ED, _FORM_S = "", "base", "ing", "ed", "s"
_COORDINATORS = frozenset({"and", "or", "&"})
_ACTIVE_FORMS = frozenset({"base", "ing", "s"})
_CLAUSE_OPENERS = _words("a an the all their our your its with within in on for to across from")
# Words that turn a credential into an adjective; alone they name nothing.
_CREDENTIAL_ADJECTIVES = _words(
    "qualified certified registered accredited chartered licensed licenced"
)
# Credential words that say nothing without the name before them ("IOSH certificate").
_BARE_CREDENTIALS = _CREDENTIAL_ADJECTIVES | _words(
    "certificate certificates certification certifications qualification qualifications "
    "licence license"
)
# Participles and adjectives that follow their noun ("information supplied", "role based").
_TRAILING_PARTICIPLES = _words(
    "based available required needed found shown built held given known made seen "
    "taken done preferred desired essential"
)
_LIST_SEPARATORS = frozenset({"and", "or", "&", ",", "/"})
_SUBJECT_VERBS = _words("is are was were has have 's s")
_CUE_MODIFIERS = frozenset({"working", "practical", "hands-on", "handson", "hands", "on", "track"})
_OF_DETS = frozenset({"of", "the", "a", "an", "all", "both", "its", "their", "our", "your"})
# Subjects and modals after which a base-form verb is a verb ("you will manage").
_VERB_LEADS = _words(
    """to will would must can could should shall may might and or also you we then not
    help please i"""
)
_DETERMINERS = _words(
    """a an the this that these those my our your their its his her any each every some no
    another"""
)
# Verbs too general to be a skill without their object.
_BARE_VERBS_DROPPED = _words(
    "work help use take set run follow deal carry keep care act enter share own serve"
)


class _Tok(NamedTuple):
    text: str
    low: str
    word: bool  # contains a letter or digit
    content: bool  # a word that can be part of a term
    cap: bool  # starts with a capital letter
    form: str  # verb form when the word is a known action verb, else ""


@lru_cache(maxsize=16384)
def _verb(low: str) -> tuple[str, str]:
    """Form and base of a known action verb ("managing" -> ing, manage), or ("", "")."""
    verbs = _vocab().verbs
    if low in verbs:
        return _FORM_BASE, low
    for suffix, form in (("ing", _FORM_ING), ("ed", _FORM_ED), ("es", _FORM_S), ("s", _FORM_S)):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            candidates = [base, base + "e"]
            if len(base) > 2 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # planning -> plan
            if base.endswith("i"):
                candidates.append(base[:-1] + "y")  # supplied -> supply
            for candidate in candidates:
                if candidate in verbs:
                    return form, candidate
    return _FORM_NONE, ""


def _verb_form(low: str) -> str:
    return _verb(low)[0]


def _is_adverb(low: str) -> bool:
    return low.endswith("ly") and len(low) > 4 and low not in _ADVERB_NOT


@lru_cache(maxsize=65536)
def _tok(text: str) -> _Tok:
    low = text.lower().replace("’", "'")
    word = bool(_ALNUM.search(text))
    vocab = _vocab()
    content = (
        word
        and (low not in vocab.function or text == "IT")  # information technology, not "it"
        and not _NUMBER.match(low)
        and not _GLUED.search(text)
        and not _is_adverb(low)
        and "@" not in low
        and not low.startswith(("http", "www."))
    )
    return _Tok(text, low, word, content, text[:1].isupper(), _verb_form(low) if content else "")


def _is_titled(toks: Sequence[_Tok]) -> bool:
    """Title Case or CAPITALS throughout: capitals then say nothing about names or new bullets."""
    words = [t for t in toks if len(t.text) > 3 and t.text[:1].isalpha()]
    if len(words) < 3:
        return False
    return sum(t.cap for t in words) >= 0.7 * len(words)


_FIELD_HEADS = frozenset({"industry", "industries", "sector", "sectors", "market", "markets"})


@cache
def _named_phrases() -> frozenset[tuple[str, ...]]:
    """Phrases kept whole: fixed pairs and multi-word names of tools, credentials, fields."""
    vocab = _vocab()
    named = vocab.tools | vocab.credentials | vocab.domains | vocab.fixed_pairs
    return frozenset(p for p in named if len(p) > 1)


@cache
def _listed_firsts() -> frozenset[str]:
    """First words of listed tools and credentials: only spans holding one need a lookup."""
    vocab = _vocab()
    cased = frozenset(p[0].lower() for p in vocab.cased_tools)
    return frozenset(p[0] for p in vocab.tools | vocab.credentials) | cased


@cache
def _idiom_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in _vocab().idioms)


@cache
def _named_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in _named_phrases())


@cache
def _lead_words() -> frozenset[str]:
    """Words dropped from the start of a term: grading, framing and counting words."""
    vocab = _vocab()
    return vocab.fluff | vocab.cues | vocab.quantities | vocab.object_dets | _OF_DETS | {"of"}


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}s?$")
# Endings of nouns that name an activity or a field: "valuation", "recruitment", "logistics".
_SKILL_SUFFIXES = tuple(
    sorted(_words("ment tion sion ance ence ancy ency ysis ics ogy ship ing ity ism"))
)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_PRODUCT = re.compile(
    r"^(?:[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|\S*[+#]|\.[A-Za-z]+|\w+\.[a-z]{2,})$"
)


def _looks_like_product(text: str) -> bool:
    """CamelCase, dotted or C++-style names are products: QuickBooks, Node.js, C#, .NET."""
    return bool(_PRODUCT.match(text))


# ---------------------------------------------------------------------------------------------
# Term spans


class _Span(NamedTuple):
    start: int
    end: int
    kind: str


class _Sentence:
    """One tokenised statement and the chunking rules that find its terms."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.toks = [_tok(t) for t in tokens]
        self.n = len(self.toks)
        self._mute_idioms()
        self.titled = _is_titled(self.toks)
        self.vocab = _vocab()
        self.fixed = self._fixed_phrases()
        self.lead_words = _lead_words()
        self.inside_fixed = {k for start, end in self.fixed.items() for k in range(start, end)}

    def _mute_idioms(self) -> None:
        """Words of prepositional idioms are function words: "in relation to", "in line with"."""
        idioms, firsts = _vocab().idioms, _idiom_firsts()
        lows = [t.low for t in self.toks]
        for k in range(self.n):
            if lows[k] not in firsts:
                continue
            for size in (4, 3, 2):
                if k + size <= self.n and tuple(lows[k : k + size]) in idioms:
                    for m in range(k, k + size):
                        self.toks[m] = self.toks[m]._replace(content=False, form="")
                    break

    def _fixed_phrases(self) -> dict[int, int]:
        """Start -> end of phrases kept whole: "attention to detail", "SQL Server"."""
        found: dict[int, int] = {}
        named, firsts = _named_phrases(), _named_firsts()
        lows = [t.low for t in self.toks]
        for k, low in enumerate(lows):
            if low not in firsts:
                continue
            for size in (5, 4, 3, 2):
                if k + size <= self.n and tuple(lows[k : k + size]) in named:
                    found[k] = k + size
                    break
        return found

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

    # -- where phrases start and end

    def _case_break(self, i: int) -> bool:
        """A capital after a lower-case word starts a new name or, in run-together bullets, a
        new statement: "experience of Selenium", "maintain records Ensure compliance"."""
        if self.titled or i == 0 or not self.toks[i].cap:
            return False
        prev = self.toks[i - 1]
        return prev.content and prev.text[:1].islower()

    def _new_bullet(self, i: int) -> bool:
        """A capitalised verb after a lower-case word: bullets run together by text extraction."""
        return self.toks[i].form in _ACTIVE_FORMS and self._case_break(i)

    def _participle_clause(self, j: int) -> bool:
        """An -ing word taking its own object after a noun: "a team working with suppliers"."""
        return (
            self.toks[j].low.endswith("ing")
            and j + 1 < self.n
            and self.toks[j + 1].low in _CLAUSE_OPENERS
        )

    def _opens_verb_phrase(self, i: int) -> bool:
        tok = self.toks[i]
        if tok.form in (_FORM_NONE, _FORM_ED):
            return False
        if i + 1 < self.n and self.toks[i + 1].low in self.vocab.cues:
            return False  # "working knowledge", "management experience"
        if i == 0 or not self.toks[i - 1].word or self._new_bullet(i):
            return True
        if tok.form == _FORM_ING and self._participle_clause(i):
            return True
        prev = self.toks[i - 1]
        if prev.low in _DETERMINERS:
            return False
        if tok.form == _FORM_ING:
            # A gerund after a preposition or a cue noun ("experience managing"), not after an
            # adjective or noun it would belong to ("project planning").
            return not prev.content or prev.low in self.vocab.cues or _is_adverb(prev.low)
        return prev.low in _VERB_LEADS or _is_adverb(prev.low)

    def _run_end(self, i: int) -> int:
        """End of the run of content words from i: the core of every phrase."""
        j = i
        while j < self.n and self.toks[j].content:
            if j > i and (self._case_break(j) or self._participle_clause(j)):
                break
            if j in self.fixed:
                j = self.fixed[j]
                continue
            j += 1
            if self.toks[j - 1].low in self.vocab.cues:
                break  # "knowledge" ends a run; what it introduces starts a new one
        return j

    def _of_phrase_end(self, j: int) -> int:
        """After "X of", the end of "the Y" when it continues the phrase, else j."""
        k = j + 1
        while k < self.n and self.toks[k].low in _OF_DETS:
            k += 1
        if k < self.n and self.toks[k].content and not self._new_bullet(k):
            return self._run_end(k)
        return j

    def _noun_phrase_end(self, i: int) -> int:
        end = self._run_end(i)
        vocab = self.vocab
        while end < self.n and self.toks[end].low == "of":
            head = self.toks[end - 1].low
            if head in vocab.cues or head in vocab.quantities or head in vocab.generic:
                break
            joined = self._of_phrase_end(end)
            if joined == end:
                break
            end = joined
        return end

    def _verb_phrase_end(self, i: int) -> tuple[int, int]:
        """Where the verbs end and where the phrase ends (the same when there is no object)."""
        toks, n = self.toks, self.n
        j = i + 1
        # Coordinated verbs share an object: "training and developing new members".
        while (
            j + 1 < n
            and toks[j].low in _COORDINATORS
            and toks[j + 1].form == toks[i].form
            and toks[j + 1].content
        ):
            j += 2
        k = j
        if k < n and _is_adverb(toks[k].low):
            k += 1
        if k < n and toks[k].low in self.vocab.particles:
            k += 1
        end = self._object_end(k)
        return (j, j) if end == k else (j, end)

    def _object_end(self, k: int) -> int:
        toks, n = self.toks, self.n
        start = k
        while k < n and toks[k].low in self.vocab.object_dets:
            k += 1
        if k >= n or not toks[k].content or self._new_bullet(k):
            return start
        end = self._run_end(k)
        while end + 1 < n:
            low = toks[end].low
            if low == "of":
                joined = self._of_phrase_end(end)
            elif (
                low in _COORDINATORS
                and toks[end + 1].content
                and toks[end + 1].form == _FORM_NONE
                and not self._new_bullet(end + 1)
            ):
                joined = self._run_end(end + 1)  # "teams and suppliers"
            else:
                break
            if joined == end:
                break
            end = joined
        return end

    # -- turning phrases into terms

    def _verb_terms(self, i: int, verbs_end: int, end: int) -> Iterator[_Span]:
        toks = self.toks
        if verbs_end == end:
            if end == i + 1 and end < self.n and _is_adverb(toks[end].low):
                yield _Span(i, end + 1, "skill")  # "working autonomously"
                return
            # Verbs without an object stand alone: "recruit, mentor and manage".
            for k in range(i, end):
                if toks[k].form and _verb(toks[k].low)[1] not in _BARE_VERBS_DROPPED:
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
        return tok.form == _FORM_ED or tok.low in _TRAILING_PARTICIPLES

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
        if low not in self.vocab.occupations and _singular(low) not in self.vocab.occupations:
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
            if not tok.cap or _ACRONYM.match(tok.text) or _looks_like_product(tok.text):
                return False
            if low.endswith(_SKILL_SUFFIXES) or tok.form or self._is_filler(low):
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
        toks, vocab = self.toks, self.vocab
        while start < stop and toks[start].low in self.lead_words:
            if start in self.inside_fixed:
                break  # "Six Sigma"
            start += 1
        full_stop = stop
        while stop > start and stop - 1 not in self.inside_fixed:
            low = toks[stop - 1].low
            if low in vocab.cues and stop - start > 1 and toks[stop - 2].low in _CUE_MODIFIERS:
                stop -= 2  # "working knowledge", "hands-on experience"
            elif low in vocab.kept_heads and stop - start > 1:
                break
            elif self._is_filler(low) or low in _OF_DETS or self._trailing_participle(stop - 1):
                stop -= 1
            else:
                break
        if start >= stop or all(self._is_filler(t.low) for t in toks[start:stop]):
            return None
        if any(self._is_person(k, stop) for k in range(start, stop)):
            return None  # a job title
        if stop - start > 1 and (self._is_name(start, stop) or self._is_subject_name(start, stop)):
            return None  # a place or a firm
        if stop - start == 1 and toks[start].low in _BARE_CREDENTIALS:
            return None
        kind = self._kind(start, stop)
        head = toks[stop].low if stop < full_stop else ""
        if head in _FIELD_HEADS and kind == "skill":
            kind = "domain"  # "the automotive industry"
        if stop - start == 1 and kind == "skill" and not self._names_skill(start):
            if not head or head in vocab.noise or head in vocab.cues or head in _FIELD_HEADS:
                return None
            stop += 1  # a describing word needs its noun: "regulatory requirements"
        return _Span(start, stop, kind)

    def _names_skill(self, k: int) -> bool:
        """Whether one word alone is a term: most lone words are context ("school", "exciting")."""
        tok = self.toks[k]
        vocab = self.vocab
        if tok.low in vocab.traits or tok.low in vocab.domains_single:
            return True
        if tok.low in vocab.languages or self._listed(k):
            return True
        if _ACRONYM.match(tok.text) or _looks_like_product(tok.text):
            return True
        if tok.cap and not self.titled and k > 0 and self.toks[k - 1].word:
            return False  # a name: a place, a firm, a person
        return tok.low.endswith(_SKILL_SUFFIXES) and tok.form != _FORM_ED

    def _listed(self, k: int) -> bool:
        """One item of a list of terms: "budgets, estimates and financial controls"."""
        toks = self.toks
        after = k + 2 < self.n and toks[k + 1].low in _LIST_SEPARATORS and toks[k + 2].content
        before = k >= 2 and toks[k - 1].low in _LIST_SEPARATORS and toks[k - 2].content
        return (after or before) and not toks[k].cap and toks[k].form != _FORM_ED

    def _kind(self, start: int, stop: int) -> str:
        """Tool, credential or domain when a listed name appears in the span, else skill."""
        toks, vocab = self.toks, self.vocab
        if tuple(t.low for t in toks[start:stop]) in vocab.domains:
            return "domain"
        found = "skill"
        firsts = _listed_firsts()
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
        if found == "skill" and any(_looks_like_product(t.text) for t in toks[start:stop]):
            return "tool"
        return found


@lru_cache(maxsize=8192)
def _sentence_spans(tokens: tuple[str, ...]) -> tuple[_Span, ...]:
    return tuple(_Sentence(tokens).spans())


def term_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Token index spans [start, end) of the terms in a tokenised statement."""
    return [(s.start, s.end) for s in _sentence_spans(tuple(tokens))]


@lru_cache(maxsize=8192)
def _terms(sentence: str) -> tuple[Term, ...]:
    matches = list(_TOKEN.finditer(sentence))
    spans = _sentence_spans(tuple(m.group() for m in matches))
    terms: list[Term] = []
    seen: set[str] = set()
    for span in spans:
        text = sentence[matches[span.start].start() : matches[span.end - 1].end()]
        norm = _norm_term(text)
        if norm and norm not in seen:
            seen.add(norm)
            terms.append(Term(text=text, kind=span.kind))
    return tuple(terms)


def extract_terms(sentence: str) -> list[Term]:
    """The skills, tools, credentials and domains one statement names, in order."""
    return list(_terms(sentence))


@lru_cache(maxsize=16384)
def _norm_term(text: str) -> str:
    """Terms that differ only in case or a plural ending share this key. (A light fold, not the
    snowball stemmer: stemming every new word costs more than the rest of the extraction.)"""
    return " ".join(_fold(w) for w in _WORD_TOKEN.findall(text.lower()))


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# ---------------------------------------------------------------------------------------------
# Postings: lines, headings, statements

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—►✓✔○●■□+]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s))\s+")
# Bullets run into one line by HTML or PDF extraction: "Skills: • Python • SQL".
_INLINE_BULLET = re.compile(r"[ \t]+([•▪◦‣●■►])[ \t]+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_INLINE_HEADING = re.compile(r"^\s*([A-Za-z][A-Za-z '’/&()-]{2,40}?)\s*:\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_SPACES = re.compile(r"\s+")

_HEADING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        NICE,
        re.compile(
            r"nice[- ]to[- ]have|preferred|bonus|desirable|plus(es)?\b|advantageous|"
            r"good[- ]to[- ]have|would be (great|nice)|ideally|extra credit|not required"
        ),
    ),
    (
        RESPONSIBILITY,
        re.compile(
            r"responsibilit|what you.?ll do|what you will do|what you.?ll be doing|duties|"
            r"\bthe role\b|about the (role|job|position)|your role|role overview|day[- ]to[- ]day|"
            r"\btasks\b|accountabilit|in this role|the job\b|job description|your impact|"
            r"what you will be doing|the opportunity|position summary|key result"
        ),
    ),
    (
        MUST,
        re.compile(
            r"requirement|qualification|must[- ]have|what you.?ll (bring|need)|what you bring|"
            r"what you need|looking for|who you are|essential|skills|experience|about you|"
            r"you have|you bring|you will (need|have)|criteria|person spec|competenc|"
            r"profile|the person|the candidate|you.?re|ideal candidate|knowledge"
        ),
    ),
)
_SKIP_HEADING = re.compile(
    r"about (us|the company|the team|the business|our)|who we are|\bcompany\b|benefit|perks|"
    r"what we offer|we offer|in return|compensation|salary|\bpay\b|package|how to apply|"
    r"to apply|application|equal opportunit|diversity|\beeo\b|our values|why join|why work|"
    r"life at|location|working hours|\bhours\b|contract|job type|closing date|process|"
    r"next steps|culture|mission|our story|reward|^our\b|^why\b|^who\b|reports? to|"
    r"start date|team size|vacancy|reference"
)

# Statements that are never requirements, matched on lower-case text. Each alternative starts at
# a word boundary, which keeps the search fast. Pay and benefit words need their offer context:
# "pension administration" or "a $2M budget" can be requirements.
_BOILERPLATE = re.compile(
    r"\b(?:equal opportunit|affirmative action|without regard to|protected (?:veteran|"
    r"characteristic)|discriminat|reasonable accommodation|regardless of (?:race|age|sex|gender|"
    r"religion|background|disability|sexual|colou?r|national|ethnic|marital|their)|"
    r"encourage (?:all )?(?:applications|applicants)|from all backgrounds|"
    r"employment (?:agency|business)|recruitment (?:agency|consultancy)|"
    r"send (?:us )?(?:your|a) (?:cv|résumé|resume)|cover letter|click (?:on )?(?:the )?apply|"
    r"how to apply|to apply(?:,| for| please| now| today| online)|please apply|"
    r"apply (?:now|today|online|here)|application form|shortlist|not be contacted|"
    r"unable to respond|will be in touch|closing date|"
    r"(?:competitive|base|basic|starting|annual|attractive) (?:salary|pay|package|"
    r"compensation|rate)|salary (?:of|up to|range|from|between|is|plus|dependent|depending|"
    r"negotiable|doe|\+)|per annum|p\.?a\.?(?=\W|$)|401\s?\(?k|paid time off|pto\b|"
    r"\d+ days'? (?:annual )?(?:holiday|leave|pto|vacation)|holiday (?:allowance|entitlement)|"
    r"annual leave|(?:company|contributory|workplace|generous|matched) pension|"
    r"pension (?:scheme|plan|contribution)|(?:private|free|company) (?:medical|health)|"
    r"(?:medical|health|dental|vision|life) (?:insurance|cover|plan)s?\b(?! sales)|"
    r"medical, dental|stock options|share options|benefits? package|bonus scheme|"
    r"(?:free|subsidi[sz]ed) (?:lunch|meals|snacks|gym)|cycle to work|perks)"
    r"|[£$€]\s?\d[\d,.]*k?\s?(?:-|–|to|per\b|/|p\.?a|an? (?:hour|year|day))"
)
# Company marketing in prose outside any section: "we are a ...", "Acme is a leading ...".
_ABOUT_US_START = re.compile(
    r"^(?:we|we're|we’re|our|at [A-Z]\w+|founded|headquartered|[A-Z]\w+ (?:is|are) "
    r"(?:a|an|the|one)\b)",
    re.IGNORECASE,
)
_ABOUT_US = re.compile(
    r"\b(?:(?:we are|we're|we’re) (?:a|an|the|one)\b|our (?:mission|vision|client|company|"
    r"customers|values|team is|people)|is a leading|award[- ]winning|fast[- ]growing|"
    r"market[- ]leading|join (?:us|our)|looking to recruit|(?:are|is) recruiting|"
    r"(?:are|is) looking for an?\b|(?:are|is) hiring)"
)
_REQUIREMENT_CUE = re.compile(
    r"\b(?:you|your|you'll|you’ll|experience|ability|able to|knowledge|skills?|must|required|"
    r"essential|degree|qualified|proficien\w*|familiar\w*|understanding|years?|"
    r"candidate|applicant|will (?:be|have|need))\b"
)
_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|desirable|desired|ideally|bonus|nice[- ]to[- ]have|"
    r"advantageous|an advantage|beneficial|would be (?:great|nice|useful|helpful)|"
    r"not (?:essential|required|necessary)|helpful)\b|\bplus\W*$"
)
_MUST_CUE = re.compile(
    r"\b(?:must|essential|minimum|mandatory|necessary|need to have|at least \w+ years?|"
    r"\d+\+? years?|required(?<!as required)(?<!when required)(?<!where required)"
    r"(?<!if required))\b"
)


class _Line(NamedTuple):
    kind: str  # "heading", "title" (a short line that may be one), "bullet", "text", "blank"
    text: str


def _clean(text: str) -> str:
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip(" \t-–—:;,")


def _is_heading_text(text: str) -> bool:
    """A short line without a full stop, in Title Case or capitals, or a known section name."""
    words = text.split()
    if not words or len(words) > 7 or len(text) > 70 or text[-1] in ".!?,;":
        return False
    graded = len(words) > 1 and words[0].lower() in _vocab().fluff  # "Strong SQL skills"
    named = _heading_kind(text) is not None or _skips(text)
    if named and len(words) <= 5 and not graded and not text[0].isdigit():
        return True
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() or len(w) <= 3 for w in letters)


def _heading_line(line: str) -> _Line | None:
    """The heading a line makes: "## Skills", "**Skills**" or "Skills:" for certain, or a short
    title line, which may instead be an item of a list that lost its bullets."""
    if m := _MARKDOWN_HEADING.match(line) or _BOLD_LINE.match(line):
        return _Line("heading", _clean(m.group(1)))
    if _BULLET.match(line):
        return None
    if line.strip().endswith(":") and len(line.split()) <= 8:
        return _Line("heading", _clean(line))
    if ":" in line or line.startswith((" ", "\t")):
        return None  # "Location: Leeds" is a labelled line; indented lines continue text
    if _is_heading_text(_clean(line)):
        return _Line("title", _clean(line))
    return None


def _lines(posting: str) -> Iterator[_Line]:
    text = _INLINE_BULLET.sub(r"\n\1 ", posting.replace("\r\n", "\n").replace("\r", "\n"))
    for raw in text.split("\n"):
        line = raw.replace("\u200b", "").replace("\xa0", " ").rstrip()
        if not line.strip():
            yield _Line("blank", "")
        elif (heading := _heading_line(line)) is not None:
            yield heading
        elif m := _BULLET.match(line):
            yield _Line("bullet", line[m.end() :].strip())
        else:
            yield _Line("text", line.strip())


def _heading_kind(heading: str) -> str | None:
    low = heading.lower()
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(low):
            return kind
    return None


def _skips(heading: str) -> bool:
    low = heading.lower()
    if _heading_kind(heading) is not None:
        return False
    return bool(_SKIP_HEADING.search(low)) or low.startswith("about ")


class _Statement(NamedTuple):
    text: str
    section: str | None  # kind given by the heading, if any
    bullet: bool
    title: bool = False  # a short title-case line read as a list item


def _blocks(posting: str) -> Iterator[_Statement]:
    """Statements with their section: bullets whole, prose paragraphs joined for splitting."""
    section: str | None = None
    skipping = False
    paragraph: list[str] = []
    bullet: list[str] = []

    def flush(*, title: bool = False) -> Iterator[_Statement]:
        if bullet and not skipping:
            yield _Statement(" ".join(bullet), section, bullet=True, title=title)
        if paragraph and not skipping:
            for sentence in _sentences(" ".join(paragraph)):
                yield _Statement(sentence, section, bullet=False)
        bullet.clear()
        paragraph.clear()

    for line in _lines(posting):
        if line.kind == "title" and _list_item(line.text, section, skipping=skipping):
            yield from flush()
            bullet.append(line.text)
            yield from flush(title=True)
        elif line.kind in ("heading", "title"):
            yield from flush()
            section, skipping = _heading_kind(line.text), _skips(line.text)
        elif line.kind == "bullet":
            yield from flush()
            bullet.append(line.text)
        elif line.kind == "blank":
            yield from flush()
        elif bullet and _continues(bullet[-1], line.text):
            bullet.append(line.text)  # a wrapped bullet
        elif m := _INLINE_HEADING.match(line.text):
            yield from flush()
            if _heading_kind(m.group(1)):
                section, skipping = _heading_kind(m.group(1)), False
                paragraph.append(m.group(2))
            elif not _skips(m.group(1)):  # "Location: Leeds" is no requirement
                paragraph.append(line.text)
        else:
            if bullet or (paragraph and not _continues(paragraph[-1], line.text)):
                yield from flush()  # a list whose bullets were lost: one statement a line
            paragraph.append(line.text)
    yield from flush()


def _list_item(text: str, section: str | None, *, skipping: bool) -> bool:
    """A title-case line inside a requirement section that names no section: a list item whose
    bullet was lost ("Python" under "Skills")."""
    return section is not None and not skipping and _heading_kind(text) is None and not _skips(text)


def _continues(bullet: str, line: str) -> bool:
    """Whether a plain line continues the bullet above it (text wrapped by a PDF or a paste)."""
    if line[:1].islower():
        return True
    return len(bullet) >= 60 and not bullet.rstrip().endswith((".", ";", ":", "!", "?"))


def _sentences(paragraph: str) -> Iterator[str]:
    """Split prose at sentence ends, not after abbreviations such as "e.g." or "Ltd."."""
    abbreviations = _vocab().abbreviations
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : m.start() + 1].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in abbreviations or (len(last) == 1 and last.isalpha()):
            continue
        yield paragraph[start : m.end()].strip()
        start = m.end()
    if paragraph[start:].strip():
        yield paragraph[start:].strip()


def _is_boilerplate(statement: _Statement) -> bool:
    text = statement.text
    low = text.lower()
    if _BOILERPLATE.search(low):
        return True
    if statement.section is None and not statement.bullet:
        # Prose outside any section is mostly the company's introduction: keep only what
        # speaks to the candidate or starts with a duty.
        if _REQUIREMENT_CUE.search(low):
            return False
        about = _ABOUT_US_START.search(text) or _ABOUT_US.search(low)
        return bool(about) or not _starts_with_verb(text)
    return False


def _starts_with_verb(text: str) -> bool:
    tokens = _TOKEN.findall(text)
    return bool(tokens) and _tok(tokens[0]).form in (_FORM_BASE, _FORM_ING, _FORM_S)


_YOU_WILL = re.compile(r"^(you will|you'll|you’ll|you would|the successful \w+ will)\b", re.I)
_YOU_HAVE = re.compile(r"^(you have|you've|you’ve|you are|you're|you’re|you bring)\b", re.I)


def _kind_of(statement: _Statement) -> str:
    text, section = statement.text, statement.section
    low = text.lower()
    if section == NICE or _NICE_CUE.search(low):
        return NICE
    verb_led = _starts_with_verb(text) or bool(_YOU_WILL.match(text))
    if _MUST_CUE.search(low) and not (section == RESPONSIBILITY and verb_led):
        return MUST
    if section is not None:
        return section
    if verb_led and not _YOU_HAVE.match(text):
        return RESPONSIBILITY
    return MUST


def _key(text: str) -> str:
    """Stable id of a statement: case, spacing and punctuation do not change it."""
    norm = " ".join(_WORD_TOKEN.findall(text.lower()))
    return hashlib.sha1(norm.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def _clean_statement(text: str) -> str:
    text = _clean(text)
    return text.rstrip(" ;,")


def _requirements(posting: str) -> Iterator[Requirement]:
    seen: set[str] = set()
    for statement in _blocks(posting):
        text = _clean_statement(statement.text)
        if not _terms(text) and (statement.title or len(_TOKEN.findall(text)) < 2):
            continue  # stray fragments that name nothing
        statement = statement._replace(text=text)
        if _is_boilerplate(statement):
            continue
        key = _key(text)
        if key in seen:
            continue
        seen.add(key)
        yield Requirement(key=key, text=text, kind=_kind_of(statement), terms=_terms(text))


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
            norm = _norm_term(term.text)
            words = len(norm.split())
            if not norm or words > 6:
                continue  # run-on phrases make poor headline terms
            weight = _KIND_WEIGHT[requirement.kind] * _TERM_WEIGHT[term.kind]
            weight *= _LENGTH_WEIGHT[words]
            if words == 1 and term.kind == "skill" and _tok(term.text).form:
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


def as_json(extraction: Extraction) -> dict[str, Any]:
    return {
        "requirements": [
            {
                "key": r.key,
                "text": r.text,
                "kind": r.kind,
                "terms": [t.text for t in r.terms],
                "term_kinds": [t.kind for t in r.terms],
            }
            for r in extraction.requirements
        ],
        "terms": list(extraction.terms),
    }
