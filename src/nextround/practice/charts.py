"""Line charts of practice over time, laid out here and drawn by a template as inline SVG: no
JavaScript and no charting library, and the same numbers are given as a table for screen
readers and for anyone who prefers figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from nextround.practice.selectors import CategoryHistory, Point

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28  # margins for the axis labels
Y_TICKS = 5
# Eight colours that stay apart for the common colour-vision deficiencies (Okabe–Ito, darkened
# where needed for 3:1 contrast on white).
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#8a6d00",
    "#56b4e9",
    "#000000",
    "#b8860b",
)


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    points: list[tuple[float, float]]  # in SVG coordinates
    values: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Tick:
    at: float  # SVG coordinate
    label: str


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    band: Box | None  # the good range, shaded
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return not self.series


def over_time(
    categories: Sequence[CategoryHistory],
    metric: str,
    *,
    title: str,
    unit: str,
    low: float = 0,
    high: float | None = None,
    band: tuple[float, float] | None = None,
) -> Chart:
    """One line per category of ``metric`` ("score", "fillers" or "pace") against time."""
    lines = [(c, getattr(c, metric)) for c in categories if getattr(c, metric)]
    if not lines:
        return Chart(title, unit, [], [], [], None)
    points = [p for _, values in lines for p in values]
    top_value = high if high is not None else _nice_ceiling(max(p.value for p in points), low)
    if band:
        top_value = max(top_value, band[1] * 1.1)
        low = min(low, band[0] * 0.9)
    first = min(p.at for p in points)
    last = max(p.at for p in points)

    def x(at: datetime) -> float:
        span = (last - first).total_seconds()
        share = (at - first).total_seconds() / span if span else 0.5
        return LEFT + share * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        share = (min(max(value, low), top_value) - low) / (top_value - low)
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)

    series = [
        Series(
            label=c.label,
            colour=PALETTE[i % len(PALETTE)],
            points=[(x(p.at), y(p.value)) for p in values],
            values=values,
        )
        for i, (c, values) in enumerate(lines)
    ]
    step = (top_value - low) / (Y_TICKS - 1)
    y_ticks = [Tick(y(low + i * step), f"{low + i * step:g}") for i in range(Y_TICKS)]
    x_ticks = [Tick(x(first), f"{first:%d %b}")]
    if last.date() != first.date():
        x_ticks.append(Tick(x(last), f"{last:%d %b}"))
    band_box = (
        Box(LEFT, y(band[1]), WIDTH - LEFT - RIGHT, y(band[0]) - y(band[1])) if band else None
    )
    return Chart(title, unit, series, x_ticks, y_ticks, band_box)


def _nice_ceiling(value: float, low: float) -> float:
    """A round top for the axis: the next 1, 2 or 5 × 10ⁿ above the largest value."""
    span = max(value - low, 1.0)
    magnitude = float(10 ** (len(str(int(span))) - 1))
    for factor in (1, 2, 5, 10):
        if span <= factor * magnitude:
            return low + factor * magnitude
    return low + 10 * magnitude
