"""Coverage by meaning: how close each story is to each requirement, ranked rather than cut.

A raw cosine means little on its own, so each story's similarity to a requirement is ranked
against generic work sentences from many fields (``BACKGROUND``), and each requirement among the
posting's others. ``nextround.fit.coverage.cover`` joins these ranks to word matching;
docs/stories.md explains the scores.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from nextround.fit.requirements import Requirement

if TYPE_CHECKING:
    from nextround.fit.coverage import Embed, StoryText
    from nextround.fit.semantic import Vectors

# A story is close in meaning when it is closer to the requirement than this share of the
# background sentences (and the requirement is among its closest third): that makes it
# "related", or a cover when it also shows a specific word.
SEMANTIC_COVERS = 0.95
# ...and when the requirement is among the closest third of the posting's requirements to it.
STORY_SHARE = 1 / 3

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


class _Nearness(msgspec.Struct, frozen=True):
    """Requirement × story tables from the embeddings."""

    beats: list[list[float]]  # share of the background sentences the story is closer than
    parts: list[list[str]]  # the story's part nearest the requirement
    best: list[list[bool]]  # the requirement is among those this story is closest to


def semantic_ranks(
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
