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
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from nextround.stories import services as stories
from nextround.stories.models import ConcernAnswer, Quote, Story, Strength, Telling

# Between the two 2026 US daylight-saving dates, so the demo's rounds carry different offsets.
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)

Document = dict[str, Any]

# What the demo adds besides its opportunity (see demo._stories): two stories, the first told to
# Maya in the first round, one strength (rank 1, the differentiator, backed by both) and a quote.
DEMO_STORIES = ("Dock scheduling trial", "Peak-season capacity forecast")
DEMO_STRENGTH = "Turning messy operations data into decisions"
DEMO_QUOTE = "Former manager at Harbor Cold Storage"


def _without_export_time(document: Document) -> Document:
    return {key: value for key, value in document.items() if key != "exported_at"}


# Every kind of row an export carries, the many-to-many links included.
EXPORTED: tuple[type[Model], ...] = (
    Opportunity,
    StageChange,
    Person,
    Round,
    Round.attendees.through,
    RoundNote,
    PlanProgress,
    AskItem,
    Story,
    Telling,
    Telling.people.through,
    Strength,
    Strength.stories.through,
    Quote,
    ConcernAnswer,
)


def _row_counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in EXPORTED}


def _owned_counts(owner: User) -> dict[str, int]:
    """How many rows of each kind the owner has; links counted through their owned side."""
    counts = {}
    for model in EXPORTED:
        rows = model._default_manager.all()
        if model is Round.attendees.through:
            rows = rows.filter(round__owner=owner)
        elif model is Telling.people.through:
            rows = rows.filter(telling__owner=owner)
        elif model is Strength.stories.through:
            rows = rows.filter(strength__owner=owner)
        elif model is StageChange:
            rows = rows.filter(opportunity__owner=owner)
        else:
            rows = rows.filter(owner=owner)
        counts[model.__name__] = rows.count()
    return counts


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


def _fill(owner: User) -> None:
    """Add one or more of every kind of record beyond the demo's to the owner's workspace.

    Its stories follow the demo's two (refs s3 and s4), and its strengths take ranks 2 and 3,
    below the demo's rank-1 differentiator, so neither swaps nor clears the demo's ranking."""
    opportunity, _ = demo_load(owner=owner, now=NOW)
    first, second = opportunity.rounds.order_by("number")
    maya, luis, _grace = opportunity.people.order_by("id")
    shift = stories.story_create(
        owner=owner,
        title="Shift-bid rollout",
        situation="Drivers swapped shifts by text message.",
        result="Swaps down by a third.",
        numbers="30% fewer swaps",
        competencies="change, negotiation",
        employer="Acme Freight",
        happened_on=date(2024, 5, 1),
    )
    audit = stories.story_create(owner=owner, title="Freight audit")
    stories.telling_record(story=shift, round_=first)  # to every attendee
    stories.telling_record(story=audit, round_=second, people=[luis])
    stories.strength_save(owner=owner, name="Calm under pressure", rank=2, stories=[audit, shift])
    stories.strength_save(owner=owner, name="Numbers", rank=3, description="SQL.", stories=[shift])
    stories.quote_create(owner=owner, text="She fixes what others route around.", who="Dana")
    concern = first.notes.filter(kind="concern").order_by("created_at", "id").last()
    assert concern is not None
    stories.concern_answer_set(
        opportunity=opportunity,
        ref=f"note-{concern.pk}",
        kind="story",
        story=shift,
        status="addressed",
    )
    # A requirement's key and text are kept as they were, whatever the posting says now.
    ConcernAnswer.objects.create(
        owner=owner,
        opportunity=opportunity,
        requirement_key="sql",
        requirement_text="Strong SQL",
        kind="learning",
        answer="Finished a course in May.",
        status="planned",
    )
    PlanProgress.objects.create(owner=owner, round=second, key="documents", status="done")
    PlanProgress.objects.create(
        owner=owner, round=second, key="clothes", status="skipped", reason="Uniform"
    )
    kept = prep.ask_adopt(round_=second, person=luis, bank_id="first-months-priorities")
    prep.ask_update(item=kept, answer="The reporting rebuild.")
    prep.ask_create(round_=second, person=None, text="What does success look like?")
    prep.ask_create(round_=first, person=maya, text="Why is the role open?")


