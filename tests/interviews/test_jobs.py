"""Question notes tagged by meaning in the background (nextround.interviews.jobs): a serving
process tags a saved question by its words at once, queues it, and a worker tags it again with
the sentence embeddings; the request never runs the model."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from nextround.core.models import QueuedTask
from nextround.interviews import jobs, services
from nextround.interviews.models import NoteKind, Opportunity, Round, RoundNote
from nextround.playbook import question_model
from nextround.playbook.classify import classify_question
from tests.conftest import drain

pytestmark = pytest.mark.django_db(transaction=True)  # the worker sees only committed rows

# Questions no bank wording or opening rule decides: the classifier's guess, which meaning can
# change.
GUESSED = (
    "How do you keep up with changes in your field?",
    "How do you deal with a colleague who misses deadlines?",
    "What gets you out of bed in the morning?",
)


@pytest.fixture(autouse=True)
def _serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Each test starts as a CLI process does (not serving)."""
    event = threading.Event()
    monkeypatch.setattr(jobs, "_serving", event)
    yield event


@pytest.fixture
def round_(opportunity: Opportunity) -> Round:
    return services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 10, 9, tzinfo=UTC),
        ends=datetime(2026, 12, 10, 10, tzinfo=UTC),
        timezone_name="UTC",
    )


@pytest.fixture
def meaning_callers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that ask for the embedding model."""
    callers: list[str] = []
    original = question_model.meaning

    def recording() -> question_model.Meaning | None:
        callers.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(question_model, "meaning", recording)
    return callers


def test_a_command_tags_by_meaning_in_the_foreground_and_queues_nothing(
    round_: Round, meaning_callers: list[str]
) -> None:
    for text in GUESSED:
        note = services.note_create(round_=round_, kind=NoteKind.QUESTION, text=text)
        assert note.category == classify_question(text).category
    assert not QueuedTask.objects.exists()
    assert meaning_callers and set(meaning_callers) == {threading.current_thread().name}


def test_a_serving_process_tags_by_words_then_the_worker_by_meaning(
    round_: Round,
    meaning_callers: list[str],
    _serving: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _serving.set()
    queued: list[int] = []
    enqueue = jobs.enqueue

    def recording(note_id: int) -> bool:
        queued.append(note_id)
        return enqueue(note_id)

    monkeypatch.setattr(jobs, "enqueue", recording)
    notes = [
        services.note_create(round_=round_, kind=NoteKind.QUESTION, text=text) for text in GUESSED
    ]
    request = threading.current_thread().name
    assert request not in meaning_callers  # the saves never asked for the model
    for note, text in zip(notes, GUESSED, strict=True):
        assert note.category == classify_question(text, meaning=False).category
    assert queued == [n.pk for n in notes]
    assert all(jobs.is_active(n.pk) for n in notes)
    drain("tag")
    assert meaning_callers and request not in meaning_callers
    for note, text in zip(notes, GUESSED, strict=True):
        note.refresh_from_db()
        assert note.category == classify_question(text).category
    # A bank wording or an opening rule decides alone: nothing for the worker to do.
    services.note_create(round_=round_, kind=NoteKind.QUESTION, text="Tell me about yourself.")
    assert len(queued) == len(GUESSED)


def test_the_worker_leaves_a_category_picked_by_hand_and_a_deleted_note(round_: Round) -> None:
    note = services.note_create(round_=round_, kind=NoteKind.QUESTION, text=GUESSED[0])
    services.note_update(note=note, category="salary")
    assert services.note_tag_by_meaning(note_id=note.pk) is None
    note.refresh_from_db()
    assert (note.category, note.category_by_hand) == ("salary", True)
    services.note_update(note=note, category="", text=GUESSED[2])
    RoundNote.objects.filter(pk=note.pk).update(category="")  # as a words-only save may leave it
    assert services.note_tag_by_meaning(note_id=note.pk) == classify_question(GUESSED[2]).category
    note.refresh_from_db()
    assert note.category == classify_question(GUESSED[2]).category
    pk = note.pk
    services.note_delete(note=note)
    assert services.note_tag_by_meaning(note_id=pk) is None
