"""Workspace export and import: round trips, merging, skipping, and refusing bad files whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nextround.errors import Invalid
from nextround.interviews import services
from nextround.interviews.demo import demo_load
from nextround.interviews.models import (
    Opportunity,
    Person,
    Round,
    RoundNote,
    StageChange,
)
from nextround.interviews.transfer import (
    FORMAT,
    VERSION,
    parse_document,
    workspace_export,
    workspace_import,
)

# Between the two 2026 US daylight-saving dates, so the demo's rounds carry different offsets.
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)

Document = dict[str, Any]


def _without_export_time(document: Document) -> Document:
    return {key: value for key, value in document.items() if key != "exported_at"}


def _row_counts() -> dict[str, int]:
    models = (Opportunity, StageChange, Person, Round, RoundNote, Round.attendees.through)
    return {model.__name__: model.objects.count() for model in models}


def _keys(value: object) -> set[str]:
    """Every key used anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


@pytest.fixture
def demo_document(other_user: User) -> Document:
    """The demo workspace of another account, exported."""
    demo_load(owner=other_user, now=NOW)
    return workspace_export(owner=other_user, now=NOW)


# --- export --------------------------------------------------------------------------------


def test_export_has_header_and_no_database_ids(demo_document: Document) -> None:
    assert demo_document["format"] == FORMAT
    assert demo_document["version"] == VERSION
    assert demo_document["exported_at"] == NOW.isoformat()
    assert not {"id", "pk", "owner", "opportunity_id"} & _keys(demo_document)
    json.dumps(demo_document)  # plain JSON, no dates or decimals left as objects


def test_export_names_people_by_ref_and_keeps_local_times(demo_document: Document) -> None:
    (opportunity,) = demo_document["opportunities"]
    assert [p["ref"] for p in opportunity["people"]] == ["p1", "p2", "p3"]
    first, second = opportunity["rounds"]
    assert first["attendees"] == ["p1"]
    assert second["attendees"] == ["p1", "p2", "p3"]
    assert first["starts"] == "2026-03-01T10:00:00-05:00"  # standard time
    assert second["starts"] == "2026-03-13T13:00:00-04:00"  # daylight time
    number = next(n for n in first["notes"] if n["kind"] == "number")
    assert (number["amount_low"], number["amount_high"]) == ("98000.00", "112000.00")
    assert [c["stage"] for c in opportunity["stage_changes"]] == ["applied", "interviewing"]


def test_export_query_count_does_not_grow_with_the_workspace(
    user: User, rounds: list[Round]
) -> None:
    with CaptureQueriesContext(connection) as small:
        workspace_export(owner=user, now=NOW)
    demo_load(owner=user, now=NOW)
    services.note_create(round_=rounds[0], kind="free", text="One more row.")
    with CaptureQueriesContext(connection) as large:
        workspace_export(owner=user, now=NOW)
    assert len(large.captured_queries) == len(small.captured_queries) <= 6


def test_export_is_scoped_to_the_owner(
    user: User, demo_document: Document, rounds: list[Round]
) -> None:
    mine = workspace_export(owner=user, now=NOW)
    assert [o["company"] for o in mine["opportunities"]] == ["Northwind Health"]


# --- round trips ---------------------------------------------------------------------------


def test_round_trip_into_an_empty_workspace_is_identical(
    user: User, demo_document: Document
) -> None:
    report = workspace_import(owner=user, document=demo_document)
    assert (report.opportunities, report.people, report.rounds, report.notes) == (1, 3, 2, 11)
    again = workspace_export(owner=user, now=LATER)
    assert _without_export_time(again) == _without_export_time(demo_document)


