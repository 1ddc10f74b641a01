"""The MIT interviews evaluation's own arithmetic (evaluation/mit_interviews.py): Spearman's rank
correlation with ties, and reading answers out of a transcript."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def evaluation_module() -> ModuleType:
    if str(ROOT / "evaluation") not in sys.path:  # as when it runs as a script: its peer loader
        sys.path.append(str(ROOT / "evaluation"))
    path = ROOT / "evaluation" / "mit_interviews.py"
    spec = importlib.util.spec_from_file_location("mit_interviews", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_spearman_averages_tied_ranks() -> None:
    ev = evaluation_module()
    assert ev.ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert ev.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert ev.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # With ties: Pearson's r of the ranks [1, 2.5, 2.5, 4] and [1, 2, 3, 4].
    assert ev.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833, abs=1e-6)


def test_evaluation_restores_commas_and_reads_answers() -> None:
    ev = evaluation_module()
    assert ev.restore_commas("Um  so I  uh went.  Then") == "Um, so I, uh went. Then"
    transcript = (
        "Interviewer: Tell me about a time you led a team?|Interviewee: Um  I led it.|"
        "Interviewer: Mm-hmm.|Interviewee: And we won.|Interviewer: Why us?|Interviewee: Because."
    )
    found = ev.answers(transcript)
    assert [(a.question, a.text) for a in found] == [
        ("Tell me about a time you led a team?", "Um, I led it.\nAnd we won."),
        ("Why us?", "Because."),
    ]


def test_percentile_interval_takes_the_nearest_ranks() -> None:
    ev = evaluation_module()
    # 0..100: the 2.5th percentile is at rank round(2.5) = 2, the 97.5th at round(97.5) = 98.
    assert ev.percentile_interval([float(v) for v in reversed(range(101))]) == (2.0, 98.0)


def test_bootstrap_of_a_perfect_ranking_stays_at_one() -> None:
    ev = evaluation_module()
    xs = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    # Every resample keeps the order (ties where an interview is drawn twice), so the
    # correlation is 1 wherever it is defined and the difference with itself is 0.
    (low, high), [(d_low, d_high)] = ev.bootstrap(xs, [10 * x for x in xs], [xs])
    assert high == pytest.approx(1.0)
    assert low in (0.0, pytest.approx(1.0))  # 0 only when a resample draws one interview
    assert (d_low, d_high) == (0.0, 0.0)


FAKE_PEER = """
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from app.models.transcript_word import TranscriptWord
from dataclasses import dataclass


@dataclass
class Result:
    filler_rate: float


def _analyze_from_turns(turns):
    text = " ".join(t["content"] for t in turns if t["role"] == "user")
    return Result(text.split().count("um") / len(text.split()))
"""


def test_the_peer_analyzer_is_imported_by_path_with_its_imports_stubbed(tmp_path: Path) -> None:
    ev = evaluation_module()
    assert ev.load_interviewcraft(tmp_path) is None  # no checkout: its rows are left out
    path = tmp_path / "app" / "services" / "delivery" / "analyzer.py"
    path.parent.mkdir(parents=True)
    path.write_text(FAKE_PEER, encoding="utf-8")
    rate = ev.load_interviewcraft(tmp_path)
    assert rate is not None
    assert rate(["um I led it", "we won um um"]) == pytest.approx(3 / 8)
    assert "structlog" not in sys.modules and "app.models" not in sys.modules


def test_measure_gives_the_share_of_answers_passing_each_check() -> None:
    ev = evaluation_module()
    opened = "Yes  I lead the robotics club and I plan every build with the new members. " * 2
    trailed = "Last summer the camp needed forty volunteers and I ran the desk for them. " * 2
    transcript = (
        f"Interviewer: Do you consider yourself a leader?|Interviewee: {opened}"
        "That is why I am a leader.|"
        f"Interviewer: Do you consider yourself a leader?|Interviewee: {trailed}"
    )
    m = ev.measure(transcript)
    # Both answers are over 20 words and about 12-13 s typed; only the first opens with a
    # reply and comes back to the question ("leader") at its end.
    assert (m.point_first, m.concluded, m.length_fits) == (0.5, 0.5, 1.0)
    assert m.answers == 2
    assert m.peer_rate is None


def test_a_run_of_fillers_is_one_hesitation() -> None:
    from nextround.feedback.fillers import find_fillers

    ev = evaluation_module()
    text = "Um, uh, like, we shipped it. Then, um, we tested it."
    spans = find_fillers(text)
    assert [text[s.start : s.end] for s in spans] == ["Um", "uh", "like", "um"]
    # "Um, uh, like" has only commas and spaces between its fillers: one hesitation.
    assert ev.hesitation_count(text, spans) == 2
    assert ev.hesitation_count(text, []) == 0