@pytest.fixture
def full_document(other_user: User) -> Document:
    """Another account's demo workspace with every kind of record, exported."""
    _fill(other_user)
    return workspace_export(owner=other_user, now=NOW)


# --- export --------------------------------------------------------------------------------


def test_export_has_header_and_no_database_ids(full_document: Document) -> None:
    assert full_document["format"] == FORMAT
    assert full_document["version"] == VERSION == 2
    assert full_document["exported_at"] == NOW.isoformat()
    ids = {"id", "pk", "owner", "opportunity_id", "round_id", "story_id", "note_id", "person_id"}
    assert not ids & _keys(full_document)
    json.dumps(full_document)  # plain JSON, no dates or decimals left as objects


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
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    # One of each kind first: prefetching under an empty level runs no query at all.
    story = stories.story_create(owner=user, title="First story")
    stories.telling_record(story=story, round_=rounds[0])
    stories.strength_save(owner=user, name="Focus", rank=1, stories=[story])
    with CaptureQueriesContext(connection) as small:
        workspace_export(owner=user, now=NOW)
    _fill(user)
    services.note_create(round_=rounds[0], kind="free", text="One more row.")
    stories.telling_record(story=story, round_=rounds[1], people=people[1:])
    with CaptureQueriesContext(connection) as large:
        workspace_export(owner=user, now=NOW)
    assert len(large.captured_queries) == len(small.captured_queries) <= 15


def test_export_names_stories_by_ref_and_keeps_what_was_done_per_round(
    full_document: Document,
) -> None:
    # The demo's stories come first, in the order they were written.
    assert [(s["ref"], s["title"]) for s in full_document["stories"]] == [
        ("s1", DEMO_STORIES[0]),
        ("s2", DEMO_STORIES[1]),
        ("s3", "Shift-bid rollout"),
        ("s4", "Freight audit"),
    ]
    shift = full_document["stories"][2]
    assert (shift["happened_on"], shift["competencies"]) == ("2024-05-01", "change, negotiation")
    assert [
        (s["name"], s["rank"], s["differentiator"], s["stories"])
        for s in full_document["strengths"]
    ] == [
        (DEMO_STRENGTH, 1, True, ["s1", "s2"]),
        ("Calm under pressure", 2, False, ["s3", "s4"]),  # backed by audit, shift: in ref order
        ("Numbers", 3, False, ["s3"]),
    ]
    assert [(q["who"], q["text"]) for q in full_document["quotes"]] == [
        (DEMO_QUOTE, "She makes the numbers make sense to the people who have to act on them."),
        ("Dana", "She fixes what others route around."),
    ]
    (opportunity,) = full_document["opportunities"]
    first, second = opportunity["rounds"]
    assert second["created_at"] == "2026-03-04T15:00:00+00:00"
    # The demo told its dock story to Maya; _fill told shift-bid to every attendee (Maya alone).
    assert [(t["story"], t["people"]) for t in first["tellings"]] == [
        ("s1", ["p1"]),
        ("s3", ["p1"]),
    ]
    assert [(t["story"], t["people"]) for t in second["tellings"]] == [("s4", ["p2"])]
    assert [(p["key"], p["status"], p["reason"]) for p in second["plan"]] == [
        ("clothes", "skipped", "Uniform"),
        ("documents", "done", ""),
    ]
    assert [(a["person"], a["bank_id"], a["status"], a["answer"]) for a in second["asks"]] == [
        ("p2", "first-months-priorities", "asked", "The reporting rebuild."),
        (None, "", "planned", ""),
    ]
    assert [a["person"] for a in first["asks"]] == ["p1"]
    by_note, by_requirement = opportunity["concern_answers"]
    assert (by_note["round"], by_note["note"], by_note["story"], by_note["status"]) == (
        1,
        6,
        "s3",
        "addressed",
    )
    assert first["notes"][6]["kind"] == "concern"
    assert first["notes"][6]["status"] == "closed"  # addressing the concern closed the note
    assert {k: by_requirement[k] for k in ("requirement_key", "requirement_text", "story")} == {
        "requirement_key": "sql",
        "requirement_text": "Strong SQL",
        "story": None,
    }


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


