"""The stories app's data migrations, run forward and back on a real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("stories", "0001_initial")]
AFTER = [("stories", "0002_concern_answer_on_note")]


def _migrate(targets: list[tuple[str, str]]) -> Apps:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before() -> Iterator[Apps]:
    """The database as it was before a concern's answer had one home; migrated to the latest
    again afterwards, whatever the test did."""
    yield _migrate(BEFORE)
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())


def _concerns(apps: Apps) -> dict[str, Any]:
    """A round with three concerns and the answers the Concerns page planned for two."""
    user = apps.get_model("auth", "User").objects.create(username="before")
    opportunity = apps.get_model("interviews", "Opportunity").objects.create(
        owner=user, company="Acme", role_title="Analyst"
    )
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    round_ = apps.get_model("interviews", "Round").objects.create(
        owner=user,
        opportunity=opportunity,
        number=1,
        starts_at=start,
        ends_at=start.replace(hour=10),
        timezone="Europe/Berlin",
    )
    note_model = apps.get_model("interviews", "RoundNote")

    def note(text: str, response: str, status: str) -> Any:
        return note_model.objects.create(
            owner=user, round=round_, kind="concern", text=text, response=response, status=status
        )

    both = note("Little SQL?", "Name the course.", "open")
    same = note("Far away?", "Half an hour by train.", "closed")
    alone = note("Never led a team?", "The rota I ran.", "open")
    answer = apps.get_model("stories", "ConcernAnswer").objects
    for concern, said, status in [
        (both, "Show the dashboard I built.", "planned"),
        # Closed on the round page after it was planned: the note's status is the later one.
        (same, "Half an hour by train.", "planned"),
    ]:
        answer.create(
            owner=user,
            opportunity=opportunity,
            note=concern,
            kind="evidence",
            answer=said,
            status=status,
        )
    answer.create(
        owner=user,
        opportunity=opportunity,
        requirement_key="sql",
        requirement_text="Strong SQL",
        kind="learning",
        answer="A course in May.",
        status="addressed",
    )
    return {"both": both.pk, "same": same.pk, "alone": alone.pk}


def _state(apps: Apps, pks: dict[str, int]) -> dict[str, tuple[Any, ...]]:
    notes = apps.get_model("interviews", "RoundNote").objects
    answers = apps.get_model("stories", "ConcernAnswer").objects
    state: dict[str, tuple[Any, ...]] = {}
    for name, pk in pks.items():
        note = notes.get(pk=pk)
        row = answers.filter(note_id=pk).first()
        state[name] = (note.response, note.status, row and (row.kind, row.answer, row.status))
    must_have = answers.get(requirement_key="sql")
    state["sql"] = (must_have.answer, must_have.status)
    return state


def test_answers_move_onto_their_notes_and_nothing_is_lost(before: Apps) -> None:
    pks = _concerns(before)
    after = _migrate(AFTER)
    assert _state(after, pks) == {
        "both": (
            "Name the course.\n\nShow the dashboard I built.",
            "open",
            ("evidence", "", "open"),
        ),
        "same": ("Half an hour by train.", "closed", ("evidence", "", "open")),
        "alone": ("The rota I ran.", "open", None),
        "sql": ("A course in May.", "addressed"),  # a must-have's answer stays where it was
    }


def test_back_again_each_answer_row_reads_its_note(before: Apps) -> None:
    pks = _concerns(before)
    _migrate(AFTER)
    back = _migrate(BEFORE)
    assert _state(back, pks) == {
        "both": (
            "Name the course.\n\nShow the dashboard I built.",
            "open",
            ("evidence", "Name the course.\n\nShow the dashboard I built.", "planned"),
        ),
        "same": (
            "Half an hour by train.",
            "closed",
            ("evidence", "Half an hour by train.", "addressed"),
        ),
        "alone": ("The rota I ran.", "open", None),
        "sql": ("A course in May.", "addressed"),
    }
