"""The rehearsal section of the export: out and back into another account, the same records."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.rehearsal.models import CaseSession, PresentationPlan, Slide
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import workspace_export, workspace_import

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def _rehearsal_of(document: dict[str, Any]) -> object:
    rounds = [r for o in document["opportunities"] for r in o["rounds"]]
    return document.get("cases"), [r.get("presentation") for r in rounds]


def test_round_trip_into_another_account(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    document = workspace_export(owner=other_user, now=NOW)
    [case] = document["cases"]
    assert case["case_key"] == "on-time-delivery" and case["finished_at"]
    assert case["round"] is None
    panel = document["opportunities"][0]["rounds"][1]["presentation"]
    assert panel["slot_minutes"] == 10
    assert [s["minutes"] for s in panel["slides"]] == ["1.0", None, "4.0", "4.0"]
    report = workspace_import(owner=user, document=document)
    assert report.case_sessions == 1
    assert "1 case session" in report.summary()
    assert Slide.objects.filter(owner=user).count() == 4
    again = workspace_export(owner=user, now=NOW)
    assert _rehearsal_of(again) == _rehearsal_of(document)
    # A second import skips what is already here.
    document["opportunities"] = []
    assert workspace_import(owner=user, document=document).case_sessions == 0
    assert CaseSession.objects.filter(owner=user).count() == 1


def test_a_version_6_file_without_the_keys_still_imports(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    document = workspace_export(owner=other_user, now=NOW)
    document["version"] = 6
    del document["cases"]
    for round_ in document["opportunities"][0]["rounds"]:
        round_.pop("presentation", None)
    workspace_import(owner=user, document=document)
    assert not PresentationPlan.objects.filter(owner=user).exists()


def test_a_bad_slide_saves_nothing(user: User, other_user: User) -> None:
    demo_load(owner=other_user, now=NOW)
    document = copy.deepcopy(workspace_export(owner=other_user, now=NOW))
    document["opportunities"][0]["rounds"][1]["presentation"]["slides"][0]["minutes"] = "-3"
    where = r"opportunities\[0\]\.rounds\[1\]\.presentation\.slides\[0\]\.minutes"
    with pytest.raises(Invalid, match=where):
        workspace_import(owner=user, document=document)
    assert not CaseSession.objects.filter(owner=user).exists()
