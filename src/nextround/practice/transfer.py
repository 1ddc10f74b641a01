"""The practice app's section of the workspace export: each practice session with its questions
and their analysed attempts, after the opportunities (a session names the round it was for by its
opportunity's uid and the round's number, null when it was for none).

It carries only what the analysis needs: an attempt's text, and for a spoken one its word timings
and pauses, with the figures the history charts use. Attempts still queued, being transcribed or
failed are left out, and so are recordings: the audio files are large and private, and an
analysed attempt no longer needs them. An imported attempt is analysed ("done") and has no
recording.

Written back as stored rather than through the services: they pick questions from today's bank
and analyse answers again, while a copy keeps the questions and figures it was given. Every
session of the file is read and checked before any is saved or skipped.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch

from nextround.core.transfer import (
    Doc,
    Moment,
    Record,
    Rows,
    Tally,
    count_phrase,
    once,
    stamps,
    validate,
)
from nextround.errors import Invalid
from nextround.interviews.models import Round
from nextround.practice.models import (
    ANSWER_LIMIT,
    Attempt,
    Mode,
    PracticeQuestion,
    PracticeSession,
    Status,
    question_key,
)
from nextround.practice.services import figures_refresh

SESSION_TEXT = ("category", "terms")


class Practice(Doc):
    practice: Rows | None = None


class SessionDoc(Doc):
    created_at: Moment
    round: dict[str, Any] | None = None
    questions: Rows | None = None


class RoundRefDoc(Doc):
    opportunity: str
    number: int


class QuestionDoc(Doc):
    text: str
    category: str
    position: int | None = None
    attempts: Rows | None = None


class AttemptDoc(Doc):
    text: str
    mode: str | None = None
    seconds: float | None = None
    timings: list[Any] | None = None
    pauses: list[Any] | None = None
    score: int | None = None
    fillers_per_minute: float | None = None
    wpm: float | None = None
    pace_measured: bool | None = None
    kept: bool | None = None
    created_at: Moment | None = None


MAX_SCORE = 100


#: How a practice session is recognised as already here: its creation time and its question
#: texts, in order of position.
SessionIdentity = tuple[datetime, tuple[str, ...]]

#: Rounds of this workspace by how the document names them: opportunity uid and round number.
RoundsByRef = Mapping[tuple[uuid.UUID, int], Round]


# --- export --------------------------------------------------------------------------------


def practice_export(*, owner: User) -> dict[str, Any]:
    return {"practice": [_session_document(s) for s in _practice_queryset(owner)]}


def _practice_queryset(owner: User) -> Iterable[PracticeSession]:
    """Sessions oldest first, questions by position, analysed attempts oldest first: three
    queries whatever the number of sessions."""
    attempts = Attempt.objects.filter(status=Status.DONE).order_by("created_at", "id")
    questions = PracticeQuestion.objects.order_by("position").prefetch_related(
        Prefetch("attempts", queryset=attempts)
    )
    return (
        PracticeSession.objects.filter(owner_id=owner.pk)
        .order_by("created_at", "id")
        .select_related("round__opportunity")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


def _session_document(session: PracticeSession) -> dict[str, Any]:
    return {
        "created_at": session.created_at.isoformat(),
        "category": session.category,
        "terms": session.terms,
        "round": None if session.round is None else _round_ref(session.round),
        "questions": [
            {
                "position": question.position,
                "text": question.text,
                "category": question.category,
                "bank_id": question.bank_id,
                "attempts": [_attempt_document(a) for a in question.attempts.all()],
            }
            for question in session.questions.all()
        ],
    }


def _round_ref(round_: Round) -> dict[str, Any]:
    """A round named across the document: its opportunity's uid and its number there."""
    return {"opportunity": str(round_.opportunity.uid), "number": round_.number}


def _attempt_document(attempt: Attempt) -> dict[str, Any]:
    """An analysed attempt without its recording, status or progress (see the module doc)."""
    return {
        "mode": attempt.mode,
        "text": attempt.text,
        "seconds": attempt.seconds,
        "timings": attempt.timings,
        "pauses": attempt.pauses,
        "score": attempt.score,
        "fillers_per_minute": attempt.fillers_per_minute,
        "wpm": attempt.wpm,
        "pace_measured": attempt.pace_measured,
        "kept": attempt.kept,
        "created_at": attempt.created_at.isoformat(),
    }