def test_round_trip_carries_every_kind_of_record(
    user: User, other_user: User, full_document: Document
) -> None:
    report = workspace_import(owner=user, document=full_document)
    # The demo's and _fill's: 2 + 2 stories, 1 + 2 strengths, 1 + 1 quotes.
    assert (report.stories, report.strengths, report.quotes, report.skipped) == (4, 3, 2, 0)
    again = workspace_export(owner=user, now=LATER)
    assert _without_export_time(again) == _without_export_time(full_document)
    counts = _owned_counts(user)
    assert counts == _owned_counts(other_user)
    assert 0 not in counts.values(), counts  # so the equality above covers every kind


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
    assert (report.opportunities, report.rounds, report.notes) == (0, 0, 0)
    assert (report.stories, report.strengths, report.quotes) == (0, 0, 0)
    # The opportunity, and the demo's two stories, one strength and one quote.
    assert report.skipped == 1 + 2 + 1 + 1
    assert _row_counts() == counts
    # Not overwritten by the edited file.
    assert Opportunity.objects.get(owner_id=user.pk).company == "Tidewater Freight"


def test_reimport_of_everything_adds_nothing(user: User, full_document: Document) -> None:
    workspace_import(owner=user, document=full_document)
    counts = _row_counts()
    report = workspace_import(owner=user, document=full_document)
    # The opportunity, four stories, three strengths and two quotes are all already here.
    assert (report.opportunities, report.stories, report.strengths, report.quotes) == (0, 0, 0, 0)
    assert report.skipped == 1 + 4 + 3 + 2
    assert _row_counts() == counts


def test_import_keeps_the_strengths_already_ranked_here(
    user: User, full_document: Document
) -> None:
    mine = stories.story_create(owner=user, title="My own story")
    stories.strength_save(owner=user, name="Mine", rank=1, differentiator=True, stories=[mine])
    report = workspace_import(owner=user, document=full_document)
    # All four stories come in; all three of the file's strengths are skipped.
    assert (report.stories, report.strengths, report.skipped) == (4, 0, 3)
    assert [s.name for s in Strength.objects.filter(owner=user)] == ["Mine"]
    assert Story.objects.filter(owner=user).count() == 1 + 4
    # The imported rounds still name the imported stories.
    assert set(Telling.objects.filter(owner=user).values_list("story__title", flat=True)) == {
        DEMO_STORIES[0],
        "Shift-bid rollout",
        "Freight audit",
    }


def test_report_summary_reads_well(user: User, demo_document: Document) -> None:
    report = workspace_import(owner=user, document=demo_document)
    assert report.summary() == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 2 stories, 1 strength, 1 quote; "
        "skipped 0 already present."
    )


def test_report_summary_names_stories_strengths_and_quotes(
    user: User, full_document: Document
) -> None:
    report = workspace_import(owner=user, document=full_document)
    assert report.summary() == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 4 stories, 3 strengths, 2 quotes; "
        "skipped 0 already present."
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
        (b'{"format": "nextround-workspace", "version": 3, "opportunities": []}', "newer"),
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


# --- version 2: stories, strengths, quotes, and what was done per round --------------------


def _as_version_1(document: Document) -> Document:
    """The document as version 1 wrote it: none of the keys version 2 added."""
    old = copy.deepcopy(document)
    old["version"] = 1
    for key in ("stories", "strengths", "quotes"):
        del old[key]
    for opportunity in old["opportunities"]:
        del opportunity["concern_answers"]
        for round_ in opportunity["rounds"]:
            for key in ("created_at", "plan", "asks", "tellings"):
                del round_[key]
    return old


