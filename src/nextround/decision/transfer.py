"""The decision app's section of the workspace export: in each opportunity its ``scorecard``
(weights, scores with the evidence behind them, the must-haves it was checked against), and at
the top ``decision`` (the must-haves and the decisions recorded). Each only when there is
something to write, so files of earlier versions import as before.

Evidence names what it rests on by place, as the file carries no ids: a round's note by the
round's number and the note's position among its exported notes (``{"note": [2, 0]}``), an
answered question by the round and its position among the round's ``asks`` (``{"ask": [2, 1]}``)
and a research fact by its position in the opportunity's ``facts`` (``{"fact": 3}``). A
must-have is named by its text; a decision names the chosen opportunity by its uid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    save_valid,
    stamps,
)
from nextround.decision.models import (
    Decision,
    Evidence,
    EvidenceKind,
    GateStatus,
    MustHave,
    MustHaveCheck,
    Score,
    Scorecard,
)
from nextround.errors import Invalid
from nextround.interviews.models import Opportunity, RoundNote
from nextround.interviews.transfer import OpportunityImport, note_places
from nextround.prep.models import AskItem
from nextround.research.models import Fact
from nextround.scorecard.criteria import KEYS
from nextround.scorecard.score import check_weights


class OpportunityDecision(Doc):
    scorecard: dict[str, Any] | None = None


class ScorecardDoc(Doc):
    weights: dict[str, int]
    scores: Rows = []
    must_haves: Rows = []
    updated_at: Moment | None = None


class ScoreDoc(Doc):
    criterion: str
    score: int | None = None
    why: str = ""
    evidence: Rows = []
    updated_at: Moment | None = None


class EvidenceDoc(Doc):
    note: list[int] | None = None
    ask: list[int] | None = None
    fact: int | None = None


class CheckDoc(Doc):
    text: str
    status: str
    note: str = ""


class Top(Doc):
    decision: dict[str, Any] | None = None


class DecisionSection(Doc):
    must_haves: list[str] = []
    decisions: Rows = []


class DecisionDoc(Doc):
    reasons: str
    chosen: str | None = None
    name: str = ""
    standings: Rows = []
    decided_at: Moment | None = None


# --- export --------------------------------------------------------------------------------


def opportunity_prefetch() -> Sequence[Prefetch[Any]]:
    """The scorecard with its scores, their evidence and the must-have checks; the places of
    notes, questions and facts come from the rounds' and the research section's prefetches."""
    scores = Score.objects.order_by("id").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id"))
    )
    checks = MustHaveCheck.objects.select_related("must_have").order_by(
        "must_have__created_at", "must_have__id"
    )
    return (
        Prefetch(
            "scorecard",
            queryset=Scorecard.objects.prefetch_related(
                Prefetch("scores", queryset=scores), Prefetch("checks", queryset=checks)
            ),
        ),
    )


def _places(opportunity: Opportunity) -> dict[tuple[str, int], Any]:
    """Where each note, asked question and fact stands in the file, by kind and id (the same
    orders as the rounds' and the research section's exports)."""
    rounds = opportunity.rounds.all()
    found: dict[tuple[str, int], Any] = {
        ("note", pk): list(place) for pk, place in note_places(rounds).items()
    }
    for round_ in rounds:
        for position, ask in enumerate(round_.asks.all()):
            found[("ask", ask.pk)] = [round_.number, position]
    for position, fact in enumerate(opportunity.facts.all()):
        found[("fact", fact.pk)] = position
    return found


def _evidence(item: Evidence, places: Mapping[tuple[str, int], Any]) -> dict[str, Any] | None:
    pk = item.note_id or item.ask_id or item.fact_id
    assert pk is not None
    place = places.get((item.kind, pk))
    return None if place is None else {item.kind: place}


def opportunity_export(opportunity: Opportunity) -> dict[str, Any]:
    card: Scorecard | None = getattr(opportunity, "scorecard", None)  # prefetched; None: none
    if card is None:
        return {}
    places = _places(opportunity)
    scores = []
    for score in card.scores.all():
        links = [_evidence(e, places) for e in score.evidence.all()]
        scores.append(
            {
                "criterion": score.criterion,
                "score": score.score,
                "why": score.note,
                "evidence": [link for link in links if link is not None],
                "updated_at": score.updated_at.isoformat(),
            }
        )
    checks = [
        {"text": c.must_have.text, "status": c.status, "note": c.note} for c in card.checks.all()
    ]
    return {
        "scorecard": {
            "weights": card.weights,
            "scores": scores,
            "must_haves": checks,
            "updated_at": card.updated_at.isoformat(),
        }
    }


def decision_export(*, owner: User) -> dict[str, Any]:
    musts = list(MustHave.objects.filter(owner=owner).values_list("text", flat=True))
    decisions = [
        {
            "chosen": str(d.chosen.uid) if d.chosen else None,
            "name": d.chosen_name,
            "reasons": d.reasons,
            "standings": d.standings,
            "decided_at": d.decided_at.isoformat(),
        }
        for d in Decision.objects.filter(owner=owner)
        .select_related("chosen")
        .order_by("decided_at", "id")
    ]
    if not musts and not decisions:
        return {}
    return {"decision": {"must_haves": musts, "decisions": decisions}}


# --- import --------------------------------------------------------------------------------


def _must_have(owner: User, text: str, *, path: str) -> MustHave:
    text = " ".join(text.split())
    found = MustHave.objects.filter(owner=owner, text__iexact=text).first()
    if found is not None:
        return found
    must = MustHave(owner=owner, text=text)
    save_valid(must, path=path, what="must-have")
    return must


def _source(
    opportunity: Opportunity, item: Record[EvidenceDoc], notes: Mapping[int, Sequence[RoundNote]]
) -> dict[str, Any]:
    doc = item.doc
    if doc.note is not None:
        number, position = _pair(item, "note")
        if number not in notes or not 0 <= position < len(notes[number]):
            raise item.error("note", f"no note at position {position} of round {number}.")
        return {"kind": EvidenceKind.NOTE, "note": notes[number][position]}
    if doc.ask is not None:
        number, position = _pair(item, "ask")
        asks = list(
            AskItem.objects.filter(round__opportunity=opportunity, round__number=number).order_by(
                "created_at", "id"
            )
        )
        if not 0 <= position < len(asks):
            raise item.error("ask", f"no question at position {position} of round {number}.")
        return {"kind": EvidenceKind.ASK, "ask": asks[position]}
    if doc.fact is not None:
        facts = list(Fact.objects.filter(opportunity=opportunity).order_by("created_at", "id"))
        if not 0 <= doc.fact < len(facts):
            raise item.error("fact", f"this opportunity has no fact at position {doc.fact}.")
        return {"kind": EvidenceKind.FACT, "fact": facts[doc.fact]}
    raise Invalid(f"{item.path}: name a note, an asked question or a fact.")


def _pair(item: Record[EvidenceDoc], key: str) -> tuple[int, int]:
    value = getattr(item.doc, key)
    if len(value) != 2:
        raise item.error(key, "expected [round number, position].")
    return value[0], value[1]


def opportunity_import(report: Tally) -> OpportunityImport:
    """Reads an opportunity's ``scorecard``, counting it in ``report``."""

    def read(
        opportunity: Opportunity, item: Record[Any], notes: Mapping[int, Sequence[RoundNote]]
    ) -> None:
        part = item.view(OpportunityDecision)
        if not part.has("scorecard"):
            return
        section = part.record("scorecard", ScorecardDoc)
        try:
            weights = check_weights(section.doc.weights)
        except Invalid as exc:
            raise section.error("weights", exc.message) from None
        card = Scorecard(
            owner=opportunity.owner,
            opportunity=opportunity,
            weights=weights,
            **stamps(section, "updated_at"),
        )
        save_valid(card, path=section.path, what="scorecard")
        for score_item in section.records("scores", ScoreDoc):
            score = Score(
                owner=card.owner,
                scorecard=card,
                criterion=score_item.choice("criterion", KEYS),
                score=score_item.doc.score,
                note=score_item.doc.why,
                **stamps(score_item, "updated_at"),
            )
            save_valid(score, path=score_item.path, what="score")
            for link in score_item.records("evidence", EvidenceDoc):
                evidence = Evidence(
                    owner=card.owner, score=score, **_source(opportunity, link, notes)
                )
                save_valid(evidence, path=link.path, what="evidence")
        for check_item in section.records("must_haves", CheckDoc):
            check = MustHaveCheck(
                owner=card.owner,
                scorecard=card,
                must_have=_must_have(card.owner, check_item.doc.text, path=check_item.path),
                status=check_item.choice("status", GateStatus.values),
                note=check_item.doc.note,
            )
            save_valid(check, path=check_item.path, what="must-have check")
        report.add("scorecards")

    return read