# --- import --------------------------------------------------------------------------------


@dataclass
class _PracticeRead:
    """One practice session of the file, checked and not yet saved."""

    session: PracticeSession
    questions: list[tuple[PracticeQuestion, list[Attempt]]]
    round_missing: bool  # the file names a round this workspace does not have

    @property
    def identity(self) -> SessionIdentity:
        return (self.session.created_at, tuple(q.text for q, _ in self.questions))


def practice_import(*, owner: User, root: Record[Any], report: Tally) -> None:
    """Each practice session, unless one with the same creation time and question texts is
    already here. A session for a round this workspace does not have (nor the file brings) is
    kept without its round rather than refused. An attempt kept as the best comes in kept
    unless the workspace already keeps one at the same question; then that one stays the best."""
    items = root.view(Practice).records("practice", SessionDoc)
    if not items:
        return
    rounds = {
        (round_.opportunity.uid, round_.number): round_
        for round_ in Round.objects.filter(owner_id=owner.pk).select_related("opportunity")
    }
    best: dict[Hashable, str] = {}
    sessions = [_read_session(owner=owner, item=item, rounds=rounds, best=best) for item in items]
    present = _present_sessions(owner)
    kept_here = set(
        Attempt.objects.filter(owner_id=owner.pk, kept=True).values_list("question__key", flat=True)
    )
    for read in sessions:
        if read.identity in present:  # also the second of two identical sessions in the file
            report.skipped += 1
            continue
        report.add("attempts", _save_session(read, kept_here=kept_here))
        present.add(read.identity)
        report.add("practice_sessions")
        report.add("practice_without_round", read.round_missing)
    # The file's figures are those of the analyzer that wrote it; ours may score differently.
    figures_refresh(owner=owner)


def _present_sessions(owner: User) -> set[SessionIdentity]:
    questions = PracticeQuestion.objects.order_by("position").only("session_id", "text")
    sessions = PracticeSession.objects.filter(owner_id=owner.pk).prefetch_related(
        Prefetch("questions", queryset=questions)
    )
    return {(s.created_at, tuple(q.text for q in s.questions.all())) for s in sessions}


def _save_session(read: _PracticeRead, *, kept_here: set[str]) -> int:
    """Save the session with its questions and attempts; how many attempts."""
    read.session.save()
    saved = 0
    for question, attempts in read.questions:
        question.session = read.session
        question.save()
        for attempt in attempts:
            attempt.question = question
            attempt.kept = attempt.kept and question.key not in kept_here
            attempt.save()
            saved += 1
    return saved


def _read_session(
    *, owner: User, item: Record[SessionDoc], rounds: RoundsByRef, best: dict[Hashable, str]
) -> _PracticeRead:
    round_, missing = _practice_round(item, rounds)
    session = PracticeSession(
        owner=owner,
        round=round_,
        created_at=item.instant("created_at"),  # required: it identifies the session
        **item.texts(SESSION_TEXT),
    )
    validate(session, path=item.path, what="practice session", exclude=["owner", "round"])
    if not item.has("questions"):
        raise item.error("questions", "missing.")
    question_items = item.records("questions", QuestionDoc)
    if not question_items:
        raise item.error("questions", "a practice session has at least one question.")
    positions: dict[Hashable, str] = {}
    questions = [
        _read_question(owner=owner, item=question_item, place=place, positions=positions, best=best)
        for place, question_item in enumerate(question_items, start=1)
    ]
    questions.sort(key=lambda pair: pair[0].position)
    return _PracticeRead(session=session, questions=questions, round_missing=missing)


def _practice_round(item: Record[SessionDoc], rounds: RoundsByRef) -> tuple[Round | None, bool]:
    """The round a session was for, and whether the file names one this workspace lacks."""
    if not item.has("round"):
        return None, False
    ref = item.record("round", RoundRefDoc)
    uid, number = ref.uid("opportunity"), ref.doc.number
    if number < 1:
        raise ref.error("number", f"round numbers start at 1, got {number}.")
    round_ = rounds.get((uid, number))
    return round_, round_ is None


