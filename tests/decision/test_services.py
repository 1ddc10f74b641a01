"""The decision app's writes: weights that add up, scores in range, evidence from this
opportunity only and once, must-haves and their checks, a decision with its reasons."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from nextround.decision import services
from nextround.decision.models import Evidence, GateStatus, MustHaveCheck, Score, Scorecard
from nextround.errors import Invalid, NotFound
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity
from nextround.scorecard.criteria import DEFAULT_WEIGHTS
from tests.decision.conftest import Observed


def test_weights_that_do_not_add_up_are_refused_and_nothing_is_made(
    opportunity: Opportunity,
) -> None:
    with pytest.raises(Invalid) as raised:
        services.weights_save(opportunity=opportunity, weights=dict(DEFAULT_WEIGHTS, scope=30))
    assert "115" in raised.value.message
    assert not Scorecard.objects.exists()
    saved = services.weights_save(
        opportunity=opportunity, weights=dict(DEFAULT_WEIGHTS, scope=25, stability=0, growth=5)
    )
    saved.refresh_from_db()
    assert saved.weights["scope"] == 25 and sum(saved.weights.values()) == 100


def test_a_score_is_from_1_to_5_or_blank(opportunity: Opportunity) -> None:
    services.score_save(opportunity=opportunity, criterion="manager", score=4, note=" warm ")
    services.score_save(opportunity=opportunity, criterion="manager", score=None, note="")
    assert Score.objects.get().score is None
    with pytest.raises(Invalid):
        services.score_save(opportunity=opportunity, criterion="manager", score=6, note="")
    with pytest.raises(Invalid):
        services.score_save(opportunity=opportunity, criterion="luck", score=3, note="")
    assert Score.objects.count() == 1


def test_evidence_links_each_kind_once(opportunity: Opportunity, observed: Observed) -> None:
    for source in (
        f"note:{observed.note.pk}",
        f"ask:{observed.ask.pk}",
        f"fact:{observed.fact.pk}",
    ):
        services.evidence_add(opportunity=opportunity, criterion="manager", source=source)
    services.evidence_add(
        opportunity=opportunity, criterion="manager", source=f"note:{observed.note.pk}"
    )
    kinds = sorted(Evidence.objects.values_list("kind", flat=True))
    assert kinds == ["ask", "fact", "note"]
    assert Evidence.objects.get(kind="ask").source == observed.ask


def test_evidence_must_be_an_observation_of_this_opportunity(
    opportunity: Opportunity, observed: Observed, rival: Opportunity
) -> None:
    for source in (
        f"ask:{observed.unanswered.pk}",
        "note:99999",
        "fact:x",
        f"fact:{'9' * 30}",
        "memo:1",
    ):
        with pytest.raises(NotFound):
            services.evidence_add(opportunity=opportunity, criterion="team", source=source)
    with pytest.raises(NotFound):
        services.evidence_add(
            opportunity=rival, criterion="team", source=f"note:{observed.note.pk}"
        )
    assert not Evidence.objects.exists()


def test_removing_the_note_removes_the_link(opportunity: Opportunity, observed: Observed) -> None:
    services.evidence_add(
        opportunity=opportunity, criterion="team", source=f"note:{observed.note.pk}"
    )
    interviews.note_delete(note=observed.note)
    assert not Evidence.objects.exists()


def test_must_haves_and_their_checks(user: User, opportunity: Opportunity) -> None:
    remote = services.must_have_add(owner=user, text="  Remote   work ")
    assert remote.text == "Remote work"
    with pytest.raises(Invalid):
        services.must_have_add(owner=user, text="remote work")
    services.gates_save(opportunity=opportunity, statuses={remote.pk: GateStatus.MISSING})
    services.gates_save(
        opportunity=opportunity, statuses={remote.pk: GateStatus.MET}, notes={remote.pk: "2 days"}
    )
    check = MustHaveCheck.objects.get()
    assert (check.status, check.note) == (GateStatus.MET, "2 days")
    with pytest.raises(Invalid):
        services.gates_save(opportunity=opportunity, statuses={remote.pk + 1: GateStatus.MET})
    with pytest.raises(Invalid):
        services.gates_save(opportunity=opportunity, statuses={remote.pk: "maybe"})


def test_a_decision_needs_its_reasons(user: User, opportunity: Opportunity) -> None:
    with pytest.raises(Invalid) as raised:
        services.decision_record(owner=user, chosen=opportunity, reasons="  ", standings=[])
    assert "reasons" in raised.value.field_errors
    decision = services.decision_record(
        owner=user, chosen=opportunity, reasons="The manager.", standings=[{"name": "x"}]
    )
    assert decision.chosen_name == "Northwind Health — Operations Analyst"


def test_a_decision_cannot_choose_someone_elses_opportunity(user: User, other_user: User) -> None:
    theirs = interviews.opportunity_create(owner=other_user, company="X", role_title="Y")
    with pytest.raises(Invalid):
        services.decision_record(owner=user, chosen=theirs, reasons="why not", standings=[])
