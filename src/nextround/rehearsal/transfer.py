"""The rehearsal app's section of the workspace export: in each round, its ``presentation``
(slot, brief and slides, only when it has one); at the top, ``cases``: each case session with
its prompt, the moments its phases began, the scratch structure and the answer (a session names
the round it was for by its opportunity's uid and the round's number, null when it was for
none; the round note it came from is not kept). Sessions already here (same creation time and
title) are skipped on import."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
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
)
from nextround.interviews.models import Person, Round
from nextround.rehearsal.models import CaseSession, PresentationPlan, Slide

SESSION_TEXT = ("case_key", "kind", "title", "prompt", "structure", "answer")
PHASE_STAMPS = ("clarify_at", "structure_at", "analyse_at", "recommend_at", "finished_at")
SLIDE_TEXT = ("title", "text", "notes")


class RoundPresentation(Doc):
    presentation: dict[str, Any] | None = None


class PlanDoc(Doc):
    slot_minutes: int
    brief: str = ""
    slides: Rows | None = None


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


# --- a round's presentation -------------------------------------------------------------------


def round_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch(
            "presentation",
            queryset=PresentationPlan.objects.prefetch_related(
                Prefetch("slides", queryset=Slide.objects.order_by("position", "id"))
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
        }
    }


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
        )
        if (session.created_at, session.title) in present:
            report.skipped += 1
            continue
        save_valid(session, path=item.path, what="case session")
        present.add((session.created_at, session.title))
        report.add("case_sessions")


def _round(item: Record[SessionDoc], rounds: Mapping[tuple[uuid.UUID, int], Round]) -> Round | None:
    """The round a session was for; None when the file names none or one not here."""
    if not item.has("round"):
        return None
    ref = item.record("round", RoundRefDoc)
    return rounds.get((ref.uid("opportunity"), ref.doc.number))


def imported(report: Tally) -> list[str]:
    n = report.case_sessions
    return [count_phrase(n, "case session", "case sessions")] if n else []
