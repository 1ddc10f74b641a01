"""Which stories prove which requirements: the coverage matrix.

Lexical matching (BM25 over word stems) always runs. When an embedder is given, semantic
similarity joins it, but never as a raw cosine cut-off: each story's similarity to a requirement
is ranked against generic work sentences from many fields (``BACKGROUND``), and the story counts
as semantic evidence only when it beats nearly all of them. docs/stories.md explains the scores.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import msgspec

from nextround.fit.checks import CHECK_LABELS, check_kind
from nextround.fit.requirements import RESPONSIBILITY, Requirement
from nextround.fit.requirements.tokens import starts_with_verb
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
# A story is close in meaning when it is closer to the requirement than this share of the
# background sentences (and the requirement is among its closest third): that makes it
# "related", or a cover when it also shows a specific word.
SEMANTIC_COVERS = 0.95
# ...and when the requirement is among the closest third of the posting's requirements to it.
STORY_SHARE = 1 / 3
TOP = 3
PARTS = ("situation", "task", "action", "result")

# Generic sentences about work in many fields: the yardstick that makes a cosine mean something.
BACKGROUND = (
    "I answered customer emails and phone calls every day.",
    "We moved to a new office building last spring.",
    "I kept the weekly schedule for the team up to date.",
    "The company changed its logo and website.",
    "I attended the quarterly all-hands meeting.",
    "I filed expense reports and tracked receipts.",
    "Our department had a new manager that year.",
    "I wrote meeting notes and sent them to everyone.",
    "I ordered supplies when stock ran low.",
    "We celebrated the end of the project with lunch.",
    "I completed the mandatory compliance training.",
    "I covered a colleague's shifts while she was on leave.",
    "The printer on our floor broke down often.",
    "I sorted incoming mail and deliveries.",
    "I updated my contact details in the directory.",
    "We used a shared calendar to book rooms.",
    "I greeted visitors at the front desk.",
    "I cleaned up old files on the shared drive.",
    "The team switched to a new chat tool.",
    "I joined the social committee for a year.",
    "I drove to the client site for a visit.",
    "I helped set up chairs for the town hall.",
    "I read the employee handbook in my first week.",
    "The budget cycle starts every October.",
    "I took the bus to work most mornings.",
    "I answered questions from new starters about the coffee machine.",
    "Our building had a fire drill twice a year.",
    "I kept my desk tidy and my inbox small.",
    "I watched a webinar about industry news.",
    "We had our annual performance reviews in December.",
    "I reset passwords for colleagues who were locked out.",
    "I labelled boxes before the office move.",
    "I translated a short notice for a visitor.",
    "I proofread a colleague's newsletter article.",
    "The cafeteria menu changed every week.",
    "I tested the new badge readers at the entrance.",
    "I archived last year's paperwork.",
    "I planned the route for the team outing.",
    "We rearranged the desks on our floor.",
    "I handed out name tags at a conference.",
)


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
    near = _semantic_ranks(provable, stories, embed) if embed and stories and provable else None
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


class _Nearness(msgspec.Struct, frozen=True):
    """Requirement × story tables from the embeddings."""

    beats: list[list[float]]  # share of the background sentences the story is closer than
    parts: list[list[str]]  # the story's part nearest the requirement
    best: list[list[bool]]  # the requirement is among those this story is closest to


def _semantic_ranks(
    requirements: Sequence[Requirement], stories: Sequence[StoryText], embed: Embed
) -> _Nearness:
    """How each story ranks against the background sentences for each requirement, and how
    each requirement ranks among everything the story is close to."""
    import numpy as np

    chunks = _chunks(stories)
    req_vectors = embed([r.text for r in requirements])
    chunk_vectors = embed([text for _, _, text in chunks])
    yardstick = np.sort(req_vectors @ _background(embed).T, axis=1)  # rows ascending
    similarity = req_vectors @ chunk_vectors.T
    best = np.full((len(requirements), len(stories)), -1.0)
    nearest = np.full((len(requirements), len(stories)), -1)  # the chunk, per story
    # A story's first pieces, then its second ones: a few array steps rather than one per piece;
    # on a tie the earlier piece stays.
    for pieces in _by_position(chunks):
        owners, columns = np.array([s for s, _ in pieces]), np.array([c for _, c in pieces])
        candidate = similarity[:, columns]
        closer = candidate > best[:, owners]
        best[:, owners] = np.where(closer, candidate, best[:, owners])
        nearest[:, owners] = np.where(closer, columns[None, :], nearest[:, owners])
    names = [name for _, name, _ in chunks]
    part = [[names[c] if c >= 0 else "" for c in row] for row in nearest.tolist()]
    # How many background sentences each story beats: those strictly less close than it.
    beats = (yardstick[:, None, :] < best[:, :, None]).sum(axis=2) / len(BACKGROUND)
    # A story in the same field is close to every requirement of the posting; it only counts for
    # the ones it is closest to (its best third), which rules out what it merely sits near.
    allowed = max(1, math.ceil(len(requirements) * STORY_SHARE))
    rank = np.argsort(np.argsort(-best, axis=0, kind="stable"), axis=0, kind="stable")
    return _Nearness(beats=beats.tolist(), parts=part, best=(rank < allowed).tolist())


def _by_position(chunks: Sequence[tuple[int, str, str]]) -> list[list[tuple[int, int]]]:
    """(story index, chunk index) of every story's first piece, then of every second one, …"""
    positions: list[list[tuple[int, int]]] = []
    seen: Counter[int] = Counter()
    for c_index, (s_index, _, _) in enumerate(chunks):
        if seen[s_index] == len(positions):
            positions.append([])
        positions[seen[s_index]].append((s_index, c_index))
        seen[s_index] += 1
    return positions


def _chunks(stories: Sequence[StoryText]) -> list[tuple[int, str, str]]:
    """(story index, part, text) of every piece of every story that is embedded."""
    return [(i, part, text) for i, s in enumerate(stories) for part, text in s.chunks()]


def embedded_texts(requirements: Sequence[Requirement], stories: Sequence[StoryText]) -> list[str]:
    """Every text ``cover`` embeds for these requirements and stories: what the background work
    prepares so that a page never waits on the model."""
    if not stories:
        return []
    return [
        *(r.text for r in requirements),
        *(text for _, _, text in _chunks(stories)),
        *BACKGROUND,
    ]


# The background never changes: embed it once per embedding function (one per model). Pages
# are served from several threads: the lock makes the first of them embed it while the others
# wait, and the vectors are read-only, so no caller can change what the next one reads.
_BACKGROUND_VECTORS: weakref.WeakKeyDictionary[Embed, Vectors] = weakref.WeakKeyDictionary()
_BACKGROUND_LOCK = threading.Lock()


def _background(embed: Embed) -> Vectors:
    with _BACKGROUND_LOCK:
        vectors = _BACKGROUND_VECTORS.get(embed)
        if vectors is None:
            vectors = embed(list(BACKGROUND))
            vectors.flags.writeable = False
            _BACKGROUND_VECTORS[embed] = vectors
        return vectors


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
