"""A run-through recorded with its slide changes: the upload saves it and queues it once, the
background job (run here in the foreground) transcribes it, and the report times each slide.
The recording is made with espeak-ng (tests/slides/spoken.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nextround.interviews.models import Round
from nextround.practice.services import recordings_dir
from nextround.rehearsal import jobs, services
from nextround.rehearsal.models import RunThrough
from nextround.slides.rehearsal import marks_text
from tests.slides.spoken import SLIDE_SCRIPTS, spoken_run


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    return spoken_run(tmp_path_factory.mktemp("run"))


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
    client: Client, round_with_slides: Round, spoken: tuple[Path, list[float]]
) -> None:
    _upload(client, round_with_slides, spoken[0], "")
    run = RunThrough.objects.get()
    saved = recordings_dir() / run.audio
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
