"""The scorecard page's reads: evidence per criterion, the gaps and the questions that would
fill them, the pay criterion from the money app, the gates."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User

from nextround.decision import selectors, services
from nextround.decision.models import GateStatus
from nextround.interviews.models import Opportunity, Person, Round
from nextround.money import services as money
from nextround.playbook import knowledge
from nextround.prep import services as prep
from nextround.prep.selectors import employer_field
from nextround.scorecard.criteria import BY_KEY, KEYS
from nextround.scorecard.score import pay_score
from tests.decision.conftest import Observed
from tests.money.conftest import AMOUNTS, WALK_AWAY


def _budget(user: User) -> None:
    money.budget_save(
        owner=user, changes={"country": "us", "state_local_rate": Decimal(5), **AMOUNTS}
    )


def _offer(user: User, opportunity: Opportunity, base: int) -> None:
    money.offer_save(
        owner=user,
        opportunity=opportunity,
        fields={
            "name": opportunity.company,
            "status": "written",
            "currency": "USD",
            "base": Decimal(base),
        },
    )


def test_a_new_scorecard_reads_without_writing(opportunity: Opportunity) -> None:
    view = selectors.fit_view(opportunity=opportunity)
    assert view.card.pk is None and view.total.total == 3.0 and view.total.provisional
    assert view.gaps == [BY_KEY[k].label for k in KEYS]


def test_linked_evidence_fills_the_gap(opportunity: Opportunity, observed: Observed) -> None:
    services.evidence_add(
        opportunity=opportunity, criterion="manager", source=f"note:{observed.note.pk}"
    )
    services.evidence_add(
        opportunity=opportunity, criterion="manager", source=f"ask:{observed.ask.pk}"
    )
    view = selectors.fit_view(opportunity=opportunity)
    manager = next(r for r in view.rows if r.criterion.key == "manager")
    assert [seen.text for _, seen in manager.evidence] == [
        "Dana gives feedback the same day, in private, with examples.",
        "How do you support people when a launch slips? — We re-plan together on the day; "
        "nobody is blamed.",
    ]
    assert "The manager's style" not in view.gaps and manager.asks == []
    # the unanswered question is not an observation; the fact and the note are
    assert {o.value for o in view.observations} == {
        f"note:{observed.note.pk}",
        f"ask:{observed.ask.pk}",
        f"fact:{observed.fact.pk}",
    }


def test_gaps_suggest_bank_questions_on_the_criterions_themes(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    view = selectors.fit_view(opportunity=opportunity)
    growth = next(r for r in view.rows if r.criterion.key == "growth")
    wording = employer_field(opportunity).wording
    worded = {wording.word(a.text): a for a in knowledge.asks()}
    assert growth.asks and len(growth.asks) <= selectors.ASKS_PER_GAP
    assert all(worded[text].theme == "growth" for text in growth.asks)
    # keeping one of them for a round takes it off the list
    first = worded[growth.asks[0]]
    prep.ask_adopt(round_=rounds[1], person=people[0], bank_id=first.id)
    rows = selectors.fit_view(opportunity=opportunity).rows
    again = next(r for r in rows if r.criterion.key == "growth")
    assert growth.asks[0] not in again.asks
    pay = next(r for r in view.rows if r.criterion.key == "pay")
    assert all(not worded[text].money for text in pay.asks)  # pay questions wait


def test_pay_reads_the_walk_away_target_and_offer(user: User, opportunity: Opportunity) -> None:
    facts = selectors.pay_facts(opportunity=opportunity)
    assert facts.walk_away is None and facts.gate.failed is None and facts.suggested is None
    _budget(user)
    _offer(user, opportunity, 70_000)
    facts = selectors.pay_facts(opportunity=opportunity)
    assert facts.walk_away == WALK_AWAY and facts.gate.failed is False
    assert facts.target is not None and facts.target >= WALK_AWAY
    assert facts.suggested == pay_score(Decimal(70_000), WALK_AWAY, facts.target)
    _offer(user, opportunity, 60_000)  # the latest offer counts
    assert selectors.pay_facts(opportunity=opportunity).gate.failed is True


def test_must_haves_become_gates(user: User, opportunity: Opportunity) -> None:
    visa = services.must_have_add(owner=user, text="Visa support")
    view = selectors.fit_view(opportunity=opportunity)
    assert view.total.unknown == ("Pay at or above my walk-away number", "Visa support")
    services.gates_save(opportunity=opportunity, statuses={visa.pk: GateStatus.MISSING})
    view = selectors.fit_view(opportunity=opportunity)
    assert view.total.failed == ("Visa support",) and not view.total.passes
