"""Research writes: facts need a source, glossary answers, feeds through the real guarded fetcher
against a local server, pasted and page items de-duplicated, and the plan ticking itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from nextround import news
from nextround.errors import Invalid
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.prep import services as prep
from nextround.prep.models import PlanProgress
from nextround.research import services
from nextround.research.models import Fact, Feed, NewsEntry, Term
from tests.research.conftest import days_ago

# --- facts ---------------------------------------------------------------------------------


def test_a_fact_needs_a_source_with_a_day_or_a_round_note(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    with pytest.raises(Invalid) as caught:
        services.fact_save(opportunity=opportunity, kind="what", text="Runs clinics.")
    assert set(caught.value.field_errors) == {"source_name", "source_date"}
    with pytest.raises(Invalid) as caught:
        services.fact_save(
            opportunity=opportunity, kind="what", text="Runs clinics.", source_name="Site"
        )
    assert set(caught.value.field_errors) == {"source_date"}
    fact = services.fact_save(
        opportunity=opportunity,
        kind="what",
        text="  Runs   clinics. ",
        source_url="https://example.com/about",
        source_date=date(2026, 3, 2),
    )
    assert (fact.text, fact.source_label) == ("Runs clinics.", "example.com, 2 Mar 2026")
    note = interviews.note_create(
        round_=rounds[0], kind=NoteKind.FREE, person=people[0], text="Two new clinics in 2027."
    )
    heard = services.fact_save(
        opportunity=opportunity, kind="challenges", text="Two clinics to open.", note=note
    )
    assert heard.source_label == "said by Dana Ortiz in round 1"
    assert heard.heard and heard.heard_in == 1
    note.delete()  # the fact keeps its source in words
    heard.refresh_from_db()
    assert heard.note is None and heard.source_label == "said by Dana Ortiz in round 1"
    heard.full_clean()


def test_a_fact_refuses_an_unknown_kind_and_another_opportunitys_note(
    opportunity: Opportunity, user: object
) -> None:
    with pytest.raises(Invalid, match="Unknown kind"):
        services.fact_save(
            opportunity=opportunity,
            kind="gossip",
            text="x",
            source_name="a",
            source_date=date.today(),
        )
    assert Fact.objects.count() == 0


# --- the glossary --------------------------------------------------------------------------


def test_confirming_and_dismissing_terms(opportunity: Opportunity) -> None:
    with pytest.raises(Invalid) as caught:
        services.term_confirm(opportunity=opportunity, term="EHR", meaning="  ")
    assert "meaning" in caught.value.field_errors
    services.term_dismiss(opportunity=opportunity, term="Evanston")
    term = services.term_confirm(
        opportunity=opportunity, term="EHR", meaning="Electronic health record"
    )
    # The same term written another way is the same row: a new meaning replaces the old.
    again = services.term_confirm(opportunity=opportunity, term="ehr", meaning="Patient records")
    assert again.pk == term.pk and again.meaning == "Patient records"
    # Dismissing a confirmed term keeps it: dismissing is for suggestions.
    services.term_dismiss(opportunity=opportunity, term="EHR")
    assert Term.objects.get(pk=term.pk).confirmed
    assert sorted(Term.objects.values_list("term", "confirmed")) == [
        ("Evanston", False),
        ("ehr", True),
    ]


# --- feeds, through the real fetcher -------------------------------------------------------


def test_a_feed_is_read_at_once_and_a_refresh_adds_only_new_items(
    opportunity: Opportunity, feed_site: str
) -> None:
    done = services.feed_add(opportunity=opportunity, url=f"{feed_site}/feed.xml")
    assert (done.ok, done.added, done.duplicates, done.problem) == (True, 4, 0, "")
    assert done.feed.title == "Northwind Health newsroom"
    entries = NewsEntry.objects.filter(opportunity=opportunity)
    assert sorted(e.published_on or date.min for e in entries) == [
        days_ago(45), days_ago(20), days_ago(9), days_ago(2)
    ]  # fmt: skip
    assert all(e.feed_id == done.feed.pk and e.origin == "feed" for e in entries)
    again = services.news_refresh(owner=opportunity.owner, opportunity=opportunity)
    assert [(r.added, r.duplicates) for r in again] == [(0, 4)]
    # The same address twice is one feed.
    services.feed_add(opportunity=opportunity, url=f"{feed_site}/feed.xml")
    assert Feed.objects.count() == 1 and NewsEntry.objects.count() == 4


def test_a_failing_feed_keeps_its_message_on_its_row(
    opportunity: Opportunity, feed_site: str
) -> None:
    broken = services.feed_add(opportunity=opportunity, url=f"{feed_site}/broken.xml")
    assert not broken.ok and "is not a feed: its XML breaks at line 1" in broken.problem
    page = services.feed_add(opportunity=opportunity, url=f"{feed_site}/page.html")
    assert "it is a web page; give the address of its RSS or Atom feed instead" in page.problem
    missing = services.feed_add(opportunity=opportunity, url=f"{feed_site}/gone.xml")
    assert not missing.ok and "404" in missing.problem
    rows = {f.url.rsplit("/", 1)[1]: f for f in Feed.objects.all()}
    assert rows["broken.xml"].problem == broken.problem and not rows["broken.xml"].ok
    assert rows["gone.xml"].checked_at is not None
    assert NewsEntry.objects.count() == 0


def test_the_fetcher_refuses_this_machine_unless_allowed(opportunity: Opportunity) -> None:
    # No html_site here: 127.0.0.1 is not allowed, so nothing is fetched.
    done = services.feed_add(opportunity=opportunity, url="http://127.0.0.1:9/feed.xml")
    assert not done.ok and "NEXTROUND_FETCH_ALLOW_HOSTS" in done.problem
    with pytest.raises(Invalid, match="isn't a web address"):
        services.feed_add(opportunity=opportunity, url="file:///etc/passwd")
    assert Feed.objects.count() == 1


def test_due_only_refreshes_feeds_not_seen_for_a_day(
    opportunity: Opportunity, feed_site: str
) -> None:
    now = timezone.now()
    services.feed_add(opportunity=opportunity, url=f"{feed_site}/feed.xml", now=now)
    owner = opportunity.owner
    assert not services.refresh_due(owner=owner, now=now + timedelta(hours=23))
    assert services.news_refresh(owner=owner, now=now + timedelta(hours=23), due_only=True) == []
    later = now + timedelta(hours=25)
    assert services.refresh_due(owner=owner, now=later)
    assert len(services.news_refresh(owner=owner, now=later, due_only=True)) == 1
    assert Feed.objects.get().checked_at == later


# --- pasted items and pages ----------------------------------------------------------------


def test_pasted_news_is_kept_once(opportunity: Opportunity) -> None:
    entry = services.news_paste(
        opportunity=opportunity,
        text="Northwind opened a clinic. More follows.",
        published_on=days_ago(3),
        source="Tribune",
    )
    assert (entry.title, entry.source, entry.origin) == (
        "Northwind opened a clinic.",
        "Tribune",
        "pasted",
    )
    with pytest.raises(Invalid, match="already among the news"):
        services.news_paste(
            opportunity=opportunity, text="Northwind opened a clinic!", published_on=days_ago(3)
        )
    with pytest.raises(Invalid) as caught:
        services.news_paste(opportunity=opportunity, text="x", published_on=date(1492, 1, 1))
    assert "published_on" in caught.value.field_errors
    assert NewsEntry.objects.count() == 1


def test_a_saved_page_and_a_fetched_one(opportunity: Opportunity, html_site: object) -> None:
    body = "<p>" + "Northwind Health opened its fourth clinic in Evanston this week. " * 3 + "</p>"
    html = (
        "<html><head><title>A fourth clinic</title>"
        '<meta property="article:published_time" content="2026-03-02"></head>'
        f"<body><article><h1>A fourth clinic</h1>{body}</article></body></html>"
    )
    entry = services.news_from_file(opportunity=opportunity, name="clinic.html", data=html.encode())
    assert (entry.title, entry.published_on, entry.origin) == (
        "A fourth clinic", date(2026, 3, 2), "page"
    )  # fmt: skip
    base = html_site({"/clinic": html.replace("fourth", "fifth")})  # type: ignore[operator]
    fetched = services.news_fetch(
        opportunity=opportunity, url=f"{base}/clinic", published_on=date(2026, 3, 5)
    )
    assert fetched.link == f"{base}/clinic" and fetched.published_on == date(2026, 3, 5)
    with pytest.raises(Invalid, match="larger than"):
        services.news_from_file(opportunity=opportunity, name="big.html", data=b"x" * 6_000_000)


def test_an_undated_item_gets_its_day(opportunity: Opportunity) -> None:
    item = news.NewsItem(title="Undated", text="", origin=news.Origin.FEED, source="Feed")
    services._keep(opportunity, [item], feed=None, now=timezone.now())
    entry = NewsEntry.objects.get()
    assert entry.published_on is None
    services.news_date_set(entry=entry, published_on=days_ago(1))
    entry.refresh_from_db()
    assert entry.published_on == days_ago(1) and entry.note == ""


# --- the plan ------------------------------------------------------------------------------


def _status(round_: Round) -> dict[str, tuple[str, str]]:
    return {p.key: (p.status, p.note) for p in PlanProgress.objects.filter(round=round_)}


def test_research_ticks_the_plan_of_the_rounds_ahead_and_says_so(
    opportunity: Opportunity, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    past, ahead = two_rounds
    for n, day in enumerate((2, 9), start=1):
        services.news_paste(opportunity=opportunity, text=f"News {n}.", published_on=days_ago(day))
    services.news_paste(opportunity=opportunity, text="Old news.", published_on=days_ago(31))
    assert "research-company-news" not in _status(ahead)  # two recent, one stale
    services.news_paste(opportunity=opportunity, text="News 3.", published_on=days_ago(30))
    status = _status(ahead)
    assert status["research-company-news"] == (
        "done", "Ticked by your research: 3 dated news items from the last 30 days."
    )  # fmt: skip
    assert _status(past) == {}  # a round that is over is left alone
    # An interviewer's background ticks their item; a skipped item stays skipped.
    prep.plan_item_set(
        round_=ahead, key=f"research-interviewer:{people[1].pk}", status="skipped", reason="Peer"
    )
    for person in people[:2]:
        services.person_research_set(
            person=person,
            background="Ten years in clinics.",
            common_ground="",
            decision_maker=False,
        )
    status = _status(ahead)
    assert status[f"research-interviewer:{people[0].pk}"][0] == "done"
    assert status[f"research-interviewer:{people[1].pk}"][0] == "skipped"
    assert f"research-interviewer:{people[2].pk}" not in status
    # Facts of three kinds tick the business item (a later round's plan has it).
    for kind in ("what", "products", "what", "customers"):
        services.fact_save(
            opportunity=opportunity,
            kind=kind,
            text=f"A fact about {kind}.",
            source_name="Site",
            source_date=days_ago(1),
        )
    assert _status(ahead)["research-business"] == (
        "done", "Ticked by your research: facts of 3 kinds about the company."
    )  # fmt: skip


def test_a_note_the_candidate_wrote_is_kept_when_an_item_ticks(
    opportunity: Opportunity, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    ahead = two_rounds[1]
    key = f"research-interviewer:{people[0].pk}"
    prep.plan_item_set(round_=ahead, key=key, note="Ask about the Evanston clinic.")
    services.person_research_set(
        person=people[0], background="Nurse, then ops.", common_ground="", decision_maker=True
    )
    assert _status(ahead)[key] == ("done", "Ask about the Evanston clinic.")
    assert Person.objects.get(pk=people[0].pk).decision_maker
