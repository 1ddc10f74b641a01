"""Writes of the rehearsal app: a case session started (from the bank, the candidate's own
prompt or a round's case question), its phases begun, its answer typed or spoken (recorded,
then transcribed in the background) and finished; a round's
presentation plan, its slides typed, edited, moved, deleted or imported from a file; the
audience's likely questions practised as a session."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from nextround import speech
from nextround.cases import bank
from nextround.cases import thresholds as case_limits
from nextround.cases.phases import PHASES
from nextround.core.services import lock_for_write, save_validated
from nextround.errors import Invalid, NextroundError
from nextround.interviews.models import Round, RoundNote
from nextround.practice.models import PracticeSession
from nextround.practice.services import recordings_dir, require_voice, session_start
from nextround.rehearsal import jobs
from nextround.rehearsal.models import CaseSession, PresentationPlan, RunStatus, RunThrough, Slide
from nextround.rehearsal.selectors import plan_view
from nextround.slides import thresholds as slide_limits
from nextround.slides.importing import slides_from_file

log = logging.getLogger(__name__)
SLIDE_FIELDS = frozenset({"title", "text", "notes", "minutes"})
PLAN_FIELDS = frozenset({"slot_minutes", "brief"})


# --- case sessions --------------------------------------------------------------------------


def case_session_from_bank(*, owner: User, key: str, now: datetime) -> CaseSession:
    case = bank.case_get(key)
    session = CaseSession(
        owner=owner,
        case_key=case.key,
        kind=case.kind,
        title=case.title,
        prompt=case.prompt,
        created_at=now,
    )
    return save_validated(session, what="case session")


def case_session_own(
    *, owner: User, title: str, prompt: str, kind: str, now: datetime
) -> CaseSession:
    session = CaseSession(
        owner=owner, title=title.strip(), prompt=prompt.strip(), kind=kind, created_at=now
    )
    return save_validated(session, what="case session")


def case_session_from_note(*, note: RoundNote, now: datetime) -> CaseSession:
    """A case question heard (or expected) in a round, practised as a session."""
    if note.category != "case":
        raise Invalid("Only a note tagged as a case question can start a case session.")
    first_line = note.text.strip().splitlines()[0] if note.text.strip() else "Case"
    session = CaseSession(
        owner=note.owner,
        title=first_line[:200],
        prompt=note.text,
        round=note.round,
        note=note,
        created_at=now,
    )
    return save_validated(session, what="case session")


def case_phase_begin(*, session: CaseSession, phase: str, now: datetime) -> CaseSession:
    """Record the moment a phase began; a phase begins once, and not after the session ends."""
    if phase not in PHASES:
        raise Invalid(f"Unknown phase {phase!r}.")
    if session.finished_at is not None:
        raise Invalid("This session is finished; start a new one to time it again.")
    if getattr(session, f"{phase}_at") is not None:
        raise Invalid(f"The {phase} phase has already begun.")
    setattr(session, f"{phase}_at", now)
    session.save(update_fields=[f"{phase}_at"])
    return session


def case_answer_save(
    *, session: CaseSession, answer: str, structure: str, finish: bool, now: datetime
) -> CaseSession:
    """Save the typed answer and the scratch structure; ``finish`` also stops the clock."""
    session.answer = answer
    session.structure = structure
    if finish and not answer.strip():  # the feedback is measured on the answer
        raise Invalid("Type the answer first.", {"answer": ["Type the answer first."]})
    if finish and session.finished_at is None:
        session.finished_at = now
    return save_validated(session, what="answer")


def case_answer_recorded(
    *,
    session: CaseSession,
    structure: str,
    answer: str,
    name: str,
    chunks: Iterable[bytes],
    size: int,
    now: datetime,
) -> CaseSession:
    """Save a spoken answer's recording with the scratch structure and whatever was typed, and
    queue it for transcription once committed. The recording ends the answer, so the clock stops
    (if still running); a new recording replaces the last one."""
    require_voice()
    if session.transcribing:
        raise Invalid("The last recording is still being transcribed: wait for it first.")
    earlier = session.audio
    path = _store_recording(name, chunks, size)
    session.structure = structure
    session.answer = answer
    session.audio = path.name
    session.audio_status = RunStatus.QUEUED
    session.audio_error = ""
    session.audio_seconds = None
    if session.finished_at is None:
        session.finished_at = now
    try:
        save_validated(session, what="answer")
    except NextroundError:
        path.unlink(missing_ok=True)
        raise
    if earlier:
        transaction.on_commit(lambda: (recordings_dir() / earlier).unlink(missing_ok=True))
    transaction.on_commit(lambda: jobs.enqueue_case_answer(session.pk))
    return session


def case_answer_transcribe(pk: int) -> None:
    """Transcribe one queued spoken answer into the session's answer. The transcript fills an
    empty answer and replaces the last transcript if the candidate left it as it was; anything
    else typed is kept, the transcript after it. Every failure is written on the session as a
    plain message, never raised: this runs in a background thread with no one to tell."""
    session = CaseSession.objects.get(pk=pk)
    if not session.transcribing:
        return
    _set_case(pk, audio_status=RunStatus.TRANSCRIBING)
    try:
        model = speech.load(settings.APP.speech_model, data_dir=settings.APP.data_dir)
        transcript = speech.transcribe(recordings_dir() / session.audio, model=model)
        text = transcript.text.strip()
        if not text:
            raise Invalid("No speech was heard in the recording. Check the microphone.")
    except NextroundError as exc:
        _set_case(pk, audio_status=RunStatus.FAILED, audio_error=exc.message[:500])
        return
    except Exception:
        log.exception("transcribing case answer %s failed", pk)
        _set_case(
            pk, audio_status=RunStatus.FAILED, audio_error="The recording could not be transcribed."
        )
        return
    # Read again: the candidate may have typed on while the recording was transcribed.
    now_typed = CaseSession.objects.filter(pk=pk).values("answer", "transcript").first()
    if now_typed is None:  # deleted meanwhile
        return
    typed = now_typed["answer"].strip()
    answer = text if typed in ("", now_typed["transcript"].strip()) else f"{typed}\n\n{text}"
    limit = case_limits.MAX_CASE_CHARS
    _set_case(
        pk,
        audio_status=RunStatus.DONE,
        audio_seconds=round(transcript.duration, 2),
        transcript=text[:limit],
        answer=answer[:limit],
    )


def _set_case(pk: int, **values: object) -> None:
    CaseSession.objects.filter(pk=pk).update(**values)


def case_answer_resume() -> int:
    """Queue again the spoken answers a stopped server or worker left untranscribed (`nextround
    serve` and `nextround worker` run it at start-up); how many."""
    pending = CaseSession.objects.filter(
        audio_status__in=[RunStatus.QUEUED, RunStatus.TRANSCRIBING]
    )
    left = [pk for pk in pending.values_list("pk", flat=True) if not jobs.case_answer_active(pk)]
    for pk in left:
        _set_case(pk, audio_status=RunStatus.QUEUED)
        jobs.enqueue_case_answer(pk)
    return len(left)


def case_session_delete(*, session: CaseSession) -> None:
    session.delete()  # its recording goes with it (signals.py)


# --- presentation plans -----------------------------------------------------------------------


def plan_save(*, round_: Round, changes: Mapping[str, object]) -> PresentationPlan:
    unknown = sorted(set(changes) - PLAN_FIELDS)
    if unknown:
        raise Invalid(f"Unknown field {unknown[0]!r}.")
    plan = PresentationPlan.objects.filter(round=round_).first() or PresentationPlan(
        owner=round_.owner, round=round_
    )
    for name, value in changes.items():
        setattr(plan, name, value)
    return save_validated(plan, what="presentation plan")


def plan_for(*, round_: Round) -> PresentationPlan:
    """The round's plan, made with the defaults when it has none yet."""
    plan = PresentationPlan.objects.filter(round=round_).first()
    return plan or plan_save(round_=round_, changes={})


