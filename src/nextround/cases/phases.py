"""The phases of a case and the time spent in each against its target. A session records the
moment each phase began; a phase ends when the next begins (the last when the candidate
finishes)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal

import msgspec

from nextround.cases import thresholds as t

Phase = Literal["clarify", "structure", "analyse", "recommend"]
PHASES: tuple[Phase, ...] = Phase.__args__  # type: ignore[attr-defined]
PHASE_LABELS: dict[str, str] = {
    "clarify": "Clarify",
    "structure": "Structure",
    "analyse": "Analyse",
    "recommend": "Recommend",
}
assert set(PHASE_LABELS) == set(PHASES) == set(t.PHASE_TARGET_MINUTES)


class PhaseTime(msgspec.Struct, frozen=True):
    """One phase: seconds spent (None when it was skipped) against its target, and the verdict:
    "on time", "over", "rushed" or "skipped"."""

    phase: str
    label: str
    seconds: float | None
    target_seconds: float
    verdict: str


def target_seconds(phase: str) -> float:
    return t.PHASE_TARGET_MINUTES[phase] * 60


def verdict(seconds: float | None, target: float) -> str:
    if seconds is None:
        return "skipped"
    if seconds > target * t.PHASE_OVER_FACTOR:
        return "over"
    if seconds < target * t.PHASE_RUSHED_FACTOR:
        return "rushed"
    return "on time"


def phase_times(started: Mapping[str, datetime], finished: datetime | None) -> list[PhaseTime]:
    """Each phase's time from the moments phases began (``started``) and the end. A phase never
    begun is skipped; the phase in progress, when the session is not finished, is left open
    (seconds None, verdict "in progress")."""
    begun = sorted((moment, phase) for phase, moment in started.items() if phase in PHASES)
    ends: dict[str, datetime | None] = {}
    for i, (_, phase) in enumerate(begun):
        ends[phase] = begun[i + 1][0] if i + 1 < len(begun) else finished
    times: list[PhaseTime] = []
    for phase in PHASES:
        target = target_seconds(phase)
        end = ends.get(phase)
        if phase in ends and end is None:
            times.append(PhaseTime(phase, PHASE_LABELS[phase], None, target, "in progress"))
            continue
        seconds = (end - started[phase]).total_seconds() if end is not None else None
        times.append(
            PhaseTime(phase, PHASE_LABELS[phase], seconds, target, verdict(seconds, target))
        )
    return times


def next_phase(started: Mapping[str, datetime]) -> str | None:
    """The first phase not begun yet, in order; None when all have begun."""
    return next((phase for phase in PHASES if phase not in started), None)