def test_round_trip_keeps_a_longer_stage_history(user: User, other_user: User) -> None:
    opportunity = services.opportunity_create(
        owner=other_user, company="Acme", role_title="Analyst", stage_on=date(2026, 2, 1)
    )
    for stage, on in [("interviewing", date(2026, 2, 9)), ("offer", date(2026, 2, 9))]:
        services.opportunity_set_stage(opportunity=opportunity, stage=stage, on=on)
    services.opportunity_set_stage(opportunity=opportunity, stage="declined", on=date(2026, 3, 2))
    exported = workspace_export(owner=other_user, now=NOW)
    workspace_import(owner=user, document=exported)
    assert workspace_export(owner=user, now=NOW) == exported
    changes = exported["opportunities"][0]["stage_changes"]
    assert [c["stage"] for c in changes] == ["applied", "interviewing", "offer", "declined"]


def test_import_into_a_non_empty_workspace_keeps_what_is_there(
    user: User, rounds: list[Round], demo_document: Document
) -> None:
    before = workspace_export(owner=user, now=NOW)["opportunities"]
    report = workspace_import(owner=user, document=demo_document)
    after = workspace_export(owner=user, now=NOW)["opportunities"]
    assert report.opportunities == 1
    assert report.skipped == 0
    assert after[0] == before[0]  # the older, existing opportunity comes first, untouched
    assert [o["company"] for o in after] == ["Northwind Health", "Tidewater Freight"]
    assert after[1]["people"][0]["ref"] == "p4"  # refs follow on across opportunities


def test_reimport_skips_opportunities_already_present(user: User, demo_document: Document) -> None:
    workspace_import(owner=user, document=demo_document)
    counts = _row_counts()
    edited = copy.deepcopy(demo_document)
    edited["opportunities"][0]["company"] = "Renamed in the file"
    report = workspace_import(owner=user, document=edited)
    assert (report.opportunities, report.rounds, report.notes, report.skipped) == (0, 0, 0, 1)
    assert _row_counts() == counts
    # Not overwritten by the edited file.
    assert Opportunity.objects.get(owner_id=user.pk).company == "Tidewater Freight"


def test_report_summary_reads_well(user: User, demo_document: Document) -> None:
    report = workspace_import(owner=user, document=demo_document)
    assert report.summary() == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes; skipped 0 already present."
    )


def test_parse_document_accepts_what_export_writes(demo_document: Document) -> None:
    text = json.dumps(demo_document)
    assert parse_document(text) == demo_document
    assert parse_document(("\ufeff" + text).encode()) == demo_document  # BOM tolerated


# --- refusing bad files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[]", "expected a JSON object, got a list"),
        (b'{"format": "something-else", "version": 1, "opportunities": []}', "format is"),
        (b'{"format": "nextround-workspace", "version": 2, "opportunities": []}', "newer"),
        (b'{"format": "nextround-workspace", "version": "1", "opportunities": []}', "version"),
        (b'{"format": "nextround-workspace", "version": 1, "opportunities": {}}', "list"),
    ],
)
def test_parse_document_refuses_what_it_cannot_read(data: bytes, message: str) -> None:
    with pytest.raises(Invalid, match=message) as caught:
        parse_document(data)
    assert "\n" not in caught.value.message


