"""The prep app's section of the workspace export: in each round, the progress of its plan
("plan") and the questions to ask ("asks").

Written back as stored rather than through the services: those check the item against the plan
or question bank of today, and that attendees still attend, which need not hold for a copy.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from django.db.models import Prefetch

from nextround.core.transfer import Doc, Moment, PersonRef, Record, Rows, once, save_valid, stamps
from nextround.interviews.models import Person, Round
from nextround.interviews.transfer import optional_person
from nextround.prep.models import AskItem, AskStatus, ItemStatus, PlanProgress

PLAN_TEXT = ("note", "reason")
ASK_TEXT = ("bank_id", "theme", "text", "answer")


class RoundPrep(Doc):
    plan: Rows | None = None
    asks: Rows | None = None


class PlanDoc(Doc):
    key: str
    status: str | None = None
    updated_at: Moment | None = None


class AskDoc(Doc):
    text: str
    person: str | None = None
    status: str | None = None
    created_at: Moment | None = None


def round_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("plan_progress", queryset=PlanProgress.objects.order_by("key", "id")),
        Prefetch("asks", queryset=AskItem.objects.order_by("created_at", "id")),
    )


def plan_record(progress: PlanProgress) -> dict[str, Any]:
    return {
        "key": progress.key,
        "status": progress.status,
        "note": progress.note,
        "reason": progress.reason,
        "updated_at": progress.updated_at.isoformat(),
    }


def ask_record(ask: AskItem, *, person_ref: PersonRef) -> dict[str, Any]:
    return {
        "person": None if ask.person_id is None else person_ref(ask.person_id),
        **{name: getattr(ask, name) for name in ASK_TEXT},
        "status": ask.status,
        "created_at": ask.created_at.isoformat(),
    }


def round_export(round_: Round, person_ref: PersonRef) -> dict[str, Any]:
    return {
        "plan": [plan_record(p) for p in round_.plan_progress.all()],
        "asks": [ask_record(a, person_ref=person_ref) for a in round_.asks.all()],
    }


def round_import(round_: Round, item: Record[Any], people: Mapping[str, Person]) -> None:
    prep = item.view(RoundPrep)
    _import_plan(round_, item=prep)
    _import_asks(round_, item=prep, people=people)


def _import_plan(round_: Round, *, item: Record[RoundPrep]) -> None:
    keys: dict[Hashable, str] = {}
    for plan_item in item.records("plan", PlanDoc):
        key = plan_item.doc.key
        once(plan_item, "key", key, keys, f"Plan item {key!r}")
        progress = PlanProgress(
            owner=round_.owner,
            round=round_,
            key=key,
            status=plan_item.choice_or("status", ItemStatus.values, ItemStatus.TODO),
            **plan_item.texts(PLAN_TEXT),
            **stamps(plan_item, "updated_at"),
        )
        save_valid(progress, path=plan_item.path, what="plan item")


def _import_asks(round_: Round, *, item: Record[RoundPrep], people: Mapping[str, Person]) -> None:
    kept: dict[Hashable, str] = {}
    for ask_item in item.records("asks", AskDoc):
        ask = AskItem(
            owner=round_.owner,
            round=round_,
            person=optional_person(ask_item, people),
            status=ask_item.choice_or("status", AskStatus.values, AskStatus.PLANNED),
            **ask_item.texts(ASK_TEXT),
            **stamps(ask_item, "created_at"),
        )
        if ask.bank_id and ask.person is not None:  # a suggestion is kept once per person
            what = f"Suggestion {ask.bank_id!r} for this person"
            once(ask_item, "bank_id", (ask.person.pk, ask.bank_id), kept, what)
        save_valid(ask, path=ask_item.path, what="question")
