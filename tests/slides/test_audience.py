"""The audience's likely questions, from hand-written slides and people."""

from __future__ import annotations

import msgspec

from nextround.slides.audience import (
    Listener,
    SlideText,
    effective_relation,
    likely_questions,
)

DANA = Listener("Dana Ortiz", "Director of Operations", "hiring_manager", decision_maker=True)
SAM = Listener("Sam Lee", "Senior Analyst", "peer")
PRIYA = Listener("Priya Nair", "VP Operations", "managers_manager")


def _one(slide: SlideText) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in likely_questions(slides=[slide], audience=[])]


def test_a_changed_figure_asks_for_the_baseline() -> None:
    found = _one(SlideText(1, "Results", "Readmissions dropped 30% after the pilot."))
    assert found == [
        ("figure", "What was the figure before 30%, and over what period did it change?")
    ]


def test_a_figure_with_its_before_asks_how_it_was_measured() -> None:
    found = _one(SlideText(1, "Where we are", "", "Waits fell from 42 to 18 minutes."))
    assert found == [
        (
            "figure",
            "How did you measure 18 minutes, and what else changed over the same period?",
        )
    ]
    plain = _one(SlideText(2, "Scale", "We serve $4M of claims a year."))
    assert plain == [("figure", "How did you measure $4M, and how sure are you of it?")]


def test_years_and_list_numbers_are_not_figures() -> None:
    assert _one(SlideText(1, "Agenda", "1. Context\n2. Findings\nIn 2025 we began.")) == []


def test_a_recommendation_is_asked_about_what_it_leaves_out() -> None:
    bare = _one(SlideText(4, "Recommendation", "Roll triage out to every ward."))
    assert [text for _, text in bare] == [
        "What would it cost, and where would the money or the hours come from?",
        "What is the biggest risk, and what would you do if it went wrong?",
    ]
    covered = _one(
        SlideText(
            4,
            "Next steps",
            "Budget of two nurses' hours. Main risk: staff turnover. Done by June.",
        )
    )
    assert [text for kind, text in covered if kind == "next step"] == [
        "What would you stop doing or drop to make room for it?"
    ]


def test_a_strong_claim_without_a_figure_is_questioned() -> None:
    found = _one(SlideText(2, "Why", "This is clearly the best option for the wards."))
    assert found == [("claim", "What shows that “This is clearly the best option for the wards”?")]
    # The same claim with a figure in its sentence is backed, and asked about as a figure.
    backed = _one(SlideText(2, "Why", "It is the best option: 40% fewer delays."))
    assert [kind for kind, _ in backed] == ["figure"]


def test_each_role_asks_from_where_they_sit() -> None:
    found = likely_questions(slides=[], audience=[SAM, PRIYA, DANA])
    assert [q.source for q in found] == ["Dana Ortiz", "Priya Nair", "Sam Lee"]
    assert "team" in found[0].text and "hiring manager" in found[0].reason
    assert "approve" in found[1].text
    assert "data" in found[2].text and "method" in found[2].reason


def test_a_title_tells_the_role_the_relation_leaves_open() -> None:
    assert effective_relation(Listener("Kim", "Talent Partner")) == "hr"
    assert effective_relation(Listener("Lou", "Chief Nursing Officer")) == "executive"
    assert effective_relation(Listener("Ed", "Data Engineer")) == "peer"
    assert effective_relation(Listener("Jo", "")) == "other"
    assert effective_relation(Listener("Al", "Director", "peer")) == "peer"  # the relation wins


def test_people_and_slides_take_turns_and_repeats_are_merged() -> None:
    slides = [
        SlideText(1, "Results", "Costs fell 12% in a year."),
        SlideText(2, "Plan", "We should expand. Risk: hiring. Cost: $50k. Takes 6 months."),
        SlideText(3, "Also", "Waits rose 5% last winter."),
    ]
    other_peer = Listener("Ana Ruiz", "Engineer", "peer")
    found = likely_questions(slides=slides, audience=[SAM, DANA, other_peer])
    # Slide 2's cost, risk and timeline are covered: its next step asks what gives way.
    assert [q.kind for q in found] == [
        "person",
        "next step",
        "person",
        "figure",
        "figure",
        "figure",
    ]
    assert found[1].text == "What would you stop doing or drop to make room for it?"
    peers = found[2]
    assert peers.source == "Ana Ruiz and Sam Lee"
    assert "Ana Ruiz" in peers.reason and "Sam Lee" in peers.reason
    assert [q.source for q in found if q.kind == "figure"] == ["Slide 1", "Slide 2", "Slide 3"]
    texts = [q.text for q in found]
    assert len(texts) == len(set(texts))


def test_at_most_the_limit_and_the_same_every_time() -> None:
    slides = [SlideText(n, f"Slide {n}", f"Sales grew {n * 10}%.") for n in range(1, 12)]
    first = likely_questions(slides=slides, audience=[DANA, SAM, PRIYA])
    assert len(first) == 8
    assert first == likely_questions(slides=slides, audience=[DANA, SAM, PRIYA])
    assert len(likely_questions(slides=slides, audience=[], limit=3)) == 3
    assert likely_questions(slides=[], audience=[]) == []


def test_with_no_one_marked_the_hiring_manager_decides_first() -> None:
    exec_ = Listener("Eve Stone", "Chief Executive", "executive")
    manager = Listener("Max Doe", "Ward Manager", "hiring_manager")
    found = likely_questions(slides=[], audience=[exec_, SAM, manager])
    assert [q.source for q in found] == ["Max Doe", "Eve Stone", "Sam Lee"]
    assert "pay back" in found[1].text
    # A decision-maker the candidate marked goes first whatever their relation.
    marked = msgspec.structs.replace(SAM, decision_maker=True)
    found = likely_questions(slides=[], audience=[exec_, marked, manager])
    assert [q.source for q in found] == ["Sam Lee", "Eve Stone", "Max Doe"]


def test_a_span_of_time_is_a_figure_only_when_it_changed() -> None:
    assert _one(SlideText(1, "Pilot", "We would measure it for six weeks.")) == []
    found = _one(SlideText(1, "Pilot", "Turnaround cut to 3 days."))
    assert [text for _, text in found] == [
        "What was the figure before 3 days, and over what period did it change?"
    ]
