from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from pptx import Presentation

from nextround.errors import Invalid, NotFound
from nextround.interviews.models import NoteKind, Round, RoundNote
from nextround.rehearsal import services
from nextround.rehearsal.models import CaseSession, PresentationPlan, Slide

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_a_bank_session_records_each_phase_once(user: User) -> None:
    session = services.case_session_from_bank(owner=user, key="ward-discharge", now=NOW)
    assert (session.kind, session.title) == ("operations", "Discharges before noon")
    services.case_phase_begin(session=session, phase="clarify", now=NOW)
    services.case_phase_begin(session=session, phase="structure", now=NOW + timedelta(minutes=2))
    session.refresh_from_db()
    assert session.started() == {"clarify": NOW, "structure": NOW + timedelta(minutes=2)}
    with pytest.raises(Invalid, match="already begun"):
        services.case_phase_begin(session=session, phase="clarify", now=NOW)
    with pytest.raises(Invalid, match="Unknown phase"):
        services.case_phase_begin(session=session, phase="daydream", now=NOW)


def test_finishing_needs_an_answer_and_stops_the_clock(user: User) -> None:
    session = services.case_session_own(
        owner=user, title="Rota", prompt="Fill the rota gaps.", kind="", now=NOW
    )
    with pytest.raises(Invalid):
        services.case_answer_save(session=session, answer=" ", structure="", finish=True, now=NOW)
    session = CaseSession.objects.get(pk=session.pk)
    assert session.finished_at is None
    services.case_answer_save(
        session=session, answer="I would.", structure="", finish=True, now=NOW
    )
    with pytest.raises(Invalid, match="finished"):
        services.case_phase_begin(session=session, phase="clarify", now=NOW)
    with pytest.raises(NotFound):
        services.case_session_from_bank(owner=user, key="nope", now=NOW)


def test_a_session_from_a_case_note(rounds: list[Round]) -> None:
    note = RoundNote.objects.create(
        owner=rounds[0].owner,
        round=rounds[0],
        kind=NoteKind.QUESTION,
        text="How many ambulances does the city need?\nThey wanted a number.",
        category="case",
        category_by_hand=True,
    )
    session = services.case_session_from_note(note=note, now=NOW)
    assert session.title == "How many ambulances does the city need?"
    assert session.round == rounds[0] and session.note == note
    note.category = "behavioral"
    with pytest.raises(Invalid):
        services.case_session_from_note(note=note, now=NOW)


def test_slides_are_added_moved_and_deleted_in_order(rounds: list[Round]) -> None:
    plan = services.plan_save(round_=rounds[1], changes={"slot_minutes": 12, "brief": "Plan"})
    a, b, c = (services.slide_add(plan=plan, fields={"title": t}) for t in "ABC")
    services.slide_move(slide=c, by=-1)
    assert [s.title for s in plan.slides.all()] == ["A", "C", "B"]
    services.slide_move(slide=a, by=-1)  # already first: stays
    services.slide_delete(slide=Slide.objects.get(pk=a.pk))
    assert [(s.position, s.title) for s in plan.slides.all()] == [(1, "C"), (2, "B")]
    assert b.pk in {s.pk for s in plan.slides.all()}
    with pytest.raises(Invalid):
        services.plan_save(round_=rounds[1], changes={"slot_minutes": 0})


def test_import_from_a_pptx_appends_or_replaces(rounds: list[Round]) -> None:
    deck = Presentation()
    for title in ("Problem", "Plan"):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.notes_slide.notes_text_frame.text = f"Say the {title.lower()}."
    buffer = io.BytesIO()
    deck.save(buffer)
    with pytest.raises(Invalid):
        services.slides_import(round_=rounds[1], name="d.pptx", data=b"junk", replace=True)
    assert not PresentationPlan.objects.exists()  # a refused file leaves no plan behind
    services.slide_add_to_round(round_=rounds[1], fields={"title": "Typed"})
    plan = PresentationPlan.objects.get(round=rounds[1])
    services.slides_import(round_=rounds[1], name="d.pptx", data=buffer.getvalue(), replace=False)
    assert [s.title for s in plan.slides.all()] == ["Typed", "Problem", "Plan"]
    services.slides_import(round_=rounds[1], name="d.pptx", data=buffer.getvalue(), replace=True)
    assert [(s.position, s.title, s.notes) for s in plan.slides.all()] == [
        (1, "Problem", "Say the problem."),
        (2, "Plan", "Say the plan."),
    ]
    with pytest.raises(Invalid):
        services.slides_import(round_=rounds[1], name="d.pptx", data=b"junk", replace=True)
    assert plan.slides.count() == 2  # nothing lost
