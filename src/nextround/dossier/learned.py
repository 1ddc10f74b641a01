"""The answer to "What do you already know about us?": three points to make, each with its
source, chosen from the candidate's facts about the company, its recent news, and what came up
in earlier rounds.

The three points cover three different things when the research has them: the business (what
the company does, its products or customers), something recent (the newest news item that is
not stale), and something from an earlier round (a fact heard there, or a note taken there). A
missing kind is filled from the other facts (the role's challenges first, then values,
competitors, size), then from the rest of each pool. When fewer than three points can be made,
``missing`` says what to add.

Plain Python, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from nextround.news import NewsItem, recent

QUESTION = "What do you already know about us?"
POINTS = 3

#: Fact kinds, in the order the model stores them; the first three describe the business.
BUSINESS_KINDS = ("what", "products", "customers")
OTHER_KINDS = ("challenges", "values", "competitors", "size")


class FactPoint(msgspec.Struct, frozen=True):
    """One fact: its kind (a key of the kinds above), text, and source in words; ``heard`` when
    its source is an earlier round."""

    kind: str
    text: str
    source: str
    heard: bool = False


class HeardPoint(msgspec.Struct, frozen=True):
    """Something noted in an earlier round, with its source ("noted in round 1")."""

    text: str
    source: str


class Point(msgspec.Struct, frozen=True):
    """A point to make: what to say, where it came from, and from which pool (``business``,
    ``news``, ``round``, ``other``)."""

    text: str
    source: str
    origin: str


class Learned(msgspec.Struct, frozen=True):
    question: str
    points: tuple[Point, ...]
    missing: tuple[str, ...]


MISSING = {
    "business": "Add a fact about what the company does, its products or its customers.",
    "news": "Add a news item from the last 30 days (a feed, a page or pasted text).",
    "round": "Add something you heard in an earlier round: a fact with a round note as its "
    "source, or a note in the round.",
}


def learned_answer(
    *,
    facts: Sequence[FactPoint],
    news: Sequence[NewsItem],
    heard: Sequence[HeardPoint],
    today: date,
) -> Learned:
    """Three points (fewer when the research is thin, with what to add in ``missing``)."""
    pools: dict[str, list[Point]] = {
        "business": [
            Point(f.text, f.source, "business")
            for kind in BUSINESS_KINDS
            for f in facts
            if f.kind == kind and not f.heard
        ],
        "news": [_news_point(item) for item in recent(news, today)],
        "round": [
            *(Point(f.text, f.source, "round") for f in facts if f.heard),
            *(Point(h.text, h.source, "round") for h in heard),
        ],
        "other": [
            Point(f.text, f.source, "other")
            for kind in OTHER_KINDS
            for f in facts
            if f.kind == kind and not f.heard
        ],
    }
    chosen: list[Point] = []
    for name in ("business", "news", "round"):
        if pools[name]:
            chosen.append(pools[name].pop(0))
    lacking = [name for name in ("business", "news", "round") if not _has(chosen, name)]
    for name in ("other", "business", "round", "news"):
        while len(chosen) < POINTS and pools[name]:
            chosen.append(pools[name].pop(0))
    missing = tuple(MISSING[name] for name in lacking) if len(chosen) < POINTS else ()
    return Learned(question=QUESTION, points=tuple(chosen), missing=missing)


def _has(points: Sequence[Point], origin: str) -> bool:
    return any(p.origin == origin for p in points)


def _news_point(item: NewsItem) -> Point:
    assert item.published_on is not None  # recent() keeps dated items only
    when = f"{item.published_on.day} {item.published_on:%b %Y}"
    return Point(f"Recent news: {item.title}", f"{item.source}, {when}", "news")
