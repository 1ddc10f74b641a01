"""What the pages read: the follow-up schedule built from a round's records, its calendar, and
the dashboard's list."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from pytest_django import DjangoAssertNumQueries

from nextround.cadence import Kind
from nextround.followup import board as followup_board
from nextround.followup import selectors, services
from nextround.followup.models import Debrief
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, Opportunity, Person, Round
from nextround.interviews.selectors import carry_forward, round_page_get

# The panel (rounds[1]) ended Thursday 3 December 2026 at 12:00 in Chicago (18:00 UTC).
AFTER = datetime.fromisoformat("2026-12-03T20:00:00+00:00")


def test_a_round_over_gets_thanks_per_interviewer_a_day_after_then_a_status_check(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    user.first_name = "Ana"
    user.save()
    result = selectors.round_followups(round_=rounds[1], now=AFTER)
    thanks = [r for r in result.rows if r.kind == Kind.THANKS]
    assert {r.person for r in thanks} == set(people)
    # 24 real hours after 12:00 CST on 3 December: 12:00 on the 4th, on the round's clock.
    assert {r.due.isoformat() for r in thanks} == {"2026-12-04T12:00:00-06:00"}
    assert all(r.reason.startswith(f"Thank {r.person.name}") for r in thanks if r.person)
    (check,) = [r for r in result.rows if r.kind == Kind.STATUS_CHECK]
    # A week after Thursday 3 December is Thursday 10 December, a working day: 09:00 there.
    assert check.due.isoformat() == "2026-12-10T09:00:00-06:00"
    assert check.person == people[0]  # no HR contact: the hiring manager
    assert result.debrief_due


def test_sent_notes_and_a_stated_date_change_the_schedule(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    services.followup_sent(round_=panel, kind="thanks", person=people[0], on=date(2026, 12, 4))
    interviews.note_create(
        round_=panel,
        kind=NoteKind.PROMISE,
        text="Decision by the 18th",
        promised_by="them",
        due_on=date(2026, 12, 18),
    )
    result = selectors.round_followups(round_=panel, now=AFTER)
    thanks_to = {r.person for r in result.rows if r.kind == Kind.THANKS}
    assert thanks_to == {people[1], people[2]}
    (check,) = [r for r in result.rows if r.kind == Kind.STATUS_CHECK]
    # The working day after Friday 18 December is Monday 21 December.
    assert check.due.date() == date(2026, 12, 21)
    assert result.stated_date == date(2026, 12, 18)


def test_a_later_round_closes_the_earlier_rounds_status_checks(
    rounds: list[Round], people: list[Person]
) -> None:
    first = selectors.round_followups(round_=rounds[0], now=AFTER)
    assert Kind.STATUS_CHECK not in {r.kind for r in first.rows}


def test_a_rejection_brings_a_feedback_request_to_the_contact(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    recruiter = interviews.person_create(opportunity=opportunity, name="Lee Park", relation="hr")
    interviews.opportunity_set_stage(
        opportunity=opportunity, stage="rejected", on=date(2026, 12, 9)
    )
    result = selectors.round_followups(round_=rounds[1], now=AFTER + timedelta(days=7))
    (request,) = [r for r in result.rows if r.kind == Kind.FEEDBACK_REQUEST]
    assert request.person == recruiter
    assert request.due.date() == date(2026, 12, 10)
    drafted = selectors.with_drafts(result, opportunity.owner)
    (request,) = [r for r in drafted.rows if r.kind == Kind.FEEDBACK_REQUEST]
    assert request.draft is not None and "Dear Lee Park" in request.draft.body


def test_the_calendar_carries_the_follow_ups(rounds: list[Round], people: list[Person]) -> None:
    import icalendar

    _, content = selectors.round_calendar(round_=rounds[1], now=AFTER)
    calendar = icalendar.Calendar.from_ical(content)
    todos = {str(t["SUMMARY"]) for t in calendar.walk("VTODO")}
    assert {f"Thank-you note to {p.name}" for p in people} <= todos
    assert "Status check to Dana Ortiz" in todos
    assert not any(t.startswith("Send a thank-you note") for t in todos)  # no generic to-do


def test_the_dashboard_lists_debriefs_and_follow_ups_across_rounds(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    board = followup_board.dashboard_followups(owner=user, now=AFTER)
    assert rounds[1] in board.debriefs
    assert board.thanks_due == 3  # the first round's note is over a week late: dropped
    services.followup_sent(round_=rounds[1], kind="thanks", person=people[0], on=date(2026, 12, 4))
    assert followup_board.dashboard_followups(owner=user, now=AFTER).thanks_due == 2


def _shown(board: followup_board.Board) -> tuple[list[int], list[tuple[object, ...]]]:
    rows: list[tuple[object, ...]] = [
        (r.round.pk, r.kind, r.due, r.person and r.person.pk, r.concern and r.concern.pk, r.reason)
        for r in board.rows
    ]
    return [r.pk for r in board.debriefs], rows


def test_the_dashboard_leaves_out_only_rounds_that_show_nothing(
    user: User, rounds: list[Round], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A round followed by a later one, past the days of its thank-you notes and debrief, is
    read only for an open concern or a reply giving a new date; the board is the one computed
    from every round that is over."""
    fabrikam = interviews.opportunity_create(
        owner=user, company="Fabrikam", role_title="Analyst", stage="interviewing"
    )
    dana = interviews.person_create(opportunity=fabrikam, name="Dana", relation="hr")

    def old_round(day: int) -> Round:
        return interviews.round_create(
            opportunity=fabrikam,
            starts=datetime(2026, 9, day, 10, 0),
            ends=datetime(2026, 9, day, 11, 0),
            timezone_name="America/Chicago",
            attendees=[dana],
            created_at=datetime.fromisoformat(f"2026-08-{day:02}T12:00:00+00:00"),
        )

    _quiet, concerned, answered, dated, last = (old_round(day) for day in (1, 2, 3, 4, 5))
    interviews.note_create(round_=concerned, kind=NoteKind.CONCERN, text="Too junior?")
    closed = interviews.note_create(round_=answered, kind=NoteKind.CONCERN, text="Remote?")
    interviews.note_update(note=closed, status="closed")
    services.reply_record(
        round_=dated, received_on=date(2026, 9, 20), said="Next week", new_date=date(2026, 9, 28)
    )
    contoso = interviews.opportunity_create(
        owner=user, company="Contoso", role_title="Analyst", stage_on=date(2026, 11, 1)
    )
    decided = interviews.round_create(
        opportunity=contoso,
        starts=datetime(2026, 11, 20, 10, 0),
        ends=datetime(2026, 11, 20, 11, 0),
        timezone_name="Europe/Berlin",
    )
    interviews.opportunity_set_stage(opportunity=contoso, stage="offer", on=date(2026, 11, 25))
    for now in (AFTER, AFTER + timedelta(days=9), AFTER + timedelta(days=30)):
        board = followup_board.dashboard_followups(owner=user, now=now)
        with monkeypatch.context() as every_round:
            every_round.setattr(followup_board, "_may_show", lambda now: Q())
            assert _shown(board) == _shown(followup_board.dashboard_followups(owner=user, now=now))
    read = selectors.rounds_for_followups(
        None, followup_board._may_show(AFTER), owner=user, ends_at__lte=AFTER
    )
    assert {r.pk for r in read} == {concerned.pk, dated.pk, last.pk, rounds[1].pk, decided.pk}


