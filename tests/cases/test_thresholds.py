"""The case feedback's and the slide budgets' thresholds, each documented with its value in
docs/rehearsal.md."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from nextround.cases import thresholds as case_thresholds
from nextround.slides import thresholds as slide_thresholds

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", [case_thresholds, slide_thresholds])
def test_every_threshold_is_documented_with_its_value(module: ModuleType) -> None:
    doc = (ROOT / "docs" / "rehearsal.md").read_text(encoding="utf-8")
    names = [n for n in vars(module) if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)]
    assert len(names) > 5
    for name in names:
        row = next((line for line in doc.splitlines() if f"`{name}`" in line), None)
        assert row is not None, name
        value = getattr(module, name)
        values = value.items() if isinstance(value, dict) else [("", value)]
        for key, number in values:
            assert f"{key} {number:g}".strip() in row.replace(",", ""), (name, key, row)
