"""The analyzer's thresholds and weights (nextround.feedback.thresholds), each documented with
its value in docs/practice.md."""

from __future__ import annotations

import re
from pathlib import Path

from nextround.feedback import thresholds as t

ROOT = Path(__file__).resolve().parents[2]


def test_weights_sum_to_100() -> None:
    assert sum(t.SCORE_WEIGHTS.values()) == 100


def test_every_threshold_is_documented_with_its_value() -> None:
    doc = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
    names = [n for n in vars(t) if re.fullmatch(r"[A-Z][A-Z0-9_]+", n)]
    assert len(names) > 20
    for name in names:
        row = next((line for line in doc.splitlines() if f"`{name}`" in line), None)
        assert row is not None, name
        value = getattr(t, name)
        values = value.items() if isinstance(value, dict) else [("", value)]
        for key, number in values:
            assert f"{key} {number:g}".strip() in row.replace(",", ""), (name, key, row)
