"""Reads of company research: the research page, the glossary's suggestions, the words to work
in (for practice and the brief), the "What do you already know about us?" answer, and the
JSON the command prints. Someone else's record is ``NotFound``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet

from nextround import dossier, news
from nextround.errors import NotFound
from nextround.interviews.models import NoteKind, Opportunity, Person, RoundNote
from nextround.research.models import Fact, FactKind, Feed, NewsEntry, Term
from nextround.research.services import entry_item, reasons_from
from nextround.stories import selectors as stories
from nextround.stories.models import Telling

M = TypeVar("M", bound=Model)


def _get(model: type[M], owner: User, pk: int, what: str) -> M:
    try:
        return model._default_manager.select_related("opportunity").get(owner=owner, pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise NotFound(f"No {what} with id {pk}.") from None


def fact_get(*, owner: User, pk: int) -> Fact:
    return _get(Fact, owner, pk, "fact")


def term_get(*, owner: User, pk: int) -> Term:
    return _get(Term, owner, pk, "term")


def feed_get(*, owner: User, pk: int) -> Feed:
    return _get(Feed, owner, pk, "feed")


def news_get(*, owner: User, pk: int) -> NewsEntry:
    return _get(NewsEntry, owner, pk, "news item")


def words_to_work_in(opportunity: Opportunity) -> list[Term]:
    """The confirmed glossary terms, for practice ("words to work in") and the brief."""
    return list(Term.objects.filter(opportunity=opportunity, confirmed=True).order_by("term", "id"))


def source_notes(opportunity: Opportunity) -> QuerySet[RoundNote]:
    """The round notes a fact can name as its source."""
    return (
        RoundNote.objects.filter(round__opportunity=opportunity)
        .select_related("round", "person")
        .order_by("round__number", "created_at", "id")
    )


# --- suggestions ---------------------------------------------------------------------------


def term_suggestions(opportunity: Opportunity) -> tuple[dossier.Suggestion, ...]:
    """Terms to confirm or dismiss, from the posting's requirements and the round notes; none
    already confirmed or dismissed."""
    known = list(Term.objects.filter(opportunity=opportunity).values_list("key", flat=True))
    names = list(opportunity.people.values_list("name", flat=True))
    return _suggestions(opportunity, known=known, names=names)


def _suggestions(
    opportunity: Opportunity, *, known: list[str], names: list[str]
) -> tuple[dossier.Suggestion, ...]:
    """``term_suggestions`` with the keys of the opportunity's terms and its people's names."""
    extraction = stories.requirements(opportunity=opportunity)
    rank = {dossier.term_key(t): i for i, t in enumerate(extraction.terms)}
    posting = sorted(
        (
            dossier.PostingTerm(text=term.text, kind=term.kind, requirement=r.text)
            for r in extraction.requirements
            for term in r.names()
        ),
        key=lambda t: rank.get(dossier.term_key(t.text), len(rank)),
    )
    notes = [
        dossier.NoteText(text=text, where=f"round {number}")
        for number, *texts in source_notes(opportunity).values_list(
            "round__number", "text", "answer", "response"
        )
        for text in texts
        if text
    ]
    return dossier.suggest_terms(
        posting=posting, notes=notes, known=known, names=[opportunity.company, *names]
    )


# --- the page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsRow:
    entry: NewsEntry
    stale: bool
    age: int | None  # days, None undated


@dataclass(frozen=True)
class PersonRow:
    person: Person
    heard: list[tuple[int, str]]  # (round number, story title)
    discussed: list[RoundNote]  # their questions in earlier rounds, and notes of them


@dataclass(frozen=True)
class FactGroup:
    kind: str
    label: str
    facts: list[Fact]


@dataclass(frozen=True)
class Research:
    opportunity: Opportunity
    groups: list[FactGroup]
    terms: list[Term]
    suggestions: tuple[dossier.Suggestion, ...]
    feeds: list[Feed]
    news: list[NewsRow]
    people: list[PersonRow]
    ticks: dict[str, str] = field(default_factory=dict)

    @property
    def fact_count(self) -> int:
        return sum(len(g.facts) for g in self.groups)

    @property
    def recent_count(self) -> int:
        return sum(1 for row in self.news if row.entry.published_on and not row.stale)


def fact_groups(*, opportunity: Opportunity) -> list[FactGroup]:
    """The opportunity's facts by kind, in the kinds' order, oldest first in each (one query)."""
    return _by_kind(_facts(opportunity))


def _facts(opportunity: Opportunity) -> list[Fact]:
    return list(Fact.objects.filter(opportunity=opportunity).order_by("created_at", "id"))


def _by_kind(facts: list[Fact]) -> list[FactGroup]:
    return [
        FactGroup(kind, str(label), [f for f in facts if f.kind == kind])
        for kind, label in FactKind.choices
    ]


def research(*, opportunity: Opportunity, today: date) -> Research:
    """The page, each of the opportunity's records read once: the facts, the terms (confirmed
    or not), the news and the people serve the suggestions and the plan's ticks too."""
    facts = _facts(opportunity)
    terms = list(Term.objects.filter(opportunity=opportunity).order_by("term", "id"))
    kept_news = news_rows(opportunity=opportunity, today=today)
    people = people_rows(opportunity=opportunity)
    return Research(
        opportunity=opportunity,
        groups=_by_kind(facts),
        terms=[t for t in terms if t.confirmed],  # words_to_work_in
        suggestions=_suggestions(
            opportunity, known=[t.key for t in terms], names=[p.person.name for p in people]
        ),
        feeds=list(Feed.objects.filter(opportunity=opportunity).order_by("created_at", "id")),
        news=kept_news,
        people=people,
        ticks=reasons_from(
            entries=[row.entry for row in kept_news],
            fact_kinds=[f.kind for f in facts],
            people=[row.person for row in people],
            today=today,
        ),
    )


