"""Whose yes decides, the order the people are read in, the countdown, the story to land."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nextround.briefing import (
    Candidate,
    PersonFacts,
    countdown_text,
    decision_maker,
    order_people,
    story_for,
)


def test_the_decision_maker_is_the_most_senior_deciding_relation() -> None:
    assert decision_maker(["peer", "managers_manager", "hiring_manager"]) == 2
    assert decision_maker(["peer", "executive", "managers_manager"]) == 2
    assert decision_maker(["hr", "executive"]) == 1
    assert decision_maker(["peer", "hr", "other"]) is None
    assert decision_maker([]) is None


def test_people_read_decision_maker_first_then_met_before_then_by_seniority() -> None:
    people = [
        PersonFacts(1, "Ann Peer", "peer", met_before=True),
        PersonFacts(2, "Bo Recruiter", "hr", met_before=False),
        PersonFacts(3, "Cy Boss", "hiring_manager", met_before=False, decides=True),
        PersonFacts(4, "Di VP", "managers_manager", met_before=False),
        PersonFacts(5, "al Other", "other", met_before=False),
        PersonFacts(6, "Ed Peer", "peer", met_before=True),
    ]
    order = [p.id for p in order_people(people)]
    # Cy decides; Ann and Ed were met (both peers: by name); then VP, HR, other.
    assert order == [3, 1, 6, 4, 2, 5]


def test_countdown_before_during_and_after() -> None:
    start = datetime(2026, 12, 8, 18, 0, tzinfo=UTC)
    end = start + timedelta(hours=2, minutes=30)
    assert countdown_text(start, end, start - timedelta(days=2, hours=3, minutes=5)) == (
        "Starts in 2 days, 3 hours"
    )
    assert countdown_text(start, end, start - timedelta(minutes=45)) == "Starts in 45 minutes"
    assert countdown_text(start, end, start + timedelta(hours=2)) == "Under way: ends in 30 minutes"
    assert countdown_text(start, end, end) == "This round is over."


DOCK = Candidate(
    1,
    "Dock scheduling trial",
    "Trucks waited 70 minutes at the docks; I ran a trial of appointment windows.",
    ("analysis", "experiments"),
)
FORECAST = Candidate(
    2,
    "Peak-season capacity forecast",
    "I built the weekly capacity forecast and presented the shortfall by shift.",
    ("forecasting", "presenting findings"),
)
CONFLICT = Candidate(3, "The late supplier", "A supplier kept missing delivery dates.", ())


def test_the_story_shares_the_question_s_competencies_or_words() -> None:
    stories = [DOCK, FORECAST, CONFLICT]
    assert story_for("Tell me about a forecast you built.", ["forecasting"], stories) == FORECAST
    assert story_for("How would you cut the waiting at our docks?", [], stories) == DOCK
    # One everyday word in common is chance, not a fit.
    assert story_for("Why do you want to work here?", [], stories) is None


def test_a_story_they_heard_comes_only_when_nothing_else_fits() -> None:
    stories = [DOCK, FORECAST]
    question = "Tell me about an experiment you ran."
    assert story_for(question, ["experiments", "forecasting"], stories) == DOCK
    assert story_for(question, ["experiments", "forecasting"], stories, heard={1}) == FORECAST
    assert story_for(question, ["experiments"], [DOCK], heard={1}) == DOCK
