"""Research reads: suggestions from the posting and notes, words to work in, the page's rows,
the "learned so far" answer, someone else's records as NotFound."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nextround.errors import NotFound
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.research import selectors, services
from nextround.stories import services as stories
from tests.research.conftest import days_ago

POSTING = """Requirements:
- 3+ years with Epic EHR and SQL
- Experience with patient intake and clinic scheduling
"""


def test_suggestions_come_from_the_posting_and_the_notes(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    opportunity.posting_text = POSTING
    opportunity.save()
    interviews.note_create(
        round_=rounds[0],
        kind=NoteKind.FREE,
        person=people[0],
        text="Dana said the KPIs live in CareTrack; clinic scheduling is manual.",
    )
    found = [s.term for s in selectors.term_suggestions(opportunity)]
    assert "SQL" in found and "KPI" in found and "CareTrack" in found
    assert "Dana" not in found and "Northwind Health" not in found
    services.term_dismiss(opportunity=opportunity, term="KPI")
    services.term_confirm(opportunity=opportunity, term="sql", meaning="The query language")
    found = [s.term for s in selectors.term_suggestions(opportunity)]
    assert "KPI" not in found and "SQL" not in found
    assert [t.term for t in selectors.words_to_work_in(opportunity)] == ["sql"]


def test_the_page_lists_people_decision_makers_first_with_what_they_heard(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    services.person_research_set(
        person=people[2], background="Runs the region.", common_ground="", decision_maker=True
    )
    story = stories.story_create(owner=opportunity.owner, title="Intake backlog")
    stories.telling_record(story=story, round_=rounds[0], people=[people[0]])
    interviews.note_create(
        round_=rounds[0], kind=NoteKind.QUESTION, person=people[0], text="Why healthcare?"
    )
    page = selectors.research(opportunity=opportunity, today=timezone.localdate())
    assert [row.person.name for row in page.people] == ["Priya Nair", "Dana Ortiz", "Sam Lee"]
    dana = page.people[1]
    assert dana.heard == [(1, "Intake backlog")]
    assert [n.text for n in dana.discussed] == ["Why healthcare?"]


def test_news_rows_mark_stale_items_and_put_undated_ones_last(opportunity: Opportunity) -> None:
    for title, day in (("Fresh", 30), ("Stale", 31), ("Newest", 0)):
        services.news_paste(opportunity=opportunity, text=title, published_on=days_ago(day))
    rows = selectors.news_rows(opportunity=opportunity, today=timezone.localdate())
    assert [(r.entry.title, r.stale, r.age) for r in rows] == [
        ("Newest", False, 0),
        ("Fresh", False, 30),
        ("Stale", True, 31),
    ]


def test_learned_builds_three_points_with_sources(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    services.fact_save(
        opportunity=opportunity,
        kind="what",
        text="Runs 30 clinics.",
        source_name="Annual report",
        source_date=days_ago(10),
    )
    services.news_paste(
        opportunity=opportunity,
        title="A clinic opens",
        text="A clinic opens.",
        published_on=days_ago(3),
        source="Tribune",
    )
    interviews.note_create(round_=rounds[0], kind=NoteKind.FREE, text="New EHR in spring.")
    answer = selectors.learned(opportunity=opportunity, today=timezone.localdate())
    day = days_ago(3)
    assert [(p.text, p.source) for p in answer.points] == [
        ("Runs 30 clinics.", f"Annual report, {days_ago(10).day} {days_ago(10):%b %Y}"),
        ("Recent news: A clinic opens", f"Tribune, {day.day} {day:%b %Y}"),
        ("New EHR in spring.", "noted in round 1"),
    ]


def test_someone_elses_records_are_not_found(opportunity: Opportunity, other_user: User) -> None:
    fact = services.fact_save(
        opportunity=opportunity, kind="what", text="x", source_name="a", source_date=days_ago(1)
    )
    with pytest.raises(NotFound):
        selectors.fact_get(owner=other_user, pk=fact.pk)
    with pytest.raises(NotFound):
        selectors.feed_get(owner=other_user, pk=10**30)


def test_the_commands_json_has_every_part(opportunity: Opportunity, people: list[Person]) -> None:
    data = selectors.research_json(opportunity=opportunity, today=timezone.localdate())
    assert set(data) == {
        "opportunity", "facts", "terms", "suggested_terms", "feeds", "news", "people",
        "learned", "plan",
    }  # fmt: skip
    assert [p["name"] for p in data["people"]] == ["Dana Ortiz", "Priya Nair", "Sam Lee"]
    assert len(data["learned"]["missing"]) == 3


def test_the_page_reads_each_record_once_and_agrees_with_the_reads_on_their_own(
    opportunity: Opportunity,
    rounds: list[Round],
    people: list[Person],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    opportunity.posting_text = POSTING
    opportunity.save()
    for kind, text in (("products", "CareTrack"), ("values", "Candour"), ("customers", "Clinics")):
        services.fact_save(
            opportunity=opportunity,
            kind=kind,
            text=text,
            source_name="Site",
            source_date=days_ago(1),
        )
    for day in (1, 2, 3):
        services.news_paste(opportunity=opportunity, text=f"News {day}", published_on=days_ago(day))
    services.person_research_set(
        person=people[1], background="Ran intake.", common_ground="", decision_maker=False
    )
    services.term_confirm(opportunity=opportunity, term="sql", meaning="The query language")
    services.term_dismiss(opportunity=opportunity, term="EHR")
    today = timezone.localdate()
    # facts, terms, the notes' texts, feeds, news, people with what they heard and discussed
    with django_assert_num_queries(8):
        page = selectors.research(opportunity=opportunity, today=today)
    assert page.ticks == services.plan_reasons(opportunity=opportunity, today=today)
    assert len(page.ticks) == 3  # news, facts of three kinds, Sam's background
    assert page.suggestions == selectors.term_suggestions(opportunity)
    assert page.terms == selectors.words_to_work_in(opportunity)
    assert page.groups == selectors.fact_groups(opportunity=opportunity)
