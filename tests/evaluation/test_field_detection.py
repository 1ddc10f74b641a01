"""The field detector measured on postings written for it (evaluation/field_detection.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "evaluation" / "data" / "fields"


def evaluation_module() -> ModuleType:
    path = ROOT / "evaluation" / "field_detection.py"
    spec = importlib.util.spec_from_file_location("field_detection", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("folder", "least"), [("tuning", 0.9), ("held_out", 0.75)])
def test_accuracy_on_the_written_postings(folder: str, least: float) -> None:
    ev = evaluation_module()
    postings = ev.read_folder(DATA / folder)
    assert len(postings) >= 4
    result = ev.evaluate(postings)
    assert result.total == len(postings)
    assert result.accuracy >= least, [(p.name, g.field) for p, g in result.wrong]


def test_the_postings_cover_many_fields() -> None:
    ev = evaluation_module()
    fields = {p.field for p in ev.read_folder(DATA / "tuning")}
    assert len(fields) >= 10 and "general" in fields


def test_a_wrong_guess_is_listed_with_the_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ev = evaluation_module()
    (tmp_path / "a.txt").write_text(
        "field: education\nrole: Nurse\ncompany: Ward Hospital\n\nPatients first.", "utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "field: education\nrole: Teacher\ncompany: Hill School\n\nPupils first.", "utf-8"
    )
    assert ev.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1/2 right, accuracy 0.50")
    assert "a.txt: expected education, got clinical" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("field: clinical\nrole: Nurse\ncompany: X\nPatients.", "no blank line"),
        ("field: clinical\nrole: Nurse\n\nPatients.", "header lacks company"),
        ("field: dentistry\nrole: Nurse\ncompany: X\n\nPatients.", "unknown field"),
        ("kind: clinical\nrole: Nurse\ncompany: X\n\nPatients.", "unexpected header line"),
    ],
)
def test_a_broken_posting_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    ev = evaluation_module()
    (tmp_path / "a.txt").write_text(content, "utf-8")
    assert ev.main([str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_or_empty_folder_is_status_2(tmp_path: Path) -> None:
    ev = evaluation_module()
    assert ev.main([str(tmp_path / "nowhere")]) == 2
    assert ev.main([str(tmp_path)]) == 2
