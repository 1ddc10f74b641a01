"""The decision section of the export: out and back into another account, the same scorecard
with its evidence, must-haves and decisions; bad records named by their place; older files."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround.decision import selectors, services
from nextround.decision.models import Decision, Evidence, Scorecard
from nextround.errors import Invalid
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import VERSION, workspace_export, workspace_import

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _decision_of(document: dict[str, Any]) -> object:
    return document.get("decision"), [o.get("scorecard") for o in document["opportunities"]]


@pytest.fixture
def document(other_user: User) -> dict[str, Any]:
    opportunity, _ = demo_load(owner=other_user, now=NOW)
    services.must_have_add(owner=other_user, text="Visa support")
    services.decision_record(
        owner=other_user, chosen=opportunity, reasons="The forecasting work.", standings=[]
    )
    return workspace_export(owner=other_user, now=NOW)


def test_round_trip_into_another_account(user: User, document: dict[str, Any]) -> None:
    assert document["version"] == VERSION == 8
    card = document["opportunities"][0]["scorecard"]
    manager = next(s for s in card["scores"] if s["criterion"] == "manager")
    assert manager["score"] == 4 and list(manager["evidence"][0]) == ["note"]
    assert document["decision"]["must_haves"] == [
        "At most three office days a week",
        "Visa support",
    ]
    report = workspace_import(owner=user, document=document)
    assert (report.scorecards, report.decisions) == (1, 1)
    assert "1 scorecard, 1 decision" in report.summary()
    again = workspace_export(owner=user, now=NOW)
    assert _decision_of(again) == _decision_of(document)
    mine = Scorecard.objects.get(owner=user)
    theirs = Scorecard.objects.exclude(owner=user).get()
    texts = [
        sorted(
            s.text
            for r in selectors.fit_view(opportunity=c.opportunity).rows
            for _, s in r.evidence
        )
        for c in (mine, theirs)
    ]
    assert texts[0] == texts[1] and len(texts[0]) == Evidence.objects.filter(owner=user).count()
    # the same file again: the opportunity and the decision are skipped
    report = workspace_import(owner=user, document=document)
    assert report.decisions == 0 and Decision.objects.filter(owner=user).count() == 1


def test_bad_weights_and_a_missing_note_are_named(user: User, document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    bad["opportunities"][0]["scorecard"]["weights"]["scope"] = 50
    with pytest.raises(
        Invalid, match=r"opportunities\[0\]\.scorecard\.weights: The weights add up to 135"
    ):
        workspace_import(owner=user, document=bad)
    bad = copy.deepcopy(document)
    bad["opportunities"][0]["scorecard"]["scores"][0]["evidence"] = [{"note": [1, 99]}]
    with pytest.raises(Invalid, match=r"scores\[0\]\.evidence\[0\]\.note: no note at position 99"):
        workspace_import(owner=user, document=bad)
    assert not Scorecard.objects.filter(owner=user).exists()


def test_a_version_6_file_still_imports(user: User, document: dict[str, Any]) -> None:
    older = copy.deepcopy(document)
    older["version"] = 6
    del older["decision"]
    for opportunity in older["opportunities"]:
        opportunity.pop("scorecard", None)
    report = workspace_import(owner=user, document=older)
    assert report.opportunities == 1 and report.scorecards == 0
    assert not Scorecard.objects.filter(owner=user).exists()
