"""The question classifier evaluation's own arithmetic (evaluation/question_classifier.py):
reading the labelled file, strict against lenient, macro F1, bootstrap intervals and the check
for dev questions that are also bank texts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from nextround.playbook.classify import Prediction

ROOT = Path(__file__).resolve().parents[2]


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "question_classifier.py"
    spec = importlib.util.spec_from_file_location("question_classifier", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_reads_questions_with_and_without_an_alternative(tmp_path: Path) -> None:
    ev = evaluation_module()
    path = tmp_path / "questions.tsv"
    path.write_text(
        "id\ttext\tlabel\talt\tsource\n"
        'q1\tWhy "us"?\tmotivation\tcompany\tmade up\n'
        "q2\tAny questions?\tclosing\t\tmade up\n",
        encoding="utf-8",
    )
    first, second = ev.read_questions(path)
    assert (first.id, first.text, first.label, first.alt) == (
        "q1",
        'Why "us"?',
        "motivation",
        "company",
    )
    assert (second.label, second.alt) == ("closing", "")


def test_strict_lenient_and_top_two() -> None:
    ev = evaluation_module()
    item = ev.Labelled("q1", "Why us?", "motivation", "company")
    said_alt = ev.Outcome(item, Prediction("company", 0.4, "fit", 0.3))
    assert (said_alt.strict, said_alt.lenient, said_alt.in_top_two) == (False, True, True)
    second = ev.Outcome(item, Prediction("fit", 0.4, "motivation", 0.3))
    assert (second.strict, second.lenient, second.in_top_two) == (False, False, True)
    alone = ev.Outcome(ev.Labelled("q2", "x", "closing", ""), Prediction("fit", 0.4, "salary"))
    assert (alone.lenient, alone.in_top_two) == (False, False)


def test_macro_f1_averages_per_label() -> None:
    ev = evaluation_module()
    # a: precision 1/2, recall 1/1, F1 2/3; b: precision 1/1, recall 1/2, F1 2/3; c: F1 0.
    truth = ["a", "b", "b", "c"]
    guess = ["a", "b", "a", "b"]
    assert ev.macro_f1(truth, guess) == pytest.approx((2 / 3 + 0.5 + 0) / 3)


def test_bootstrap_interval_brackets_the_share() -> None:
    ev = evaluation_module()
    flags = [True] * 70 + [False] * 30
    low, high = ev.interval(flags, resamples=500)
    assert low < 0.7 < high
    assert low > 0.55 and high < 0.85  # about ±0.09 for 100 items
    assert ev.interval([True] * 10, resamples=50) == (1.0, 1.0)


def test_near_copies_of_bank_texts_are_reported() -> None:
    ev = evaluation_module()
    questions = [
        ev.Labelled("q1", "Tell me about YOURSELF!", "basics", ""),
        ev.Labelled("q2", "What is your notice period?", "salary", ""),
        ev.Labelled("q4", "What is your notice period, please?", "salary", ""),
        ev.Labelled("q3", "Describe your ideal team.", "fit", ""),
    ]
    bank = ["Tell me about yourself.", "What's your notice period?", "Why us?"]
    # Stems of q2: what, is, your, notic, period; of the bank text: what, your, notic, period.
    # Jaccard 4/5 = 0.8 is near; q4 adds "pleas": 4/6 = 0.67 is not.
    assert ev.near_copies(questions, bank) == [
        ("q1", "Tell me about yourself."),
        ("q2", "What's your notice period?"),
    ]


def test_busy_processes_spin_while_timed_and_are_gone_after() -> None:
    import time

    ev = evaluation_module()
    with ev.busy(1) as spinning:
        assert len(spinning) == 1 and spinning[0].poll() is None  # still running
        start = time.process_time()
        times, cpu, predictions = ev.timed(
            lambda text: Prediction(category="basics", confidence=1.0, runner_up="fit"),
            ["one", "two", "three"],
        )
        assert time.process_time() - start < 1.0  # the spinning is another process's CPU
    assert spinning[0].poll() is not None  # ended with the block
    assert len(times) == len(cpu) == len(predictions) == 3
    assert all(t >= 0 for t in times + cpu)
