"""The research app's section of the workspace export, in each opportunity: ``facts``,
``terms``, ``feeds`` and ``news`` (each only when there are some, so older files read as
before).

A fact heard in a round names the round (``round``) and its note by the note's place among the
round's exported notes (``note``: 0 for the first), as notes carry no id in the file; its
source in words travels too, so a fact whose note was removed keeps both. A news item names
its feed by the feed's address. Written back as stored, not through the services: an import
fetches nothing and ticks no plan.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from django.db.models import Prefetch

from nextround import news
from nextround.core.transfer import (
    Day,
    Doc,
    Moment,
    Record,
    Rows,
    day_text,
    once,
    save_valid,
    stamps,
)
from nextround.dossier import term_key
from nextround.interviews.models import Opportunity, RoundNote
from nextround.interviews.transfer import note_places
from nextround.research.models import Fact, FactKind, Feed, NewsEntry, Origin, Term
from nextround.research.services import entry_item, stored_key

FACT_TEXT = ("text", "source_name", "source_url")
TERM_TEXT = ("meaning",)
FEED_TEXT = ("title", "problem")
NEWS_TEXT = ("text", "source", "source_url", "link", "note")


class OpportunityResearch(Doc):
    facts: Rows | None = None
    terms: Rows | None = None
    feeds: Rows | None = None
    news: Rows | None = None


class FactDoc(Doc):
    kind: str
    source_date: Day | None = None
    round: int | None = None
    note: int | None = None
    created_at: Moment | None = None


class TermDoc(Doc):
    term: str
    confirmed: bool = True
    created_at: Moment | None = None


class FeedDoc(Doc):
    url: str
    checked_at: Moment | None = None
    ok: bool = False
    added: int = 0
    created_at: Moment | None = None


class NewsDoc(Doc):
    title: str
    origin: str
    feed: str | None = None
    published_on: Day | None = None
    published_at: Moment | None = None
    created_at: Moment | None = None


def opportunity_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("facts", queryset=Fact.objects.order_by("created_at", "id")),
        Prefetch("terms", queryset=Term.objects.order_by("created_at", "id")),
        Prefetch("feeds", queryset=Feed.objects.order_by("created_at", "id")),
        Prefetch("news", queryset=NewsEntry.objects.select_related("feed").order_by("id")),
    )


def opportunity_export(opportunity: Opportunity) -> dict[str, Any]:
    places = note_places(opportunity.rounds.all())
    rows = {
        "facts": [_fact(f, places) for f in opportunity.facts.all()],
        "terms": [
            {
                "term": t.term,
                "meaning": t.meaning,
                "confirmed": t.confirmed,
                "created_at": t.created_at.isoformat(),
            }
            for t in opportunity.terms.all()
        ],
        "feeds": [
            {
                "url": f.url,
                "title": f.title,
                "checked_at": f.checked_at.isoformat() if f.checked_at else None,
                "ok": f.ok,
                "problem": f.problem,
                "added": f.added,
                "created_at": f.created_at.isoformat(),
            }
            for f in opportunity.feeds.all()
        ],
        "news": [_news(e) for e in opportunity.news.all()],
    }
    return {key: value for key, value in rows.items() if value}


def _fact(fact: Fact, places: Mapping[int, tuple[int, int]]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "kind": fact.kind,
        **{name: getattr(fact, name) for name in FACT_TEXT},
        "source_date": day_text(fact.source_date),
    }
    if fact.heard_in is not None:
        document["round"] = fact.heard_in
    if fact.note_id is not None and fact.note_id in places:
        document["round"], document["note"] = places[fact.note_id]
    document["created_at"] = fact.created_at.isoformat()
    return document


def _news(entry: NewsEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "origin": entry.origin,
        "feed": entry.feed.url if entry.feed else None,
        **{name: getattr(entry, name) for name in NEWS_TEXT},
        "published_on": day_text(entry.published_on),
        "published_at": entry.published_at.isoformat() if entry.published_at else None,
        "created_at": entry.created_at.isoformat(),
    }


# --- import --------------------------------------------------------------------------------


def opportunity_import(
    opportunity: Opportunity, item: Record[Any], notes: Mapping[int, Sequence[RoundNote]]
) -> None:
    research = item.view(OpportunityResearch)
    for fact in research.records("facts", FactDoc):
        _import_fact(opportunity, fact, notes)
    _import_terms(opportunity, research.records("terms", TermDoc))
    feeds = _import_feeds(opportunity, research.records("feeds", FeedDoc))
    for entry in research.records("news", NewsDoc):
        _import_news(opportunity, entry, feeds)


def _import_terms(opportunity: Opportunity, items: Sequence[Record[TermDoc]]) -> None:
    seen: dict[Hashable, str] = {}
    for entry in items:
        key = term_key(entry.doc.term)
        once(entry, "term", key, seen, f"The term {entry.doc.term!r}")
        term = Term(
            owner=opportunity.owner,
            opportunity=opportunity,
            term=" ".join(entry.doc.term.split()),
            key=key,
            confirmed=entry.doc.confirmed,
            **entry.texts(TERM_TEXT),
            **stamps(entry, "created_at"),
        )
        save_valid(term, path=entry.path, what="term")


def _import_feeds(opportunity: Opportunity, items: Sequence[Record[FeedDoc]]) -> dict[str, Feed]:
    feeds: dict[str, Feed] = {}
    seen: dict[Hashable, str] = {}
    for entry in items:
        once(entry, "url", entry.doc.url, seen, f"The feed {entry.doc.url}")
        feed = Feed(
            owner=opportunity.owner,
            opportunity=opportunity,
            url=entry.doc.url,
            ok=entry.doc.ok,
            added=entry.doc.added,
            checked_at=entry.optional("checked_at", Record.instant),
            **entry.texts(FEED_TEXT),
            **stamps(entry, "created_at"),
        )
        save_valid(feed, path=entry.path, what="feed")
        feeds[entry.doc.url] = feed
    return feeds


def _import_fact(
    opportunity: Opportunity, item: Record[FactDoc], notes: Mapping[int, Sequence[RoundNote]]
) -> None:
    note = None
    number, position = item.doc.round, item.doc.note
    if position is not None:
        if number is None:
            raise item.error("round", "a note is named by its round and its place: give both.")
        if number not in notes:
            raise item.error("round", f"this opportunity has no round {number}.")
        if not 0 <= position < len(notes[number]):
            raise item.error(
                "note", f"round {number} has no note at position {position} (counted from 0)."
            )
        note = notes[number][position]
    fact = Fact(
        owner=opportunity.owner,
        opportunity=opportunity,
        kind=item.choice("kind", FactKind.values),
        note=note,
        heard_in=number,
        source_date=item.optional("source_date", Record.day),
        **item.texts(FACT_TEXT),
        **stamps(item, "created_at"),
    )
    save_valid(fact, path=item.path, what="fact")


def _import_news(
    opportunity: Opportunity, item: Record[NewsDoc], feeds: Mapping[str, Feed]
) -> None:
    feed = None
    if item.has("feed"):
        address = item.doc.feed or ""
        if address not in feeds:
            raise item.error("feed", f"no feed {address} in this opportunity's feeds.")
        feed = feeds[address]
    entry = NewsEntry(
        owner=opportunity.owner,
        opportunity=opportunity,
        feed=feed,
        origin=item.choice("origin", Origin.values),
        title=item.doc.title,
        published_on=item.optional("published_on", Record.day),
        published_at=item.optional("published_at", Record.instant),
        **item.texts(NEWS_TEXT),
        **stamps(item, "created_at"),
    )
    entry.key = stored_key(news.dedupe_key(entry_item(entry)))
    save_valid(entry, path=item.path, what="news item")