def _read_question(
    *,
    owner: User,
    item: Record[QuestionDoc],
    place: int,
    positions: dict[Hashable, str],
    best: dict[Hashable, str],
) -> tuple[PracticeQuestion, list[Attempt]]:
    """A question (numbered by its place in the list when its position is left out) and its
    attempts; at most one attempt at the same question is kept as the best in the whole file,
    as in a workspace."""
    position = item.doc.position if item.doc.position is not None else place
    once(item, "position", position, positions, f"Position {position}")
    text = item.doc.text
    question = PracticeQuestion(
        position=position,
        text=text,
        category=item.doc.category,
        key=question_key(text),
        **item.texts(["bank_id"]),
    )
    validate(question, path=item.path, what="question", exclude=["session"])
    attempts = []
    for attempt_item in item.records("attempts", AttemptDoc):
        attempt = _read_attempt(owner=owner, item=attempt_item)
        if attempt.kept:
            once(attempt_item, "kept", question.key, best, "The best attempt at this question")
        attempts.append(attempt)
    return question, attempts


def _read_attempt(*, owner: User, item: Record[AttemptDoc]) -> Attempt:
    """An analysed attempt: status done, no recording."""
    text = item.doc.text
    if not text.strip():
        raise item.error("text", "must not be blank: an analysed attempt has its answer.")
    if len(text) > ANSWER_LIMIT:
        raise item.error("text", f"at most {ANSWER_LIMIT} characters, got {len(text)}.")
    attempt = Attempt(
        owner=owner,
        mode=item.choice_or("mode", Mode.values, Mode.TYPED),
        status=Status.DONE,
        audio="",
        text=text,
        seconds=_measure(item, "seconds"),
        timings=_spans(item, "timings", worded=True),
        pauses=_spans(item, "pauses", worded=False),
        score=_score(item),
        fillers_per_minute=_measure(item, "fillers_per_minute"),
        wpm=_measure(item, "wpm"),
        pace_measured=bool(item.doc.pace_measured),
        kept=bool(item.doc.kept),
        **stamps(item, "created_at"),  # else the model stamps it now
    )
    validate(attempt, path=item.path, what="attempt", exclude=["owner", "question"])
    return attempt


def _measure(item: Record[AttemptDoc], key: str) -> float | None:
    """An optional figure that cannot be negative: a length, a rate."""
    if not item.has(key):
        return None
    value = item.finite(key)
    if value < 0:
        raise item.error(key, f"must not be negative, got {value:g}.")
    return value


def _score(item: Record[AttemptDoc]) -> int | None:
    score = item.doc.score
    if score is None:
        return None
    if not 0 <= score <= MAX_SCORE:
        raise item.error("score", f"must be between 0 and {MAX_SCORE}, got {score}.")
    return score


def _spans(item: Record[AttemptDoc], key: str, *, worded: bool) -> list[list[Any]]:
    """Word timings ([word, start, end], ``worded``) or pauses ([start, end]), in seconds from
    the start of the recording; each must not end before it starts."""
    rows: list[Any] = getattr(item.doc, key) or []
    shape = "[word, start, end]" if worded else "[start, end]"
    spans: list[list[Any]] = []
    for index, row in enumerate(rows):
        path = f"{item.at(key)}[{index}]"
        times = row[1:] if worded and isinstance(row, list) else row
        if (
            not isinstance(row, list)
            or len(row) != (3 if worded else 2)
            or (worded and not isinstance(row[0], str))
            or not all(_is_number(t) for t in times)
        ):
            what = "a word and two times" if worded else "two times"
            raise Invalid(f"{path}: expected {shape}, {what} in seconds.")
        start, end = float(times[0]), float(times[1])
        if not (math.isfinite(start) and math.isfinite(end)) or start < 0:
            raise Invalid(f"{path}: times must be finite and not negative.")
        if end < start:
            raise Invalid(f"{path}: ends at {end:g}, before it starts at {start:g}.")
        spans.append([row[0], start, end] if worded else [start, end])
    return spans


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def imported(report: Tally) -> list[str]:
    """The import summary's part for this section, when it brought sessions."""
    if not report.practice_sessions:
        return []
    sessions = count_phrase(report.practice_sessions, "practice session", "practice sessions")
    if report.practice_without_round:
        sessions += (
            f" ({report.practice_without_round} without the round it was for, which "
            "this workspace does not have)"
        )
    return [sessions, count_phrase(report.attempts, "attempt", "attempts")]
