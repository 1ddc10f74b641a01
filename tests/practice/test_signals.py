"""Recordings leave the data folder with their records, however those go: a practice attempt
with its session, a case session deleted, and run-throughs deleted with their plan, their round
or their opportunity (the cascade). A deletion rolled back keeps the file."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from nextround.interviews import services as interviews
from nextround.interviews.models import Round
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from nextround.practice.services import recordings_dir
from nextround.rehearsal import services
from nextround.rehearsal.models import CaseSession, PresentationPlan, RunThrough


def _recording() -> Path:
    path = recordings_dir() / f"{uuid.uuid4().hex}.wav"
    path.write_bytes(b"RIFF")
    return path


def _run_through(round_: Round) -> Path:
    plan = services.plan_for(round_=round_)
    path = _recording()
    RunThrough.objects.create(owner=plan.owner, plan=plan, audio=path.name, status="done")
    return path


@pytest.mark.parametrize("delete", ["plan", "round", "opportunity"])
def test_run_through_recordings_go_with_a_cascade(
    rounds: list[Round], delete: str, django_capture_on_commit_callbacks: object
) -> None:
    kept = _run_through(rounds[0])  # another round's, untouched
    gone = [_run_through(rounds[1]), _run_through(rounds[1])]
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        if delete == "plan":
            PresentationPlan.objects.get(round=rounds[1]).delete()
        elif delete == "round":
            interviews.round_delete(round_=rounds[1])
        else:
            interviews.opportunity_delete(opportunity=rounds[1].opportunity)
    assert not any(path.exists() for path in gone)
    assert kept.exists() == (delete != "opportunity")


def test_a_case_session_takes_its_recording(
    user: User, django_capture_on_commit_callbacks: object
) -> None:
    path = _recording()
    session = CaseSession.objects.create(
        owner=user, title="t", prompt="p", audio=path.name, audio_status="done"
    )
    typed = CaseSession.objects.create(owner=user, title="typed", prompt="p")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.case_session_delete(session=typed)  # no recording: nothing to remove
        services.case_session_delete(session=session)
    assert not path.exists()


@pytest.mark.django_db(transaction=True)
def test_a_deletion_rolled_back_keeps_the_recording(user: User) -> None:
    path = _recording()
    pk = CaseSession.objects.create(owner=user, title="t", prompt="p", audio=path.name).pk
    with pytest.raises(RuntimeError), transaction.atomic():
        CaseSession.objects.get(pk=pk).delete()
        raise RuntimeError("the rest of the change failed")
    assert path.exists() and CaseSession.objects.filter(pk=pk).exists()
    CaseSession.objects.get(pk=pk).delete()
    assert not path.exists()


def test_practice_attempts_take_their_recordings_with_their_session(
    user: User, django_capture_on_commit_callbacks: object
) -> None:
    session = PracticeSession.objects.create(owner=user)
    question = PracticeQuestion.objects.create(
        session=session, position=1, text="Why this team?", category="motivation"
    )
    paths = [_recording(), _recording()]
    for path in paths:
        Attempt.objects.create(owner=user, question=question, mode="spoken", audio=path.name)
    other = PracticeSession.objects.create(owner=user)
    kept = _recording()
    Attempt.objects.create(
        owner=user,
        question=PracticeQuestion.objects.create(
            session=other, position=1, text="Why now?", category="motivation"
        ),
        mode="spoken",
        audio=kept.name,
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        session.delete()
    assert not any(path.exists() for path in paths)
    assert kept.exists()
