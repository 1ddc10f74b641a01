"""The requirement kinds evaluation (evaluation/requirement_kinds.py) on the labelled postings in
evaluation/data/requirements: the figures the docs report stay at 0.9 or above, dev and held-out
alike; and the script's own reading and arithmetic."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "evaluation" / "data" / "requirements"


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "requirement_kinds.py"
    spec = importlib.util.spec_from_file_location("requirement_kinds", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # msgspec looks the module up while defining structs
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_has_the_promised_size() -> None:
    ev = evaluation_module()
    dev, heldout = ev.load(DATA / "dev"), ev.load(DATA / "heldout")
    assert len(dev) >= 12 and len(heldout) >= 3
    assert sum(label in ev.KINDS for p in dev + heldout for label, _ in p.lines) >= 100


@pytest.mark.parametrize("part", ["dev", "heldout", "all"])
def test_kinds_kept_out_and_facts_reach_0_9(part: str) -> None:
    figures = evaluation_module().report(DATA)[part]
    assert figures.kind_accuracy >= 0.9, figures
    assert figures.kept_out_share >= 0.9, figures
    assert figures.facts_accuracy >= 0.9, figures


def test_a_line_gone_wrong_counts_against_the_figures(tmp_path: Path) -> None:
    ev = evaluation_module()
    (tmp_path / "one.txt").write_text(
        "@pay: 20 25 USD hourly\n@location: Reno, NV\n@setting:\n@schedule:\n@type: part-time\n"
        "H | Requirements\n"
        "M | - Forklift licence\n"
        "R | - A second line labelled wrongly on purpose\n"
        "X | Pay: $20 - $25 per hour\n"
        "X | Job Type: Full-time\n",
        encoding="utf-8",
    )
    figures = ev.evaluate(ev.load(tmp_path))
    assert (figures.requirement_lines, figures.kind_correct) == (2, 1)
    assert (figures.other_lines, figures.kept_out) == (3, 3)
    # pay, setting and schedule right; no location stated; full-time is not part-time
    assert (figures.facts, figures.facts_correct) == (5, 3)


def test_a_malformed_line_stops_the_script(tmp_path: Path) -> None:
    ev = evaluation_module()
    bad = tmp_path / "bad.txt"
    bad.write_text("@pay:\nQ | what label is this\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.txt:2"):
        ev.read(bad)
