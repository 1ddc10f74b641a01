"""Writes of the decision app: the scorecard's weights, a criterion's score, the evidence linked
to it, the must-haves and whether a job meets them, and the decision with its reasons. Each
raises ``Invalid`` with per-field messages, or ``NotFound`` for what is not the owner's."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.core.services import claim, save_validated
from nextround.decision import selectors
from nextround.decision.models import (
    Decision,
    Evidence,
    EvidenceKind,
    GateStatus,
    MustHave,
    MustHaveCheck,
    Score,
    Scorecard,
    default_weights,
)
from nextround.errors import Invalid
from nextround.interviews.models import Opportunity, RoundNote
from nextround.prep.models import AskItem
from nextround.research.models import Fact
from nextround.scorecard.criteria import BY_KEY
from nextround.scorecard.score import check_score, check_weights


def scorecard_claim(*, opportunity: Opportunity) -> Scorecard:
    """The opportunity's scorecard, made with the default weights on its first write. Call it
    inside ``transaction.atomic``."""
    return claim(
        Scorecard,
        unique={"opportunity": opportunity},
        defaults={"owner": opportunity.owner, "weights": default_weights()},
    )


def weights_save(*, opportunity: Opportunity, weights: dict[str, int]) -> Scorecard:
    checked = check_weights(weights)
    with transaction.atomic():
        card = scorecard_claim(opportunity=opportunity)
        card.weights = checked
        card.updated_at = timezone.now()
        return save_validated(card, what="weights")


def _criterion(key: str) -> str:
    if key not in BY_KEY:
        raise Invalid("Not a criterion of the scorecard.", {"criterion": ["Unknown criterion."]})
    return key


def score_claim(*, card: Scorecard, criterion: str) -> Score:
    return claim(
        Score,
        unique={"scorecard": card, "criterion": _criterion(criterion)},
        defaults={"owner": card.owner},
    )


def score_save(*, opportunity: Opportunity, criterion: str, score: int | None, note: str) -> Score:
    check_score(score)
    with transaction.atomic():
        card = scorecard_claim(opportunity=opportunity)
        row = score_claim(card=card, criterion=criterion)
        row.score, row.note, row.updated_at = score, note.strip(), timezone.now()
        return save_validated(row, what="score")


def evidence_add(*, opportunity: Opportunity, criterion: str, source: str) -> Evidence:
    """Link an observation (``"note:12"``, ``"ask:3"``, ``"fact:5"``) of this opportunity to a
    criterion's score; linking it twice keeps one link."""
    found = selectors.resolve_observation(opportunity=opportunity, value=source)
    link: dict[str, RoundNote | AskItem | Fact]
    if isinstance(found, RoundNote):
        kind, link = EvidenceKind.NOTE, {"note": found}
    elif isinstance(found, AskItem):
        kind, link = EvidenceKind.ASK, {"ask": found}
    else:
        kind, link = EvidenceKind.FACT, {"fact": found}
    with transaction.atomic():
        card = scorecard_claim(opportunity=opportunity)
        row = score_claim(card=card, criterion=criterion)
        evidence, _ = Evidence.objects.get_or_create(
            score=row, **link, defaults={"owner": opportunity.owner, "kind": kind}
        )
    return evidence


def evidence_remove(*, evidence: Evidence) -> None:
    evidence.delete()


def must_have_add(*, owner: User, text: str) -> MustHave:
    text = " ".join(text.split())
    if MustHave.objects.filter(owner=owner, text__iexact=text).exists():
        raise Invalid("That must-have is on the list already.", {"text": ["Already listed."]})
    return save_validated(MustHave(owner=owner, text=text), what="must-have")


def must_have_delete(*, must_have: MustHave) -> None:
    must_have.delete()


def gates_save(
    *, opportunity: Opportunity, statuses: dict[int, str], notes: dict[int, str] | None = None
) -> Scorecard:
    """Whether the job meets each must-have (by the must-have's id)."""
    notes = notes or {}
    mine = {m.pk: m for m in selectors.must_haves(owner=opportunity.owner)}
    unknown = [pk for pk in statuses if pk not in mine]
    if unknown:
        raise Invalid("No such must-have.", {"__all__": ["A must-have was removed meanwhile."]})
    for status in statuses.values():
        if status not in GateStatus.values:
            raise Invalid("Choose met, missing or not known yet.")
    with transaction.atomic():
        card = scorecard_claim(opportunity=opportunity)
        for pk, status in statuses.items():
            check = claim(
                MustHaveCheck,
                unique={"scorecard": card, "must_have": mine[pk]},
                defaults={"owner": opportunity.owner},
            )
            check.status, check.note = status, notes.get(pk, check.note).strip()[:300]
            save_validated(check, what="must-have check")
    return card


def decision_record(
    *,
    owner: User,
    chosen: Opportunity | None,
    reasons: str,
    standings: list[dict[str, object]],
) -> Decision:
    reasons = reasons.strip()
    if not reasons:
        raise Invalid(
            "Write down why: the reasons are the point of recording it.", {"reasons": ["Required."]}
        )
    if chosen is not None and chosen.owner_id != owner.pk:
        raise Invalid("Choose one of your opportunities.", {"chosen": ["Not yours."]})
    decision = Decision(
        owner=owner,
        chosen=chosen,
        chosen_name=f"{chosen.company} — {chosen.role_title}" if chosen else "",
        reasons=reasons,
        standings=standings,
        decided_at=timezone.now(),
    )
    return save_validated(decision, what="decision")