def _set(path: str, *, to: object) -> Callable[[Document], None]:
    """A change to the last opportunity of a document, at a dotted path such as rounds.1.ends."""

    def change(document: Document) -> None:
        *parents, last = path.split(".")
        target: Any = document["opportunities"][-1]
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if to is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = to

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _set("rounds.0.starts", to=_DELETE),
            r"^opportunities\[1\]\.rounds\[0\]\.starts: missing\.$",
        ),
        (_set("company", to=_DELETE), r"^opportunities\[1\]\.company: missing\.$"),
        (
            _set("rounds.1.timezone", to="Mars/Olympus_Mons"),
            r"^opportunities\[1\]\.rounds\[1\]\.timezone: Unknown time zone",
        ),
        (
            _set("rounds.1.ends", to="2026-03-13T12:00:00-04:00"),
            r"^opportunities\[1\]\.rounds\[1\]\.ends: The round must end after it starts\.$",
        ),
        (_set("rounds.1.starts", to="next Tuesday"), r"rounds\[1\]\.starts: 'next Tuesday' is not"),
        (_set("rounds.1.attendees.2", to="p9"), r"rounds\[1\]\.attendees\[2\]: no person"),
        (_set("rounds.0.notes.3.rating", to=9), r"rounds\[0\]\.notes\[3\]\.rating: .*less than"),
        (_set("rounds.0.notes.9.amount_low", to="lots"), r"notes\[9\]\.amount_low: 'lots' is not"),
        (_set("rounds.0.notes.0.rating", to=True), r"notes\[0\]\.rating: expected a whole number"),
        (_set("stage", to="hired"), r"^opportunities\[1\]\.stage: unknown value 'hired'"),
        (_set("stage", to="offer"), r"^opportunities\[1\]\.stage: 'offer' is not the last stage"),
        (_set("stage_changes.1.on", to="2026-01-01"), r"stage_changes\[1\]\.on: The history"),
        (_set("stage_changes.1.on", to="2026-02-30"), r"stage_changes\[1\]\.on: '2026-02-30'"),
        (_set("people.1.ref", to="p1"), r"people\[1\]\.ref: 'p1' is used by another person"),
        (_set("people.2.email", to="not an email"), r"people\[2\]\.email: Enter a valid email"),
        (_set("company", to=42), r"^opportunities\[1\]\.company: expected text, got a number\.$"),
        (_set("uid", to="nope"), r"^opportunities\[1\]\.uid: not a valid UUID\.$"),
        (_set("rounds", to="none"), r"^opportunities\[1\]\.rounds: expected a list, got text\.$"),
    ],
)
def test_a_bad_record_is_named_by_its_path_and_nothing_is_saved(
    user: User,
    rounds: list[Round],
    demo_document: Document,
    change: Callable[[Document], None],
    message: str,
) -> None:
    # A valid opportunity first, so a failure late in the file has something to roll back.
    document = copy.deepcopy(demo_document)
    document["opportunities"].insert(0, copy.deepcopy(document["opportunities"][0]))
    document["opportunities"][0]["uid"] = "00000000-0000-4000-8000-000000000001"
    change(document)
    before = _row_counts()
    with pytest.raises(Invalid, match=message):
        workspace_import(owner=user, document=document)
    assert _row_counts() == before


def test_a_uid_twice_in_one_file_is_refused(user: User, demo_document: Document) -> None:
    document = copy.deepcopy(demo_document)
    document["opportunities"].append(copy.deepcopy(document["opportunities"][0]))
    with pytest.raises(Invalid, match=r"^opportunities\[1\]\.uid: .* more than once"):
        workspace_import(owner=user, document=document)
    assert Opportunity.objects.filter(owner_id=user.pk).count() == 0


def test_import_checks_the_header_of_a_document_passed_directly(user: User) -> None:
    with pytest.raises(Invalid, match="newer"):
        workspace_import(
            owner=user, document={"format": FORMAT, "version": 99, "opportunities": []}
        )


def test_optional_fields_may_be_left_out(user: User) -> None:
    """A hand-written file needs only the essentials; the rest take the usual defaults."""
    document = {
        "format": FORMAT,
        "version": 1,
        "opportunities": [
            {
                "uid": "00000000-0000-4000-8000-000000000002",
                "company": "Acme",
                "role_title": "Analyst",
                "stage": "interviewing",
                "people": [{"ref": "a", "name": "Ana"}],
                "rounds": [
                    {
                        "starts": "2026-05-04 09:00",  # naive: wall clock in the round's zone
                        "ends": "2026-05-04 10:00",
                        "timezone": "Europe/Berlin",
                        "attendees": ["a"],
                        "notes": [{"kind": "question", "text": "Why us?", "person": "a"}],
                    }
                ],
            }
        ],
    }
    report = workspace_import(owner=user, document=document)
    assert (report.opportunities, report.people, report.rounds, report.notes) == (1, 1, 1, 1)
    round_ = Round.objects.get(owner_id=user.pk)
    assert (round_.number, round_.format, round_.local_start.hour) == (1, "one_on_one", 9)
    assert round_.starts_at == datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
    opportunity = Opportunity.objects.get(owner_id=user.pk)
    assert [c.stage for c in opportunity.stage_changes.all()] == ["interviewing"]
