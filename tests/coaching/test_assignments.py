"""Practice a coach sets: only for a candidate who shares something with them; it becomes a
practice session in the candidate's workspace with those questions, an item on their dashboard
and in the plan of each round it is due by until every question has an attempt, and a line in
their audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from nextround.coaching import assignments, services
from nextround.coaching.models import Area, Assignment, AuditAction, AuditEntry
from nextround.errors import Invalid, NotFound
from nextround.interviews.models import Round
from nextround.interviews.services import opportunity_create, round_create
from nextround.practice import services as practice
from nextround.practice.models import PracticeSession
from tests.coaching.conftest import Accounts

pytestmark = pytest.mark.django_db

QUESTIONS = [
    "Tell me about a shipment you rescued.",
    "  ",
    "Why   this warehouse?",
]


def share_something(
    accounts: Accounts, area: Area = Area.STORIES, item_id: int | None = None
) -> None:
    services.share(
        candidate=accounts.ana, coach_name="cora", area=area, item_id=item_id, now=timezone.now()
    )


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def assign(
    coach: User, candidate: User, *, due: date, questions: list[str] = QUESTIONS
) -> Assignment:
    return assignments.assignment_create(
        coach=coach, candidate_id=candidate.pk, questions=questions, due_on=due, now=timezone.now()
    )


def test_assigned_practice_is_a_session_in_the_candidates_workspace(accounts: Accounts) -> None:
    share_something(accounts)
    made = assign(accounts.cora, accounts.ana, due=in_days(3))
    session = made.session
    assert session.owner == accounts.ana
    assert [q.text for q in session.questions.all()] == [
        "Tell me about a shipment you rescued.",
        "Why this warehouse?",
    ]
    assert (made.coach, made.candidate, made.due_on) == (accounts.cora, accounts.ana, in_days(3))
    logged = AuditEntry.objects.get(action=AuditAction.ASSIGNED)
    assert (logged.candidate, logged.actor) == (accounts.ana, accounts.cora)
    assert logged.label == f"2 questions, due {in_days(3):%d %b %Y}"


def test_practice_is_set_only_for_a_candidate_who_shares_with_the_coach(
    accounts: Accounts,
) -> None:
    share_something(accounts)
    for coach, candidate in (
        (accounts.dev, accounts.ana),  # a coach with no share
        (accounts.cora, accounts.ben),  # a candidate who shares nothing with cora
        (accounts.ben, accounts.ana),  # a candidate is nobody's coach
    ):
        with pytest.raises(NotFound):
            assign(coach, candidate, due=in_days(1))
    assert not PracticeSession.objects.exists()
    given = accounts.ana.shares_given.get()
    services.revoke(candidate=accounts.ana, share_id=given.pk, now=timezone.now())
    with pytest.raises(NotFound):
        assign(accounts.cora, accounts.ana, due=in_days(1))


def test_no_questions_too_many_or_a_past_date_are_refused(accounts: Accounts) -> None:
    share_something(accounts)
    with pytest.raises(Invalid, match="at least one question"):
        assign(accounts.cora, accounts.ana, due=in_days(1), questions=["", "   "])
    with pytest.raises(Invalid, match="at most 20"):
        assign(accounts.cora, accounts.ana, due=in_days(1), questions=["Why?"] * 21)
    with pytest.raises(Invalid, match="from today on"):
        assign(accounts.cora, accounts.ana, due=in_days(-1))
    assert not PracticeSession.objects.exists()
    assert assign(accounts.cora, accounts.ana, due=in_days(0)).due_on == timezone.localdate()


def test_an_assignment_is_open_until_every_question_has_an_attempt(accounts: Accounts) -> None:
    share_something(accounts)
    made = assign(accounts.cora, accounts.ana, due=in_days(2))
    first, second = made.session.questions.all()
    (still,) = assignments.assignments_open(accounts.ana)
    assert (still.questions, still.answered) == (2, 0)
    for _ in range(2):  # two tries at one question still leave the other
        practice.attempt_typed(owner=accounts.ana, question=first, text="We cut dwell by a fifth.")
    (still,) = assignments.assignments_open(accounts.ana)
    assert (still.questions, still.answered) == (2, 1)
    practice.attempt_typed(owner=accounts.ana, question=second, text="The people, and the dock.")
    assert assignments.assignments_open(accounts.ana) == []
    (done,) = assignments.assignments_set(accounts.cora, accounts.ana)
    assert (done.assignment, done.questions, done.answered, done.done) == (made, 2, 2, True)
    assert assignments.assignments_open(accounts.ben) == []


def test_deleting_the_session_deletes_the_assignment(accounts: Accounts) -> None:
    share_something(accounts)
    made = assign(accounts.cora, accounts.ana, due=in_days(2))
    made.session.delete()
    assert not Assignment.objects.exists()


def test_the_coach_sets_practice_on_a_page_and_the_candidate_finds_it_on_the_dashboard(
    accounts: Accounts, browser_of: Callable[[User], Client]
) -> None:
    share_something(accounts)
    opportunity_create(owner=accounts.ana, company="Northwind", role_title="Analyst")
    coach = browser_of(accounts.cora)
    url = f"/coach/candidates/{accounts.ana.pk}/assign/"
    assert "Set practice for ana" in coach.get(url).content.decode()
    due = in_days(4)
    sent = {"questions": "Why this warehouse?\nWhat would you change first?", "due_on": due}
    response = coach.post(url, sent)
    assert response.status_code == 303 and response["Location"] == url
    listing = coach.get(url).content.decode()
    assert "0 of 2" in listing

    session = PracticeSession.objects.get(owner=accounts.ana)
    dashboard = browser_of(accounts.ana).get("/").content.decode()
    assert "Practice your coach set" in dashboard
    assert f'href="/practice/sessions/{session.pk}/"' in dashboard
    assert f"due {due:%a} {due.day} {due:%b}" in dashboard
    assert "2 questions from cora" in dashboard


def test_the_assign_page_refuses_bad_input_and_strangers(
    accounts: Accounts, browser_of: Callable[[User], Client]
) -> None:
    share_something(accounts)
    url = f"/coach/candidates/{accounts.ana.pk}/assign/"
    coach = browser_of(accounts.cora)
    past = coach.post(url, {"questions": "Why?", "due_on": in_days(-3)})
    assert past.status_code == 400
    assert "from today on" in past.content.decode()
    assert coach.post(url, {"questions": "", "due_on": in_days(1)}).status_code == 400
    assert coach.post(url, {"questions": "Why?", "due_on": "9999-12-31"}).status_code == 400
    for stranger in (accounts.dev, accounts.ben, accounts.ana):
        other = browser_of(stranger)
        assert other.get(url).status_code == 404
        assert other.post(url, {"questions": "Why?", "due_on": in_days(1)}).status_code == 404
    assert coach.get(f"/coach/candidates/{accounts.ben.pk}/assign/").status_code == 404
    assert not PracticeSession.objects.exists()


def test_the_dashboard_shows_no_assigned_practice_in_local_mode(
    user: User, accounts: Accounts, client: Client
) -> None:
    """A workspace that was on a shared server keeps its assignments; in local mode, with no
    coaches, the dashboard is as it always was."""
    opportunity_create(owner=user, company="Northwind", role_title="Analyst")
    session = practice.session_start(owner=user, own=["Why?"], count=1)
    Assignment.objects.create(
        candidate=user,
        coach=accounts.cora,
        session=session,
        due_on=in_days(1),
        created_at=timezone.now(),
    )
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Practice your coach set" not in dashboard.content.decode()


def a_round_in(candidate: User, days: int) -> Round:
    opportunity = opportunity_create(owner=candidate, company="Northwind", role_title="Analyst")
    day = timezone.localdate() + timedelta(days=days)
    return round_create(
        opportunity=opportunity,
        starts=datetime.combine(day, time(10, 0)),
        ends=datetime.combine(day, time(11, 0)),
        timezone_name=timezone.get_current_timezone_name(),
        format="panel",
    )


def test_assigned_practice_is_an_item_in_the_plan_of_each_round_it_is_due_by(
    accounts: Accounts, browser_of: Callable[[User], Client]
) -> None:
    share_something(accounts)
    sooner, later = a_round_in(accounts.ana, 2), a_round_in(accounts.ana, 10)
    made = assign(accounts.cora, accounts.ana, due=in_days(4))
    candidate = browser_of(accounts.ana)
    item = "Answer the 2 questions cora set"

    assert item not in candidate.get(f"/rounds/{sooner.pk}/").content.decode()
    page = candidate.get(f"/rounds/{later.pk}/").content.decode()
    plan = page[page.index('id="plan"') : page.index("data-plan>")]
    assert item in plan and f'href="/practice/sessions/{made.session_id}/"' in plan
    assert "0 of 2 answered" in plan

    share_something(accounts, Area.ROUNDS, later.pk)
    shared = browser_of(accounts.cora).get(f"/coach/rounds/{later.pk}/").content.decode()
    assert "Answer the 2 questions you set" in shared and "/practice/sessions/" not in shared

    for question in made.session.questions.all():  # done: the item leaves the kept page too
        practice.attempt_typed(owner=accounts.ana, question=question, text="The dock, first.")
    assert item not in candidate.get(f"/rounds/{later.pk}/").content.decode()
