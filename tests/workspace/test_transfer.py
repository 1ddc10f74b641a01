"""Workspace export and import: round trips, merging, skipping, and refusing bad files whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.decision import services as decision
from nextround.errors import Invalid
from nextround.feedback import FIGURES_VERSION
from nextround.interviews import services
from nextround.interviews.models import (
    Opportunity,
    Person,
    Round,
    RoundNote,
    StageChange,
)
from nextround.practice import selectors as practice_selectors
from nextround.practice import services as practice
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from nextround.rehearsal import services as rehearsal
from nextround.rehearsal.models import RunThrough
from nextround.stories import services as stories
from nextround.stories.models import (
    ConcernAnswer,
    CVCheck,
    Quote,
    Story,
    Strength,
    Telling,
)
from nextround.workspace.demo import demo_load
from nextround.workspace.transfer import (
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
    CVCheck,
    PracticeSession,
    PracticeQuestion,
    Attempt,
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
        elif model is PracticeQuestion:
            rows = rows.filter(session__owner=owner)
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
    # What the CV showed for a requirement to check: kept by key and text, like an answer.
    CVCheck.objects.create(
        owner=owner,
        opportunity=opportunity,
        requirement_key="degree",
        requirement_text="Bachelor's degree in logistics",
        status="missing",
    )
    PlanProgress.objects.create(owner=owner, round=second, key="documents", status="done")
    PlanProgress.objects.create(
        owner=owner, round=second, key="clothes", status="skipped", reason="Uniform"
    )
    kept = prep.ask_adopt(round_=second, person=luis, bank_id="first-months-priorities")
    prep.ask_update(item=kept, answer="The reporting rebuild.")
    prep.ask_create(round_=second, person=None, text="What does success look like?")
    prep.ask_create(round_=first, person=maya, text="Why is the role open?")
    _practise(owner, round_=second)


TYPED_ANSWER = (
    "At Acme Freight the dock was overbooked every Monday. I ran a two-week trial of booked "
    "slots, measured the waiting time, and cut it by 40 percent."
)
SPOKEN_TIMINGS = [["Hello", 0.0, 0.4], ["I", 0.5, 0.6], ["led", 0.6, 0.9], ["it.", 0.9, 1.0]]
SPOKEN_PAUSES = [[1.0, 2.7]]


def _practise(owner: User, *, round_: Round) -> None:
    """Two practice sessions, the second for ``round_``: a typed attempt kept as the best, a
    second typed one, a spoken-looking one with word timings and a pause, and one more typed
    attempt in the round's session."""
    behavioral = practice.session_start(
        owner=owner, category="behavioral", count=2, terms="throughput, safety"
    )
    first, second = behavioral.questions.order_by("position")
    kept = practice.attempt_typed(owner=owner, question=first, text=TYPED_ANSWER)
    practice.attempt_typed(owner=owner, question=first, text="A shorter try at it.")
    Attempt.objects.create(
        owner=owner,
        question=second,
        mode="spoken",
        status="done",
        progress=1.0,
        audio="0123abcd.webm",  # the recording stays behind
        text="Hello I led it.",
        seconds=3.2,
        timings=SPOKEN_TIMINGS,
        pauses=SPOKEN_PAUSES,
        score=41,
        fillers_per_minute=0.0,
        wpm=75.0,
        pace_measured=True,
    )
    practice.figures_refresh(owner=owner)  # as `serve` would: the figures become the analyzer's
    practice.attempt_keep(attempt=kept)
    for_round = practice.session_start(owner=owner, own=["Why this company?"])
    PracticeSession.objects.filter(pk=for_round.pk).update(round=round_)
    (question,) = PracticeSession.objects.get(pk=for_round.pk).questions.all()  # with its round
    practice.attempt_typed(owner=owner, question=question, text=TYPED_ANSWER)


@pytest.fixture
def full_document(other_user: User) -> Document:
    """Another account's demo workspace with every kind of record, exported."""
    _fill(other_user)
    return workspace_export(owner=other_user, now=NOW)


# --- export --------------------------------------------------------------------------------