def _next_position(plan: PresentationPlan) -> int:
    last = plan.slides.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def slide_add(*, plan: PresentationPlan, fields: Mapping[str, object]) -> Slide:
    if plan.slides.count() >= slide_limits.MAX_SLIDES:
        raise Invalid(f"A plan holds up to {slide_limits.MAX_SLIDES} slides.")
    slide = Slide(owner=plan.owner, plan=plan, position=_next_position(plan))
    return slide_update(slide=slide, fields=fields)


def slide_update(*, slide: Slide, fields: Mapping[str, object]) -> Slide:
    unknown = sorted(set(fields) - SLIDE_FIELDS)
    if unknown:
        raise Invalid(f"Unknown field {unknown[0]!r}.")
    for name, value in fields.items():
        setattr(slide, name, value.strip() if isinstance(value, str) else value)
    return save_validated(slide, what="slide")


def slide_delete(*, slide: Slide) -> None:
    with transaction.atomic():
        plan = slide.plan
        _locked_order(plan)  # the order slide_move locks in: no deadlock between the two
        slide.delete()
        _renumber(plan)


def slide_move(*, slide: Slide, by: int) -> None:
    """Swap the slide with its neighbour before (``by`` -1) or after (+1)."""
    with transaction.atomic():
        order = _locked_order(slide.plan)
        at = next(i for i, s in enumerate(order) if s.pk == slide.pk)
        to = at + by
        if not 0 <= to < len(order):
            return
        order[at], order[to] = order[to], order[at]
        _write_order(order)