def decision_import(*, owner: User, root: Record[Any], report: Tally) -> None:
    top = root.view(Top)
    if not top.has("decision"):
        return
    section = top.record("decision", DecisionSection)
    for position, text in enumerate(section.doc.must_haves):
        _must_have(owner, text, path=section.at(f"must_haves[{position}]"))
    for item in section.records("decisions", DecisionDoc):
        decided = stamps(item, "decided_at")
        same = Decision.objects.filter(owner=owner, reasons=item.doc.reasons, **decided)
        if decided and same.exists():
            report.skipped += 1
            continue
        chosen = None
        if item.has("chosen"):
            chosen = Opportunity.objects.filter(owner=owner, uid=item.uid("chosen")).first()
            if chosen is None:
                raise item.error("chosen", "no opportunity with this uid in the file or here.")
        decision = Decision(
            owner=owner,
            chosen=chosen,
            chosen_name=item.doc.name,
            reasons=item.doc.reasons,
            standings=item.doc.standings,
            **decided,
        )
        save_valid(decision, path=item.path, what="decision")
        report.add("decisions")


def imported(report: Tally) -> list[str]:
    counts = (
        (report.scorecards, "scorecard", "scorecards"),
        (report.decisions, "decision", "decisions"),
    )
    return [count_phrase(n, one, many) for n, one, many in counts if n]