def test_export_has_header_and_no_database_ids(full_document: Document) -> None:
    assert full_document["format"] == FORMAT
    assert full_document["version"] == VERSION == 8
    assert full_document["exported_at"] == NOW.isoformat()
    ids = {"id", "pk", "owner", "opportunity_id", "round_id", "story_id", "note_id", "person_id"}
    ids |= {"session", "session_id", "question", "question_id", "attempt_id"}
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
    session = practice.session_start(owner=user, own=["Why us?"])
    practice.attempt_typed(owner=user, question=session.questions.get(), text=TYPED_ANSWER)
    plan = rehearsal.plan_save(round_=rounds[0], changes={"slot_minutes": 5})
    rehearsal.slide_add(plan=plan, fields={"title": "One"})
    seen = services.note_create(round_=rounds[0], kind="feedback", text="Straight answers.")
    opportunity = rounds[0].opportunity
    decision.evidence_add(opportunity=opportunity, criterion="manager", source=f"note:{seen.pk}")
    must = decision.must_have_add(owner=user, text="Remote work")
    decision.gates_save(opportunity=opportunity, statuses={must.pk: "met"})
    with CaptureQueriesContext(connection) as small:
        workspace_export(owner=user, now=NOW)
    _fill(user)
    services.note_create(round_=rounds[0], kind="free", text="One more row.")
    stories.telling_record(story=story, round_=rounds[1], people=people[1:])
    for _ in range(2):
        RunThrough.objects.create(owner=user, plan=plan, status="done", seconds=1.0, words=[])
    with CaptureQueriesContext(connection) as large:
        workspace_export(owner=user, now=NOW)
    # 19 before the follow-up section's five prefetches (debrief, per-person debriefs, thank-you
    # notes, follow-ups sent, replies), the research section's four (facts, terms, feeds, news)
    # and the money section's five (budget, notice period, current job; each opportunity's
    # market ranges and offers), the rehearsal section's four (presentation plans, their
    # slides and run-throughs, case sessions) and the decision section's six (each opportunity's
    # scorecard, its scores, their evidence, its must-have checks; the must-haves and the
    # decisions).
    assert len(large.captured_queries) == len(small.captured_queries) <= 43


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
    # The demo's research ticked the business, news and three interviewer items itself.
    own = [p for p in second["plan"] if not p["key"].startswith("research-")]
    assert [(p["key"], p["status"], p["reason"]) for p in own] == [
        ("clothes", "skipped", "Uniform"),
        ("documents", "done", ""),
    ]
    ticked = [p for p in second["plan"] if p["key"].startswith("research-")]
    assert [p["key"].split(":")[0] for p in ticked] == [
        "research-business",
        "research-company-news",
        *["research-interviewer"] * 3,
    ]
    assert all(p["status"] == "done" and p["note"].startswith("Ticked by") for p in ticked)
    assert [(a["person"], a["bank_id"], a["status"], a["answer"]) for a in second["asks"]] == [
        ("p2", "first-months-priorities", "asked", "The reporting rebuild."),
        (None, "", "planned", ""),
    ]
    assert [a["person"] for a in first["asks"]] == ["p1"]
    by_note, by_requirement = opportunity["concern_answers"]
    # The answer to a concern raised in a round is on its note alone: carried once.
    assert by_note == {
        "round": 1,
        "note": 6,
        "kind": "story",
        "story": "s3",
        "updated_at": by_note["updated_at"],
    }
    assert first["notes"][6]["kind"] == "concern"
    assert first["notes"][6]["status"] == "closed"  # addressing the concern closed the note
    # Planned with a story and no words: the demo's response stays.
    assert first["notes"][6]["response"].startswith("Confirmed on the call")
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
    # The opportunity, the demo's two stories, one strength and one quote, the budget, and the
    # case session.
    assert report.skipped == 1 + 2 + 1 + 1 + 1 + 1
    assert _row_counts() == counts
    # Not overwritten by the edited file.
    assert Opportunity.objects.get(owner_id=user.pk).company == "Tidewater Freight"


def test_reimport_of_everything_adds_nothing(user: User, full_document: Document) -> None:
    workspace_import(owner=user, document=full_document)
    counts = _row_counts()
    report = workspace_import(owner=user, document=full_document)
    # The opportunity, four stories, three strengths, two quotes and two practice sessions are
    # all already here, and so are the budget and the case session.
    assert (report.opportunities, report.stories, report.strengths, report.quotes) == (0, 0, 0, 0)
    assert (report.practice_sessions, report.attempts, report.case_sessions) == (0, 0, 0)
    assert report.skipped == 1 + 4 + 3 + 2 + 2 + 1 + 1
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
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 2 stories, 1 strength, 1 quote, "
        "1 budget, 1 market range, 1 offer, 1 case session, 1 scorecard; skipped 0 already present."
    )


