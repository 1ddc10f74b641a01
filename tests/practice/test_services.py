"""The practice services: choosing questions, typed attempts and their figures, keeping the
best. Recordings (the voice extra) are in test_jobs.py."""

from __future__ import annotations

import os
import stat
from typing import Any, cast

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.feedback import FIGURES_VERSION, analyze_answer
from nextround.interviews.models import Round
from nextround.playbook import knowledge
from nextround.practice import selectors, services
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from tests.practice.helpers import GOOD, RAMBLING, _behavioral

pytestmark = pytest.mark.django_db


# --- choosing questions --------------------------------------------------------------------


def test_a_category_session_takes_that_kind_of_question_from_the_bank(user: User) -> None:
    session = _behavioral(user, count=4)
    questions = list(session.questions.all())
    bank = {q.id: q for q in knowledge.questions()}
    assert [q.position for q in questions] == [1, 2, 3, 4]
    assert all(q.category == "behavioral" for q in questions)
    assert all(bank[q.bank_id].text == q.text for q in questions)


def test_a_category_session_puts_the_least_practised_questions_first(user: User) -> None:
    first = _behavioral(user, count=2)
    done = first.questions.get(position=1)
    services.attempt_typed(owner=user, question=done, text=GOOD)
    again = _behavioral(user, count=2)
    assert done.key not in [q.key for q in again.questions.all()]
    assert first.questions.get(position=2).key == again.questions.get(position=1).key


def test_a_round_session_takes_the_rounds_likely_questions(user: User, rounds: list[Round]) -> None:
    session = services.session_start(owner=user, round_=rounds[1], count=6)
    texts = [q.text for q in session.questions.all()]
    assert len(texts) == 6
    assert session.round == rounds[1]
    from nextround.interviews.selectors import carry_forward
    from nextround.prep.selectors import round_likely

    expected = [q.text for q in round_likely(carry=carry_forward(round_=rounds[1]), limit=6)]
    assert texts == expected


def test_own_questions_are_classified_and_blank_lines_skipped(user: User) -> None:
    session = services.session_start(
        owner=user,
        own=["Tell me about a time you disagreed with your manager.", "  ", "Why us?"],
    )
    questions = list(session.questions.all())
    assert [q.text for q in questions] == [
        "Tell me about a time you disagreed with your manager.",
        "Why us?",
    ]
    assert questions[0].category == "behavioral"
    assert all(q.bank_id == "" for q in questions)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Choose one"),
        ({"category": "behavioral", "own": ["Why us?"]}, "Choose one"),
        ({"category": "astrology"}, "no question category"),
        ({"category": "behavioral", "count": 0}, "between 1 and 20"),
        ({"own": [f"Question {i}?" for i in range(21)]}, "at most 20"),
        ({"own": ["x" * 1001]}, "at most 1000 characters"),
    ],
)
def test_a_session_needs_one_valid_source(user: User, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(Invalid, match=message):
        services.session_start(owner=user, **kwargs)
    assert not PracticeSession.objects.exists()


# --- attempts ------------------------------------------------------------------------------


def test_a_typed_attempt_keeps_the_figures_of_its_analysis(user: User) -> None:
    question = cast(PracticeQuestion, _behavioral(user).questions.first())
    attempt = services.attempt_typed(owner=user, question=question, text=f"  {GOOD}\n")
    report = analyze_answer(GOOD, question=question.text)
    attempt.refresh_from_db()
    assert attempt.text == GOOD
    assert attempt.mode == "typed" and attempt.status == "done"
    assert attempt.score == report.score
    assert attempt.fillers_per_minute == report.fillers.per_minute
    assert report.fillers.count == 2
    assert attempt.pace_measured is False  # a typed answer's pace is an estimate


def test_figures_an_older_analyzer_stored_are_recomputed_and_current_ones_left(
    user: User, other_user: User
) -> None:
    question = cast(PracticeQuestion, _behavioral(user).questions.first())
    old = services.attempt_typed(owner=user, question=question, text=GOOD)
    current = services.attempt_typed(owner=user, question=question, text=RAMBLING)
    theirs_question = cast(PracticeQuestion, _behavioral(other_user).questions.first())
    theirs = services.attempt_typed(owner=other_user, question=theirs_question, text=GOOD)
    right = (old.score, old.fillers_per_minute, old.wpm)
    # As an earlier analyzer left them: other figures, an older version.
    Attempt.objects.filter(pk__in=[old.pk, theirs.pk]).update(
        score=99, fillers_per_minute=0.0, wpm=1.0, figures_version=FIGURES_VERSION - 1
    )
    assert services.figures_refresh(owner=user) == 1
    old.refresh_from_db()
    assert (old.score, old.fillers_per_minute, old.wpm) == right
    assert old.figures_version == FIGURES_VERSION
    theirs.refresh_from_db()
    assert theirs.score == 99  # another account's, not asked for
    assert services.figures_refresh() == 1  # every account's
    theirs.refresh_from_db()
    assert theirs.score == right[0]
    assert services.figures_refresh() == 0
    current.refresh_from_db()
    assert current.figures_version == FIGURES_VERSION


def test_an_empty_answer_is_refused_and_nothing_is_saved(user: User) -> None:
    question = cast(PracticeQuestion, _behavioral(user).questions.first())
    with pytest.raises(Invalid):
        services.attempt_typed(owner=user, question=question, text="   ")
    assert not Attempt.objects.exists()


def test_keeping_an_attempt_unkeeps_the_others_at_the_same_question(user: User) -> None:
    first_session = _behavioral(user, count=1)
    second_session = _behavioral(user, count=1)  # least practised first: another question
    question = first_session.questions.get()
    same = second_session.questions.create(
        position=2, text=question.text.upper(), category="behavioral"
    )
    a = services.attempt_typed(owner=user, question=question, text=GOOD)
    b = services.attempt_typed(owner=user, question=same, text=RAMBLING)
    services.attempt_keep(attempt=a)
    services.attempt_keep(attempt=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.kept, b.kept) == (False, True)
    earlier = selectors.earlier_attempts(owner=user, key=question.key)
    assert [x.pk for x in earlier.attempts] == [a.pk, b.pk]
    assert earlier.best == b  # kept wins over a higher score
    assert a.score > b.score  # type: ignore[operator]


# --- recordings ----------------------------------------------------------------------------


def test_a_saved_recording_and_its_folder_are_private(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "require_voice", lambda: None)  # transcribing is not tested
    session = services.session_start(owner=user, category="behavioral", count=1)
    before = os.umask(0o022)  # the usual default, which would leave them readable by everyone
    try:
        attempt = services.attempt_recorded(
            owner=user, question=session.questions.get(), name="a.wav", chunks=[b"RIFF"], size=4
        )
    finally:
        os.umask(before)
    saved = services.recordings_dir() / attempt.audio
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    saved.unlink()
