"""Writes of company research: facts with their sources, glossary answers, feeds and their
refreshes, news items from a page or pasted text, and what the candidate knows of each
interviewer. After each write the plan's research items of the opportunity's rounds ahead tick
themselves when the research now exists (``plan_tick``).

The network part of a refresh or a page fetch runs outside any transaction; what it brought is
merged in one short transaction, under a lock on the opportunity so two refreshes at once add
each article once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nextround import news
from nextround.core import fetch
from nextround.core.services import lock_for_write, save_validated
from nextround.dossier import Suggestion, term_key
from nextround.errors import Invalid, NotFound
from nextround.intake.limits import MAX_BYTES, check_size
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity, Person, RoundNote
from nextround.interviews.selectors import round_is_past
from nextround.news.items import check_link
from nextround.prep import services as prep
from nextround.research.models import (
    FACT_CHARS,
    MEANING_CHARS,
    TERM_CHARS,
    Fact,
    FactKind,
    Feed,
    NewsEntry,
    Term,
)

#: A feed is refreshed on its own once this long has passed since its last refresh.
REFRESH_EVERY = timedelta(hours=24)
#: Dated news items from the last 30 days that make the news item of the plan tick.
NEWS_FOR_PLAN = 3
#: Kinds of facts that make the business item of the plan tick.
KINDS_FOR_PLAN = 3

NEWS_ITEM = "research-company-news"
BUSINESS_ITEM = "research-business"
PERSON_ITEM = "research-interviewer"


# --- facts ---------------------------------------------------------------------------------


def note_source(note: RoundNote) -> str:
    """A round note as a source: "said by Maya Okafor in round 1" ("noted in round 1" when
    nobody in particular said it)."""
    where = f"in round {note.round.number}"
    return f"said by {note.person.name} {where}" if note.person else f"noted {where}"


@transaction.atomic
def fact_save(
    *,
    opportunity: Opportunity,
    kind: str,
    text: str,
    source_name: str = "",
    source_url: str = "",
    source_date: date | None = None,
    note: RoundNote | None = None,
    fact: Fact | None = None,
    now: datetime | None = None,
) -> Fact:
    """Add a fact (or change ``fact``). Its source is a round note of this opportunity, or a
    name or address with the day it was read; nothing is kept without one."""
    text = " ".join(text.split())
    if not text:
        raise Invalid("Write the fact.", {"text": ["Write the fact."]})
    if len(text) > FACT_CHARS:
        raise Invalid("Too long.", {"text": [f"Keep a fact within {FACT_CHARS:,} characters."]})
    if kind not in FactKind.values:
        raise Invalid(f"Unknown kind {kind!r}.", {"kind": ["Choose what the fact is about."]})
    if fact is None:
        fact = Fact(owner=opportunity.owner, opportunity=opportunity)
    fact.kind, fact.text = kind, text
    if note is not None:
        if note.round.opportunity_id != opportunity.pk:
            raise NotFound("No such note.")
        fact.note, fact.heard_in = note, note.round.number
        fact.source_name, fact.source_url, fact.source_date = note_source(note), "", None
    else:
        fact.note, fact.heard_in = None, None
        fact.source_name = " ".join(source_name.split())
        fact.source_url = check_link(source_url, field="source_url") if source_url.strip() else ""
        fact.source_date = source_date
    save_validated(fact, what="fact")
    plan_tick(opportunity=opportunity, now=now)
    return fact


def fact_delete(*, fact: Fact) -> None:
    fact.delete()


# --- the glossary --------------------------------------------------------------------------


def term_confirm(
    *, opportunity: Opportunity, term: str, meaning: str, now: datetime | None = None
) -> Term:
    """Keep a term in the glossary with its meaning: a suggestion confirmed, a term the
    candidate adds, or a new meaning for one kept (a dismissed one comes back confirmed)."""
    return _term_set(opportunity, term, meaning=meaning, confirmed=True)


def term_dismiss(*, opportunity: Opportunity, term: str) -> Term:
    """Never suggest this term again."""
    return _term_set(opportunity, term, meaning="", confirmed=False)


def _term_set(opportunity: Opportunity, term: str, *, meaning: str, confirmed: bool) -> Term:
    shown = " ".join(term.split())
    key = term_key(shown)
    if not key:
        raise Invalid("Give the term.", {"term": ["Give the term."]})
    if len(shown) > TERM_CHARS:
        raise Invalid("Too long.", {"term": [f"A term has at most {TERM_CHARS} characters."]})
    meaning = " ".join(meaning.split())
    if len(meaning) > MEANING_CHARS:
        message = f"Keep the meaning within {MEANING_CHARS} characters."
        raise Invalid(message, {"meaning": [message]})
    with transaction.atomic():
        row, _ = lock_for_write(Term.objects.all(), of=opportunity).get_or_create(
            opportunity=opportunity,
            key=key,
            defaults={"owner": opportunity.owner, "term": shown, "confirmed": confirmed},
        )
        if not confirmed and row.confirmed and row.meaning:
            return row  # a confirmed term stays: dismissing is for suggestions
        row.term, row.meaning, row.confirmed = shown, meaning, confirmed
        return save_validated(row, what="term")


def term_delete(*, term: Term) -> None:
    """Forget a term: it may be suggested again."""
    term.delete()


def suggestion_confirm_all(
    *, opportunity: Opportunity, suggestions: Iterable[Suggestion], meanings: dict[str, str]
) -> list[Term]:
    """Confirm the suggestions given a meaning (keyed by term); the others stay suggested."""
    return [
        term_confirm(opportunity=opportunity, term=s.term, meaning=meanings[s.term])
        for s in suggestions
        if meanings.get(s.term, "").strip()
    ]


# --- feeds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refreshed:
    """What one feed's refresh did: items added, duplicates left out, and the problem (a
    failure's message, or a fault of a feed read anyway)."""

    feed: Feed
    added: int
    duplicates: int
    problem: str
    ok: bool