def _locked_order(plan: PresentationPlan) -> list[Slide]:
    """The plan's slides in order, locked for renumbering until the transaction ends."""
    return list(lock_for_write(plan.slides.all(), of=plan).order_by("position", "id"))


def _renumber(plan: PresentationPlan) -> None:
    _write_order(list(plan.slides.order_by("position", "id")))


def _write_order(order: list[Slide]) -> None:
    # Positions are unique per plan: move every slide out of the way first.
    offset = len(order) + 1000
    for i, slide in enumerate(order):
        Slide.objects.filter(pk=slide.pk).update(position=offset + i)
    for i, slide in enumerate(order, start=1):
        Slide.objects.filter(pk=slide.pk).update(position=i)


def slide_add_to_round(*, round_: Round, fields: Mapping[str, object]) -> Slide:
    """A slide added to the round's plan, made with the defaults if needed; a refused slide
    leaves no plan behind."""
    with transaction.atomic():
        return slide_add(plan=plan_for(round_=round_), fields=fields)


def slides_import(*, round_: Round, name: str, data: bytes, replace: bool) -> list[Slide]:
    """Slides read from a .pptx or a PDF, added after the others (or in their place). The file
    is read first: a refused one changes nothing."""
    imported = slides_from_file(name, data)
    with transaction.atomic():
        plan = plan_for(round_=round_)
        kept = 0 if replace else plan.slides.count()
        if kept + len(imported) > slide_limits.MAX_SLIDES:
            raise Invalid(f"A plan holds up to {slide_limits.MAX_SLIDES} slides.")
        if replace:
            plan.slides.all().delete()
        return [
            slide_add(
                plan=plan,
                fields={
                    "title": found.title[:200],
                    "text": found.text[: slide_limits.MAX_NOTES_CHARS],
                    "notes": found.notes[: slide_limits.MAX_NOTES_CHARS],
                },
            )
            for found in imported
        ]


