"""The demo opportunity: everything a new user should see filled in, added only once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews import selectors
from nextround.interviews.models import NoteKind, NoteStatus, Opportunity, Round, RoundNote
from nextround.stories import selectors as stories
from nextround.workspace.demo import DEMO_UID, demo_load

NOW = datetime(2026, 6, 15, 14, 30, tzinfo=UTC)


@pytest.fixture
def demo(user: User) -> Opportunity:
    opportunity, added = demo_load(owner=user, now=NOW)
    assert added
    return opportunity


def _rounds(opportunity: Opportunity) -> tuple[Round, Round]:
    first, second = opportunity.rounds.order_by("number")
    return first, second


def _notes(round_: Round, kind: str) -> list[RoundNote]:
    return list(round_.notes.filter(kind=kind))


def test_opportunity_is_interviewing_with_history_and_posting(demo: Opportunity) -> None:
    assert demo.uid == DEMO_UID
    assert demo.stage == "interviewing"
    history = list(demo.stage_changes.values_list("stage", flat=True))
    assert history == ["applied", "interviewing"]
    assert 120 <= len(demo.posting_text.split()) <= 200


def test_first_round_is_nine_days_ago_and_finished(demo: Opportunity) -> None:
    first, _ = _rounds(demo)
    assert first.ends_at < NOW
    assert timedelta(days=8) < NOW - first.starts_at < timedelta(days=10)
    assert [p.relation for p in first.attendees.all()] == ["hiring_manager"]


def test_first_round_notes_cover_every_kind(demo: Opportunity) -> None:
    first, _ = _rounds(demo)
    questions = _notes(first, NoteKind.QUESTION)
    assert len(questions) >= 4
    assert all(q.rating is not None and 1 <= q.rating <= 5 for q in questions)
    weak = [q for q in questions if q.rating is not None and q.rating <= 2]
    assert weak
    assert all(q.improve for q in weak)
    assert _notes(first, NoteKind.FEEDBACK)
    concerns = _notes(first, NoteKind.CONCERN)
    assert sorted(c.status for c in concerns) == [NoteStatus.CLOSED, NoteStatus.OPEN]
    assert _notes(first, NoteKind.FREE)


def test_promises_include_an_overdue_one_and_one_owed_by_them(demo: Opportunity) -> None:
    first, _ = _rounds(demo)
    promises = _notes(first, NoteKind.PROMISE)
    today = timezone.localdate(NOW)
    assert any(p.due_on is not None and p.due_on < today and p.status == "open" for p in promises)
    assert any(p.promised_by == "them" for p in promises)


def test_salary_range_is_discussed(demo: Opportunity) -> None:
    first, _ = _rounds(demo)
    (number,) = _notes(first, NoteKind.NUMBER)
    assert number.amount_low is not None and number.amount_high is not None
    assert number.amount_low < number.amount_high
    assert number.currency == "USD"


def test_second_round_is_an_upcoming_panel_with_three_interviewers(demo: Opportunity) -> None:
    _, second = _rounds(demo)
    assert timedelta(days=2) < second.starts_at - NOW < timedelta(days=4)
    assert (second.format, second.timezone) == ("panel", "America/New_York")
    assert second.location and second.dress_code and second.logistics
    relations = sorted(p.relation for p in second.attendees.all())
    assert relations == ["hiring_manager", "managers_manager", "peer"]


def test_carry_forward_shows_who_is_known_and_who_is_new(demo: Opportunity) -> None:
    _, second = _rounds(demo)
    view = selectors.carry_forward(round_=second)
    assert [p.relation for p in view.people_met] == ["hiring_manager"]
    assert sorted(p.relation for p in view.people_new) == ["managers_manager", "peer"]
    assert view.weak_questions
    assert len(view.open_concerns) == len(view.addressed_concerns) == 1


def test_the_concerns_page_shows_the_demos_planned_answers(demo: Opportunity) -> None:
    """The planned responses written on the round notes are the Concerns page's answers."""
    first, _ = _rounds(demo)
    responses = {n.text: n.response for n in _notes(first, NoteKind.CONCERN)}
    rows = {r.text: r for r in stories.concerns(opportunity=demo) if r.note is not None}
    assert set(rows) == set(responses) and len(rows) == 2
    assert {text: (row.said, row.status) for text, row in rows.items()} == {
        "Whether I have worked with unionized dock crews.": (
            responses["Whether I have worked with unionized dock crews."],
            "planned",
        ),
        "Whether three office days a week would work for me.": (
            responses["Whether three office days a week would work for me."],
            "addressed",
        ),
    }


def test_dashboard_shows_the_panel_next_and_the_overdue_promise(
    user: User, demo: Opportunity
) -> None:
    board = selectors.dashboard(owner=user, now=NOW, today=timezone.localdate(NOW))
    _, second = _rounds(demo)
    assert board.next_round == second
    assert [p.promised_by for p in board.overdue_promises] == ["me"]


def test_loading_twice_adds_nothing(user: User, demo: Opportunity) -> None:
    counts = (Opportunity.objects.count(), Round.objects.count(), RoundNote.objects.count())
    again, added = demo_load(owner=user, now=NOW + timedelta(days=1))
    assert (again, added) == (demo, False)
    assert (Opportunity.objects.count(), Round.objects.count(), RoundNote.objects.count()) == (
        counts
    )


def test_each_account_gets_its_own_copy(demo: Opportunity, other_user: User) -> None:
    theirs, added = demo_load(owner=other_user, now=NOW)
    assert added
    assert theirs.pk != demo.pk
    assert theirs.uid == demo.uid
