"""Which stories prove which requirements: the coverage matrix.

Lexical matching (BM25 over word stems) always runs. When an embedder is given, semantic
similarity joins it, but never as a raw cosine cut-off: each story's similarity to a requirement
is ranked against generic work sentences from many fields (``BACKGROUND``, in
``nextround.fit.semantic_coverage``), and the story counts as semantic evidence only when it beats
nearly all of them. docs/stories.md explains the scores.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import msgspec

from nextround.fit.checks import CHECK_LABELS, check_kind
from nextround.fit.requirements import RESPONSIBILITY, Requirement
from nextround.fit.requirements.tokens import starts_with_verb
from nextround.fit.semantic_coverage import SEMANTIC_COVERS, semantic_ranks
from nextround.text import STOPWORDS, Tokens, stem, words

if TYPE_CHECKING:
    from nextround.fit.semantic import Vectors

    Embed = Callable[[Sequence[str]], Vectors]

# Okapi BM25 constants, the usual defaults.
K1 = 1.2
B = 0.75
# Words every requirement uses; they say nothing about which story proves it. Compared as words,
# not stems: "excellent" and the tool "Excel" share a stem.
GENERIC = frozenset(
    """ability able abilities experience experienced experiences strong excellent good great
    proven knowledge skill skills skilled work working including include includes etc year years
    demonstrated demonstrate understanding must required requirement requirements preferred plus
    ideally desirable essential candidate candidates role team job position responsible
    responsibility responsibilities ensure across within using use other new well highly level
    relevant related similar one two three four five six seven eight nine ten first second
    third""".split()  # noqa: SIM905 - easier to read and edit
)
# Everyday work words every trade uses ("track", "record", "team", "manage"). A requirement's
# other distinctive words are its *specific* ones: the skill, tool, credential, population or
# domain that a story must show. Compared as stems, so "managed" and "management" count too.
COMMON = frozenset(
    """about accomplish accuracy accurate achieve across act action add adjust advance advanced
    advise after against agree aim along among analyse analyze answer apply approach approve
    area around arrange ask assist attend attention before behind between beyond bring build
    business care carry case change check choose clean clear clearly close collaborate
    colleague communicate communication company complete condition conduct contribute
    coordinate create cut daily day deal decide deliver department design detail develop
    direct do document down drive during easy effective effectively effort end enforce
    engage environment error establish evaluate execute expand familiarity fast find fix
    focus follow full gather get give go goal grow guide handle head help high hit hold hour
    idea identify implement improve increase issue item keep key large lead learn level line
    low maintain make manage manager meet meeting member method monitor month monthly move
    multiple need number office operate operation organisation organise organization
    organize outcome own part participate people per perform person place plan point
    practice prepare present pressure prioritise prioritize priority problem process produce
    program programme progress project provide put quality quick raise range rate reach
    record reduce report request resolve resource respond result review rule run safe safely
    schedule see set share shift site small solve staff standard start step stop support
    system take talk target task teach tell through time tool toward towards track train
    turn type under understand update upon value various verbal via way week weekly whole
    within without write written""".split()  # noqa: SIM905 - easier to read and edit
)
# Share of a requirement's specific weight a story must show to cover it. A requirement that
# lists alternatives ("ICU, NICU, ER or OR") needs one of them: the share over the list's length.
SPECIFIC_COVERS = 0.5
# ...and the words it shows must carry this share of the specific weight (inverse document
# frequency over the stories, so a word most stories use counts less), unless the story has one
# of the requirement's two-word phrases ("pick rates"): a phrase outweighs single words.
SPECIFIC_WEIGHT = 0.45
# A requirement with no specific word ("Communicate clearly under pressure") is covered by a
# story that holds this share of its distinctive weight, with at least two of its words.
GENERIC_COVERS = 0.5
GENERIC_WORDS = 2
# Kept for callers that read the old name: the share of distinctive weight of a generic match.
LEXICAL_COVERS = GENERIC_COVERS
TOP = 3
PARTS = ("situation", "task", "action", "result")


class StoryText(msgspec.Struct, frozen=True):
    id: int
    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    competencies: str = ""

    def full_text(self) -> str:
        fields = (self.title, self.situation, self.task, self.action, self.result)
        return " ".join((*fields, self.competencies))

    def chunks(self) -> list[tuple[str, str]]:
        """The pieces embedded separately: what you did, and what it achieved. Situation and task
        are setting; word matching still reads them."""
        outcome = " ".join(p for p in (self.title + ".", self.result) if p.strip("."))
        pieces = [("action", self.action), ("result", outcome)]
        return [(part, text) for part, text in pieces if text.strip()]


class Match(msgspec.Struct, frozen=True):
    story_id: int
    title: str
    score: int  # 0–100, what the page shows and sorts by
    lexical: float  # share of the requirement's distinctive weight found in the story, 0–1
    semantic: float | None  # share of background sentences the story beats, 0–1
    evidence: tuple[str, ...]  # the requirement's words and phrases the story shows
    closest_part: str  # the story part nearest in meaning ("" in lexical mode)
    covers: bool  # shows the requirement's specific evidence; otherwise only related
    missing: tuple[str, ...] = ()  # the requirement's specific words the story does not show

    @property
    def related(self) -> bool:
        return not self.covers

    @property
    def why(self) -> str:
        """In plain words, why a story is only related."""
        if self.covers:
            return ""
        lacks = f"does not show {', '.join(self.missing)}" if self.missing else ""
        if self.evidence:
            return f"shares {', '.join(self.evidence)} but " + (lacks or "too little of it")
        return "close in meaning, but " + (lacks or "shares none of its words")


class Row(msgspec.Struct, frozen=True):
    requirement: Requirement
    matches: tuple[Match, ...]

    @property
    def covered(self) -> bool:
        return any(m.covers for m in self.matches)

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


class StrengthText(msgspec.Struct, frozen=True):
    id: int
    name: str
    description: str = ""


class StrengthFit(msgspec.Struct, frozen=True):
    strength_id: int
    name: str
    requirement_keys: tuple[str, ...]


class CheckRow(msgspec.Struct, frozen=True):
    """A requirement no story can prove (``nextround.fit.checks``): checked against the CV."""

    requirement: Requirement
    kind: str  # one of nextround.fit.checks.CHECK_KINDS

    @property
    def label(self) -> str:
        return CHECK_LABELS[self.kind]


class Coverage(msgspec.Struct, frozen=True):
    method: str  # "lexical" or "semantic"
    rows: tuple[Row, ...]  # the requirements a story can prove
    strengths: tuple[StrengthFit, ...]
    checks: tuple[CheckRow, ...] = ()  # the requirements to check against the CV

    @property
    def gaps(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.covered)


def _content(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def _distinctive(text: str) -> list[str]:
    """Stems of the words that can tell one story from another."""
    return [
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and w not in GENERIC and len(w) > 1 and not w.isdigit()
    ]


def _query(requirement: Requirement) -> list[str]:
    """The requirement's distinctive stems, each once, in order of first use."""
    return list(
        dict.fromkeys(
            _distinctive(" ".join((requirement.text, *(t.text for t in requirement.terms))))
        )
    )