def feed_add(
    *,
    opportunity: Opportunity,
    url: str,
    now: datetime | None = None,
    reader: Callable[[str], news.Feed] | None = None,
) -> Refreshed:
    """Follow a feed and read it at once: its first items are kept, or its problem shown on its
    row. The same address twice is one feed."""
    address = check_link(url, field="url")
    feed, _ = Feed.objects.get_or_create(
        opportunity=opportunity, url=address, defaults={"owner": opportunity.owner}
    )
    return feed_refresh(feed=feed, now=now, reader=reader)


def feed_remove(*, feed: Feed) -> None:
    """Stop following a feed; the items it brought stay."""
    feed.delete()


def feed_refresh(
    *, feed: Feed, now: datetime | None = None, reader: Callable[[str], news.Feed] | None = None
) -> Refreshed:
    """Fetch the feed (through the guarded fetcher), keep its new items, and note how it went
    on the feed's row. A failure is no error to the caller: it is the row's message."""
    now = now or timezone.now()
    read = reader or fetch.fetch_feed
    try:
        fetched = read(feed.url)
    except Invalid as exc:
        Feed.objects.filter(pk=feed.pk).update(
            checked_at=now, ok=False, problem=exc.message[:4000], added=0
        )
        feed.refresh_from_db()
        return Refreshed(feed=feed, added=0, duplicates=0, problem=exc.message, ok=False)
    opportunity = feed.opportunity
    with transaction.atomic():
        added, duplicates = _keep(opportunity, fetched.items, feed=feed, now=now)
        Feed.objects.filter(pk=feed.pk).update(
            checked_at=now,
            ok=True,
            problem=fetched.problem,
            added=added,
            title=fetched.title[:300],
        )
        feed.refresh_from_db()
        plan_tick(opportunity=opportunity, now=now)
    return Refreshed(
        feed=feed, added=added, duplicates=duplicates, problem=fetched.problem, ok=True
    )


