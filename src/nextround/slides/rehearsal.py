"""A run-through timed slide by slide. The recording's words come with their times (the speech
package's transcript); the candidate marks each slide change with a key press, recorded as
seconds from the start. Each slide's stretch is measured like a spoken answer: its time against
the budget, its pace in words a minute (the answer analyzer's bands), its fillers (the answer
analyzer's list); and the whole run against the slot, since running over is the most common
failure of a presentation."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import msgspec

from nextround.errors import Invalid
from nextround.feedback.delivery import pace_band
from nextround.feedback.fillers import find_fillers
from nextround.feedback.report import TimedWord
from nextround.slides import thresholds as t
from nextround.slides.budget import SlideBudget


class SlideRun(msgspec.Struct, frozen=True):
    number: int
    title: str
    start: float
    end: float
    budget_seconds: float
    verdict: str  # "on time" | "over" | "short"
    words: int
    wpm: float
    pace: str  # "slow" | "good" | "brisk" | "fast"; "" with no words
    fillers: int
    fillers_per_100: float

    @property
    def seconds(self) -> float:
        return round(self.end - self.start, 1)


class RunReport(msgspec.Struct, frozen=True):
    slides: list[SlideRun]
    total_seconds: float
    slot_seconds: float
    verdict: str  # the whole run: "on time" | "over" | "short"
    notes: list[str]  # what to work on, most important first


MARK = re.compile(r"^(?:(\d+):([0-5]\d)|(\d+))(?:\.(\d+))?$")


def parse_marks(text: str) -> list[float]:
    """Slide changes typed as "0:40, 1:55, 3:10" (minutes:seconds) or plain seconds ("40, 115");
    commas, semicolons or spaces between them. They must rise: each is a later moment."""
    marks = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        found = MARK.match(part)
        if found is None:
            raise Invalid(f"“{part}” is not a time: write minutes:seconds, like 1:05.")
        minutes, seconds, plain, fraction = found.groups()
        whole = int(plain) if plain is not None else int(minutes) * 60 + int(seconds)
        marks.append(whole + float(f"0.{fraction}") if fraction else float(whole))
    if any(b <= a for a, b in itertools.pairwise(marks)):
        raise Invalid("Slide changes must come in order, each later than the one before.")
    if marks and marks[0] <= 0:
        raise Invalid("The first slide change must come after the start.")
    return marks


def marks_text(marks: Sequence[float]) -> str:
    """The marks as the form shows them: "0:40, 1:55"."""
    return ", ".join(f"{int(m // 60)}:{m % 60:04.1f}".replace(".0", "") for m in marks)


def timing_verdict(seconds: float, budget: float) -> str:
    if seconds > budget * (1 + t.OVER_SHARE):
        return "over"
    if seconds < budget * t.SHORT_SHARE:
        return "short"
    return "on time"


def rehearse(
    *,
    budgets: Sequence[SlideBudget],
    marks: Sequence[float],
    words: Sequence[TimedWord],
    total_seconds: float,
    slot_minutes: float,
) -> RunReport:
    """Per slide and overall. ``marks`` are the moments the candidate moved to the next slide
    (one fewer than the slides reached; slide 1 starts at 0); a word belongs to the slide in
    which it starts."""
    _check(budgets, marks, total_seconds)
    edges = [0.0, *marks, total_seconds]
    runs = [
        _run(budget, edges[i], edges[i + 1], words)
        for i, budget in enumerate(budgets[: len(edges) - 1])
    ]
    slot = slot_minutes * 60
    verdict = timing_verdict(total_seconds, slot)
    return RunReport(runs, round(total_seconds, 1), slot, verdict, _notes(runs, verdict, budgets))


def _check(budgets: Sequence[SlideBudget], marks: Sequence[float], total: float) -> None:
    if not budgets:
        raise Invalid("The plan has no slides to rehearse.")
    if len(marks) >= len(budgets):
        raise Invalid(f"{len(marks)} slide changes marked, but the plan has {len(budgets)} slides.")
    if any(b <= a for a, b in zip([0.0, *marks], [*marks, total], strict=True)):
        raise Invalid("Slide changes must come in order, after the start and before the end.")


def _run(budget: SlideBudget, start: float, end: float, words: Sequence[TimedWord]) -> SlideRun:
    said = [w.word for w in words if start <= w.start < end]
    text = " ".join(said)
    seconds = end - start
    wpm = len(said) * 60 / seconds
    fillers = len(find_fillers(text)) if said else 0
    return SlideRun(
        number=budget.number,
        title=budget.title,
        start=round(start, 1),
        end=round(end, 1),
        budget_seconds=budget.seconds,
        verdict=timing_verdict(seconds, budget.seconds),
        words=len(said),
        wpm=round(wpm),
        pace=pace_band(wpm) if said else "",
        fillers=fillers,
        fillers_per_100=round(fillers * 100 / len(said), 1) if said else 0.0,
    )


def _notes(runs: list[SlideRun], verdict: str, budgets: Sequence[SlideBudget]) -> list[str]:
    notes = []
    if verdict == "over":
        notes.append("The run went over the slot: cut from the slides that ran longest.")
    if len(runs) < len(budgets):
        notes.append(f"Only {len(runs)} of {len(budgets)} slides were reached.")
    over = sorted(
        (r for r in runs if r.verdict == "over"), key=lambda r: r.budget_seconds - r.seconds
    )
    notes += [
        f"Slide {r.number} ({r.title}) ran {r.seconds - r.budget_seconds:.0f} s over." for r in over
    ]
    notes += [
        f"Slide {r.number} ({r.title}): {r.fillers_per_100:g} fillers per 100 words."
        for r in runs
        if r.fillers_per_100 > t.FILLERS_FULL_AT
    ]
    notes += [
        f"Slide {r.number} ({r.title}): pace {r.pace} ({r.wpm:g} wpm)."
        for r in runs
        if r.pace in {"slow", "fast"}
    ]
    return notes
