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
