"""Recordings transcribed in the background. A run-through recorded with its slide changes: the
upload saves it and queues it once, the background job (run here in the foreground) transcribes
it, and the report times each slide (the recording made with espeak-ng, tests/slides/spoken.py).
A spoken case answer: the upload stops the clock and queues it, the job writes the transcript
into the answer, and the case feedback is measured on what was said."""

from __future__ import annotations

import wave
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from nextround.interviews.models import Round
from nextround.practice.services import recordings_dir
from nextround.rehearsal import jobs, services
from nextround.rehearsal.models import CaseSession, RunThrough
from nextround.slides.rehearsal import marks_text
from tests.conftest import speak
from tests.slides.spoken import SLIDE_SCRIPTS, spoken_run

# Under 30 seconds at this rate, so Whisper hears it in one window; the second sum is wrong.
CASE_SCRIPT = (
    "Is the goal to cut cost, or waste? I would look at three areas: buying, cooking and "
    "serving. Let's assume the group buys 200,000 dollars of food a month. 200,000 times 15% is "
    "30,000. 30,000 times 50% is 16,000. I recommend ordering daily from forecasts. The risk is "
    "running out of popular dishes. The next step is a pilot in two kitchens."
)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    return spoken_run(tmp_path_factory.mktemp("run"))


@pytest.fixture(scope="module")
def spoken_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak(CASE_SCRIPT, tmp_path_factory.mktemp("case") / "case.wav", words_per_minute=170)


@pytest.fixture
def round_with_slides(rounds: list[Round]) -> Round:
    round_ = rounds[1]
    services.plan_save(round_=round_, changes={"slot_minutes": 1})
    for n in range(1, len(SLIDE_SCRIPTS) + 1):
        services.slide_add_to_round(round_=round_, fields={"title": f"Part {n}"})
    return round_


def _upload(client: Client, round_: Round, wav: Path, marks: str) -> object:
    data = {"audio": SimpleUploadedFile("run.wav", wav.read_bytes(), "audio/wav"), "marks": marks}
    return client.post(f"/rounds/{round_.pk}/presentation/run/", data)


