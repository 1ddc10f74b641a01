"""The demo's scorecard: a few criteria scored on what the first round and the research showed,
each with its evidence, one must-have met, and the rest left open so the page shows the gaps
and the questions that would fill them. Called by ``workspace.demo``."""

from __future__ import annotations

from nextround.decision import services
from nextround.decision.models import GateStatus, MustHave
from nextround.interviews.models import NoteKind, Opportunity, Round, RoundNote
from nextround.research.models import Fact, FactKind

MUST_HAVE = "At most three office days a week"


def demo_scorecard(opportunity: Opportunity, *, first_round: Round) -> None:
    notes = {n.kind: n for n in first_round.notes.order_by("-id")}  # the first of each kind
    facts = {f.kind: f for f in Fact.objects.filter(opportunity=opportunity).order_by("-id")}
    scored: list[tuple[str, int, str, list[RoundNote | Fact | None]]] = [
        ("manager", 4, "She asks hard questions and says plainly what she liked.",
         [notes.get(NoteKind.FEEDBACK)]),
        ("scope", 4, "Real forecasting work, and a rebuild to shape.",
         [notes.get(NoteKind.FREE), facts.get(FactKind.CHALLENGES)]),
        ("pay", 4, "The verbal offer is close to my target, well above my walk-away number.",
         [notes.get(NoteKind.NUMBER)]),
        ("place", 3, "Three office days and a long commute.", [notes.get(NoteKind.CONCERN)]),
        ("stability", 4, "Privately held and growing.", [facts.get(FactKind.SIZE)]),
    ]  # fmt: skip
    for criterion, score, why, seen in scored:
        services.score_save(opportunity=opportunity, criterion=criterion, score=score, note=why)
        for item in seen:
            if item is None:
                continue
            kind = "fact" if isinstance(item, Fact) else "note"
            services.evidence_add(
                opportunity=opportunity, criterion=criterion, source=f"{kind}:{item.pk}"
            )
    owner = opportunity.owner
    must = MustHave.objects.filter(owner=owner, text=MUST_HAVE).first()
    must = must or services.must_have_add(owner=owner, text=MUST_HAVE)
    services.gates_save(
        opportunity=opportunity,
        statuses={must.pk: GateStatus.MET},
        notes={must.pk: "Three days at the Chelsea office, two at home."},
    )
