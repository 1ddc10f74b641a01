"""Reads of the decision page: the live opportunities and offers side by side (totals, gates,
the flip margin, the chart), the decisions recorded, and the notes that decline the offers the
latest decision turns down. The scorecards themselves are read by ``selectors``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from nextround import letters
from nextround.decision.models import Decision
from nextround.decision.selectors import (
    gate_rows,
    gates_of,
    latest_offer,
    option_of,
    pay_facts,
    scorecard_of,
    scores_of,
)
from nextround.errors import Invalid, NotFound
from nextround.followup.thanks import signer_of
from nextround.interviews.models import ACTIVE_STAGES, Opportunity, Person, Relation, Stage
from nextround.money import selectors as money_selectors
from nextround.money.models import Offer, OfferStatus
from nextround.scorecard import score as sc
from nextround.scorecard.chart import chart_summary, chart_svg
from nextround.scorecard.criteria import CRITERIA
from nextround.scorecard.flip import FlipMargin, flip_margin, lead

CLOSED_STAGES = (Stage.DECLINED, Stage.REJECTED, Stage.WITHDRAWN)


def contenders(*, owner: User) -> QuerySet[Opportunity]:
    """Live opportunities, and those with an offer that were not closed."""
    with_offer = Q(offers__isnull=False) & ~Q(stage__in=CLOSED_STAGES)
    return (
        Opportunity.objects.filter(owner=owner)
        .filter(Q(stage__in=ACTIVE_STAGES) | with_offer)
        .distinct()
        .order_by("company", "role_title", "id")
    )


def option_for(
    opportunity: Opportunity, *, budget: money_selectors.BudgetView | None = None
) -> sc.Option:
    """The opportunity as the decision compares it (the pay gate without reading the target)."""
    card = scorecard_of(opportunity)
    pay = pay_facts(opportunity=opportunity, with_target=False, budget=budget)
    gates = gates_of(gate_rows(card=card), pay)
    return option_of(opportunity, card, scores_of(card), gates)


@dataclass(frozen=True)
class Standing:
    opportunity: Opportunity
    total: sc.Total
    offer: Offer | None
    place: int  # 1 for first


@dataclass(frozen=True)
class DeclineNote:
    offer: Offer
    to: Person | None
    draft: letters.Draft
    mailto: str | None


@dataclass(frozen=True)
class DecisionView:
    standings: list[Standing]
    margin: FlipMargin | None
    lead: float | None
    chart: str
    summary: str
    weights_differ: bool
    decisions: list[Decision]
    declines: list[DeclineNote]

    @property
    def latest(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None


def _contact(opportunity: Opportunity) -> Person | None:
    """Who hears the answer to an offer: the recruiter, else the hiring manager, else anyone."""
    people = list(opportunity.people.all())
    for relation in (Relation.HR, Relation.HIRING_MANAGER):
        found = next((p for p in people if p.relation == relation), None)
        if found is not None:
            return found
    return people[0] if people else None


def _interviewer(person: Person | None) -> letters.Interviewer:
    if person is None:
        return letters.Interviewer(name="", greet_as="hiring team")
    relation = cast(
        letters.Relation, person.relation if person.relation in letters.ANGLE_OF else "other"
    )
    return letters.Interviewer(
        name=person.name, title=person.title, relation=relation, email=person.email
    )


def decline_note(*, offer: Offer, accepted_elsewhere: bool, reason: str = "") -> DeclineNote:
    assert offer.opportunity is not None
    opportunity = offer.opportunity
    signer = signer_of(offer.owner)
    candidate = letters.Candidate(
        name=signer.name if signer else "Your name",
        role=opportunity.role_title,
        company=opportunity.company,
    )
    person = _contact(opportunity)
    to = _interviewer(person)
    draft = letters.decline_offer(
        candidate, to, reason=reason, accepted_elsewhere=accepted_elsewhere
    )
    mailbox = letters.Mailbox(to.name, to.email) if to.email else None
    try:
        mailto = letters.mailto_link(draft, mailbox)
    except Invalid:
        mailto = letters.mailto_link(draft, None)
    return DeclineNote(offer=offer, to=person, draft=draft, mailto=mailto)


def declines_for(decision: Decision | None) -> list[DeclineNote]:
    """A note for every open offer the latest decision turns down."""
    if decision is None:
        return []
    offers = (
        Offer.objects.filter(owner=decision.owner)
        .exclude(status=OfferStatus.CURRENT)
        .exclude(opportunity__stage__in=CLOSED_STAGES)
        .select_related("opportunity")
        .order_by("created_at", "id")
    )
    return [
        decline_note(offer=o, accepted_elsewhere=decision.chosen_id is not None)
        for o in offers
        if o.opportunity_id != decision.chosen_id
    ]


def decline_offer_get(*, owner: User, pk: int) -> DeclineNote:
    """The decline note for one offer, as the latest decision words it."""
    offer = money_selectors.offer_get(owner=owner, pk=pk)
    latest = Decision.objects.filter(owner=owner).first()
    if offer.is_current or latest is None or offer.opportunity_id == latest.chosen_id:
        raise NotFound("No decline note for this offer: record a decision that turns it down.")
    return decline_note(offer=offer, accepted_elsewhere=latest.chosen_id is not None)


def decision_view(*, owner: User) -> DecisionView:
    opportunities = {str(o.pk): o for o in contenders(owner=owner).prefetch_related("people")}
    budget = money_selectors.budget_view(owner=owner)
    options = [option_for(o, budget=budget) for o in opportunities.values()]
    ranked = sc.rank(options)
    totals = [sc.total_of(o) for o in ranked]
    standings = [
        Standing(opportunities[t.key], t, latest_offer(opportunities[t.key]), place)
        for place, t in enumerate(totals, start=1)
    ]
    decisions = list(Decision.objects.filter(owner=owner).select_related("chosen"))
    labels = {c.key: c.label for c in CRITERIA}
    return DecisionView(
        standings=standings,
        margin=flip_margin(options),
        lead=lead(options),
        chart=chart_svg(totals, labels=labels) if totals else "",
        summary=chart_summary(totals) if totals else "",
        weights_differ=len({tuple(o.weights.items()) for o in options}) > 1,
        decisions=decisions,
        declines=declines_for(decisions[0] if decisions else None),
    )


def standings_record(view: DecisionView) -> list[dict[str, object]]:
    """The standings as the decision record keeps them."""
    return [
        {
            "name": s.total.name,
            "total": s.total.total,
            "failed": list(s.total.failed),
            "provisional": s.total.provisional,
        }
        for s in view.standings
    ]