def test_a_version_1_file_still_imports(user: User, full_document: Document) -> None:
    before = timezone.now()
    report = workspace_import(owner=user, document=_as_version_1(full_document))
    assert (report.opportunities, report.rounds, report.notes, report.stories) == (1, 2, 11, 0)
    counts = _owned_counts(user)
    assert counts["Story"] == counts["PlanProgress"] == counts["ConcernAnswer"] == 0
    # Without a creation time the rounds are stamped now, as when added by hand.
    assert all(r.created_at >= before for r in Round.objects.filter(owner=user))
    again = workspace_export(owner=user, now=LATER)
    assert again["version"] == VERSION
    assert again["opportunities"][0]["rounds"][1]["tellings"] == []


def test_optional_version_2_fields_may_be_left_out(user: User) -> None:
    """A hand-written version-2 file needs only the essentials of each new record."""
    document = {
        "format": FORMAT,
        "version": 2,
        "stories": [{"ref": "own", "title": "Rebuilt the reporting"}],
        "strengths": [{"name": "Focus", "rank": 3, "stories": ["own"]}],
        "quotes": [{"text": "Reliable.", "who": "Ana"}],
        "opportunities": [
            {
                "uid": "00000000-0000-4000-8000-000000000003",
                "company": "Acme",
                "role_title": "Analyst",
                "stage": "interviewing",
                "people": [{"ref": "a", "name": "Ana"}, {"ref": "b", "name": "Ben"}],
                "rounds": [
                    {
                        "starts": "2026-05-04 09:00",
                        "ends": "2026-05-04 10:00",
                        "timezone": "Europe/Berlin",
                        "attendees": ["a", "b"],
                        "notes": [{"kind": "concern", "text": "Little SQL?"}],
                        "plan": [{"key": "clothes"}],
                        "asks": [{"text": "Why is the role open?"}],
                        "tellings": [{"story": "own"}],  # to every attendee
                    }
                ],
                "concern_answers": [
                    {"round": 1, "note": 0, "story": "own"},
                    {"requirement_key": "sql", "requirement_text": "SQL", "kind": "learning"},
                ],
            }
        ],
    }
    report = workspace_import(owner=user, document=document)
    assert (report.stories, report.strengths, report.quotes) == (1, 1, 1)
    strength = Strength.objects.get(owner=user)
    assert (strength.rank, strength.differentiator, strength.description) == (3, False, "")
    assert [s.title for s in strength.stories.all()] == ["Rebuilt the reporting"]
    progress = PlanProgress.objects.get(owner=user)
    assert (progress.key, progress.status) == ("clothes", "todo")
    ask = AskItem.objects.get(owner=user)
    assert (ask.person, ask.status, ask.bank_id) == (None, "planned", "")
    telling = Telling.objects.get(owner=user)
    assert sorted(p.name for p in telling.people.all()) == ["Ana", "Ben"]
    answers = ConcernAnswer.objects.filter(owner=user).order_by("id")
    assert [(a.kind, a.status, a.note is not None) for a in answers] == [
        ("story", "open", True),
        ("learning", "open", False),
    ]


def _put(path: str, *, to: object) -> Callable[[Document], None]:
    """A change anywhere in a document, at a dotted path such as strengths.1.rank."""

    def change(document: Document) -> None:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = to

    return change


def _both(*changes: Callable[[Document], None]) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        for one in changes:
            one(document)

    return change