class _Index:
    """BM25 over the stories' stems, plus what is needed to name the evidence."""

    def __init__(self, documents: Sequence[str]) -> None:
        content = [_content(d) for d in documents]
        self.counts = [Counter(c) for c in content]
        self.pairs = [set(itertools.pairwise(c)) for c in content]
        self.lengths = [sum(c.values()) for c in self.counts]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        frequency: Counter[str] = Counter()
        for counts in self.counts:
            frequency.update(counts.keys())
        n = len(documents)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5)

    def bm25(self, query: Sequence[str], doc: int) -> float:
        counts, length = self.counts[doc], self.lengths[doc]
        norm = K1 * (1 - B + B * length / self.average) if self.average else K1
        return sum(
            self.idf[t] * counts[t] * (K1 + 1) / (counts[t] + norm) for t in query if t in counts
        )

    def all_shares(self, query: Sequence[str]) -> list[float]:
        """For each document, the share of the query's idf weight it contains."""
        weights = self._weights(query)  # once for all the documents
        return [self._share(weights, doc) for doc in range(len(self.counts))]

    def shares(self, query: Sequence[str], doc: int) -> float:
        """The share of the query's idf weight that one document contains."""
        return self._share(self._weights(query), doc)

    def _weights(self, query: Sequence[str]) -> dict[str, float]:
        return {t: self.idf.get(t, self.unseen_idf) for t in query}

    def _share(self, weights: dict[str, float], doc: int) -> float:
        total = sum(weights.values())
        counts = self.counts[doc]
        return sum(w for t, w in weights.items() if t in counts) / total if total else 0.0