def news_refresh(
    *,
    owner: User,
    opportunity: Opportunity | None = None,
    now: datetime | None = None,
    due_only: bool = False,
) -> list[Refreshed]:
    """Refresh every feed of the owner (of one opportunity, when given); with ``due_only``,
    only those not refreshed in the last 24 hours."""
    now = now or timezone.now()
    feeds = Feed.objects.filter(owner=owner).select_related("opportunity").order_by("id")
    if opportunity is not None:
        feeds = feeds.filter(opportunity=opportunity)
    if due_only:
        feeds = feeds.filter(_due(now))
    return [feed_refresh(feed=feed, now=now) for feed in feeds]


def _due(now: datetime) -> Q:
    """Never refreshed, or not in the last 24 hours."""
    return Q(checked_at__isnull=True) | Q(checked_at__lt=now - REFRESH_EVERY)


def refresh_due(*, owner: User, now: datetime) -> bool:
    """Whether any of the owner's feeds waits for its daily refresh."""
    return Feed.objects.filter(owner=owner).filter(_due(now)).exists()


# --- news items ----------------------------------------------------------------------------


def news_paste(
    *,
    opportunity: Opportunity,
    text: str,
    published_on: date,
    title: str = "",
    source: str = "",
    source_url: str = "",
    now: datetime | None = None,
) -> NewsEntry:
    """Keep pasted news text with its date. An item already kept (the same address, or the
    same title on the same day) is refused, naming it."""
    item = news.pasted_item(text, published_on, title=title, source=source, source_url=source_url)
    return _keep_one(opportunity, item, now=now)


def news_from_page(
    *,
    opportunity: Opportunity,
    page: news.Page,
    published_on: date | None = None,
    now: datetime | None = None,
) -> NewsEntry:
    """Keep a saved or fetched page as a news item; a date typed wins over the one found."""
    return _keep_one(opportunity, news.page_item(page, published_on=published_on), now=now)


def news_from_file(
    *,
    opportunity: Opportunity,
    name: str,
    data: bytes,
    published_on: date | None = None,
    now: datetime | None = None,
) -> NewsEntry:
    """Keep a page the candidate saved (its bytes, at most the fetcher's 5 MB)."""
    check_size(name, len(data), MAX_BYTES)
    page = news.read_page(data, name=name)
    return news_from_page(opportunity=opportunity, page=page, published_on=published_on, now=now)


def news_fetch(
    *,
    opportunity: Opportunity,
    url: str,
    published_on: date | None = None,
    now: datetime | None = None,
) -> NewsEntry:
    """Fetch a page once (through the guarded fetcher) and keep it."""
    address = check_link(url, field="url")
    page = fetch.fetch_page(address)
    return news_from_page(opportunity=opportunity, page=page, published_on=published_on, now=now)


def news_date_set(
    *, entry: NewsEntry, published_on: date, now: datetime | None = None
) -> NewsEntry:
    """Give an undated item the day it was published."""
    entry.published_on = published_on
    entry.note = ""
    entry.key = stored_key(news.dedupe_key(entry_item(entry)))
    save_validated(entry, what="news item")
    plan_tick(opportunity=entry.opportunity, now=now)
    return entry


def news_delete(*, entry: NewsEntry) -> None:
    entry.delete()


def entry_item(entry: NewsEntry) -> news.NewsItem:
    """A stored item as the news package's ``NewsItem``."""
    return news.NewsItem(
        title=entry.title,
        text=entry.text,
        origin=news.Origin(entry.origin),
        source=entry.source,
        source_url=entry.source_url,
        link=entry.link,
        published_on=entry.published_on,
        published_at=entry.published_at,
        note=entry.note,
    )


def _keep_one(opportunity: Opportunity, item: news.NewsItem, *, now: datetime | None) -> NewsEntry:
    with transaction.atomic():
        added, _ = _keep(opportunity, [item], feed=None, now=now or timezone.now())
        if not added:
            raise Invalid(f"“{item.title}” is already among the news kept for this company.")
        entry = NewsEntry.objects.filter(opportunity=opportunity).latest("id")
        plan_tick(opportunity=opportunity, now=now)
    return entry


