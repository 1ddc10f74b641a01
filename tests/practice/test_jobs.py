"""Spoken practice: a recording uploaded, queued, transcribed by a worker with real faster-whisper
on espeak-ng speech, analysed, and shown. Needs the voice extra (installed by `make`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult

from nextround.practice import jobs, services
from nextround.practice.models import Attempt, PracticeQuestion, Status
from tests.conftest import drain, import_extra, speak

import_extra("faster_whisper", "voice")

SAID = (
    "Last year our support queue doubled. I was asked to fix it. "
    "I wrote a triage guide and I trained four new agents. "
    "As a result the waiting time fell by half."
)


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak(SAID, tmp_path_factory.mktemp("voice") / "answer.wav")


@pytest.fixture
def question(user: User) -> PracticeQuestion:
    session = services.session_start(owner=user, category="behavioral", count=1)
    return session.questions.get()


def _upload(client: Client, question: PracticeQuestion, name: str, data: bytes) -> object:
    url = f"/practice/sessions/{question.session_id}/{question.position}/record/"
    return client.post(url, {"audio": SimpleUploadedFile(name, data, "audio/wav")})


@pytest.mark.django_db
def test_a_recording_is_queued_then_transcribed_and_analysed(
    user: User, question: PracticeQuestion, recording: Path
) -> None:
    client = Client()
    response = _upload(client, question, "answer.wav", recording.read_bytes())
    assert response.status_code == 303  # type: ignore[attr-defined]
    attempt = Attempt.objects.get()
    assert attempt.status == Status.QUEUED and attempt.mode == "spoken"
    saved = services.recordings_dir() / attempt.audio
    assert saved.read_bytes() == recording.read_bytes()
    waiting = BeautifulSoup(client.get(f"/practice/attempts/{attempt.pk}/").content, "html.parser")
    assert waiting.select_one("progress#transcribe-progress")

    services.transcribe_attempt(attempt.pk)  # what the background worker runs

    attempt.refresh_from_db()
    assert attempt.status == Status.DONE, attempt.error
    heard = attempt.text.lower()
    for word in ("support", "doubled", "guide", "agents", "half"):
        assert word in heard
    assert attempt.pace_measured
    assert 100 < (attempt.wpm or 0) < 200  # espeak-ng spoke at 150 words a minute
    assert attempt.timings and attempt.seconds
    page = BeautifulSoup(client.get(f"/practice/attempts/{attempt.pk}/").content, "html.parser")
    assert page.find("h2", string="What you said")
    assert "words a minute" in page.get_text()


@pytest.mark.django_db
def test_a_damaged_recording_fails_with_a_message_and_keeps_the_attempt(
    user: User, question: PracticeQuestion
) -> None:
    client = Client()
    _upload(client, question, "answer.webm", b"\x1aE\xdf\xa3 not really webm" * 50)
    attempt = Attempt.objects.get()
    services.transcribe_attempt(attempt.pk)
    attempt.refresh_from_db()
    assert attempt.status == Status.FAILED
    assert "could not be read" in attempt.error
    page = client.get(f"/practice/attempts/{attempt.pk}/").content.decode()
    assert attempt.error in page


@pytest.mark.django_db
def test_an_unsupported_file_is_refused_before_it_is_saved(
    user: User, question: PracticeQuestion
) -> None:
    before = set(services.recordings_dir().iterdir())
    response = _upload(Client(), question, "answer.txt", b"hello")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "WebM" in response.content.decode()  # type: ignore[attr-defined]
    assert not Attempt.objects.exists()
    assert set(services.recordings_dir().iterdir()) == before


@pytest.mark.django_db
def test_deleting_an_attempt_deletes_its_recording(
    user: User,
    question: PracticeQuestion,
    recording: Path,
    django_capture_on_commit_callbacks: object,
) -> None:
    _upload(Client(), question, "answer.wav", recording.read_bytes())
    attempt = Attempt.objects.get()
    saved = services.recordings_dir() / attempt.audio
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.attempt_delete(attempt=attempt)  # the file goes once the deletion commits
    assert not saved.exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_transcribes_from_the_queue_after_the_upload_commits(
    user: User, question: PracticeQuestion, recording: Path, ok: Callable[..., str]
) -> None:
    response = _upload(Client(), question, "answer.wav", recording.read_bytes())
    assert response.status_code == 303  # type: ignore[attr-defined]
    attempt = Attempt.objects.get()
    assert jobs.is_active(attempt.pk)
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.queue_name, queued.args_kwargs["args"]) == (
        "READY",
        "transcribe",
        [attempt.pk],
    )
    assert not jobs.enqueue(attempt.pk)  # queued once

    ok("worker", "--queue", "transcribe", "--batch")  # a real worker, from the database queue

    attempt.refresh_from_db()
    assert attempt.status == Status.DONE, attempt.error
    assert attempt.progress == 1.0
    assert "guide" in attempt.text.lower()
    assert not jobs.is_active(attempt.pk)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_recordings_left_queued_by_a_stopped_worker_are_queued_again(
    user: User, question: PracticeQuestion, recording: Path
) -> None:
    name = "left-behind.wav"
    (services.recordings_dir() / name).write_bytes(recording.read_bytes())
    left = Attempt.objects.create(
        owner=user, question=question, mode="spoken", status=Status.TRANSCRIBING, audio=name
    )
    assert services.resume_pending() == 1  # what `serve` and `worker` run at start-up
    left.refresh_from_db()
    assert left.status == Status.QUEUED and jobs.is_active(left.pk)
    drain("transcribe")
    left.refresh_from_db()
    assert left.status == Status.DONE, left.error
