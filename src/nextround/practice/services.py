"""Writing practice: start a session, record typed and spoken attempts, keep the best one.

Spoken attempts are saved at once as "queued"; `transcribe_attempt` (run in the background by
`nextround.practice.jobs`) turns the recording into text and analyses it.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count

from nextround import speech
from nextround.config import RECORDINGS
from nextround.core.services import save_validated
from nextround.errors import Invalid, NextroundError
from nextround.feedback import FIGURES_VERSION, AnswerReport
from nextround.interviews import jobs as interview_jobs
from nextround.interviews.models import Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import knowledge
from nextround.playbook.classify import classify_question
from nextround.practice import jobs, selectors
from nextround.practice.models import (
    MAX_QUESTIONS,
    QUESTION_LIMIT,
    Attempt,
    Mode,
    PracticeQuestion,
    PracticeSession,
    Status,
    question_key,
)
from nextround.prep.selectors import round_likely
from nextround.speech.audio import INSTALL_HINT

log = logging.getLogger(__name__)
DEFAULT_COUNT = 5
PROGRESS_STEP = 0.05  # write progress in 5% steps: enough for a progress bar, few writes


@dataclass(frozen=True)
class Choice:
    text: str
    category: str
    bank_id: str = ""


# --- sessions ------------------------------------------------------------------------------


def choose_questions(
    *,
    owner: User,
    round_: Round | None = None,
    category: str = "",
    own: Sequence[str] = (),
    count: int = DEFAULT_COUNT,
) -> list[Choice]:
    """Questions for one source: a round's likely questions, a category of the built-in bank
    (the least practised first), or the candidate's own questions."""
    own = [" ".join(q.split()) for q in own if q.strip()]
    sources = sum([round_ is not None, bool(category), bool(own)])
    if sources != 1:
        raise Invalid("Choose one: a round, a category, or your own questions.")
    if not 1 <= count <= MAX_QUESTIONS:
        raise Invalid(f"Practise between 1 and {MAX_QUESTIONS} questions at a time.")
    if round_ is not None:
        likely = round_likely(carry=carry_forward(round_=round_), limit=count)
        return [Choice(q.text, q.category, q.bank.id if q.bank else "") for q in likely]
    if category:
        return _least_practised(owner, category, count)
    if len(own) > MAX_QUESTIONS:
        raise Invalid(f"Practise at most {MAX_QUESTIONS} questions at a time.")
    for text in own:
        if len(text) > QUESTION_LIMIT:
            raise Invalid(f"A question is at most {QUESTION_LIMIT} characters.")
    # A request never waits on the embedding model: while serving, own questions are told by
    # their words and openings.
    meaning = not interview_jobs.serving()
    return [Choice(text, classify_question(text, meaning=meaning).category) for text in own]


def _least_practised(owner: User, category: str, count: int) -> list[Choice]:
    if category not in knowledge.CATEGORIES:
        raise Invalid(f"There is no question category {category!r}.")
    bank = [q for q in knowledge.questions() if q.category == category]
    done = dict(
        Attempt.objects.filter(owner=owner, question__category=category)
        .values_list("question__key")
        .annotate(n=Count("id"))
        .values_list("question__key", "n")
    )
    # Stable sort: the bank's own order among questions practised equally often.
    bank.sort(key=lambda q: done.get(question_key(q.text), 0))
    return [Choice(q.text, q.category, q.id) for q in bank[:count]]


@transaction.atomic
def session_start(
    *,
    owner: User,
    round_: Round | None = None,
    category: str = "",
    own: Sequence[str] = (),
    count: int = DEFAULT_COUNT,
    terms: str = "",
) -> PracticeSession:
    choices = choose_questions(owner=owner, round_=round_, category=category, own=own, count=count)
    if not choices:
        raise Invalid("No questions were found for that choice.")
    session = save_validated(
        PracticeSession(owner=owner, round=round_, category=category, terms=terms.strip()),
        what="practice session",
    )
    for position, choice in enumerate(choices, start=1):
        save_validated(
            PracticeQuestion(
                session=session,
                position=position,
                text=choice.text,
                category=choice.category,
                bank_id=choice.bank_id,
            ),
            what="question",
        )
    return session


# --- attempts ------------------------------------------------------------------------------


def attempt_typed(*, owner: User, question: PracticeQuestion, text: str) -> Attempt:
    """Analyse a typed answer and keep it; its length is estimated from the word count."""
    attempt = Attempt(owner=owner, question=question, mode=Mode.TYPED, text=text.strip())
    report = selectors.report_for(attempt)  # raises Invalid for an empty or oversized answer
    _record_figures(attempt, report)
    return save_validated(attempt, what="answer")


def attempt_recorded(
    *, owner: User, question: PracticeQuestion, name: str, chunks: Iterable[bytes], size: int
) -> Attempt:
    """Save a recording in the data folder and queue it for transcription."""
    require_voice()
    audio_format = speech.check_upload(name, size)
    path = recordings_dir() / f"{uuid.uuid4().hex}.{audio_format}"
    # Created for its owner alone whatever the umask: a recording is someone's own voice.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    attempt = Attempt(
        owner=owner, question=question, mode=Mode.SPOKEN, status=Status.QUEUED, audio=path.name
    )
    try:
        save_validated(attempt, what="recording")
    except NextroundError:
        path.unlink(missing_ok=True)
        raise
    transaction.on_commit(lambda: jobs.enqueue(attempt.pk))
    return attempt