def _keep(
    opportunity: Opportunity, items: Iterable[news.NewsItem], *, feed: Feed | None, now: datetime
) -> tuple[int, int]:
    """Add the items not kept yet (``news.merge``); how many were added and left out."""
    # One at a time: each merges with what the others kept.
    lock_for_write(Opportunity.objects.filter(pk=opportunity.pk), of=opportunity).first()
    kept = [entry_item(e) for e in NewsEntry.objects.filter(opportunity=opportunity)]
    merged = news.merge(kept, items)
    for item in merged.added:
        save_validated(
            NewsEntry(
                owner=opportunity.owner,
                opportunity=opportunity,
                feed=feed,
                origin=item.origin.value,
                title=item.title[:300] or "(untitled)",
                text=item.text,
                source=item.source[:300],
                source_url=item.source_url,
                link=item.link,
                published_on=item.published_on,
                published_at=item.published_at,
                note=item.note[:300],
                key=stored_key(news.dedupe_key(item)),
                created_at=now,
            ),
            what="news item",
        )
    return len(merged.added), merged.duplicates


def stored_key(key: str) -> str:
    """The dedupe key as stored: a link can be 2,000 characters, its digest is 40."""
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


# --- the people ----------------------------------------------------------------------------


def person_research_set(
    *,
    person: Person,
    background: str,
    common_ground: str,
    decision_maker: bool,
    now: datetime | None = None,
) -> Person:
    """What the candidate found out about an interviewer, from the research page."""
    interviews.person_update(
        person=person,
        background=background.strip(),
        common_ground=common_ground.strip(),
        decision_maker=decision_maker,
    )
    plan_tick(opportunity=person.opportunity, now=now)
    return person


# --- the plan ------------------------------------------------------------------------------


def plan_tick(*, opportunity: Opportunity, now: datetime | None = None) -> list[str]:
    """Tick the research items of the plans of the opportunity's rounds ahead whose research
    now exists, saying so in the item's note (``prep.services.plan_items_tick``: a skipped item
    and a note the candidate wrote are kept). Returns "<round number>:<key>" of each change."""
    now = now or timezone.now()
    reasons = plan_reasons(opportunity=opportunity, today=timezone.localdate(now))
    if not reasons:
        return []
    ahead = [r for r in opportunity.rounds.all() if not round_is_past(r, now)]
    return prep.plan_items_tick(rounds=ahead, reasons=reasons, now=now)


def plan_reasons(*, opportunity: Opportunity, today: date) -> dict[str, str]:
    """The research items whose research exists, each with the note that says so."""
    return reasons_from(
        entries=NewsEntry.objects.filter(opportunity=opportunity),
        fact_kinds=Fact.objects.filter(opportunity=opportunity).values_list("kind", flat=True),
        people=opportunity.people.exclude(background=""),
        today=today,
    )


def reasons_from(
    *,
    entries: Iterable[NewsEntry],
    fact_kinds: Iterable[str],
    people: Iterable[Person],
    today: date,
) -> dict[str, str]:
    """``plan_reasons`` from the opportunity's news, its facts' kinds and its people (in their
    order), for a caller that has read them already."""
    reasons: dict[str, str] = {}
    fresh = news.recent([entry_item(e) for e in entries], today)
    if len(fresh) >= NEWS_FOR_PLAN:
        reasons[NEWS_ITEM] = (
            f"Ticked by your research: {len(fresh)} dated news items from the last 30 days."
        )
    kinds = set(fact_kinds)
    if len(kinds) >= KINDS_FOR_PLAN:
        reasons[BUSINESS_ITEM] = (
            f"Ticked by your research: facts of {len(kinds)} kinds about the company."
        )
    for person in people:
        if person.background:
            reasons[f"{PERSON_ITEM}:{person.pk}"] = (
                f"Ticked by your research: {person.name}'s background is written down."
            )
    return reasons
