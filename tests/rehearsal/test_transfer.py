"""The rehearsal section of the export: out and back into another account, the same records,
transcribed run-throughs and spoken case answers included (without their recordings)."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.rehearsal.models import CaseSession, PresentationPlan, RunThrough, Slide
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


WORDS = [["Our", 0.0, 0.3], ["dwell", 0.3, 0.6], ["time", 0.6, 0.9], ["grew.", 0.9, 1.4]]


def _spoken_records(owner: User) -> None:
    """A transcribed run-through of the demo's panel plan, one still queued (its recording
    not transcribed: left out), and the demo's case answered out loud."""
    plan = PresentationPlan.objects.get(owner=owner)
    RunThrough.objects.create(
        owner=owner,
        plan=plan,
        audio="a.wav",
        marks=[0.5, 1.2],
        status="done",
        seconds=1.5,
        words=WORDS,
        created_at=NOW,
    )
    RunThrough.objects.create(owner=owner, plan=plan, audio="b.wav", status="queued")
    CaseSession.objects.filter(owner=owner).update(
        audio="c.wav",
        audio_status="done",
        audio_seconds=95.5,
        transcript="I would look at three areas.",
    )


def test_run_throughs_and_spoken_answers_round_trip_without_their_recordings(
    user: User, other_user: User
) -> None:
    demo_load(owner=other_user, now=NOW)
    _spoken_records(other_user)
    document = workspace_export(owner=other_user, now=NOW)
    panel = document["opportunities"][0]["rounds"][1]["presentation"]
    assert panel["run_throughs"] == [
        {"created_at": NOW.isoformat(), "marks": [0.5, 1.2], "seconds": 1.5, "words": WORDS}
    ]
    [case] = document["cases"]
    assert (case["transcript"], case["audio_seconds"]) == ("I would look at three areas.", 95.5)
    assert "audio" not in case and "audio" not in panel["run_throughs"][0]
    workspace_import(owner=user, document=document)
    [run] = RunThrough.objects.filter(owner=user)
    assert (run.status, run.audio, run.marks, run.words) == ("done", "", [0.5, 1.2], WORDS)
    session = CaseSession.objects.get(owner=user)
    assert (session.audio_status, session.audio, session.audio_seconds) == ("done", "", 95.5)
    assert _rehearsal_of(workspace_export(owner=user, now=NOW)) == _rehearsal_of(document)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("marks", [2.0, 1.0], "after the one before"),
        ("marks", [-1.0], "not negative"),
        ("seconds", -1, "must not be negative"),
        ("words", [["late", 2.0, 1.0]], r"words\[0\]: ends at 1, before it starts at 2"),
        ("words", [["bad\x00", 0.0, 1.0]], r"words\[0\]"),
        ("words", [["one", 0.0]], r"expected \[word, start, end\]"),
    ],
)
def test_a_bad_run_through_is_named_by_its_path_and_nothing_is_saved(
    user: User, other_user: User, key: str, value: object, message: str
) -> None:
    demo_load(owner=other_user, now=NOW)
    _spoken_records(other_user)
    document = copy.deepcopy(workspace_export(owner=other_user, now=NOW))
    document["opportunities"][0]["rounds"][1]["presentation"]["run_throughs"][0][key] = value
    where = r"opportunities\[0\]\.rounds\[1\]\.presentation\.run_throughs\[0\]\."
    with pytest.raises(Invalid, match=message) as raised:
        workspace_import(owner=user, document=document)
    assert re.match(where + key, raised.value.message)
    assert not RunThrough.objects.filter(owner=user).exists()
    assert not PresentationPlan.objects.filter(owner=user).exists()