def news_rows(*, opportunity: Opportunity, today: date) -> list[NewsRow]:
    """Newest first; undated items last, as they can't be aged."""
    entries = NewsEntry.objects.filter(opportunity=opportunity).select_related("feed")
    rows = [
        NewsRow(
            entry=e,
            stale=news.is_stale(entry_item(e), today),
            age=None if e.published_on is None else (today - e.published_on).days,
        )
        for e in entries
    ]
    return sorted(rows, key=lambda r: r.entry.published_on is None)  # stable: keeps the order


def people_rows(*, opportunity: Opportunity) -> list[PersonRow]:
    """Each person, decision-makers first, with the stories they heard and what was discussed
    with them before (their questions, concerns and feedback, with the answers noted). Three
    queries, grouped here: a prefetch per person costs more than the rows it reads."""
    heard: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
    told = (
        Telling.people.through.objects.filter(person__opportunity=opportunity)
        .order_by("telling__round__number", "telling_id")
        .values_list("person_id", "telling__round__number", "telling__story__title")
    )
    for person_id, number, title in told:
        heard[person_id].append((number, title))
    discussed: defaultdict[int | None, list[RoundNote]] = defaultdict(list)
    for note in (
        RoundNote.objects.filter(
            person__opportunity=opportunity,
            kind__in=[NoteKind.QUESTION, NoteKind.CONCERN, NoteKind.FEEDBACK],
        )
        .select_related("round")
        .order_by("round__number", "created_at", "id")
    ):
        discussed[note.person_id].append(note)
    return [
        PersonRow(person=p, heard=heard[p.pk], discussed=discussed[p.pk])
        for p in opportunity.people.all()
    ]


# --- what you already know about us --------------------------------------------------------


def learned(*, opportunity: Opportunity, today: date) -> dossier.Learned:
    """Three points to make, each with its source, from the facts, news and earlier rounds."""
    facts = [
        dossier.FactPoint(kind=f.kind, text=f.text, source=f.source_label, heard=f.heard)
        for f in Fact.objects.filter(opportunity=opportunity).order_by("created_at", "id")
    ]
    items = [entry_item(e) for e in NewsEntry.objects.filter(opportunity=opportunity)]
    heard = [
        dossier.HeardPoint(text=n.text, source=f"noted in round {n.round.number}")
        for n in source_notes(opportunity).filter(kind=NoteKind.FREE)
    ]
    return dossier.learned_answer(facts=facts, news=items, heard=heard, today=today)


# --- the command's JSON --------------------------------------------------------------------


def research_json(*, opportunity: Opportunity, today: date) -> dict[str, Any]:
    page = research(opportunity=opportunity, today=today)
    answer = learned(opportunity=opportunity, today=today)
    return {
        "opportunity": {"id": opportunity.pk, "company": opportunity.company},
        "facts": [
            {"id": f.pk, "kind": f.kind, "text": f.text, "source": f.source_label}
            for g in page.groups
            for f in g.facts
        ],
        "terms": [{"term": t.term, "meaning": t.meaning} for t in page.terms],
        "suggested_terms": [
            {"term": s.term, "where": s.where, "context": s.context} for s in page.suggestions
        ],
        "feeds": [
            {
                "id": f.pk,
                "url": f.url,
                "title": f.title,
                "checked_at": f.checked_at.isoformat() if f.checked_at else None,
                "ok": f.ok,
                "problem": f.problem,
            }
            for f in page.feeds
        ],
        "news": [
            {
                "id": r.entry.pk,
                "title": r.entry.title,
                "published_on": r.entry.published_on.isoformat() if r.entry.published_on else None,
                "source": r.entry.source,
                "link": r.entry.link,
                "origin": r.entry.origin,
                "stale": r.stale,
                "note": r.entry.note,
            }
            for r in page.news
        ],
        "people": [
            {
                "id": row.person.pk,
                "name": row.person.name,
                "decision_maker": row.person.decision_maker,
                "background": row.person.background,
                "common_ground": row.person.common_ground,
                "heard": [{"round": n, "story": title} for n, title in row.heard],
                "discussed": [
                    {"round": n.round.number, "kind": n.kind, "text": n.text} for n in row.discussed
                ],
            }
            for row in page.people
        ],
        "learned": {
            "question": answer.question,
            "points": [{"text": p.text, "source": p.source} for p in answer.points],
            "missing": list(answer.missing),
        },
        "plan": page.ticks,
    }