def _evidence(
    requirement: Requirement, story_stems: set[str], query: _Query, shown: dict[str, str]
) -> list[str]:
    """What the story shows of the requirement: its terms whose every content word is in the
    story, then single shared words, specific ones first (everyday words only for a requirement
    without specific ones)."""
    wanted = query.specific or query.stems
    phrases = [
        t.text
        for t in requirement.terms
        if (stems := _distinctive(t.text))
        and all(s in story_stems for s in stems)
        and (len(stems) > 1 or any(s in wanted for s in stems))
    ]
    covered = {s for p in phrases for s in _content(p)}
    singles = [shown.get(s, s) for s in wanted if s in story_stems and s not in covered]
    return list(dict.fromkeys([*phrases, *singles]))


def _missing(story_stems: set[str], query: _Query, shown: dict[str, str]) -> list[str]:
    """The requirement's specific words the story does not show, as written (``shown``)."""
    return [shown.get(s, s) for s in query.specific if s not in story_stems]


def _shown_words(text: str) -> dict[str, str]:
    """Each stem of the text with a word that has it, in lower case as written ("team's", not
    the matchers' "teams")."""
    tokens = Tokens(text)
    return {stem(w): tokens.written(i).lower() for i, w in enumerate(tokens.words) if w}


def _specific(query: Sequence[str]) -> list[str]:
    """The query's stems that are not everyday work words."""
    return [t for t in query if t not in _COMMON_STEMS]


_COMMON_STEMS = frozenset(stem(w) for w in COMMON)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
_ALTERNATIVES = re.compile(r"\bor\b|/", re.IGNORECASE)
_CLAUSES = re.compile(r"[;.:()]|\band\b", re.IGNORECASE)


def _alternatives(text: str) -> int:
    """How many alternatives the requirement's longest "X, Y or Z" list offers (1 for none)."""
    best = 1
    for clause in _CLAUSES.split(text):
        if _ALTERNATIVES.search(clause):
            items = [i for i in re.split(r",|\bor\b|/", clause, flags=re.IGNORECASE) if i.strip()]
            best = max(best, len(items))
    return best


class _Query(msgspec.Struct, frozen=True):
    stems: list[str]  # distinctive stems, each once
    specific: list[str]  # those that are not everyday work words
    needed: float  # share of the specific (or, without any, distinctive) weight to cover
    phrases: frozenset[tuple[str, str]]  # adjacent content stems, at least one specific
    # The requirement's own multi-word terms ("case management"), as adjacent content stems: a
    # story that names one shows that skill, even when each word alone is an everyday one.
    terms: tuple[frozenset[tuple[str, str]], ...] = ()


def _prepare(requirement: Requirement) -> _Query:
    stems = _query(requirement)
    specific = _specific(stems)
    needed = SPECIFIC_COVERS / _alternatives(requirement.text) if specific else GENERIC_COVERS
    content = _content(requirement.text)
    phrases = frozenset(
        (a, b)
        for a, b in itertools.pairwise(content)
        if (a in specific or b in specific) and a not in GENERIC_STEMS and b not in GENERIC_STEMS
    )
    terms = tuple(
        pairs
        for t in requirement.terms
        if not starts_with_verb(t.text)  # "take part" is no skill
        and (pairs := frozenset(itertools.pairwise(_content(t.text))))
    )
    return _Query(stems=stems, specific=specific, needed=needed, phrases=phrases, terms=terms)