def presentation_practice_start(*, owner: User, round_: Round) -> PracticeSession:
    """A practice session on the questions the round's audience will likely ask about the
    slides, linked to the round so the session page names it."""
    questions = plan_view(round_=round_).questions
    if not questions:
        raise Invalid("Add slides first: the likely questions are drawn from them.")
    with transaction.atomic():
        session = session_start(owner=owner, own=[q.text for q in questions], count=len(questions))
        # Own questions make the session; the round is set after, as session_start takes one
        # source only.
        session.round = round_
        session.save(update_fields=["round"])
    return session


# --- recordings: spoken case answers and run-throughs ----------------------------------------


def _store_recording(name: str, chunks: Iterable[bytes], size: int) -> Path:
    """Write an uploaded recording into the data folder's recordings, as the practice answers'
    are; refused (and nothing written) when its kind or size is not accepted."""
    audio_format = speech.check_upload(name, size)
    path = recordings_dir() / f"{uuid.uuid4().hex}.{audio_format}"
    # Created for its owner alone whatever the umask: a recording is someone's own voice.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    return path


# --- run-throughs -----------------------------------------------------------------------------


def run_through_recorded(
    *, round_: Round, marks: list[float], name: str, chunks: Iterable[bytes], size: int
) -> RunThrough:
    """Save a run-through's recording in the data folder with its slide marks, and queue it for
    transcription once committed. The plan must have slides, and no more marks than changes."""
    require_voice()
    plan = PresentationPlan.objects.filter(round=round_).first()
    slides = plan.slides.count() if plan else 0
    if plan is None or not slides:
        raise Invalid("Add the slides to the plan first: the run-through is timed slide by slide.")
    if len(marks) >= slides:
        raise Invalid(
            f"{len(marks)} slide changes for {slides} slides: at most {slides - 1}.",
            {"marks": [f"At most {slides - 1} slide changes for {slides} slides."]},
        )
    path = _store_recording(name, chunks, size)
    run = RunThrough(owner=plan.owner, plan=plan, audio=path.name, marks=marks)
    try:
        save_validated(run, what="run-through")
    except NextroundError:
        path.unlink(missing_ok=True)
        raise
    transaction.on_commit(lambda: jobs.enqueue(run.pk))
    return run


def run_through_transcribe(pk: int) -> None:
    """Transcribe one queued run-through, keeping its words with their times. Every failure is
    written on the run-through as a plain message, never raised: this runs in a background
    thread with no one to tell."""
    run = RunThrough.objects.get(pk=pk)
    if not run.pending:
        return
    _set_run(pk, status=RunStatus.TRANSCRIBING)
    try:
        model = speech.load(settings.APP.speech_model, data_dir=settings.APP.data_dir)
        transcript = speech.transcribe(recordings_dir() / run.audio, model=model)
        if not transcript.words:
            raise Invalid("No speech was heard in the recording. Check the microphone.")
    except NextroundError as exc:
        _set_run(pk, status=RunStatus.FAILED, error=exc.message[:500])
        return
    except Exception:
        log.exception("transcribing run-through %s failed", pk)
        _set_run(pk, status=RunStatus.FAILED, error="The recording could not be transcribed.")
        return
    _set_run(
        pk,
        status=RunStatus.DONE,
        seconds=round(transcript.duration, 2),
        words=[[w.word, w.start, w.end] for w in transcript.words],
    )


def _set_run(pk: int, **values: object) -> None:
    RunThrough.objects.filter(pk=pk).update(**values)


def run_through_delete(*, run: RunThrough) -> None:
    run.delete()  # its recording goes with it (signals.py)


def run_through_resume() -> int:
    """Queue again the run-throughs a stopped server or worker left untranscribed (`nextround
    serve` and `nextround worker` run it at start-up); how many."""
    pending = RunThrough.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.TRANSCRIBING])
    left = [pk for pk in pending.values_list("pk", flat=True) if not jobs.is_active(pk)]
    for pk in left:
        _set_run(pk, status=RunStatus.QUEUED)
        jobs.enqueue(pk)
    return len(left)
