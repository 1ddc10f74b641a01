"""The STAR parts evaluation (evaluation/star_parts.py): how answers are joined, how each figure
is counted, and the labelled answers written for it."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN = ROOT / "evaluation" / "data" / "star" / "own_answers.jsonl"
PARTS = ("situation", "task", "action", "result")


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "star_parts.py"
    spec = importlib.util.spec_from_file_location("star_parts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def marker_reader(text: str) -> dict[str, tuple[int, int] | None]:
    """A stand-in analyzer: a part is shown where "[part]" is first written."""
    found: dict[str, tuple[int, int] | None] = {}
    for part in PARTS:
        at = text.find(f"[{part}]")
        found[part] = None if at < 0 else (at, at + len(part) + 2)
    return found


def answer(ev: ModuleType, name: str, **pieces: str) -> object:
    return ev.Answer(name, "prose", {p: pieces.get(p, "") for p in ev.PIECES})


def test_pieces_are_joined_by_spaces_with_their_places() -> None:
    ev = evaluation_module()
    text, spans = ev.joined({p: "" for p in ev.PIECES} | {"task": "T.", "result": "R r."})
    assert text == "T. R r."
    assert spans == [("task", 0, 2), ("result", 3, 7)]


def test_each_figure_is_counted_as_worked_by_hand() -> None:
    ev = evaluation_module()
    right = answer(ev, "a", situation="[situation] x.", task="[task] y.", action="[action] z.",
                   result="[result] w.")  # fmt: skip
    # The situation sentence also shows the action; the action piece shows nothing; no task.
    wrong = answer(ev, "b", situation="[situation] [action] a.", action="b.", result="[result] c.")
    tally = ev.measure([right, wrong], marker_reader)
    # Found: 4 of 4, then situation and result but not action (shown by the situation): 6/7.
    assert tally.found == [(4, 4), (2, 3)]
    # Cut situation: action gone too, situation missing (yes); result kept, action not (1/2).
    # Cut action: the situation still shows it (not missing); situation, result kept (2/2).
    # Cut result: missing (yes); situation kept, action not (1/2).
    assert tally.cut_missing == [(4, 4), (2, 3)]
    assert tally.others_found == [(12, 12), (4, 6)]
    assert ev.share(tally.found) == pytest.approx(6 / 7)
    assert ev.share(tally.others_found) == pytest.approx(16 / 18)
    assert tally.by_part["action"] == {"has": 2, "found": 1, "cut missing": 1}
    assert "b action not found: '[action]'" in tally.misses
    assert "b action cut, still shown by: '[action]'" in tally.misses


def test_the_interval_holds_the_share_and_is_a_point_when_every_answer_agrees() -> None:
    ev = evaluation_module()
    assert ev.interval([(3, 3), (4, 4), (2, 2)]) == (1.0, 1.0)
    pairs = [(1, 4), (4, 4), (2, 4), (3, 4), (0, 4), (4, 4)]
    low, high = ev.interval(pairs)
    assert low < ev.share(pairs) < high
    assert low >= 0.0 and high <= 1.0


def test_the_script_reports_both_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = evaluation_module()
    (tmp_path / "star").mkdir()
    dev = {"id": "d1", "style": "notes", "situation": "Warehouse short of pickers.",
           "task": "Clear the backlog by Friday.", "action": "Rebuilt the rota.",
           "result": "Backlog down 80%."}  # fmt: skip
    (tmp_path / "star" / "star_answers.jsonl").write_text(json.dumps(dev) + "\n", "utf-8")
    assert ev.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("development set: 1 answers\n  found                      1.00")
    assert "  of which notes: 1 answers" in out
    assert f"own set: {len(ev.read(OWN))} answers" in out


def test_our_answers_cover_many_jobs_styles_and_registers() -> None:
    ev = evaluation_module()
    rows = [json.loads(line) for line in OWN.read_text("utf-8").splitlines()]
    assert len(rows) >= 60
    assert len({r["id"] for r in rows}) == len(rows)
    jobs = {r["profession"] for r in rows}
    assert {"nursing", "logistics", "teaching", "sales", "software", "finance", "trades"} <= jobs
    assert len(jobs) >= 20
    assert {r["style"] for r in rows} == {"prose", "notes"}
    assert {r["register"] for r in rows} == {"spoken", "written"}
    assert {r["split"] for r in rows} == {"tuning", "held_out"}
    assert len(ev.read(OWN)) == len(rows)


def test_every_piece_of_our_punctuated_answers_ends_a_sentence() -> None:
    # A piece that ran into the next would put its last sentence in the wrong part. Answers
    # typed the way they were said, with no end mark at all, run on by design: the reader
    # splits them into clauses (fit.parts.clauses).
    unpunctuated = 0
    for line in OWN.read_text("utf-8").splitlines():
        row = json.loads(line)
        pieces = [row[piece] for piece in ("before", *PARTS, "after")]
        if not any(re.search(r"[.!?]", text) for text in pieces):
            unpunctuated += 1
            assert row["register"] == "spoken", row["id"]
            continue
        for piece, text in zip(("before", *PARTS, "after"), pieces, strict=True):
            assert not text or re.search(r"[.!?]$", text), (row["id"], piece)
    assert unpunctuated >= 10