def _shows(index: _Index, query: _Query, doc: int) -> bool:
    """Whether the story shows the requirement's evidence: enough of its specific weight, or,
    for a requirement without specific words, enough of its words and at least two of them."""
    counts = index.counts[doc]
    if any(pairs <= index.pairs[doc] for pairs in query.terms):
        return True  # the requirement's own multi-word term, named
    if query.specific:
        held = sum(1 for t in query.specific if t in counts)
        if not held or held / len(query.specific) < query.needed:
            return False
        weight = index.shares(query.specific, doc) >= query.needed * SPECIFIC_WEIGHT / 0.5
        return weight or bool(query.phrases & index.pairs[doc])
    held = sum(1 for t in query.stems if t in counts)
    return held >= min(GENERIC_WORDS, len(query.stems)) and (
        index.shares(query.stems, doc) >= query.needed
    )


def cover(
    requirements: Sequence[Requirement],
    stories: Sequence[StoryText],
    *,
    strengths: Sequence[StrengthText] = (),
    embed: Embed | None = None,
    top: int = TOP,
) -> Coverage:
    """Each requirement a story can prove with its best stories (at most ``top``), best first,
    and the requirements to check against the CV.

    A story covers a requirement only when it shows the requirement's specific words (see
    ``_shows``). A story that shares only some of them, or that is close in meaning without
    them, is listed as related; one that shares only everyday words is not listed."""
    checks = []
    provable = []
    for requirement in requirements:
        kind = check_kind(requirement.text, duty=requirement.kind == RESPONSIBILITY)
        if kind is None:
            provable.append(requirement)
        else:
            checks.append(CheckRow(requirement=requirement, kind=kind))
    index = _Index([s.full_text() for s in stories])
    queries = [_prepare(r) for r in provable]
    near = semantic_ranks(provable, stories, embed) if embed and stories and provable else None
    rows = []
    for r, (requirement, query) in enumerate(zip(provable, queries, strict=True)):
        lexical = index.all_shares(query.stems)
        if near is not None:
            lexical_and_meaning = zip(lexical, near.beats[r], strict=True)
            scores = [(x + b) / 2 for x, b in lexical_and_meaning]
        else:
            scores = lexical
        candidates, shows = [], {}
        for i in range(len(stories)):
            counts = index.counts[i]
            held = sum(1 for t in (query.specific or query.stems) if t in counts)
            close = bool(
                near is not None and near.beats[r][i] >= SEMANTIC_COVERS and near.best[r][i]
            )
            names_a_term = any(pairs <= index.pairs[i] for pairs in query.terms)
            if held or close or names_a_term:
                candidates.append(i)
                # Meaning ranks and marks a story related; only shown words make a cover (with
                # meaning allowed to confirm one, 3 of 39 requirements went to another trade).
                shows[i] = _shows(index, query, i)
        ranked = sorted(
            candidates,
            key=lambda i: (
                not shows[i],
                -scores[i],
                -index.bm25(query.stems, i),
                stories[i].id,
            ),
        )
        matches = []
        shown = _shown_words(requirement.text)  # once per requirement, not per story
        for i in ranked[:top]:
            semantic = None if near is None else float(near.beats[r][i])
            story_stems = set(index.counts[i])
            matches.append(
                Match(
                    story_id=stories[i].id,
                    title=stories[i].title,
                    score=round(100 * scores[i]),
                    lexical=round(lexical[i], 3),
                    semantic=None if semantic is None else round(semantic, 3),
                    evidence=tuple(_evidence(requirement, story_stems, query, shown)),
                    closest_part=near.parts[r][i] if near else "",
                    covers=shows[i],
                    missing=tuple(_missing(story_stems, query, shown)),
                )
            )
        rows.append(Row(requirement=requirement, matches=tuple(matches)))
    return Coverage(
        method="semantic" if embed else "lexical",
        rows=tuple(rows),
        strengths=_strength_fits(provable, [q.stems for q in queries], strengths),
        checks=tuple(checks),
    )


def _strength_fits(
    requirements: Sequence[Requirement],
    queries: Sequence[Sequence[str]],
    strengths: Sequence[StrengthText],
) -> tuple[StrengthFit, ...]:
    """Strengths sharing a distinctive word with a requirement, with the requirements they meet."""
    fits = []
    for strength in strengths:
        own = set(_distinctive(f"{strength.name} {strength.description}"))
        keys = tuple(r.key for r, q in zip(requirements, queries, strict=True) if own & set(q))
        if keys:
            fits.append(
                StrengthFit(strength_id=strength.id, name=strength.name, requirement_keys=keys)
            )
    return tuple(fits)