def _schedule(result: selectors.RoundFollowUps) -> tuple[object, ...]:
    rows = [
        (r.kind, r.due, r.person and r.person.pk, r.concern and r.concern.pk, r.reason)
        for r in result.rows
    ]
    sent = [(s.pk, s.person and s.person.name, s.concern and s.concern.text) for s in result.sent]
    replies = [(r.pk, r.person and r.person.name) for r in result.replies]
    debrief = result.debrief and result.debrief.pk
    contact = result.contact and result.contact.pk
    return rows, sent, replies, debrief, contact, result.stated_date, result.problem


def test_the_round_page_card_is_the_rounds_follow_ups(
    user: User,
    opportunity: Opportunity,
    rounds: list[Round],
    people: list[Person],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """From what the round page loaded (its round and notes, the carry-forward), in five
    queries, the same follow-ups as loading the round afresh."""
    panel = rounds[1]
    concern = interviews.note_create(round_=panel, kind=NoteKind.CONCERN, text="Too junior?")
    interviews.note_create(round_=panel, kind=NoteKind.CONCERN, text="Remote?")
    interviews.note_create(
        round_=panel,
        kind=NoteKind.PROMISE,
        text="By the 18th",
        promised_by="them",
        due_on=date(2026, 12, 18),
    )
    services.followup_sent(round_=panel, kind="thanks", person=people[1], on=date(2026, 12, 4))
    services.followup_sent(
        round_=panel, kind="concern_answer", concern=concern, on=date(2026, 12, 4)
    )
    services.reply_record(
        round_=panel,
        received_on=date(2026, 12, 8),
        said="Soon",
        person=people[0],
        new_date=date(2026, 12, 22),
    )
    Debrief.objects.create(owner=user, round=panel)
    for now, stage in ((AFTER, ""), (AFTER + timedelta(days=12), "rejected")):
        if stage:
            interviews.opportunity_set_stage(opportunity=opportunity, stage=stage)
        for round_ in rounds:
            page = round_page_get(owner=user, pk=round_.pk)
            carry = carry_forward(round_=page)
            expected = _schedule(selectors.round_followups(round_=round_, now=now))
            with django_assert_num_queries(5):
                found = selectors.page_followups(round_=page, carry=carry, now=now)
            assert _schedule(found) == expected
