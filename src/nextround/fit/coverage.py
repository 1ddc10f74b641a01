"""Which stories prove which requirements: the coverage matrix.

Lexical matching (BM25 over word stems) always runs. When an embedder is given, semantic
similarity joins it, but never as a raw cosine cut-off: each story's similarity to a requirement
is ranked against generic work sentences from many fields (``BACKGROUND``), and the story counts
as semantic evidence only when it beats nearly all of them. docs/stories.md explains the scores.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import msgspec

from nextround.fit.requirements import Requirement
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
# Share of a requirement's distinctive weight a story must hold to count as lexical evidence.
LEXICAL_COVERS = 0.3
# A story is semantic evidence when it is closer to the requirement than this share of the
# background sentences.
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
    evidence: tuple[str, ...]  # the requirement's words and phrases the story uses
    closest_part: str  # the story part nearest in meaning ("" in lexical mode)
    covers: bool


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


class Coverage(msgspec.Struct, frozen=True):
    method: str  # "lexical" or "semantic"
    rows: tuple[Row, ...]
    strengths: tuple[StrengthFit, ...]

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
        self.counts = [Counter(_content(d)) for d in documents]
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

    def shares(self, query: Sequence[str]) -> list[float]:
        """For each document, the share of the query's idf weight it contains."""
        weights = {t: self.idf.get(t, self.unseen_idf) for t in query}
        total = sum(weights.values())
        if not total:
            return [0.0] * len(self.counts)
        return [sum(w for t, w in weights.items() if t in c) / total for c in self.counts]


def _evidence(requirement: Requirement, story_stems: set[str], query: Sequence[str]) -> list[str]:
    """Requirement terms whose every content word is in the story, then single shared words."""
    phrases = [
        t.text
        for t in requirement.terms
        if (stems := _distinctive(t.text)) and all(s in story_stems for s in stems)
    ]
    covered = {s for p in phrases for s in _content(p)}
    shown = _shown_words(requirement.text)
    singles = [shown.get(s, s) for s in query if s in story_stems and s not in covered]
    return list(dict.fromkeys([*phrases, *singles]))


def _shown_words(text: str) -> dict[str, str]:
    """Each stem of the text with a word that has it, in lower case as written ("team's", not
    the matchers' "teams")."""
    tokens = Tokens(text)
    return {stem(w): tokens.written(i).lower() for i, w in enumerate(tokens.words) if w}


def cover(
    requirements: Sequence[Requirement],
    stories: Sequence[StoryText],
    *,
    strengths: Sequence[StrengthText] = (),
    embed: Embed | None = None,
    top: int = TOP,
) -> Coverage:
    """Each requirement with its best stories (at most ``top``), best first."""
    index = _Index([s.full_text() for s in stories])
    queries = [_query(r) for r in requirements]
    near = _semantic_ranks(requirements, stories, embed) if embed and stories else None
    rows = []
    for r, (requirement, query) in enumerate(zip(requirements, queries, strict=True)):
        lexical = index.shares(query)
        if near is not None:
            lexical_and_meaning = zip(lexical, near.beats[r], strict=True)
            scores = [(x + b) / 2 for x, b in lexical_and_meaning]
        else:
            scores = lexical
        ranked = sorted(
            (i for i, score in enumerate(scores) if score > 0),
            key=lambda i: (-scores[i], -index.bm25(query, i), stories[i].id),
        )
        matches = []
        for i in ranked[:top]:
            semantic = None if near is None else float(near.beats[r][i])
            covers = lexical[i] >= LEXICAL_COVERS or bool(
                near and semantic is not None and semantic >= SEMANTIC_COVERS and near.best[r][i]
            )
            matches.append(
                Match(
                    story_id=stories[i].id,
                    title=stories[i].title,
                    score=round(100 * scores[i]),
                    lexical=round(lexical[i], 3),
                    semantic=None if semantic is None else round(semantic, 3),
                    evidence=tuple(_evidence(requirement, set(index.counts[i]), query)),
                    closest_part=near.parts[r][i] if near else "",
                    covers=covers,
                )
            )
        rows.append(Row(requirement=requirement, matches=tuple(matches)))
    return Coverage(
        method="semantic" if embed else "lexical",
        rows=tuple(rows),
        strengths=_strength_fits(requirements, queries, strengths),
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
    part = np.full((len(requirements), len(stories)), "", dtype=object)
    for c_index, (s_index, name, _) in enumerate(chunks):
        column = similarity[:, c_index]
        closer = column > best[:, s_index]
        best[closer, s_index] = column[closer]
        part[closer, s_index] = name
    beats = np.vstack(
        [np.searchsorted(yardstick[r], best[r], side="left") for r in range(len(requirements))]
    ) / len(BACKGROUND)
    # A story in the same field is close to every requirement of the posting; it only counts for
    # the ones it is closest to (its best third), which rules out what it merely sits near.
    allowed = max(1, math.ceil(len(requirements) * STORY_SHARE))
    rank = np.argsort(np.argsort(-best, axis=0, kind="stable"), axis=0, kind="stable")
    return _Nearness(beats=beats.tolist(), parts=part.tolist(), best=(rank < allowed).tolist())


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


# The background never changes: embed it once per embedding function (one per model).
_BACKGROUND_VECTORS: weakref.WeakKeyDictionary[Embed, Vectors] = weakref.WeakKeyDictionary()


def _background(embed: Embed) -> Vectors:
    if embed not in _BACKGROUND_VECTORS:
        _BACKGROUND_VECTORS[embed] = embed(list(BACKGROUND))
    return _BACKGROUND_VECTORS[embed]


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
