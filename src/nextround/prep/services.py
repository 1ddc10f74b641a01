"""Writes for the playbook: progress on plan items, and the questions the candidate asks."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nextround.core.services import claim
from nextround.errors import Invalid, NotFound
from nextround.interviews.models import Person, Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import knowledge
from nextround.prep.models import AskItem, AskStatus, ItemStatus, PlanProgress
from nextround.prep.selectors import employer_field, round_plan


def plan_items_tick(*, rounds: list[Round], reasons: dict[str, str], now: datetime) -> list[str]:
    """Tick plan items because the candidate's records show them done (research, money), each
    with the note that says why, on the given rounds' plans that have the item. A skipped item
    stays skipped; a note the candidate wrote is kept, one written here is brought up to date
    (it begins with its reason's first word, "Ticked" or "From"). Returns the
    "<round number>:<key>" of each item changed."""
    changed: list[str] = []
    for round_ in rounds:
        existing = {p.key: p for p in PlanProgress.objects.filter(round=round_, key__in=reasons)}
        for key, reason in reasons.items():
            progress = existing.get(key)
            if progress is not None and progress.status == ItemStatus.SKIPPED:
                continue
            ours = (
                progress is None
                or not progress.note
                or progress.note.startswith(reason.split(" ", 1)[0])
            )
            if (
                progress is not None
                and progress.status == ItemStatus.DONE
                and (not ours or progress.note == reason)
            ):
                continue
            try:
                plan_item_set(
                    round_=round_,
                    key=key,
                    status=ItemStatus.DONE,
                    note=reason if ours else None,
                    now=now,
                )
            except NotFound:  # this round's plan has no such item
                continue
            changed.append(f"{round_.number}:{key}")
    return changed


def _clean(instance: PlanProgress | AskItem, what: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise Invalid(f"The {what} was not saved.", exc.message_dict) from exc


@transaction.atomic
def plan_item_set(
    *,
    round_: Round,
    key: str,
    status: str | None = None,
    note: str | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> PlanProgress:
    """Tick, skip (a reason is required), reopen or annotate one item of the round's plan."""
    now = now or timezone.now()
    existing = PlanProgress.objects.filter(round=round_, key=key).first()
    planned = round_plan(carry=carry_forward(round_=round_), now=now).plan.item_keys()
    if existing is None and key not in planned:
        raise NotFound(f"The plan for this round has no item {key!r}.")
    # Ticks that arrive together for an item never ticked before meet on one row.
    progress = claim(
        PlanProgress, unique={"round": round_, "key": key}, defaults={"owner": round_.owner}
    )
    if status is not None:
        if status not in ItemStatus.values:
            raise Invalid(f"Unknown status {status!r}; use one of {', '.join(ItemStatus.values)}.")
        progress.status = status
    if note is not None:
        progress.note = note.strip()
    if reason is not None:
        progress.reason = reason.strip()
    if progress.status == ItemStatus.SKIPPED and not progress.reason:
        raise Invalid("Say why you are skipping it.", {"reason": ["Say why you are skipping it."]})
    if progress.status != ItemStatus.SKIPPED:
        progress.reason = ""
    progress.updated_at = now
    _clean(progress, "plan item")
    progress.save()
    return progress


# --- questions to ask ----------------------------------------------------------------------


def _attending(round_: Round, person: Person | None) -> None:
    if person is not None and not round_.attendees.filter(pk=person.pk).exists():
        raise Invalid(f"{person.name} does not attend this round.")


@transaction.atomic
def ask_adopt(*, round_: Round, person: Person, bank_id: str) -> AskItem:
    """Keep a suggested question so it can be edited, marked as asked and answered."""
    _attending(round_, person)
    ask = next((a for a in knowledge.asks() if a.id == bank_id), None)
    if ask is None:
        raise NotFound(f"No suggested question {bank_id!r}.")
    wording = employer_field(round_.opportunity).wording
    item, _ = AskItem.objects.get_or_create(
        round=round_,
        person=person,
        bank_id=bank_id,
        defaults={"owner": round_.owner, "text": wording.word(ask.text), "theme": ask.theme},
    )
    return item


def ask_create(*, round_: Round, person: Person | None, text: str) -> AskItem:
    """The candidate's own question for one interviewer (or for anyone, without a person)."""
    _attending(round_, person)
    item = AskItem(owner=round_.owner, round=round_, person=person, text=text.strip())
    _clean(item, "question")
    item.save()
    return item


def ask_update(
    *,
    item: AskItem,
    text: str | None = None,
    status: str | None = None,
    answer: str | None = None,
) -> AskItem:
    if text is not None:
        item.text = text.strip()
    if status is not None:
        item.status = status
    if answer is not None:
        item.answer = answer.strip()
        if item.answer and item.status == AskStatus.PLANNED:
            item.status = AskStatus.ASKED  # an answer means it was asked
    _clean(item, "question")
    item.save()
    return item