def test_report_summary_names_stories_strengths_quotes_and_practice(
    user: User, full_document: Document
) -> None:
    report = workspace_import(owner=user, document=full_document)
    assert report.summary() == (
        "Imported 1 opportunity, 2 rounds, 3 people, 11 notes, 4 stories, 3 strengths, 2 quotes, "
        "2 practice sessions, 4 attempts, 1 budget, 1 market range, 1 offer, 1 case session, "
        "1 scorecard; skipped 0 already present."
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
        (b'{"format": "nextround-workspace", "version": 9, "opportunities": []}', "newer"),
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
        (
            _set("rounds.1.starts", to="9999-12-31T09:00:00+05:00"),
            r"^opportunities\[1\]\.rounds\[1\]\.starts: 9999-12-31 is out of range: use a date",
        ),
        (_set("rounds.1.ends", to="0001-01-01T00:30:00+01:00"), r"rounds\[1\]\.ends: 0001-01-01"),
        (_set("rounds.1.created_at", to="0001-01-01T00:00:00+14:00"), r"\.created_at: 0001-01"),
        (_set("created_at", to="9999-12-31T23:59:59-12:00"), r"^opportunities\[1\]\.created_at"),
        (_set("stage_changes.0.on", to="1969-12-31"), r"stage_changes\[0\]\.on: 1969-12-31 is"),
        (_set("rounds.0.notes.0.created_at", to="0001-01-01T00:00:00"), r"notes\[0\]\.created_at"),
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


def _in_story(key: str, *, to: str) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        document["stories"][-1][key] = to

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("company", to="North\x00wind"), r"^opportunities\[1\]\.company: Null characters"),
        (
            _set("rounds.0.notes.0.text", to="Why us?\x00"),
            r"^opportunities\[1\]\.rounds\[0\]\.notes\[0\]\.text: Null characters",
        ),
        (
            _set("rounds.0.notes.0.text", to="Why \ud800us?"),
            r"^opportunities\[1\]\.rounds\[0\]\.notes\[0\]\.text: .*broken character",
        ),
        (_set("people.0.ref", to="p\udfff"), r"^opportunities\[1\]\.people\[0\]\.ref: .*broken"),
        (_in_story("action", to="I led \ud83d the team"), r"^stories\[\d+\]\.action: .*broken"),
        (_in_story("title", to="Re\x00built"), r"^stories\[\d+\]\.title: Null characters"),
    ],
)
def test_text_a_form_would_refuse_is_refused_by_its_path(
    user: User,
    rounds: list[Round],
    full_document: Document,
    change: Callable[[Document], None],
    message: str,
) -> None:
    """Issue 15: a NUL was stored on SQLite (and failed on PostgreSQL), and a lone surrogate
    half (JSON's "\\ud800") failed with a 500; both are refused as the forms refuse them."""
    document = copy.deepcopy(full_document)
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


def _as_version_2(document: Document) -> Document:
    """The document as version 2 wrote it: no practice."""
    old = copy.deepcopy(document)
    old["version"] = 2
    del old["practice"]
    return old