def voice_ready() -> bool:
    return speech.available(settings.APP.speech_model, settings.APP.data_dir)


def require_voice() -> None:
    """Unavailable, saying what to do, when spoken answers can't be transcribed here."""
    if not voice_ready():
        # names a misconfigured model, if that's it
        speech.model_path(settings.APP.speech_model, settings.APP.data_dir)
        raise speech.Unavailable(
            f"Answering out loud needs the voice extra: {INSTALL_HINT}, then restart nextround."
        )


def recordings_dir() -> Path:
    folder = Path(settings.APP.data_dir) / RECORDINGS
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def transcribe_attempt(pk: int) -> None:
    """Transcribe and analyse one queued recording. Every failure is written on the attempt as
    a plain message, never raised: this runs in a background thread with no one to tell."""
    attempt = Attempt.objects.select_related("question__session__round__opportunity").get(pk=pk)
    if not attempt.pending:
        return
    _set(pk, status=Status.TRANSCRIBING, progress=0.0)
    try:
        model = speech.load(settings.APP.speech_model, data_dir=settings.APP.data_dir)
        if model.note:  # Whisper base was asked for but can't be had: tiny.en instead
            log.warning("speech model: %s", model.note)
        transcript = speech.transcribe(
            recordings_dir() / attempt.audio,
            model=model,
            progress=_progress_writer(pk),
        )
        if not transcript.text.strip():
            raise Invalid("No speech was heard in the recording. Check the microphone.")
        attempt.text = transcript.text.strip()
        attempt.seconds = round(transcript.duration, 2)
        attempt.timings = [[w.word, w.start, w.end] for w in transcript.words]
        attempt.pauses = [[p.start, p.end] for p in transcript.pauses]
        _record_figures(attempt, selectors.report_for(attempt))
    except NextroundError as exc:
        _set(pk, status=Status.FAILED, error=exc.message[:500])
        return
    except Exception:
        log.exception("transcribing attempt %s failed", pk)
        _set(pk, status=Status.FAILED, error="The recording could not be transcribed.")
        return
    attempt.status = Status.DONE
    attempt.progress = 1.0
    attempt.save()


def _progress_writer(pk: int) -> Callable[[float], None]:
    written = [0.0]

    def write(fraction: float) -> None:
        if fraction - written[0] >= PROGRESS_STEP:
            written[0] = fraction
            _set(pk, progress=min(fraction, 1.0))

    return write


def _set(pk: int, **values: object) -> None:
    Attempt.objects.filter(pk=pk).update(**values)


def _record_figures(attempt: Attempt, report: AnswerReport) -> None:
    attempt.score = report.score
    attempt.fillers_per_minute = report.fillers.per_minute
    attempt.wpm = report.wpm
    attempt.pace_measured = not report.seconds_estimated
    attempt.figures_version = FIGURES_VERSION


FIGURES = ("score", "fillers_per_minute", "wpm", "pace_measured", "figures_version")


def figures_refresh(*, owner: User | None = None) -> int:
    """Recompute the stored figures of analysed attempts that an older analyzer wrote (every
    account's unless ``owner`` is given), so the history agrees with the attempt pages, which
    always analyse afresh. `nextround serve` runs it at start-up and an import after reading;
    pages only read. Returns how many attempts changed."""
    stale = Attempt.objects.filter(status=Status.DONE).exclude(figures_version=FIGURES_VERSION)
    if owner is not None:
        stale = stale.filter(owner=owner)
    attempts = list(stale.select_related("question__session__round__opportunity"))
    for attempt in attempts:
        _record_figures(attempt, selectors.report_for(attempt))
    Attempt.objects.bulk_update(attempts, FIGURES, batch_size=200)
    return len(attempts)


def attempt_keep(*, attempt: Attempt) -> Attempt:
    """Mark this attempt as the best answer to its question, across sessions."""
    if attempt.status != Status.DONE:
        raise Invalid("Only an analysed attempt can be kept.")
    with transaction.atomic():
        Attempt.objects.filter(owner=attempt.owner, question__key=attempt.question.key).exclude(
            pk=attempt.pk
        ).update(kept=False)
        attempt.kept = True
        attempt.save(update_fields=["kept"])
    return attempt


def attempt_delete(*, attempt: Attempt) -> None:
    attempt.delete()  # its recording goes with it (practice/signals.py)


def resume_pending(*, owner: User | None = None) -> int:
    """Queue again the recordings a stopped server or worker left untranscribed (every
    account's unless ``owner`` is given); nothing is lost. `nextround serve` and `nextround
    worker` run it at start-up, so pages and the status poll only ever read. Returns how many
    were queued again; those still in the queue are left there."""
    pending_attempts = Attempt.objects.filter(status__in=[Status.QUEUED, Status.TRANSCRIBING])
    if owner is not None:
        pending_attempts = pending_attempts.filter(owner=owner)
    left = [pk for pk in pending_attempts.values_list("pk", flat=True) if not jobs.is_active(pk)]
    for pk in left:
        _set(pk, status=Status.QUEUED, progress=0.0)
        jobs.enqueue(pk)
    return len(left)
