"""`nextround analyze` and `nextround practice`, in process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from django.contrib.auth.models import User

from nextround.cli import main
from nextround.feedback import analyze_answer
from nextround.practice.models import Attempt, PracticeSession

ANSWER = (
    "At my last job the monthly close took nine days. I was asked to shorten it. "
    "Um, I mapped every step, I automated the bank reconciliations, and I moved two reviews "
    "earlier. In the end the close took five days, which saved the team 30 hours a month."
)
KEYS = {
    "words",
    "seconds",
    "seconds_estimated",
    "wpm",
    "fillers",
    "hedges",
    "star",
    "quantified_result",
    "score",
    "components",
    "tips",
}


def test_analyze_prints_the_report_as_json(ok: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    report = json.loads(ok("analyze", str(path), "--question", "Tell me about a time", "--json"))
    assert set(report) >= KEYS
    assert report["seconds_estimated"] is True
    assert report["fillers"]["count"] == 1
    (um,) = report["fillers"]["items"]
    assert ANSWER[um["start"] : um["end"]] == "Um"
    assert set(report["star"]) == {"situation", "task", "action", "result"}
    assert all(set(part) >= {"present", "evidence"} for part in report["star"].values())
    assert report["quantified_result"] is True
    expected = analyze_answer(ANSWER, question="Tell me about a time")
    assert report["score"] == expected.score


def test_analyze_takes_the_questions_category(ok: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    question = ("--question", "Describe a mistake you made at work.")
    as_story = json.loads(ok("analyze", str(path), *question, "--category", "behavioral", "--json"))
    by_wording = json.loads(ok("analyze", str(path), *question, "--json"))
    assert as_story["components"]["result"]["out_of"] > 0
    assert by_wording["components"]["result"]["out_of"] == 0


@pytest.mark.django_db
def test_analyze_reads_standard_input_and_takes_the_seconds() -> None:
    result = run_with_input(["analyze", "--seconds", "30", "--json"], ANSWER)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["seconds"] == 30
    assert report["seconds_estimated"] is False
    assert report["wpm"] == pytest.approx(report["words"] * 2, abs=0.1)


def run_with_input(args: list[str], text: str) -> Result:
    return CliRunner().invoke(main, args, input=text)


def test_analyze_without_json_highlights_and_scores(ok: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    out = ok("analyze", str(path))
    assert out.startswith("Score ")
    capped = analyze_answer(ANSWER).score_note
    assert (capped in out) if capped else "Capped" not in out
    assert "Fillers: 1" in out
    assert "Structure: situation ✓" in out
    # The scene set first, "In the end…" last, about 19 s typed.
    assert "Organisation: point first ✓, conclusion ✓, length ✓" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["analyze"], "   \n", "no answer"),
        (["analyze", "missing.txt"], "", "missing.txt"),
        (["analyze", "--seconds", "0"], ANSWER, "--seconds"),
        (["analyze", "--category", "nonsense"], ANSWER, "--category"),
    ],
)
@pytest.mark.django_db
def test_analyze_refuses_bad_input_with_status_2(args: list[str], stdin: str, message: str) -> None:
    result = run_with_input(args, stdin)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert message.lower() in result.stderr.lower()


def test_analyze_refuses_a_text_and_a_recording_together(
    bad: Callable[..., str], tmp_path: Path
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ANSWER, encoding="utf-8")
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF")
    assert "not both" in bad("analyze", str(text), "--audio", str(audio))


def test_analyze_refuses_a_file_that_is_not_text(bad: Callable[..., str], tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"\xff\xfe\x00binary")
    assert "not a UTF-8 text file" in bad("analyze", str(path))


# --- practice ------------------------------------------------------------------------------


def test_a_terminal_session_saves_each_answer_and_shows_feedback(user: User) -> None:
    # First answer, then retry with a second one, keep it, go on; skip the second question.
    typed = f"{ANSWER}\n\nr\nI did it.\n\nk\nn\n\n"
    result = CliRunner().invoke(
        main, ["practice", "--category", "behavioral", "--count", "2"], input=typed
    )
    assert result.exit_code == 0, (result.output, result.exception)
    session = PracticeSession.objects.get()
    attempts = list(Attempt.objects.order_by("id"))
    assert [a.question.position for a in attempts] == [1, 1]
    assert [a.kept for a in attempts] == [False, True]
    assert result.stdout.count("Score ") == 2
    assert "Question 1 of 2" in result.stdout and "Question 2 of 2" in result.stdout
    assert "Skipped." in result.stdout
    assert f"Saved as session {session.pk}" in result.stdout
    assert f"{attempts[0].score} → " in result.stdout  # the retry is compared with the first


def test_a_terminal_session_without_a_choice_takes_the_weakest_category(user: User) -> None:
    from click.testing import CliRunner

    from nextround.cli import main
    from nextround.practice import services

    session = services.session_start(owner=user, category="motivation", count=1)
    services.attempt_typed(owner=user, question=session.questions.get(), text="I like it.")
    result = CliRunner().invoke(main, ["practice", "--count", "1"], input="")
    assert result.exit_code == 0, result.output
    newest = PracticeSession.objects.order_by("-id").first()
    assert newest is not None and newest.category == "motivation"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["practice", "--round", "999"], "No round with id 999"),
        (["practice", "--round", "1", "--category", "behavioral"], "not both"),
        (["practice", "--category", "astrology"], "no question category"),
        (["practice", "--count", "0"], "--count"),
    ],
)
def test_practice_refuses_bad_choices(
    bad: Callable[..., str], user: User, args: list[str], message: str
) -> None:
    assert message.lower() in bad(*args).lower()
    assert not PracticeSession.objects.exists()


def test_analyze_transcribes_a_recording_and_measures_its_pace(
    ok: Callable[..., str], tmp_path: Path
) -> None:
    from tests.conftest import import_extra, speak

    import_extra("faster_whisper", "voice")

    wav = speak(
        "Our support queue had doubled. I wrote a guide and the waiting time fell by half.",
        tmp_path / "answer.wav",
    )
    report = json.loads(ok("analyze", "--audio", str(wav), "--json"))
    assert report["seconds_estimated"] is False
    assert 8 <= report["words"] <= 20
    assert 100 < report["wpm"] < 220  # spoken at 150 words a minute
    assert report["quantified_result"] is True  # "by half"