def _as_version_1(document: Document) -> Document:
    """The document as version 1 wrote it: none of the keys versions 2 and 3 added."""
    old = _as_version_2(document)
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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _put("opportunities.0.rounds.0.attendees.0", to=7),
            ROUND_1 + r"\.attendees\[0\]: expected a person ref, got a number\.$",
        ),
        (
            _put("opportunities.0.rounds.1.tellings.0.people.0", to=None),
            ROUND_2 + r"\.tellings\[0\]\.people\[0\]: expected a person ref, got null\.$",
        ),
        (
            _put("strengths.0.stories.0", to=1),
            r"^strengths\[0\]\.stories\[0\]: expected a story ref",
        ),
        (
            _put("opportunities.0.rounds.0.notes.0.amount_low", to=False),
            ROUND_1 + r'\.notes\[0\]\.amount_low: expected an amount such as "95000\.00", got',
        ),
        (
            _put("opportunities.0.rounds.1.starts", to=20260312),
            ROUND_2 + r"\.starts: expected a date and time, got a number\.$",
        ),
        (
            _put("opportunities.0.stage_changes.0.on", to=[2026, 3, 1]),
            r"^opportunities\[0\]\.stage_changes\[0\]\.on: expected a date, got a list\.$",
        ),
        (
            _put("opportunities.0.people.0", to="Maya"),
            r"^opportunities\[0\]\.people\[0\]: expected an",
        ),
        (
            _put("opportunities.0.rounds.0.is_final", to="no"),
            ROUND_1 + r"\.is_final: expected true",
        ),
        (
            _put("opportunities.0.rounds.0.notes.1.person", to=3),
            ROUND_1 + r"\.notes\[1\]\.person: exp",
        ),
        (
            _put("opportunities.0.concern_answers.1.requirement_text", to=None),
            ANSWERS + r"\[1\]\.req",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_named_in_words(
    user: User,
    full_document: Document,
    change: Callable[[Document], None],
    message: str,
) -> None:
    # The schemas check every type; their errors read like the rest of the import's.
    document = copy.deepcopy(full_document)
    change(document)
    before = _row_counts()
    with pytest.raises(Invalid, match=message) as caught:
        workspace_import(owner=user, document=document)
    assert "`" not in caught.value.message and "$" not in caught.value.message
    assert _row_counts() == before


# --- version 3: practice sessions, their questions and analysed attempts ---------------------


def test_export_carries_practice_with_its_analysed_attempts(
    other_user: User, full_document: Document
) -> None:
    behavioral, for_round = full_document["practice"]  # oldest first
    first_session = PracticeSession.objects.filter(owner=other_user).order_by("created_at")[0]
    assert behavioral["created_at"] == first_session.created_at.isoformat()
    assert (behavioral["category"], behavioral["terms"], behavioral["round"]) == (
        "behavioral",
        "throughput, safety",
        None,
    )
    # The round is named as concern answers name theirs: by opportunity uid and round number.
    (opportunity,) = full_document["opportunities"]
    assert for_round["round"] == {"opportunity": opportunity["uid"], "number": 2}
    assert [(q["position"], q["text"]) for q in for_round["questions"]] == [
        (1, "Why this company?")
    ]
    first, second = behavioral["questions"]
    bank = PracticeQuestion.objects.get(session=first_session, position=1)
    assert (first["position"], first["text"], first["category"], first["bank_id"]) == (
        1,
        bank.text,
        "behavioral",
        bank.bank_id,
    )
    assert bank.bank_id  # so the equality above covers a question of the bank
    kept, retry = first["attempts"]
    assert (kept["mode"], kept["text"], kept["kept"], kept["pace_measured"]) == (
        "typed",
        TYPED_ANSWER,
        True,
        False,
    )
    assert (kept["timings"], kept["pauses"], kept["seconds"]) == ([], [], None)
    assert isinstance(kept["score"], int) and kept["wpm"] > 0
    assert (retry["text"], retry["kept"]) == ("A shorter try at it.", False)
    (spoken,) = second["attempts"]
    stored = Attempt.objects.get(owner=other_user, mode="spoken")
    assert spoken == {
        "mode": "spoken",
        "text": "Hello I led it.",
        "seconds": 3.2,
        "timings": SPOKEN_TIMINGS,
        "pauses": SPOKEN_PAUSES,
        "score": stored.score,
        "fillers_per_minute": stored.fillers_per_minute,
        "wpm": stored.wpm,
        "pace_measured": True,
        "kept": False,
        "created_at": stored.created_at.isoformat(),
    }
    # No recording, nor anything about transcribing it.
    assert not {"audio", "status", "progress", "error"} & _keys(full_document["practice"])


def test_export_leaves_out_attempts_not_analysed(other_user: User, full_document: Document) -> None:
    question = PracticeQuestion.objects.filter(session__owner=other_user).order_by("id")[0]
    for status in ("queued", "transcribing", "failed"):
        Attempt.objects.create(
            owner=other_user,
            question=question,
            mode="spoken",
            status=status,
            audio=f"{status}.webm",
            error="No speech was heard." if status == "failed" else "",
        )
    assert workspace_export(owner=other_user, now=NOW) == full_document


def test_imported_practice_is_analysed_and_has_no_recordings(
    user: User, other_user: User, full_document: Document
) -> None:
    report = workspace_import(owner=user, document=full_document)
    assert (report.practice_sessions, report.attempts, report.practice_without_round) == (2, 4, 0)
    attempts = Attempt.objects.filter(owner=user)
    assert {(a.status, a.audio, a.error) for a in attempts} == {("done", "", "")}
    spoken = attempts.get(mode="spoken")
    assert (spoken.timings, spoken.pauses, spoken.seconds, spoken.pace_measured) == (
        SPOKEN_TIMINGS,
        SPOKEN_PAUSES,
        3.2,
        True,
    )
    (kept,) = attempts.filter(kept=True)
    assert (kept.text, kept.question.position, kept.question.category) == (
        TYPED_ANSWER,
        1,
        "behavioral",
    )
    # Questions keep what ties attempts together across sessions.
    theirs = PracticeQuestion.objects.filter(session__owner=other_user)
    ours = PracticeQuestion.objects.filter(session__owner=user)
    assert sorted(ours.values_list("key", flat=True)) == sorted(
        theirs.values_list("key", flat=True)
    )
    session = PracticeSession.objects.get(owner=user, round__isnull=False)
    assert session.round is not None
    assert (session.round.owner, session.round.number) == (user, 2)
    # An imported attempt is shown like any other: its analysis runs from what was carried.
    analysis = practice_selectors.report_for(spoken)
    assert (
        analysis.wpm
        == practice_selectors.report_for(Attempt.objects.get(owner=other_user, mode="spoken")).wpm
    )


def test_a_version_2_file_still_imports(user: User, full_document: Document) -> None:
    report = workspace_import(owner=user, document=_as_version_2(full_document))
    assert (report.opportunities, report.stories, report.practice_sessions) == (1, 4, 0)
    assert "practice" not in report.summary()
    assert PracticeSession.objects.filter(owner=user).count() == 0
    again = workspace_export(owner=user, now=LATER)
    assert again["version"] == VERSION
    # All the rest comes through as from the version-3 file.
    assert _without_export_time(again) == {**_without_export_time(full_document), "practice": []}


def test_optional_version_3_fields_may_be_left_out(user: User) -> None:
    """A hand-written practice session needs its creation time and questions, and each attempt
    its text."""
    before = timezone.now()
    document = {
        "format": FORMAT,
        "version": 3,
        "opportunities": [],
        "practice": [
            {
                "created_at": "2026-03-02 18:00",  # naive: in the configured time zone
                "questions": [
                    {"text": "Why us?", "category": "motivation"},
                    {
                        "text": "Tell me about a conflict.",
                        "category": "behavioral",
                        "attempts": [{"text": "We disagreed about the rota, so I asked."}],
                    },
                ],
            }
        ],
    }
    report = workspace_import(owner=user, document=document)
    assert (report.practice_sessions, report.attempts, report.skipped) == (1, 1, 0)
    session = PracticeSession.objects.get(owner=user)
    assert (session.round, session.category, session.terms) == (None, "", "")
    assert session.created_at == timezone.make_aware(datetime(2026, 3, 2, 18, 0))
    questions = list(session.questions.order_by("position"))
    assert [(q.position, q.text, q.bank_id) for q in questions] == [
        (1, "Why us?", ""),
        (2, "Tell me about a conflict.", ""),
    ]
    attempt = Attempt.objects.get(owner=user)
    assert attempt.question == questions[1]
    assert (attempt.mode, attempt.status, attempt.kept, attempt.pace_measured) == (
        "typed",
        "done",
        False,
        False,
    )
    assert (attempt.seconds, attempt.timings) == (None, [])
    # Figures left out are the analyzer's, as any imported figures are.
    assert attempt.score == practice_selectors.report_for(attempt).score
    assert attempt.figures_version == FIGURES_VERSION
    assert attempt.created_at >= before  # stamped now, as when answered


def test_reimport_skips_practice_sessions_already_present(
    user: User, full_document: Document
) -> None:
    workspace_import(owner=user, document=full_document)
    (kept_before,) = Attempt.objects.filter(owner=user, kept=True)
    edited = copy.deepcopy(full_document)
    # Same creation time and questions, another answer: the same session, skipped.
    edited["practice"][1]["questions"][0]["attempts"][0]["text"] = "Changed in the file."
    # Same creation time, a question worded differently: another session.
    edited["practice"][0]["questions"][1]["text"] = "Tell me about the hardest week you had."
    report = workspace_import(owner=user, document=edited)
    assert (report.practice_sessions, report.attempts) == (1, 3)
    assert report.skipped == 1 + 4 + 3 + 2 + 1 + 1 + 1  # the last two: the budget, the case
    assert PracticeSession.objects.filter(owner=user).count() == 3
    assert not Attempt.objects.filter(text="Changed in the file.").exists()
    # The new session's best attempt is at a question whose best is already kept here.
    assert list(Attempt.objects.filter(owner=user, kept=True)) == [kept_before]


def test_a_session_twice_in_one_file_is_imported_once(user: User, full_document: Document) -> None:
    document = copy.deepcopy(full_document)
    document["practice"].append(copy.deepcopy(document["practice"][1]))
    report = workspace_import(owner=user, document=document)
    assert (report.practice_sessions, report.skipped) == (2, 1)
    assert PracticeSession.objects.filter(owner=user).count() == 2


def test_a_kept_attempt_does_not_displace_the_best_kept_here(
    user: User, full_document: Document
) -> None:
    text = full_document["practice"][0]["questions"][0]["text"]
    mine = practice.session_start(owner=user, own=[text])
    own = practice.attempt_typed(owner=user, question=mine.questions.get(), text=TYPED_ANSWER)
    practice.attempt_keep(attempt=own)
    report = workspace_import(owner=user, document=full_document)
    assert report.attempts == 4
    assert list(Attempt.objects.filter(owner=user, kept=True)) == [own]


def test_a_session_for_a_round_not_here_is_kept_without_it(
    user: User, full_document: Document
) -> None:
    document = copy.deepcopy(full_document)
    document["practice"][1]["round"]["opportunity"] = "00000000-0000-4000-8000-000000000009"
    report = workspace_import(owner=user, document=document)
    assert (report.practice_sessions, report.practice_without_round) == (2, 1)
    assert (
        "2 practice sessions (1 without the round it was for, which this workspace does not "
        "have), 4 attempts, 1 budget, 1 market range, 1 offer, 1 case session, 1 scorecard;"
    ) in report.summary()
    session = PracticeSession.objects.get(owner=user, questions__text="Why this company?")
    assert session.round is None
    assert session.questions.get().attempts.count() == 1


def test_a_round_number_the_opportunity_lacks_is_not_here_either(
    user: User, full_document: Document
) -> None:
    document = copy.deepcopy(full_document)
    document["practice"][1]["round"]["number"] = 3
    report = workspace_import(owner=user, document=document)
    assert report.practice_without_round == 1
    assert not PracticeSession.objects.filter(owner=user, round__isnull=False).exists()


def test_a_session_names_a_round_of_an_opportunity_already_here(
    user: User, full_document: Document
) -> None:
    workspace_import(owner=user, document=_as_version_2(full_document))
    report = workspace_import(owner=user, document=full_document)
    assert (report.opportunities, report.practice_sessions, report.practice_without_round) == (
        0,
        2,
        0,
    )
    session = PracticeSession.objects.get(owner=user, round__isnull=False)
    assert session.round == Round.objects.get(owner=user, number=2)


def test_a_session_never_names_another_accounts_round(
    user: User, other_user: User, full_document: Document
) -> None:
    document = copy.deepcopy(full_document)
    document["opportunities"] = []  # the round's opportunity is the other account's alone
    report = workspace_import(owner=user, document=document)
    assert (report.practice_sessions, report.practice_without_round) == (2, 1)
    assert not PracticeSession.objects.filter(owner=user, round__isnull=False).exists()


def _keep_the_same_question_in_another_session(document: Document) -> None:
    """Keep an attempt in the second session at the first session's first question, written
    in other case and spacing: a question has one best attempt across sessions."""
    question = document["practice"][1]["questions"][0]
    question["text"] = "  " + document["practice"][0]["questions"][0]["text"].upper()
    question["attempts"][0]["kept"] = True


SESSION = r"^practice\[0\]"
TYPED = SESSION + r"\.questions\[0\]\.attempts\[0\]"
SPOKEN = SESSION + r"\.questions\[1\]\.attempts\[0\]"
ROUND_REF = r"^practice\[1\]\.round"
TYPED_AT = "practice.0.questions.0.attempts.0."
SPOKEN_AT = "practice.0.questions.1.attempts.0."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_put("practice", to="lots"), r"^practice: expected a list, got text\.$"),
        (_put("practice.0", to="a session"), SESSION + r": expected an object, got text\.$"),
        (_put("practice.0.created_at", to=None), SESSION + r"\.created_at: expected a date and"),
        (_put("practice.0.created_at", to="soon"), SESSION + r"\.created_at: 'soon' is not a"),
        (_put("practice.0.terms", to=5), SESSION + r"\.terms: expected text, got a number\.$"),
        (
            _put("practice.0.category", to="c" * 21),
            SESSION + r"\.category: Ensure this value has at most 20 characters \(it has 21\)\.$",
        ),
        (_put("practice.1.round", to="r2"), ROUND_REF + r": expected an object, got text\.$"),
        (_put("practice.1.round.opportunity", to="x"), ROUND_REF + r"\.opportunity: not a valid"),
        (_put("practice.1.round.number", to="2"), ROUND_REF + r"\.number: expected a whole number"),
        (_put("practice.1.round.number", to=0), ROUND_REF + r"\.number: round numbers start at 1"),
        (_put("practice.0.questions", to=None), SESSION + r"\.questions: missing\.$"),
        (_put("practice.0.questions", to="two"), SESSION + r"\.questions: expected a list"),
        (_put("practice.0.questions", to=[]), SESSION + r"\.questions: a practice session has at"),
        (
            _put("practice.0.questions.1.position", to=1),
            SESSION + r"\.questions\[1\]\.position: Position 1 is already at "
            r"practice\[0\]\.questions\[0\]\.$",
        ),
        (
            _put("practice.0.questions.0.position", to=0),
            SESSION + r"\.questions\[0\]\.position: Ensure this value is greater than or equal",
        ),
        (
            _put("practice.0.questions.0.position", to=21),
            SESSION + r"\.questions\[0\]\.position: Ensure this value is less than or equal",
        ),
        (
            _put("practice.0.questions.0.text", to=""),
            SESSION + r"\.questions\[0\]\.text: This field cannot be blank\.$",
        ),
        (
            _put("practice.0.questions.0.category", to=None),
            SESSION + r"\.questions\[0\]\.category: expected text, got null\.$",
        ),
        (
            _put("practice.0.questions.0.attempts", to={}),
            SESSION + r"\.questions\[0\]\.attempts: expected a list, got an object\.$",
        ),
        (
            _put(TYPED_AT + "mode", to="sung"),
            TYPED + r"\.mode: unknown value 'sung'; expected one of typed, spoken\.$",
        ),
        (_put(TYPED_AT + "text", to="  "), TYPED + r"\.text: must not be blank"),
        (_put(TYPED_AT + "text", to="a" * 20_001), TYPED + r"\.text: at most 20000 characters"),
        (_put(TYPED_AT + "score", to=-1), TYPED + r"\.score: must be between 0 and 100, got -1\.$"),
        (_put(TYPED_AT + "score", to=101), TYPED + r"\.score: must be between 0 and 100, got 101"),
        (_put(TYPED_AT + "score", to=87.5), TYPED + r"\.score: expected a whole number, got a"),
        (_put(TYPED_AT + "score", to=True), TYPED + r"\.score: expected a whole number, got true"),
        (_put(TYPED_AT + "kept", to="yes"), TYPED + r"\.kept: expected true or false, got text\.$"),
        (_put(TYPED_AT + "created_at", to="today"), TYPED + r"\.created_at: 'today' is not a"),
        (
            _put("practice.0.questions.0.attempts.1.kept", to=True),
            r"^practice\[0\]\.questions\[0\]\.attempts\[1\]\.kept: The best attempt at this "
            r"question is already at practice\[0\]\.questions\[0\]\.attempts\[0\]\.$",
        ),
        (
            _keep_the_same_question_in_another_session,
            r"^practice\[1\]\.questions\[0\]\.attempts\[0\]\.kept: The best attempt at this "
            r"question is already at practice\[0\]\.questions\[0\]\.attempts\[0\]\.$",
        ),
        (_put(SPOKEN_AT + "seconds", to=-3), SPOKEN + r"\.seconds: must not be negative, got -3"),
        (_put(SPOKEN_AT + "wpm", to="fast"), SPOKEN + r"\.wpm: expected a number, got text\.$"),
        (
            _put(SPOKEN_AT + "fillers_per_minute", to=float("inf")),
            SPOKEN + r"\.fillers_per_minute: expected a finite number, got inf\.$",
        ),
        (_put(SPOKEN_AT + "pace_measured", to=1), SPOKEN + r"\.pace_measured: expected true or"),
        (_put(SPOKEN_AT + "timings", to="Hello"), SPOKEN + r"\.timings: expected a list, got text"),
        (
            _put(SPOKEN_AT + "timings.0", to=["Hello", 0.0]),
            SPOKEN + r"\.timings\[0\]: expected \[word, start, end\], a word and two times in "
            r"seconds\.$",
        ),
        (_put(SPOKEN_AT + "timings.1", to=[3, 0.5, 0.6]), SPOKEN + r"\.timings\[1\]: expected"),
        (_put(SPOKEN_AT + "timings.2", to=["led", "0.6", 0.9]), SPOKEN + r"\.timings\[2\]: exp"),
        (_put(SPOKEN_AT + "timings.3", to="it."), SPOKEN + r"\.timings\[3\]: expected \[word"),
        (
            _put(SPOKEN_AT + "timings.3", to=["it.", 1.0, 0.9]),
            SPOKEN + r"\.timings\[3\]: ends at 0\.9, before it starts at 1\.$",
        ),
        (
            _put(SPOKEN_AT + "timings.0", to=["Hello", -0.1, 0.4]),
            SPOKEN + r"\.timings\[0\]: times must be finite and not negative\.$",
        ),
        (
            _put(SPOKEN_AT + "pauses.0", to=[2.7, 1.0]),
            SPOKEN + r"\.pauses\[0\]: ends at 1, before it starts at 2\.7\.$",
        ),
        (
            _put(SPOKEN_AT + "pauses.0", to=["Hello", 1.0, 2.7]),
            SPOKEN + r"\.pauses\[0\]: expected \[start, end\], two times in seconds\.$",
        ),
        (_put(SPOKEN_AT + "pauses.0", to={"start": 1.0}), SPOKEN + r"\.pauses\[0\]: expected"),
    ],
)
def test_a_bad_version_3_record_is_named_by_its_path_and_nothing_is_saved(
    user: User,
    full_document: Document,
    change: Callable[[Document], None],
    message: str,
) -> None:
    document = copy.deepcopy(full_document)
    change(document)
    before = _row_counts()
    with pytest.raises(Invalid, match=message) as caught:
        workspace_import(owner=user, document=document)
    assert "\n" not in caught.value.message
    assert _row_counts() == before


