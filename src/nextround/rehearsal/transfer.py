"""The rehearsal app's section of the workspace export: in each round, its ``presentation``
(slot, brief and slides, only when it has one) with its transcribed ``run_throughs`` (when each
was made, the slide changes, the recording's length and the words heard with their times); at
the top, ``cases``: each case session with its prompt, the moments its phases began, the
scratch structure and the answer, and for a spoken answer its ``transcript`` and
``audio_seconds`` (a session names the round it was for by its opportunity's uid and the
round's number, null when it was for none; the round note it came from is not kept). Sessions
already here (same creation time and title) are skipped on import.

Recordings stay out, as the practice answers' do: the audio is large and private, and what
was heard is kept. So a run-through still queued, being transcribed or failed is left out, and
so is the transcript of a spoken answer not yet transcribed; what comes in is transcribed
("done") and has no recording."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch

from nextround.core.transfer import (
    Doc,
    Moment,
    PersonRef,
    Record,
    Rows,
    Tally,
    amount_text,
    count_phrase,
    save_valid,
    stamps,
    text_problem,
)
from nextround.errors import Invalid
from nextround.interviews.models import Person, Round
from nextround.rehearsal.models import CaseSession, PresentationPlan, RunStatus, RunThrough, Slide
from nextround.slides import thresholds as slide_limits

SESSION_TEXT = ("case_key", "kind", "title", "prompt", "structure", "answer")
PHASE_STAMPS = ("clarify_at", "structure_at", "analyse_at", "recommend_at", "finished_at")
SLIDE_TEXT = ("title", "text", "notes")


class RoundPresentation(Doc):
    presentation: dict[str, Any] | None = None


class PlanDoc(Doc):
    slot_minutes: int
    brief: str = ""
    slides: Rows | None = None
    run_throughs: Rows | None = None


class RunDoc(Doc):
    created_at: Moment
    seconds: float
    words: list[Any]  # [word, start, end], checked by _words
    marks: list[float] | None = None


class SlideDoc(Doc):
    title: str
    minutes: str | None = None


class Cases(Doc):
    cases: Rows | None = None


class RoundRefDoc(Doc):
    opportunity: str
    number: int


class SessionDoc(Doc):
    title: str
    prompt: str
    created_at: Moment
    round: dict[str, Any] | None = None
    clarify_at: Moment | None = None
    structure_at: Moment | None = None
    analyse_at: Moment | None = None
    recommend_at: Moment | None = None
    finished_at: Moment | None = None
    transcript: str | None = None
    audio_seconds: float | None = None


# --- a round's presentation -------------------------------------------------------------------


def round_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch(
            "presentation",
            queryset=PresentationPlan.objects.prefetch_related(
                Prefetch("slides", queryset=Slide.objects.order_by("position", "id")),
                Prefetch(
                    "run_throughs",
                    queryset=RunThrough.objects.filter(status=RunStatus.DONE).order_by(
                        "created_at", "id"
                    ),
                ),
            ),
        ),
    )


def round_export(round_: Round, person_ref: PersonRef) -> dict[str, Any]:
    plan: PresentationPlan | None = getattr(round_, "presentation", None)
    if plan is None:
        return {}
    return {
        "presentation": {
            "slot_minutes": plan.slot_minutes,
            "brief": plan.brief,
            "slides": [
                {
                    **{name: getattr(slide, name) for name in SLIDE_TEXT},
                    "minutes": amount_text(slide.minutes),
                }
                for slide in plan.slides.all()
            ],
            **_runs_document(plan),
        }
    }


def _runs_document(plan: PresentationPlan) -> dict[str, Any]:
    runs = [
        {
            "created_at": run.created_at.isoformat(),
            "marks": run.marks,
            "seconds": run.seconds,
            "words": run.words,
        }
        for run in plan.run_throughs.all()
    ]
    return {"run_throughs": runs} if runs else {}


def round_import(round_: Round, item: Record[Any], people: Mapping[str, Person]) -> None:
    found = item.view(RoundPresentation)
    if not found.has("presentation"):
        return
    entry = found.record("presentation", PlanDoc)
    plan = PresentationPlan(
        owner=round_.owner,
        round=round_,
        slot_minutes=entry.doc.slot_minutes,
        **entry.texts(("brief",)),
    )
    save_valid(plan, path=entry.path, what="presentation plan")
    for position, slide_item in enumerate(entry.records("slides", SlideDoc), start=1):
        slide = Slide(
            owner=round_.owner,
            plan=plan,
            position=position,
            minutes=slide_item.optional("minutes", Record.amount),
            **slide_item.texts(SLIDE_TEXT),
        )
        save_valid(slide, path=slide_item.path, what="slide")
    for run_item in entry.records("run_throughs", RunDoc):
        run = RunThrough(
            owner=round_.owner,
            plan=plan,
            status=RunStatus.DONE,
            marks=_marks(run_item),
            seconds=_length(run_item, "seconds"),
            words=_words(run_item),
            **stamps(run_item, "created_at"),
        )
        save_valid(run, path=run_item.path, what="run-through")


def _length(item: Record[Any], key: str) -> float:
    value = item.finite(key)
    if value < 0:
        raise item.error(key, f"must not be negative, got {value:g}.")
    return value


def _marks(item: Record[RunDoc]) -> list[float]:
    """The moments the slides changed: seconds from the start, finite and rising, fewer than
    the most slides a plan holds."""
    marks = item.doc.marks or []
    if len(marks) >= slide_limits.MAX_SLIDES:
        raise item.error("marks", f"at most {slide_limits.MAX_SLIDES - 1} slide changes.")
    if not all(math.isfinite(m) and m >= 0 for m in marks):
        raise item.error("marks", "each must be a finite number of seconds, not negative.")
    if any(later <= earlier for earlier, later in pairwise(marks)):
        raise item.error("marks", "each slide change must come after the one before.")
    return marks


def _words(item: Record[RunDoc]) -> list[list[Any]]:
    """The words heard, each with its start and end in seconds; none may end before it starts."""
    words: list[list[Any]] = []
    for index, row in enumerate(item.doc.words):
        path = f"{item.at('words')}[{index}]"
        if not (
            isinstance(row, list)
            and len(row) == 3
            and isinstance(row[0], str)
            and all(isinstance(t, int | float) and not isinstance(t, bool) for t in row[1:])
        ):
            raise Invalid(f"{path}: expected [word, start, end], a word and two times in seconds.")
        word, start, end = row[0], float(row[1]), float(row[2])
        if problem := text_problem(word):
            raise Invalid(f"{path}: {problem}")
        if not (math.isfinite(start) and math.isfinite(end)) or start < 0:
            raise Invalid(f"{path}: times must be finite and not negative.")
        if end < start:
            raise Invalid(f"{path}: ends at {end:g}, before it starts at {start:g}.")
        words.append([word, start, end])
    return words


# --- case sessions --------------------------------------------------------------------------


def cases_export(*, owner: User) -> dict[str, Any]:
    sessions = (
        CaseSession.objects.filter(owner=owner)
        .select_related("round__opportunity")
        .order_by("created_at", "id")
    )
    rows = [_session_document(session) for session in sessions]
    return {"cases": rows} if rows else {}


def _session_document(session: CaseSession) -> dict[str, Any]:
    round_ = session.round
    spoken = (
        {"transcript": session.transcript, "audio_seconds": session.audio_seconds}
        if session.audio_status == RunStatus.DONE
        else {}
    )
    return {
        **{name: getattr(session, name) for name in SESSION_TEXT},
        "round": None
        if round_ is None
        else {"opportunity": str(round_.opportunity.uid), "number": round_.number},
        "created_at": session.created_at.isoformat(),
        **{
            name: (moment.isoformat() if (moment := getattr(session, name)) else None)
            for name in PHASE_STAMPS
        },
        **spoken,
    }


def cases_import(*, owner: User, root: Record[Any], report: Tally) -> None:
    items = root.view(Cases).records("cases", SessionDoc)
    if not items:
        return
    rounds = {
        (round_.opportunity.uid, round_.number): round_
        for round_ in Round.objects.filter(owner_id=owner.pk).select_related("opportunity")
    }
    present = set(CaseSession.objects.filter(owner=owner).values_list("created_at", "title"))
    for item in items:
        session = CaseSession(
            owner=owner,
            round=_round(item, rounds),
            **item.texts(SESSION_TEXT),
            **stamps(item, "created_at", *PHASE_STAMPS),
            **_spoken(item),
        )
        if (session.created_at, session.title) in present:
            report.skipped += 1
            continue
        save_valid(session, path=item.path, what="case session")
        present.add((session.created_at, session.title))
        report.add("case_sessions")


def _spoken(item: Record[SessionDoc]) -> dict[str, Any]:
    """A spoken answer's transcript and length: transcribed, with no recording."""
    if not item.has("transcript"):
        return {}
    seconds = _length(item, "audio_seconds") if item.has("audio_seconds") else None
    return {
        "transcript": item.doc.transcript,
        "audio_status": RunStatus.DONE,
        "audio_seconds": seconds,
    }


def _round(item: Record[SessionDoc], rounds: Mapping[tuple[uuid.UUID, int], Round]) -> Round | None:
    """The round a session was for; None when the file names none or one not here."""
    if not item.has("round"):
        return None
    ref = item.record("round", RoundRefDoc)
    return rounds.get((ref.uid("opportunity"), ref.doc.number))


def imported(report: Tally) -> list[str]:
    n = report.case_sessions
    return [count_phrase(n, "case session", "case sessions")] if n else []
