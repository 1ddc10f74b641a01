"""The decision chart read back with xml.etree: segment widths add up to the totals, a gated
option is drawn pale with its gate named, names are escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from nextround.scorecard.chart import chart_summary, chart_svg
from nextround.scorecard.score import Gate, Option, total_of

SVG = "{http://www.w3.org/2000/svg}"
WEIGHTS = {"scope": 60, "pay": 40}
# by hand: Fish 0.6×5 + 0.4×3 = 4.2; Beta 0.6×2 + 0.4×5 = 3.2 and fails a gate
FISH = Option(key="1", name='<b>"Fish" & Co</b>', weights=WEIGHTS, scores={"scope": 5, "pay": 3})
BETA = Option(
    key="2",
    name="Beta",
    weights=WEIGHTS,
    scores={"scope": 2, "pay": 5},
    gates=(Gate(label="Remote work", failed=True),),
)


@pytest.fixture
def root() -> ET.Element:
    return ET.fromstring(chart_svg([total_of(FISH), total_of(BETA)]))


def _x_scale(root: ET.Element) -> tuple[float, float]:
    grid = [g for g in root.iter(f"{SVG}line") if g.get("class") == "grid"]
    x0, x5 = float(grid[0].get("x1", "")), float(grid[-1].get("x1", ""))
    return x0, (x5 - x0) / 5


def test_segments_add_up_to_each_total(root: ET.Element) -> None:
    x0, per_point = _x_scale(root)
    groups = [g for g in root.iter(f"{SVG}g") if "option" in (g.get("class") or "").split()]
    assert [g.get("data-option") for g in groups] == [FISH.name, "Beta"]
    for group, expected in zip(groups, (4.2, 3.2), strict=True):
        rects = list(group.iter(f"{SVG}rect"))
        width = sum(float(r.get("width", "")) for r in rects)
        assert width / per_point == pytest.approx(expected, abs=0.01)
        assert float(rects[0].get("x", "")) == pytest.approx(x0)


def test_a_gated_option_is_pale_and_names_its_gate(root: ET.Element) -> None:
    beta = next(g for g in root.iter(f"{SVG}g") if g.get("data-option") == "Beta")
    assert "gated" in (beta.get("class") or "")
    assert all(r.get("fill-opacity") for r in beta.iter(f"{SVG}rect"))
    assert "Remote work" in "".join(beta.itertext())
    assert "Remote work" in chart_summary([total_of(BETA)])


def test_names_are_escaped_and_described(root: ET.Element) -> None:
    desc = root.find(f"{SVG}desc")
    assert desc is not None and FISH.name in (desc.text or "") and "4.20" in (desc.text or "")
    assert root.get("role") == "img"