# --- version 4: a concern's answer carried once ------------------------------------------

# Written by the version-3 export (before a concern's answer had one home) of the demo with
# answers planned on the Concerns page: for the unionized-crews concern, words that differ from
# the note's planned response; for the office-days concern, the same words as the note and a
# story, addressed there, then reopened on the round page; and a must-have's learning plan.
VERSION_3_FILE = Path(__file__).parent / "data" / "version-3-concerns.json"
UNIONS, OFFICE = 5, 6  # the two concerns' positions among the first round's notes


def _version_3() -> Document:
    document: Document = json.loads(VERSION_3_FILE.read_text(encoding="utf-8"))
    return document


def test_a_version_3_file_loses_no_answer(user: User) -> None:
    old = _version_3()
    assert old["version"] == 3
    (opportunity,) = old["opportunities"]
    old_notes = opportunity["rounds"][0]["notes"]
    by_note = {a.get("note"): a for a in opportunity["concern_answers"]}
    workspace_import(owner=user, document=old)

    notes = list(RoundNote.objects.filter(owner=user, round__number=1).order_by("created_at", "id"))
    unions, office = notes[UNIONS], notes[OFFICE]
    # Both texts kept, the note's first, a blank line between them.
    assert unions.response == (old_notes[UNIONS]["response"] + "\n\n" + by_note[UNIONS]["answer"])
    # The same words in both places are kept once.
    assert old_notes[OFFICE]["response"] == by_note[OFFICE]["answer"]
    assert office.response == old_notes[OFFICE]["response"]
    # The note's status stands: reopened on the round page after it was addressed.
    assert (by_note[OFFICE]["status"], old_notes[OFFICE]["status"]) == ("addressed", "open")
    assert office.status == "open"
    rows = {a.note_id: a for a in ConcernAnswer.objects.filter(owner=user).select_related("story")}
    assert (rows[unions.pk].kind, rows[unions.pk].story) == ("evidence", None)
    assert (rows[office.pk].kind, rows[office.pk].story.title) == (  # type: ignore[union-attr]
        "story",
        "Dock scheduling trial",
    )
    assert all((a.answer, a.status) == ("", "open") for a in (rows[unions.pk], rows[office.pk]))
    must_have = rows[None]
    assert (must_have.requirement_key, must_have.answer, must_have.status) == (
        "sql",
        "Finished a course in May.",
        "planned",
    )

    again = workspace_export(owner=user, now=NOW)
    assert again["version"] == VERSION
    carried = again["opportunities"][0]
    texts = json.dumps(again)
    assert texts.count(json.dumps(by_note[UNIONS]["answer"])[1:-1]) == 1  # once, on the note
    assert [set(a) for a in carried["concern_answers"][:2]] == [
        {"round", "note", "kind", "story", "updated_at"}
    ] * 2
    assert carried["concern_answers"][2]["answer"] == "Finished a course in May."


