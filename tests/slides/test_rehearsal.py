"""Per-slide timing as a pure function, on a transcript with known word times and slide marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import Invalid
from nextround.feedback.report import TimedWord
from nextround.slides.budget import SlideInput, plan_budget
from nextround.slides.rehearsal import marks_text, parse_marks, rehearse
from tests.conftest import import_extra


def _words(text: str, start: float, end: float) -> list[TimedWord]:
    """The words spread evenly from ``start`` to ``end``."""
    said = text.split()
    step = (end - start) / len(said)
    return [TimedWord(w, start + i * step, start + (i + 1) * step) for i, w in enumerate(said)]


def test_each_slide_is_timed_against_its_budget() -> None:
    plan = plan_budget(3, [SlideInput("One"), SlideInput("Two"), SlideInput("Three")])  # 60 s each
    words = (
        _words("we looked at the waits " * 30, 0, 60)  # 150 words in 60 s
        + _words("um so the the plan um has uh three steps " * 10, 60, 150)  # 100 words, 90 s
        + _words("thank you", 150, 152)
    )
    report = rehearse(
        budgets=plan.slides, marks=[60, 150], words=words, total_seconds=170, slot_minutes=3
    )
    one, two, three = report.slides
    assert (one.seconds, one.verdict, one.words, one.wpm, one.pace) == (
        60,
        "on time",
        150,
        150,
        "good",
    )
    assert one.fillers == 0
    assert (two.seconds, two.verdict, two.words) == (90, "over", 100)
    assert two.wpm == pytest.approx(67) and two.pace == "slow"
    assert two.fillers >= 20  # "um" and "uh" twice in every ten words
    assert (three.seconds, three.verdict) == (20, "short")
    assert report.verdict == "on time"  # 170 s in a 180 s slot
    assert any("Slide 2 (Two) ran 30 s over" in note for note in report.notes)


def test_running_over_the_slot_is_the_first_note() -> None:
    plan = plan_budget(1, [SlideInput("Only")])
    report = rehearse(
        budgets=plan.slides, marks=[], words=_words("a b c", 0, 3), total_seconds=90, slot_minutes=1
    )
    assert report.verdict == "over"
    assert report.notes[0].startswith("The run went over the slot")


def test_slides_not_reached_are_noted() -> None:
    plan = plan_budget(2, [SlideInput("A"), SlideInput("B")])
    report = rehearse(budgets=plan.slides, marks=[], words=[], total_seconds=50, slot_minutes=2)
    assert len(report.slides) == 1
    assert "Only 1 of 2 slides were reached." in report.notes


@pytest.mark.parametrize("marks", [[30, 20], [0], [70], [10, 20, 30]])
def test_marks_out_of_order_or_too_many_are_refused(marks: list[float]) -> None:
    plan = plan_budget(2, [SlideInput("A"), SlideInput("B"), SlideInput("C")])
    with pytest.raises(Invalid):
        rehearse(budgets=plan.slides, marks=marks, words=[], total_seconds=60, slot_minutes=2)


@pytest.mark.parametrize(
    ("typed", "marks"),
    [
        ("0:40, 1:55, 3:10", [40, 115, 190]),
        ("40 115; 190.5", [40, 115, 190.5]),
        ("  ", []),
        ("0:07.25,1:00", [7.25, 60]),
        ("12:00", [720]),
    ],
)
def test_typed_slide_changes_are_read(typed: str, marks: list[float]) -> None:
    assert parse_marks(typed) == pytest.approx(marks)


@pytest.mark.parametrize("typed", ["1:75", "0:40, 0:30", "0:40 0:40", "0", "1m20", "-5", "1:5"])
def test_typed_slide_changes_out_of_order_or_not_times_are_refused(typed: str) -> None:
    with pytest.raises(Invalid):
        parse_marks(typed)


def test_marks_written_for_the_form_read_back() -> None:
    marks = [7.5, 65.0, 601.3]
    assert marks_text(marks) == "0:07.5, 1:05, 10:01.3"
    assert parse_marks(marks_text(marks)) == pytest.approx(marks)


def test_a_spoken_run_through_with_known_slide_changes(tmp_path: Path) -> None:
    """espeak-ng speaks one sentence a slide with a second of silence between; the slide marks
    fall in the middle of each silence; the local speech model transcribes the recording."""
    import_extra("faster_whisper", "voice")
    from nextround.speech import transcribe
    from tests.slides.spoken import SLIDE_SCRIPTS, spoken_run

    wav, marks = spoken_run(tmp_path)
    transcript = transcribe(wav)
    plan = plan_budget(1, [SlideInput(f"Slide {n}") for n in range(1, 4)])  # 20 s each
    report = rehearse(
        budgets=plan.slides,
        marks=marks,
        words=transcript.words,
        total_seconds=transcript.duration,
        slot_minutes=1,
    )
    heard = [run.words for run in report.slides]
    expected = [len(script.split()) for script in SLIDE_SCRIPTS]
    assert all(abs(h - e) <= 1 for h, e in zip(heard, expected, strict=True)), heard
    assert [run.end for run in report.slides[:2]] == [round(m, 1) for m in marks]
    assert all(run.verdict == "short" for run in report.slides)  # a few seconds of 20
    assert report.verdict == "short"
