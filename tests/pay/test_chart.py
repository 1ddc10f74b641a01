"""The comparison chart read back with xml.etree: what it draws matches the figures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from nextround.pay.chart import chart_summary, chart_svg
from nextround.pay.offers import Comparison, Offer, Status, compare

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"

# Yearly totals worked by hand: the current job 100,000 every year; "Fish & Chips" 120,000 in
# year 1 (110,000 base + 10,000 sign-on) then 110,000; Beta 90,000 every year.
NOW = Offer(name="Now", base=D(100000), status=Status.CURRENT)
FISH = Offer(name='<b>"Fish" & Chips</b>', base=D(110000), sign_on=D(10000))
BETA = Offer(name="Beta", base=D(90000))
TOTALS = {
    "Now": [100000, 100000, 100000, 100000],
    '<b>"Fish" & Chips</b>': [120000, 110000, 110000, 110000],
    "Beta": [90000, 90000, 90000, 90000],
}


@pytest.fixture
def comparison() -> Comparison:
    return compare([FISH, BETA], NOW, walk_away=D(95000), target=D(115000))


@pytest.fixture
def root(comparison: Comparison) -> ET.Element:
    return ET.fromstring(chart_svg(comparison))


def _scale(root: ET.Element) -> tuple[float, float]:
    """The zero line's y and pixels per unit, from the lowest and highest grid lines and
    their amounts (coordinates are written to 0.01 px)."""
    grid = [line for line in root.iter(f"{SVG}line") if line.get("class") == "grid"]
    ends = [(float(g.get("data-value", "")), float(g.get("y1", ""))) for g in (grid[0], grid[-1])]
    (v0, y0), (v1, y1) = ends
    per_unit = (y0 - y1) / (v1 - v0)
    return y0 + v0 * per_unit, per_unit


def test_bars_match_the_totals(root: ET.Element) -> None:
    zero, per_unit = _scale(root)
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in (r.get("class") or "").split()]
    assert len(bars) == 12  # three series, four years
    drawn: dict[str, list[float]] = {}
    for bar in bars:
        height = float(bar.get("height", ""))
        assert float(bar.get("y", "")) + height == pytest.approx(zero, abs=0.01)
        drawn.setdefault(bar.get("data-series", ""), []).append(height)
    assert drawn.keys() == TOTALS.keys()
    for name, values in TOTALS.items():
        assert drawn[name] == pytest.approx([v * per_unit for v in values], abs=0.02)


def test_axis_steps(root: ET.Element) -> None:
    # The largest figure is 120,000: a fifth of it is 24,000, so the step is the next of 1, 2,
    # 5 × 10,000 above it, 50,000, and the axis ends at 150,000. The plot runs from y = 284
    # (380 high less 96 for the labels) up to y = 24.
    grid = [line for line in root.iter(f"{SVG}line") if line.get("class") == "grid"]
    assert [g.get("data-value") for g in grid] == ["0", "50000", "100000", "150000"]
    assert [g.get("y1") for g in grid] == ["284", "197.33", "110.67", "24"]
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks == ["$0", "$50,000", "$100,000", "$150,000"]


def test_bars_grow_year_by_year_left_to_right(root: ET.Element) -> None:
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in (r.get("class") or "").split()]
    for year in "1234":
        xs = [float(b.get("x", "")) for b in bars if b.get("data-year") == year]
        assert len(xs) == 3
    year_one = max(float(b.get("x", "")) for b in bars if b.get("data-year") == "1")
    year_two = min(float(b.get("x", "")) for b in bars if b.get("data-year") == "2")
    assert year_one < year_two


def test_walk_away_and_target_lines(root: ET.Element) -> None:
    zero, per_unit = _scale(root)
    for css, amount in (("walk-away", 95000), ("target", 115000)):
        group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == css)
        line = group.find(f"{SVG}line")
        assert line is not None
        assert float(line.get("y1", "")) == pytest.approx(zero - amount * per_unit, abs=0.02)
        text = group.find(f"{SVG}text")
        assert text is not None
        assert text.text == ("Walk-away $95,000" if css == "walk-away" else "Target $115,000")


def test_accessible_and_escaped(comparison: Comparison, root: ET.Element) -> None:
    assert root.get("role") == "img"
    title_id, desc_id = (root.get("aria-labelledby") or "").split()
    title = next(e for e in root.iter() if e.get("id") == title_id)
    desc = next(e for e in root.iter() if e.get("id") == desc_id)
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text == "Yearly total compensation"
    assert desc.text == chart_summary(comparison)
    assert desc.text == (
        "Yearly total compensation for years 1 to 4. "
        "Now (current job): $100,000, $100,000, $100,000, $100,000. "
        '<b>"Fish" & Chips</b>: $120,000, $110,000, $110,000, $110,000. '
        "Beta: $90,000, $90,000, $90,000, $90,000. "
        "Walk-away number: $95,000. Target: $115,000."
    )
    # The name came back as text: it was escaped, never markup.
    assert root.find(f".//{SVG}b") is None
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text and "Fish" in t.text]
    assert legend == ['<b>"Fish" & Chips</b>']
    every_bar_titled = [
        r.find(f"{SVG}title") for r in root.iter(f"{SVG}rect") if r.get("data-year")
    ]
    assert all(t is not None and t.text for t in every_bar_titled)


def test_nothing_the_content_security_policy_refuses(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag not in {f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject"}
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)


def test_ids_take_the_prefix(comparison: Comparison) -> None:
    root = ET.fromstring(chart_svg(comparison, id_prefix='offers "2"'))
    assert root.get("aria-labelledby") == "offers--2--title offers--2--desc"


def test_without_lines_or_baseline() -> None:
    root = ET.fromstring(chart_svg(compare([BETA])))
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") in {"walk-away", "target"}]
    _, per_unit = _scale(root)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("data-year")]
    heights = [float(b.get("height", "")) for b in bars]
    assert heights == pytest.approx([90000 * per_unit] * 4, abs=0.02)