ROUND_1 = r"^opportunities\[0\]\.rounds\[0\]"
ROUND_2 = r"^opportunities\[0\]\.rounds\[1\]"
ANSWERS = r"^opportunities\[0\]\.concern_answers"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _put("opportunities.0.rounds.1.tellings.0.story", to="s9"),
            ROUND_2 + r"\.tellings\[0\]\.story: no story with ref 's9' in this file\.$",
        ),
        (
            _put("strengths.1.rank", to=9),
            r"^strengths\[1\]\.rank: Ensure this value is less than or equal to 5\.$",
        ),
        (
            _put("strengths.1.differentiator", to=True),
            r"^strengths\[1\]\.differentiator: only one strength can be the differentiator; "
            r"strengths\[0\] is\.$",
        ),
        (
            _put("opportunities.0.rounds.1.asks.0.person", to="p9"),
            ROUND_2 + r"\.asks\[0\]\.person: no person with ref 'p9' in this opportunity\.$",
        ),
        (_put("strengths.1.rank", to=1), r"^strengths\[1\]\.rank: Rank 1 is already at strengths"),
        (_put("strengths.0.stories.1", to="s7"), r"^strengths\[0\]\.stories\[1\]: no story"),
        (_put("strengths.0.stories", to="s1"), r"^strengths\[0\]\.stories: expected a list"),
        (_put("stories.1.ref", to="s1"), r"^stories\[1\]\.ref: Story ref 's1' is already at"),
        (_put("stories.0.title", to=""), r"^stories\[0\]\.title: This field cannot be blank"),
        (_put("stories.0.happened_on", to="May"), r"^stories\[0\]\.happened_on: 'May' is not"),
        (_put("stories", to="many"), r"^stories: expected a list, got text\.$"),
        (_put("quotes.0.who", to=""), r"^quotes\[0\]\.who: This field cannot be blank"),
        (_put("opportunities.0.rounds.1.created_at", to="soon"), ROUND_2 + r"\.created_at: 'soon'"),
        (_put("opportunities.0.rounds.1.plan.1.key", to="clothes"), ROUND_2 + r"\.plan\[1\]\.key"),
        (_put("opportunities.0.rounds.1.plan.0.status", to="half"), r"plan\[0\]\.status: unknown"),
        (
            _put("opportunities.0.rounds.1.asks.0.theme", to="weather"),
            ROUND_2 + r"\.asks\[0\]\.theme: Value 'weather' is not a valid choice\.$",
        ),
        (
            _both(
                _put("opportunities.0.rounds.1.asks.1.person", to="p2"),
                _put("opportunities.0.rounds.1.asks.1.bank_id", to="first-months-priorities"),
            ),
            ROUND_2 + r"\.asks\[1\]\.bank_id: Suggestion 'first-months-priorities' for this",
        ),
        (
            _put("opportunities.0.rounds.0.tellings.0.people.0", to="p4"),
            ROUND_1 + r"\.tellings\[0\]\.people\[0\]: no person with ref 'p4'",
        ),
        (_put("opportunities.0.concern_answers.0.note", to=0), ANSWERS + r"\[0\]\.note: note 0 of"),
        (_put("opportunities.0.concern_answers.0.note", to=11), ANSWERS + r"\[0\]\.note: round 1"),
        (_put("opportunities.0.concern_answers.0.round", to=7), ANSWERS + r"\[0\]\.round: this"),
        (_put("opportunities.0.concern_answers.0.story", to="s5"), ANSWERS + r"\[0\]\.story: no"),
        (
            _put("opportunities.0.concern_answers.1.requirement_key", to=""),
            ANSWERS + r"\[1\]\.requirement_key: must not be blank\.$",
        ),
        (
            _put("opportunities.0.concern_answers.1.round", to=1),
            ANSWERS + r"\[1\]: give either round and note .* or requirement_key",
        ),
        (
            _put("opportunities.0.concern_answers.1", to={"round": 1, "note": 6, "kind": "story"}),
            ANSWERS + r"\[1\]\.note: An answer to this concern is already at",
        ),
    ],
)
def test_a_bad_version_2_record_is_named_by_its_path_and_nothing_is_saved(
    user: User,
    full_document: Document,
    change: Callable[[Document], None],
    message: str,
) -> None:
    document = copy.deepcopy(full_document)
    change(document)
    before = _row_counts()
    with pytest.raises(Invalid, match=message):
        workspace_import(owner=user, document=document)
    assert _row_counts() == before
