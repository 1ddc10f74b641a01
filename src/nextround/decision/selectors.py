"""Reads of the decision app: an opportunity's scorecard with the observations behind each score,
the criteria still without evidence and the questions that would get it, the gates; and the
decision page across the live opportunities and offers (totals, gates, flip margin, chart,
decline notes). The arithmetic is ``nextround.scorecard``'s. Someone else's record is NotFound."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import QuerySet

from nextround.decision.models import (
    Evidence,
    EvidenceKind,
    GateStatus,
    MustHave,
    MustHaveCheck,
    Score,
    Scorecard,
    default_weights,
)
from nextround.errors import NotFound
from nextround.interviews.models import (
    NoteKind,
    Opportunity,
    RoundNote,
    Stage,
)
from nextround.money import selectors as money_selectors
from nextround.money.models import Offer, OfferStatus
from nextround.playbook import knowledge
from nextround.playbook.asks import word_ask
from nextround.prep import selectors as prep_selectors
from nextround.prep.models import AskItem
from nextround.research.models import Fact
from nextround.scorecard import score as sc
from nextround.scorecard.criteria import CRITERIA, Criterion
from nextround.stories.models import Strength

ASKS_PER_GAP = 2
CLOSED_STAGES = (Stage.DECLINED, Stage.REJECTED, Stage.WITHDRAWN)


# --- observations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """Something seen or heard that a score can rest on; ``value`` is its form choice."""

    kind: str
    pk: int
    where: str  # "2nd round", "Research"
    text: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.pk}"


def _note_text(note: RoundNote) -> str:
    if note.kind == NoteKind.QUESTION and note.answer:
        return f"{note.text} — {note.answer}"
    if note.kind == NoteKind.CONCERN and note.response:
        return f"{note.text} — {note.response}"
    return note.text


def observe_note(note: RoundNote) -> Observation:
    who = f", {note.person.name}" if note.person else ""
    where = f"{note.round.label}{who} ({note.get_kind_display().lower()})"
    return Observation(EvidenceKind.NOTE, note.pk, where, _note_text(note))


def observe_ask(ask: AskItem) -> Observation:
    who = f", {ask.person.name}" if ask.person else ""
    return Observation(
        EvidenceKind.ASK, ask.pk, f"{ask.round.label}{who}", f"{ask.text} — {ask.answer}"
    )


def observe_fact(fact: Fact) -> Observation:
    source = f", {fact.source_name}" if fact.source_name else ""
    return Observation(EvidenceKind.FACT, fact.pk, f"Research{source}", fact.text)


def round_notes(opportunity: Opportunity) -> QuerySet[RoundNote]:
    return RoundNote.objects.filter(round__opportunity=opportunity).select_related(
        "round", "person"
    )


def answered_asks(opportunity: Opportunity) -> QuerySet[AskItem]:
    """The candidate's questions that got an answer (what was heard is written down)."""
    return (
        AskItem.objects.filter(round__opportunity=opportunity)
        .exclude(answer="")
        .select_related("round", "person")
    )


def observations(*, opportunity: Opportunity) -> list[Observation]:
    found = [observe_note(n) for n in round_notes(opportunity).order_by("round__number", "id")]
    found += [observe_ask(a) for a in answered_asks(opportunity).order_by("round__number", "id")]
    found += [observe_fact(f) for f in Fact.objects.filter(opportunity=opportunity).order_by("id")]
    return found


def observe(evidence: Evidence) -> Observation:
    if evidence.note is not None:
        return observe_note(evidence.note)
    if evidence.ask is not None:
        return observe_ask(evidence.ask)
    assert evidence.fact is not None
    return observe_fact(evidence.fact)


# --- the scorecard -------------------------------------------------------------------------------


def scorecard_of(opportunity: Opportunity) -> Scorecard:
    """The stored scorecard, or an unsaved one with the default weights (a read writes nothing)."""
    found = Scorecard.objects.filter(opportunity=opportunity).first()
    return found or Scorecard(
        owner=opportunity.owner, opportunity=opportunity, weights=default_weights()
    )


def weights_of(card: Scorecard) -> dict[str, int]:
    """The stored weights over today's criteria (a criterion added later weighs 0)."""
    stored = card.weights if isinstance(card.weights, dict) else {}
    return {c.key: int(stored.get(c.key, 0)) for c in CRITERIA}