def test_a_version_3_file_imports_as_its_version_4_export_does(
    user: User, other_user: User
) -> None:
    """Importing the old file, then importing its new export elsewhere, changes nothing more:
    the merge is done once."""
    workspace_import(owner=other_user, document=_version_3())
    converted = workspace_export(owner=other_user, now=NOW)
    workspace_import(owner=user, document=converted)
    assert json.dumps(workspace_export(owner=user, now=NOW)) == json.dumps(converted)


def test_version_4_round_trip_is_byte_identical(user: User, full_document: Document) -> None:
    written = json.dumps(full_document, ensure_ascii=False, indent=1)
    workspace_import(owner=user, document=json.loads(written))
    again = json.dumps(workspace_export(owner=user, now=NOW), ensure_ascii=False, indent=1)
    assert again == written


def test_an_answer_given_in_a_round_concerns_entry_still_joins_its_note(user: User) -> None:
    """A hand-written file may give an answer where version 3 did; it is not dropped."""
    document = _version_3()
    document["version"] = VERSION
    answers = document["opportunities"][0]["concern_answers"]
    answers[1]["answer"] = "Also: the late train runs every twenty minutes."
    workspace_import(owner=user, document=document)
    office = RoundNote.objects.filter(owner=user, round__number=1).order_by("created_at", "id")[
        OFFICE
    ]
    assert office.response == (
        "Confirmed on the call: the train gets me there in half an hour.\n\n"
        "Also: the late train runs every twenty minutes."
    )


