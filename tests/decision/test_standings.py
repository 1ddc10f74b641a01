"""The decision page's reads: contenders ranked with their gates, the flip margin as the pure
package works it, and the notes that decline the offers the latest decision turns down."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from nextround.decision import services, standings
from nextround.decision.models import GateStatus
from nextround.errors import NotFound
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity
from nextround.money import services as money
from nextround.money.models import Offer
from nextround.scorecard.flip import flip_margin


def _score(opportunity: Opportunity, **scores: int) -> None:
    for key, value in scores.items():
        services.score_save(opportunity=opportunity, criterion=key, score=value, note="")


def _offer(user: User, opportunity: Opportunity, base: int) -> Offer:
    return money.offer_save(
        owner=user,
        opportunity=opportunity,
        fields={
            "name": opportunity.company,
            "status": "written",
            "currency": "USD",
            "base": Decimal(base),
        },
    )


@pytest.fixture
def scored(opportunity: Opportunity, rival: Opportunity) -> tuple[Opportunity, Opportunity]:
    # Northwind: manager 5, pay 2 → (15×5 + 15×2 + 70×3)/100 = 3.15
    # Contoso:   manager 2, pay 5 → (15×2 + 15×5 + 70×3)/100 = 3.15, then scope 4 → 3.30
    _score(opportunity, manager=5, pay=2)
    _score(rival, manager=2, pay=5, scope=4)
    return opportunity, rival


def test_contenders_are_live_or_hold_an_offer(
    user: User, opportunity: Opportunity, rival: Opportunity
) -> None:
    closed = interviews.opportunity_create(
        owner=user, company="Gone", role_title="x", stage="rejected"
    )
    _offer(user, closed, 1)
    names = [o.company for o in standings.contenders(owner=user)]
    assert names == ["Contoso Care", "Northwind Health"]


def test_standings_rank_by_total_and_match_the_pure_flip_margin(
    user: User, scored: tuple[Opportunity, Opportunity]
) -> None:
    view = standings.decision_view(owner=user)
    assert [(s.place, s.opportunity.company, s.total.total) for s in view.standings] == [
        (1, "Contoso Care", 3.3),
        (2, "Northwind Health", 3.15),
    ]
    assert view.lead == pytest.approx(0.15)
    options = [standings.option_for(s.opportunity) for s in view.standings]
    assert view.margin == flip_margin(options)
    assert view.margin is not None and view.margin.smallest is not None
    assert view.margin.smallest.challenger_name == "Northwind Health — Operations Analyst"
    assert 'data-option="Contoso Care — Operations Lead"' in view.chart


def test_a_gate_puts_the_leader_last_and_ends_the_flip(
    user: User, scored: tuple[Opportunity, Opportunity]
) -> None:
    _, rival = scored
    remote = services.must_have_add(owner=user, text="Remote work")
    services.gates_save(opportunity=rival, statuses={remote.pk: GateStatus.MISSING})
    view = standings.decision_view(owner=user)
    assert [s.opportunity.company for s in view.standings] == ["Northwind Health", "Contoso Care"]
    assert view.standings[1].total.failed == ("Remote work",)
    assert view.margin is None and "fails: Remote work" in view.chart


def test_declining_the_other_offers(user: User, scored: tuple[Opportunity, Opportunity]) -> None:
    northwind, contoso = scored
    interviews.person_create(
        opportunity=contoso, name="Ann Hale", relation="hr", email="ann@contoso.example"
    )
    kept = _offer(user, northwind, 90_000)
    declined = _offer(user, contoso, 95_000)
    assert standings.decision_view(owner=user).declines == []
    services.decision_record(owner=user, chosen=northwind, reasons="The manager.", standings=[])
    notes = standings.decision_view(owner=user).declines
    assert [n.offer for n in notes] == [declined]
    note = notes[0]
    assert note.to is not None and note.to.name == "Ann Hale"
    assert (
        note.draft.body.startswith("Dear Ann Hale,") and "accepted another offer" in note.draft.body
    )
    assert note.mailto is not None and note.mailto.startswith("mailto:ann@contoso.example?")
    with pytest.raises(NotFound):
        standings.decline_offer_get(owner=user, pk=kept.pk)
    assert standings.decline_offer_get(owner=user, pk=declined.pk).offer == declined


def test_keeping_looking_declines_every_offer_without_claiming_another(
    user: User, scored: tuple[Opportunity, Opportunity]
) -> None:
    northwind, contoso = scored
    _offer(user, northwind, 90_000)
    _offer(user, contoso, 95_000)
    services.decision_record(owner=user, chosen=None, reasons="Neither fits.", standings=[])
    notes = standings.decision_view(owner=user).declines
    assert len(notes) == 2
    assert all("another offer" not in n.draft.body for n in notes)
    assert notes[0].draft.body.startswith("Dear hiring team,")