def evidence_get(*, owner: User, pk: int) -> Evidence:
    found = Evidence.objects.filter(owner=owner, pk=pk).select_related("score__scorecard").first()
    if found is None:
        raise NotFound("No such evidence.")
    return found


def must_haves(*, owner: User) -> QuerySet[MustHave]:
    return MustHave.objects.filter(owner=owner)


def must_have_get(*, owner: User, pk: int) -> MustHave:
    found = MustHave.objects.filter(owner=owner, pk=pk).first()
    if found is None:
        raise NotFound("No such must-have.")
    return found


@dataclass(frozen=True)
class PayFacts:
    """The pay criterion's reading of the money app: the offer, walk-away and target."""

    currency: str
    offer: Offer | None
    walk_away: Decimal | None
    target: Decimal | None
    suggested: int | None  # the score the anchors suggest, when all three are known
    gate: sc.Gate


def latest_offer(opportunity: Opportunity) -> Offer | None:
    return (
        Offer.objects.filter(opportunity=opportunity)
        .exclude(status=OfferStatus.CURRENT)
        .order_by("-created_at", "-id")
        .first()
    )


def pay_facts(
    *,
    opportunity: Opportunity,
    with_target: bool = True,
    budget: money_selectors.BudgetView | None = None,
) -> PayFacts:
    """``with_target`` False skips the target (it reads the coverage of the posting: slow);
    ``budget`` when the caller read it already."""
    budget = budget or money_selectors.budget_view(owner=opportunity.owner)
    walk = budget.walk.amount if budget.walk else None
    offer = latest_offer(opportunity)
    same = offer is not None and (not budget.currency or offer.currency == budget.currency)
    amount = offer.base if offer is not None and same else None
    target = None
    if with_target and budget.walk is not None:
        mkt = money_selectors.market_view(opportunity=opportunity, currency=budget.currency)
        case = money_selectors.case_for(opportunity=opportunity)
        numbers = money_selectors.numbers_for(walk=budget.walk, mkt=mkt.market, case=case)
        target = numbers.target if numbers else None
    suggested = None
    if amount is not None and walk is not None and target is not None:
        suggested = sc.pay_score(amount, walk, target)
    return PayFacts(
        currency=budget.currency,
        offer=offer,
        walk_away=walk,
        target=target,
        suggested=suggested,
        gate=sc.pay_gate(amount, walk, budget.currency),
    )


@dataclass(frozen=True)
class GateRow:
    must_have: MustHave
    status: str
    note: str


def gate_rows(*, card: Scorecard) -> list[GateRow]:
    checks: dict[int, MustHaveCheck] = {}
    if card.pk:
        checks = {c.must_have_id: c for c in card.checks.all()}
    rows = []
    for must in must_haves(owner=card.owner):
        check = checks.get(must.pk)
        rows.append(
            GateRow(
                must, check.status if check else GateStatus.UNKNOWN, check.note if check else ""
            )
        )
    return rows


def gates_of(rows: list[GateRow], pay: PayFacts) -> tuple[sc.Gate, ...]:
    found = [pay.gate]
    for row in rows:
        failed = {GateStatus.MET: False, GateStatus.MISSING: True}.get(GateStatus(row.status))
        found.append(sc.Gate(label=row.must_have.text, failed=failed, reason=row.note))
    return tuple(found)


def scores_of(card: Scorecard) -> dict[str, Score]:
    if not card.pk:
        return {}
    return {s.criterion: s for s in card.scores.all()}


def option_of(
    opportunity: Opportunity, card: Scorecard, scores: dict[str, Score], gates: tuple[sc.Gate, ...]
) -> sc.Option:
    return sc.Option(
        key=str(opportunity.pk),
        name=f"{opportunity.company} — {opportunity.role_title}",
        weights=weights_of(card),
        scores={k: (s.score if (s := scores.get(k)) else None) for k in weights_of(card)},
        gates=gates,
    )


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    weight: int
    score: Score | None
    evidence: list[tuple[Evidence, Observation]]
    asks: list[str]  # questions for the next round when there is no evidence yet

    @property
    def value(self) -> int | None:
        return self.score.score if self.score else None

    @property
    def anchor(self) -> str:
        return self.criterion.anchor(self.value) if self.value else ""


