from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nextround.cases.phases import PHASES, next_phase, phase_times

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def test_each_phase_ends_when_the_next_begins() -> None:
    started = {"clarify": _at(0), "structure": _at(3), "analyse": _at(3.5), "recommend": _at(20)}
    times = {p.phase: p for p in phase_times(started, _at(25))}
    assert times["clarify"].seconds == 180 and times["clarify"].verdict == "on time"
    assert times["structure"].seconds == 30 and times["structure"].verdict == "rushed"
    assert times["analyse"].seconds == 990 and times["analyse"].verdict == "on time"
    assert times["recommend"].seconds == 300 and times["recommend"].verdict == "over"


def test_skipped_and_open_phases() -> None:
    started = {"clarify": _at(0), "analyse": _at(2)}
    times = {p.phase: p for p in phase_times(started, None)}
    assert times["structure"].verdict == "skipped"
    assert times["analyse"].verdict == "in progress" and times["analyse"].seconds is None
    assert next_phase(started) == "structure"
    assert next_phase(dict.fromkeys(PHASES, START)) is None


def test_a_session_not_begun_has_every_phase_skipped() -> None:
    assert [p.verdict for p in phase_times({}, None)] == ["skipped"] * len(PHASES)