def test_the_upload_saves_the_run_through_and_queues_it_once(
    client: Client,
    round_with_slides: Round,
    spoken: tuple[Path, list[float]],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: object,
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", queued.append)
    wav, _ = spoken
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = _upload(client, round_with_slides, wav, "0:04, 0:09.5")
    run = RunThrough.objects.get()
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response["Location"] == f"/run-throughs/{run.pk}/"  # type: ignore[index]
    assert queued == [run.pk]
    assert run.status == "queued" and run.marks == [4.0, 9.5]
    assert (recordings_dir() / run.audio).read_bytes() == wav.read_bytes()
    page = BeautifulSoup(client.get(f"/run-throughs/{run.pk}/").content, "html.parser")
    assert page.select_one("#transcribing")


@pytest.mark.parametrize("marks", ["0:04, 0:03", "1, 2, 3", "soon"])
def test_bad_marks_are_refused_and_nothing_is_saved(
    client: Client, round_with_slides: Round, spoken: tuple[Path, list[float]], marks: str
) -> None:
    before = set(recordings_dir().iterdir())
    response = _upload(client, round_with_slides, spoken[0], marks)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert not RunThrough.objects.exists()
    assert set(recordings_dir().iterdir()) == before


def test_a_plan_without_slides_refuses_a_run_through(
    client: Client, rounds: list[Round], spoken: tuple[Path, list[float]]
) -> None:
    response = _upload(client, rounds[0], spoken[0], "")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "add the slides" in response.content.decode().lower()  # type: ignore[attr-defined]
    assert not RunThrough.objects.exists()


def test_the_report_times_each_slide_of_a_spoken_run(
    client: Client, user: User, round_with_slides: Round, spoken: tuple[Path, list[float]]
) -> None:
    wav, marks = spoken
    assert _upload(client, round_with_slides, wav, marks_text(marks)).status_code == 303  # type: ignore[attr-defined]
    run = RunThrough.objects.get(owner=user)

    services.run_through_transcribe(run.pk)  # what the background worker runs

    run.refresh_from_db()
    assert run.status == "done", run.error
    page = BeautifulSoup(client.get(f"/run-throughs/{run.pk}/").content, "html.parser")
    rows = page.select("[data-testid=run-slides] tbody tr")
    titles = [th.get_text() for row in rows for th in row.select("th")]
    assert titles == ["Part 1", "Part 2", "Part 3"]
    words = [int(row.select("td")[5].get_text()) for row in rows]
    expected = [len(script.split()) for script in SLIDE_SCRIPTS]
    assert all(abs(w - e) <= 1 for w, e in zip(words, expected, strict=True)), words
    starts = [float(row.select("td")[1].get_text().split()[0]) for row in rows[1:]]
    assert starts == [round(m, 1) for m in marks]
    assert all("short" in row.get_text() for row in rows)  # a few seconds of a 20 s budget
    total = page.select_one("[data-testid=run-total]")
    assert total is not None and "against a slot of 60 s" in total.get_text()
    assert f"{run.seconds:.0f} s" in total.get_text()


def test_deleting_a_run_through_removes_its_recording(
    client: Client,
    round_with_slides: Round,
    spoken: tuple[Path, list[float]],
    django_capture_on_commit_callbacks: object,
) -> None:
    _upload(client, round_with_slides, spoken[0], "")
    run = RunThrough.objects.get()
    saved = recordings_dir() / run.audio
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/run-throughs/{run.pk}/delete/")
    assert response.status_code == 303
    assert not saved.exists() and not RunThrough.objects.exists()


def test_run_throughs_a_stopped_server_left_are_queued_again(
    round_with_slides: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", queued.append)
    plan = round_with_slides.presentation
    left = {
        status: RunThrough.objects.create(owner=plan.owner, plan=plan, audio="x.wav", status=status)
        for status in ("queued", "transcribing", "done", "failed")
    }
    assert services.run_through_resume() == 2
    assert sorted(queued) == sorted([left["queued"].pk, left["transcribing"].pk])
    left["transcribing"].refresh_from_db()
    assert left["transcribing"].status == "queued"  # starts over


# --- spoken case answers ----------------------------------------------------------------------


def _record_case(client: Client, session: CaseSession, wav: Path, typed: str = "") -> object:
    data = {
        "audio": SimpleUploadedFile("answer.wav", wav.read_bytes(), "audio/wav"),
        "structure": "- buying\n- cooking\n- serving",
        "answer": typed,
    }
    return client.post(f"/cases/sessions/{session.pk}/", data)


@pytest.fixture
def case_session(user: User) -> CaseSession:
    return services.case_session_from_bank(owner=user, key="kitchen-waste", now=timezone.now())


def test_a_recorded_case_answer_stops_the_clock_and_is_queued_once(
    client: Client,
    case_session: CaseSession,
    spoken_case: Path,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: object,
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue_case_answer", queued.append)
    services.case_phase_begin(session=case_session, phase="clarify", now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = _record_case(client, case_session, spoken_case)
    assert response.status_code == 303  # type: ignore[attr-defined]
    url = f"/cases/sessions/{case_session.pk}/feedback/"
    assert response["Location"] == url  # type: ignore[index]
    assert queued == [case_session.pk]
    case_session.refresh_from_db()
    assert case_session.audio_status == "queued" and case_session.finished_at is not None
    assert case_session.structure.startswith("- buying")
    saved = recordings_dir() / case_session.audio
    assert saved.read_bytes() == spoken_case.read_bytes()
    assert saved.stat().st_mode & 0o777 == 0o600
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.select_one("#transcribing") and page.select_one("meta[http-equiv=refresh]")
    # A second recording waits for the first to be transcribed.
    assert _record_case(client, case_session, spoken_case).status_code == 400  # type: ignore[attr-defined]


def test_the_transcript_becomes_the_answer_and_the_feedback_is_measured_on_it(
    client: Client, case_session: CaseSession, spoken_case: Path
) -> None:
    started = timezone.now() - timedelta(minutes=4)
    services.case_phase_begin(session=case_session, phase="clarify", now=started)
    services.case_phase_begin(
        session=case_session, phase="structure", now=started + timedelta(minutes=1)
    )
    assert _record_case(client, case_session, spoken_case).status_code == 303  # type: ignore[attr-defined]

    services.case_answer_transcribe(case_session.pk)  # what the background worker runs

    case_session.refresh_from_db()
    assert case_session.audio_status == "done", case_session.audio_error
    assert case_session.answer == case_session.transcript
    assert "three areas" in case_session.answer and "pilot in two kitchens" in case_session.answer
    assert 20 < (case_session.audio_seconds or 0) < 30
    page = BeautifulSoup(
        client.get(f"/cases/sessions/{case_session.pk}/feedback/").content, "html.parser"
    )
    checks = page.select_one("[data-testid=case-checks]")
    assert checks is not None
    text = checks.get_text()
    assert "times 15% is 30,000: right" in text  # each spoken sum recomputed
    assert "30,000 times 50% is 16,000: comes to 15,000" in text
    assert "You announced 3 branches" in text
    assert "Is the goal to cut cost" in text  # the question asked before diving in
    assert "Structure: 3:" in text  # the phases timed by the buttons, the last by the recording
    score = page.select_one("[data-testid=case-score]")
    assert score is not None and f"spoken in {case_session.audio_seconds:.0f} s" in score.get_text()


def test_a_transcript_follows_typed_text_and_replaces_an_earlier_transcript(
    case_session: CaseSession,
    spoken_case: Path,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: object,
) -> None:
    monkeypatch.setattr(jobs, "enqueue_case_answer", lambda pk: None)

    def record(typed: str) -> CaseSession:
        session = CaseSession.objects.get(pk=case_session.pk)
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            services.case_answer_recorded(
                session=session,
                structure="",
                answer=typed,
                name="answer.wav",
                chunks=[spoken_case.read_bytes()],
                size=spoken_case.stat().st_size,
                now=timezone.now(),
            )
        services.case_answer_transcribe(session.pk)
        session.refresh_from_db()
        return session

    first = record("My notes: waste is bought, not cooked.")
    assert first.answer.startswith("My notes: waste is bought, not cooked.\n\n")
    assert first.answer.endswith(first.transcript)
    earlier = recordings_dir() / first.audio
    second = record(first.transcript)  # left as the last recording wrote it
    assert second.answer == second.transcript
    assert not earlier.exists()  # the new recording replaced the last one


def test_a_silent_case_recording_fails_with_a_message(
    client: Client, case_session: CaseSession, tmp_path: Path
) -> None:
    quiet = tmp_path / "quiet.wav"
    with wave.open(str(quiet), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(b"\0\0" * 16_000 * 2)
    assert _record_case(client, case_session, quiet).status_code == 303  # type: ignore[attr-defined]
    services.case_answer_transcribe(case_session.pk)
    case_session.refresh_from_db()
    assert case_session.audio_status == "failed" and "No speech" in case_session.audio_error
    page = client.get(f"/cases/sessions/{case_session.pk}/feedback/").content.decode()
    assert "No speech was heard" in page and "record it again" in page


def test_case_answers_a_stopped_server_left_are_queued_again(
    user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue_case_answer", queued.append)
    left = {
        status: CaseSession.objects.create(
            owner=user, title=status or "typed", prompt="p", audio="x.wav", audio_status=status
        )
        for status in ("", "queued", "transcribing", "done", "failed")
    }
    assert services.case_answer_resume() == 2
    assert sorted(queued) == sorted([left["queued"].pk, left["transcribing"].pk])
    left["transcribing"].refresh_from_db()
    assert left["transcribing"].audio_status == "queued"  # starts over