def asks_for_gaps(
    opportunity: Opportunity, gaps: list[Criterion], kept: set[str]
) -> dict[str, list[str]]:
    """For each criterion without evidence, questions from the bank on its themes, suited to
    the employer and worded for it, leaving out those already kept for a round and pay
    questions until pay was raised in a round."""
    if not any(c.themes for c in gaps):
        return {}
    wording = prep_selectors.employer_field(opportunity).wording
    money_raised = RoundNote.objects.filter(
        round__opportunity=opportunity, kind=NoteKind.NUMBER
    ).exists()
    bank = [
        a
        for a in knowledge.asks()
        if a.id not in kept
        and knowledge.suits(a.fields, wording.field)
        and (money_raised or not a.money)
    ]
    found: dict[str, list[str]] = {}
    for criterion in gaps:
        fits = [a for a in bank if a.theme in criterion.themes][:ASKS_PER_GAP]
        found[criterion.key] = [word_ask(a, wording).text for a in fits]
    return found


@dataclass(frozen=True)
class FitView:
    opportunity: Opportunity
    card: Scorecard
    weights: dict[str, int]
    rows: list[CriterionRow]
    total: sc.Total
    gates: tuple[sc.Gate, ...]
    gate_rows: list[GateRow]
    pay: PayFacts
    strengths: list[Strength]
    observations: list[Observation]
    gaps: list[str] = field(default_factory=list)  # criteria labels without evidence

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(o.value, f"{o.where}: {o.text[:120]}") for o in self.observations]


def fit_view(*, opportunity: Opportunity) -> FitView:
    card = scorecard_of(opportunity)
    weights = weights_of(card)
    scores = scores_of(card)
    evidence: dict[str, list[tuple[Evidence, Observation]]] = {}
    if card.pk:
        rows_qs = Evidence.objects.filter(score__scorecard=card).select_related(
            "score", "note__round", "note__person", "ask__round", "ask__person", "fact"
        )
        for item in rows_qs:
            evidence.setdefault(item.score.criterion, []).append((item, observe(item)))
    counts = {k: len(v) for k, v in evidence.items()}
    gaps = sc.evidence_gaps(weights, counts)
    kept = set(
        AskItem.objects.filter(round__opportunity=opportunity)
        .exclude(bank_id="")
        .values_list("bank_id", flat=True)
    )
    asks = asks_for_gaps(opportunity, [c for c in CRITERIA if c.key in gaps], kept)
    rows = [
        CriterionRow(
            criterion=c,
            weight=weights[c.key],
            score=scores.get(c.key),
            evidence=evidence.get(c.key, []),
            asks=asks.get(c.key, []),
        )
        for c in CRITERIA
    ]
    pay = pay_facts(opportunity=opportunity)
    checks = gate_rows(card=card)
    gates = gates_of(checks, pay)
    return FitView(
        opportunity=opportunity,
        card=card,
        weights=weights,
        rows=rows,
        total=sc.total_of(option_of(opportunity, card, scores, gates)),
        gates=gates,
        gate_rows=checks,
        pay=pay,
        strengths=list(Strength.objects.filter(owner=opportunity.owner, rank__gte=1)),
        observations=observations(opportunity=opportunity),
        gaps=[c.label for c in CRITERIA if c.key in gaps],
    )


def resolve_observation(*, opportunity: Opportunity, value: str) -> RoundNote | AskItem | Fact:
    """The note, answered question or fact a form choice names, if it is this opportunity's."""
    kind, _, raw = value.partition(":")
    found: RoundNote | AskItem | Fact | None = None
    if raw.isdigit() and len(raw) < 19:
        pk = int(raw)
        if kind == EvidenceKind.NOTE:
            found = round_notes(opportunity).filter(pk=pk).first()
        elif kind == EvidenceKind.ASK:
            found = answered_asks(opportunity).filter(pk=pk).first()
        elif kind == EvidenceKind.FACT:
            found = Fact.objects.filter(opportunity=opportunity, pk=pk).first()
    if found is None:
        raise NotFound("No such observation for this opportunity.")
    return found