def test_a_bad_status_in_an_old_concern_entry_is_still_refused(user: User) -> None:
    document = _version_3()
    document["opportunities"][0]["concern_answers"][0]["status"] = "maybe"
    with pytest.raises(Invalid, match=r"^opportunities\[0\]\.concern_answers\[0\]\.status"):
        workspace_import(owner=user, document=document)
    assert _owned_counts(user)["RoundNote"] == 0


def test_cv_checks_travel_with_their_opportunity_and_older_files_import_without_them(
    user: User, full_document: Document
) -> None:
    (checked,) = [o for o in full_document["opportunities"] if o.get("cv_checks")]
    assert [(c["requirement_key"], c["status"]) for c in checked["cv_checks"]] == [
        ("degree", "missing")
    ]
    bad = copy.deepcopy(full_document)
    index = bad["opportunities"].index(checked)
    bad["opportunities"][index]["cv_checks"][0]["status"] = "maybe"
    with pytest.raises(Invalid, match=rf"^opportunities\[{index}\]\.cv_checks\[0\]\.status"):
        workspace_import(owner=user, document=bad)
    assert not CVCheck.objects.filter(owner=user).exists()
    older = copy.deepcopy(full_document)
    for opportunity in older["opportunities"]:
        opportunity.pop("cv_checks", None)
    workspace_import(owner=user, document=older)
    assert not CVCheck.objects.filter(owner=user).exists()
