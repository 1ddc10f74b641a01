"""The research section of the export: facts (a heard one naming its note), terms, feeds and news
per opportunity, read back into another account and written out again the same; bad records are
named by their place and save nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround import news
from nextround.errors import Invalid
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.research import services
from nextround.research.models import Fact, Feed, NewsEntry, Term
from nextround.workspace import transfer

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def _research(opportunity: Opportunity, rounds: list[Round], people: list[Person]) -> None:
    note = interviews.note_create(
        round_=rounds[0], kind=NoteKind.FREE, person=people[0], text="A new EHR in spring."
    )
    services.fact_save(
        opportunity=opportunity,
        kind="what",
        text="Runs 30 clinics.",
        source_name="Annual report",
        source_url="https://example.com/report",
        source_date=date(2026, 11, 1),
    )
    services.fact_save(opportunity=opportunity, kind="challenges", text="EHR move.", note=note)
    services.term_confirm(opportunity=opportunity, term="EHR", meaning="Health records")
    services.term_dismiss(opportunity=opportunity, term="Evanston")
    feed = Feed.objects.create(
        owner=opportunity.owner,
        opportunity=opportunity,
        url="https://example.com/feed.xml",
        title="Newsroom",
        checked_at=NOW,
        ok=True,
        added=1,
    )
    item = news.NewsItem(
        title="A clinic opens",
        text="In Evanston.",
        origin=news.Origin.FEED,
        source="Newsroom",
        link="https://example.com/n/1",
        published_on=date(2026, 12, 1),
        published_at=datetime(2026, 12, 1, 15, 0, tzinfo=UTC),
    )
    services._keep(opportunity, [item], feed=feed, now=NOW)
    services.news_paste(
        opportunity=opportunity, text="Results are in.", published_on=date(2026, 11, 20)
    )
    services.person_research_set(
        person=people[2], background="Runs the region.", common_ground="", decision_maker=True
    )


def test_the_research_goes_out_and_comes_back_the_same(
    user: User,
    other_user: User,
    opportunity: Opportunity,
    rounds: list[Round],
    people: list[Person],
) -> None:
    _research(opportunity, rounds, people)
    document = transfer.workspace_export(owner=user, now=NOW)
    (doc,) = document["opportunities"]
    assert [f["kind"] for f in doc["facts"]] == ["what", "challenges"]
    heard = doc["facts"][1]
    assert (heard["round"], heard["note"], heard["source_name"]) == (
        1, 0, "said by Dana Ortiz in round 1"
    )  # fmt: skip
    assert [(t["term"], t["confirmed"]) for t in doc["terms"]] == [
        ("EHR", True), ("Evanston", False)
    ]  # fmt: skip
    assert [n["feed"] for n in doc["news"]] == ["https://example.com/feed.xml", None]
    assert [p["decision_maker"] for p in doc["people"]] == [False, False, True]
    transfer.workspace_import(owner=other_user, document=json.loads(json.dumps(document)))
    copy = Fact.objects.get(owner=other_user, kind="challenges")
    assert copy.note is not None and copy.note.owner_id == other_user.pk
    assert copy.note.text == "A new EHR in spring."
    entry = NewsEntry.objects.get(owner=other_user, origin="feed")
    assert entry.feed is not None and entry.feed.owner_id == other_user.pk
    assert entry.key == NewsEntry.objects.get(owner=user, origin="feed").key
    again = transfer.workspace_export(owner=other_user, now=NOW)
    # The uid travels with the opportunity, so the two documents are the same.
    assert again["opportunities"] == document["opportunities"]


def test_a_file_without_research_still_imports(
    user: User, other_user: User, opportunity: Opportunity
) -> None:
    document = transfer.workspace_export(owner=user, now=NOW)
    assert not {"facts", "terms", "feeds", "news"} & set(document["opportunities"][0])
    transfer.workspace_import(owner=other_user, document=document)
    assert not Fact.objects.filter(owner=other_user).exists()


def _broken(document: dict[str, Any], key: str, row: dict[str, Any]) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(document))
    copy["opportunities"][0][key] = [row]
    return copy


@pytest.mark.parametrize(
    ("key", "row", "message"),
    [
        ("facts", {"kind": "gossip", "text": "x"}, "opportunities[0].facts[0].kind: unknown value"),
        ("facts", {"kind": "what", "text": "x"}, "Say where it came from"),
        ("facts", {"kind": "what", "text": "x", "round": 9, "note": 0}, "no round 9"),
        ("terms", {"term": "EHR", "meaning": ""}, "Write its meaning"),
        ("news", {"title": "x", "origin": "feed", "feed": "https://nope"}, "no feed https://nope"),
        ("news", {"title": "x", "origin": "pasted", "published_on": "1492-01-01"}, "1492"),
    ],
)
def test_bad_research_records_are_named_and_save_nothing(
    user: User,
    other_user: User,
    opportunity: Opportunity,
    key: str,
    row: dict[str, Any],
    message: str,
) -> None:
    document = _broken(transfer.workspace_export(owner=user, now=NOW), key, row)
    with pytest.raises(Invalid, match=message.replace("[", r"\[").replace("]", r"\]")):
        transfer.workspace_import(owner=other_user, document=document)
    assert not Opportunity.objects.filter(owner=other_user).exists()
    assert not Term.objects.filter(owner=other_user).exists()
