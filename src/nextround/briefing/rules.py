"""What the brief decides by itself: whose yes decides, the order the people are read in, the
countdown, and which story to land for a likely question."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

import msgspec

from nextround import timeutil
from nextround.text.stems import content_stems

# Whose yes most likely decides, when the candidate has not said: the hiring manager, else the
# manager's manager, else an executive. Peers, HR and others advise.
DECIDERS = ("hiring_manager", "managers_manager", "executive")
# After the decision-maker and the people met before: the most senior first, HR before peers
# (HR often runs the process), then the rest.
RELATION_ORDER = ("hiring_manager", "managers_manager", "executive", "hr", "peer", "other")


class PersonFacts(msgspec.Struct, frozen=True):
    id: int
    name: str
    relation: str
    met_before: bool
    decides: bool = False


def decision_maker(relations: Sequence[str]) -> int | None:
    """The index of the person whose yes most likely decides, by relation (first of the most
    senior kind), or None when no one attending decides."""
    for kind in DECIDERS:
        if kind in relations:
            return relations.index(kind)
    return None


def _rank(relation: str) -> int:
    return RELATION_ORDER.index(relation) if relation in RELATION_ORDER else len(RELATION_ORDER)


def order_people(people: Sequence[PersonFacts]) -> list[PersonFacts]:
    """Decision-maker first, then those met before, each group by seniority, then by name."""
    return sorted(
        people,
        key=lambda p: (not p.decides, not p.met_before, _rank(p.relation), p.name.casefold(), p.id),
    )


def countdown_text(starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """'Starts in 3 days, 2 hours', 'Under way: ends in 40 minutes', or 'This round is over.'"""
    if now < starts_at:
        return "Starts " + timeutil.countdown(starts_at, now)
    if now < ends_at:
        return "Under way: ends " + timeutil.countdown(ends_at, now)
    return "This round is over."


class Candidate(msgspec.Struct, frozen=True):
    """A story as the pick reads it: its words and the competencies it was tagged with."""

    id: int
    title: str
    text: str
    competencies: tuple[str, ...] = ()


# Shared content words a story needs before it is offered for a question with no competency in
# common: one shared word ("team") is chance.
MIN_SHARED = 2


def _score(question: frozenset[str], wanted: frozenset[str], story: Candidate) -> tuple[int, int]:
    tagged = frozenset(s for c in story.competencies for s in content_stems(c))
    return len(wanted & tagged), len(question & content_stems(story.text) | question & tagged)


def story_for(
    question: str,
    competencies: Sequence[str],
    stories: Sequence[Candidate],
    *,
    heard: Collection[int] = (),
) -> Candidate | None:
    """The story to land for a question: most competencies in common with the question's, then
    most words in common; a story these interviewers already heard only when no other fits."""
    asked = content_stems(question)
    wanted = frozenset(s for c in competencies for s in content_stems(c))
    best: tuple[tuple[bool, int, int, str, int], Candidate] | None = None
    for story in stories:
        tags, shared = _score(asked | wanted, wanted, story)
        if not tags and shared < MIN_SHARED:
            continue
        key = (story.id in heard, -tags, -shared, story.title.casefold(), story.id)
        if best is None or key < best[0]:
            best = (key, story)
    return best[1] if best else None
