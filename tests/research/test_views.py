"""The research pages: forms without a script, POST answers 303, bad input a 400 form with what
was typed kept, someone else's records 404, and feeds through the real fetcher."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from nextround.followup.models import Reply
from nextround.interviews.models import Opportunity, Person, Round
from nextround.research import services
from nextround.research.models import Fact, Feed, NewsEntry, Term
from tests.prep.helpers import at_once
from tests.research.conftest import days_ago


def test_the_research_page_shows_every_part_and_is_linked(
    client: Client, opportunity: Opportunity, people: list[Person]
) -> None:
    detail = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert f"/opportunities/{opportunity.pk}/research/" in detail
    page = client.get(f"/opportunities/{opportunity.pk}/research/")
    text = page.content.decode()
    assert page.status_code == 200
    for part in ('id="facts"', 'id="glossary"', 'id="news"', 'id="people"', "Dana Ortiz"):
        assert part in text
    assert client.post(f"/opportunities/{opportunity.pk}/research/").status_code == 405


def test_a_fact_form_needs_a_source_and_keeps_what_was_typed(
    client: Client, opportunity: Opportunity
) -> None:
    url = f"/opportunities/{opportunity.pk}/research/facts/new/"
    refused = client.post(url, {"kind": "what", "text": "Runs 30 clinics."})
    assert refused.status_code == 400 and "Runs 30 clinics." in refused.content.decode()
    assert "Say where it came from" in refused.content.decode()
    saved = client.post(
        url,
        {
            "kind": "what",
            "text": "Runs 30 clinics.",
            "source_name": "Annual report",
            "source_date": days_ago(2).isoformat(),
        },
    )
    assert saved.status_code == 303 and saved["Location"].endswith("/research/#facts")
    fact = Fact.objects.get()
    page = client.get(f"/opportunities/{opportunity.pk}/research/").content.decode()
    assert "Runs 30 clinics." in page and fact.source_label in page
    edited = client.post(
        f"/facts/{fact.pk}/edit/",
        {
            "kind": "size",
            "text": "Runs 31 clinics.",
            "source_name": "Site",
            "source_date": "2026-03-01",
        },
    )
    assert edited.status_code == 303
    assert Fact.objects.get().text == "Runs 31 clinics."
    assert client.post(f"/facts/{fact.pk}/delete/").status_code == 303
    assert not Fact.objects.exists()


def test_glossary_confirm_and_dismiss(client: Client, opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/research/terms/"
    refused = client.post(url, {"term": "EHR", "meaning": ""})
    assert refused.status_code == 400 and not Term.objects.exists()
    assert client.post(url, {"term": "EHR", "meaning": "Health records"}).status_code == 303
    assert client.post(url, {"term": "Evanston", "dismiss": "1"}).status_code == 303
    assert sorted(Term.objects.values_list("term", "confirmed")) == [
        ("EHR", True),
        ("Evanston", False),
    ]
    page = client.get(f"/opportunities/{opportunity.pk}/research/").content.decode()
    assert "Health records" in page


def test_feeds_from_the_page(client: Client, opportunity: Opportunity, feed_site: str) -> None:
    url = f"/opportunities/{opportunity.pk}/research/feeds/"
    assert client.post(url, {"url": "javascript:alert(1)"}).status_code == 400
    added = client.post(url, {"url": f"{feed_site}/feed.xml"}, follow=True)
    text = added.content.decode()
    assert "4 new items" in text and "Northwind names a new CFO" in text
    assert text.count('data-testid="news-item"') == 4 and "stale" in text
    client.post(url, {"url": f"{feed_site}/broken.xml"})
    page = client.get(f"/opportunities/{opportunity.pk}/research/").content.decode()
    assert "is not a feed: its XML breaks at line 1" in page
    refreshed = client.post(f"/opportunities/{opportunity.pk}/research/refresh/", follow=True)
    assert "0 new items, 4 already kept" in refreshed.content.decode()
    feed = Feed.objects.get(url__endswith="broken.xml")
    assert client.post(f"/feeds/{feed.pk}/refresh/").status_code == 303
    assert client.post(f"/feeds/{feed.pk}/delete/").status_code == 303
    assert Feed.objects.count() == 1 and NewsEntry.objects.count() == 4


def test_pasted_news_and_a_saved_page(client: Client, opportunity: Opportunity) -> None:
    paste = f"/opportunities/{opportunity.pk}/research/news/paste/"
    assert client.get(paste).status_code == 200
    refused = client.post(paste, {"text": "Kept text.", "published_on": ""})
    assert refused.status_code == 400 and "Kept text." in refused.content.decode()
    assert (
        client.post(
            paste, {"text": "A clinic opens.", "published_on": days_ago(1).isoformat()}
        ).status_code
        == 303
    )
    page_url = f"/opportunities/{opportunity.pk}/research/news/page/"
    assert client.post(page_url, {}).status_code == 400
    html = (
        "<html><head><title>Results</title></head><body><article><h1>Results</h1><p>"
        + "Northwind's revenue grew by a tenth this year across its clinics. " * 3
        + "</p></article></body></html>"
    )
    upload = SimpleUploadedFile("results.html", html.encode(), content_type="text/html")
    saved = client.post(page_url, {"file": upload, "published_on": days_ago(4).isoformat()})
    assert saved.status_code == 303
    assert sorted(NewsEntry.objects.values_list("origin", flat=True)) == ["page", "pasted"]


def test_a_person_from_the_research_page(
    client: Client, opportunity: Opportunity, people: list[Person]
) -> None:
    url = f"/people/{people[2].pk}/research/"
    prefix = f"p{people[2].pk}"
    saved = client.post(
        url, {f"{prefix}-background": "Runs the region.", f"{prefix}-decision_maker": "on"}
    )
    assert saved.status_code == 303 and saved["Location"].endswith(f"#person-{people[2].pk}")
    priya = Person.objects.get(pk=people[2].pk)
    assert priya.decision_maker and priya.background == "Runs the region."
    page = client.get(f"/opportunities/{opportunity.pk}/research/").content.decode()
    assert page.index("Priya Nair") < page.index("Dana Ortiz")  # the decision-maker first
    refused = client.post(url, {f"{prefix}-background": "x" * 6000})
    assert refused.status_code == 400


def test_the_learned_page_starts_a_practice_session(
    client: Client, opportunity: Opportunity
) -> None:
    services.term_confirm(opportunity=opportunity, term="EHR", meaning="Health records")
    page = client.get(f"/opportunities/{opportunity.pk}/research/learned/")
    text = page.content.decode()
    assert page.status_code == 200 and "Add a fact about what the company does" in text
    started = client.post(
        "/practice/start/",
        {
            "source": "own",
            "own": "What do you already know about us?",
            "count": "1",
            "terms": "EHR",
        },
    )
    assert started.status_code == 303 and started["Location"].endswith("/1/")
    assert 'name="own" value="What do you already know about us?"' in text


def test_someone_elses_records_answer_404(
    client: Client, opportunity: Opportunity, other_user: User
) -> None:
    from nextround.interviews import services as interviews

    theirs = interviews.opportunity_create(owner=other_user, company="Other", role_title="Role")
    fact = services.fact_save(
        opportunity=theirs, kind="what", text="x", source_name="a", source_date=days_ago(1)
    )
    assert client.get(f"/opportunities/{theirs.pk}/research/").status_code == 404
    assert client.post(f"/facts/{fact.pk}/delete/").status_code == 404
    assert Fact.objects.filter(pk=fact.pk).exists()


# --- requests at once (a double click, two tabs, PostgreSQL's row locks) --------------------


def _post(url: str, data: dict[str, str]) -> int:
    return Client(raise_request_exception=False).post(url, data).status_code  # a 500 counts


@pytest.mark.django_db(transaction=True)
def test_one_term_confirmed_eight_times_at_once_is_one_term(opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/research/terms/"
    answers = at_once(8, lambda: _post(url, {"term": "EHR", "meaning": "Health records"}))
    assert answers == [303] * 8
    assert list(Term.objects.values_list("term", "meaning", "confirmed")) == [
        ("EHR", "Health records", True)
    ]


@pytest.mark.django_db(transaction=True)
def test_one_item_pasted_eight_times_at_once_is_kept_once(opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/research/news/paste/"
    item = {"title": "Northwind opens a clinic", "published_on": str(days_ago(1)), "text": "A"}
    assert sorted(at_once(8, lambda: _post(url, item))) == [303] + [400] * 7
    assert list(NewsEntry.objects.values_list("title", flat=True)) == [item["title"]]


@pytest.mark.django_db(transaction=True)
def test_news_pasted_while_replies_move_the_stage_all_succeed(
    opportunity: Opportunity, rounds: list[Round]
) -> None:
    """A reply renews the account's stamp, then updates the opportunity; keeping news locks
    the opportunity, then writes. On PostgreSQL the two waited for each other (a deadlock, a
    500) until keeping news renewed the stamp before the lock (core.services.lock_for_write)."""
    taken = threading.Lock()
    numbers = iter(range(8))

    def send() -> int:
        with taken:
            n = next(numbers)
        if n % 2:
            reply = {
                "received_on": str(timezone.localdate()),
                "said": f"Reply {n}",
                "stage": "offer",
            }
            return _post(f"/rounds/{rounds[0].pk}/replies/new/", reply)
        item = {"title": f"News {n}", "published_on": str(days_ago(n + 1)), "text": f"Item {n}"}
        return _post(f"/opportunities/{opportunity.pk}/research/news/paste/", item)

    assert at_once(8, send) == [303] * 8
    assert NewsEntry.objects.count() == 4 and Reply.objects.count() == 4
    opportunity.refresh_from_db()
    assert opportunity.stage == "offer"
