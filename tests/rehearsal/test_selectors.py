from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib.auth.models import User

from nextround.interviews import services as interviews
from nextround.interviews.models import Round
from nextround.rehearsal import selectors, services

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def test_the_session_view_follows_the_phases_to_the_feedback(user: User) -> None:
    session = services.case_session_from_bank(owner=user, key="signups-drop", now=NOW)
    view = selectors.session_view(session=session)
    assert view.case is not None and view.case.facts
    assert (view.current, view.next, view.report) == (None, "clarify", None)
    services.case_phase_begin(session=session, phase="clarify", now=NOW)
    view = selectors.session_view(session=session)
    assert (view.current, view.next, view.current_since) == ("clarify", "structure", NOW)
    services.case_answer_save(
        session=session,
        answer="Is it all platforms? I'd look at two parts: the app and the site.",
        structure="",
        finish=True,
        now=NOW + timedelta(minutes=4),
    )
    view = selectors.session_view(session=session)
    assert view.next is None and view.report is not None
    timing = next(c for c in view.report.checks if c.key == "timing")
    assert timing.passed is False  # structure, analyse and recommend were skipped


def test_field_choices_tell_a_nurse_manager_from_an_analyst(user: User) -> None:
    interviews.opportunity_create(
        owner=user,
        company="St Anne's Hospital",
        role_title="Ward nurse manager",
        stage="interviewing",
    )
    fields = {
        choice.opportunity.company: choice.field for choice in selectors.field_choices(owner=user)
    }
    assert fields["St Anne's Hospital"] == "clinical"


def test_the_plan_view_budgets_the_slides_and_names_the_audience(rounds: list[Round]) -> None:
    panel = rounds[1]
    view = selectors.plan_view(round_=panel)
    assert view.plan is None and view.budget is None
    assert [p.name for p in view.audience] == [p.name for p in panel.attendees.all()]
    plan = services.plan_save(round_=panel, changes={"slot_minutes": 2})
    services.slide_add(plan=plan, fields={"title": "One", "notes": "word " * 200})
    services.slide_add(plan=plan, fields={"title": "Two"})
    view = selectors.plan_view(round_=panel)
    assert view.budget is not None
    (first, one), (_, two) = view.rows
    assert (first.title, one.seconds, one.word_budget, one.notes_words) == ("One", 60, 150, 200)
    assert one.over and not two.over
    assert view.budget.warnings == [f"Slide 1 (One): {one.warning}"]
