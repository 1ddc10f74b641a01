"""The comparison as a picture: yearly total compensation for years 1–4 as grouped bars, one
series per offer and the current job, with the walk-away number and the target as horizontal
lines. Rendered on the server as an SVG string.

The page's Content-Security-Policy refuses inline styles and scripts, so the SVG has neither:
colours are presentation attributes (``fill``, ``stroke``) and every shape has a class the
stylesheet can restyle. For people who cannot see it: ``role="img"``, a ``<title>``, a ``<desc>``
holding the same figures as text (``chart_summary``), and a ``<title>`` on every bar. Every
name is escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from nextround.pay.offers import Comparison
from nextround.pay.text import amount_text

WIDTH = 720
HEIGHT = 380
LEFT, RIGHT, TOP, BOTTOM = 96, 24, 24, 96  # room for the amounts, the years and the legend
PLOT_BOTTOM = HEIGHT - BOTTOM
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = PLOT_BOTTOM - TOP
GROUP_FILL = 0.8  # share of a year's width taken by its bars
# Okabe–Ito colours, told apart with the common kinds of colour blindness; the current job grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
BASELINE_FILL = "#8C8C8C"
WALK_AWAY_STROKE = "#B2182B"
TARGET_STROKE = "#1A7837"
TITLE = "Yearly total compensation"

_YOf = Callable[[float], float]  # an amount to its height on the drawing


def _ticks(low: float, high: float) -> tuple[float, float, float]:
    """A round step (1, 2 or 5 × a power of ten) giving about five intervals, and the axis
    ends: multiples of the step that hold ``low`` and ``high``."""
    span = high - low if high > low else max(abs(high), 1.0)
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step, math.floor(low / step) * step, math.ceil(high / step) * step


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def chart_summary(comparison: Comparison) -> str:
    """The chart's figures as sentences, for its ``<desc>`` and for the page beside it."""
    money = comparison.currency
    sentences = [f"{TITLE} for years 1 to 4."]
    for column in comparison.columns:
        figures = ", ".join(amount_text(y.total, money) for y in column.years)
        label = f"{column.name} (current job)" if column.baseline else column.name
        sentences.append(f"{label}: {figures}.")
    if comparison.walk_away is not None:
        sentences.append(f"Walk-away number: {amount_text(comparison.walk_away, money)}.")
    if comparison.target is not None:
        sentences.append(f"Target: {amount_text(comparison.target, money)}.")
    return " ".join(sentences)


def chart_svg(comparison: Comparison, *, id_prefix: str = "pay-chart") -> str:
    """The chart as one ``<svg>`` element; ``id_prefix`` keeps its ids apart from others on
    the same page."""
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "pay-chart"
    lines = [comparison.walk_away, comparison.target]
    values = [float(y.total) for c in comparison.columns for y in c.years]
    values += [float(v) for v in lines if v is not None]
    step, bottom, top = _ticks(min([0.0, *values]), max([0.0, *values]))
    scale = PLOT_HEIGHT / (top - bottom)

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (value - bottom) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pay-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{prefix}-title">{TITLE}</title>',
        f'<desc id="{prefix}-desc">{escape(chart_summary(comparison))}</desc>',
    ]
    parts += _axis(comparison.currency, step, bottom, top, y_of)
    parts += _bars(comparison, y_of)
    parts += _lines(comparison, y_of)
    parts += _legend(comparison)
    parts.append("</svg>")
    return "\n".join(parts)


def _axis(currency: str, step: float, bottom: float, top: float, y_of: _YOf) -> list[str]:
    parts = ['<g class="axis">']
    count = round((top - bottom) / step)
    for i in range(count + 1):
        value = bottom + i * step
        y = _number(y_of(value))
        label = escape(amount_text(Decimal(str(round(value, 2))).normalize(), currency))
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
            f'stroke="#DDDDDD" data-value="{_number(value)}"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 8}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{label}</text>'
        )
    group = PLOT_WIDTH / 4
    for year in range(1, 5):
        x = _number(LEFT + group * (year - 0.5))
        parts.append(
            f'<text class="year" x="{x}" y="{PLOT_BOTTOM + 18}" text-anchor="middle">'
            f"Year {year}</text>"
        )
    zero = _number(y_of(0.0))
    parts.append(
        f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{zero}" y2="{zero}" '
        'stroke="#333333"/>'
    )
    parts.append("</g>")
    return parts


def _fill(index: int, *, baseline: bool) -> str:
    return BASELINE_FILL if baseline else PALETTE[index % len(PALETTE)]


def _bars(comparison: Comparison, y_of: _YOf) -> list[str]:
    columns = comparison.columns
    group = PLOT_WIDTH / 4
    width = group * GROUP_FILL / len(columns)
    zero = y_of(0.0)
    parts = ['<g class="bars">']
    for index, column in enumerate(columns):
        fill = _fill(index, baseline=column.baseline)
        name = quoteattr(column.name)
        for year in column.years:
            x = LEFT + group * (year.year - 1) + group * (1 - GROUP_FILL) / 2 + width * index
            top = y_of(float(year.total))
            label = escape(f"{column.name}, year {year.year}: ")
            label += escape(amount_text(year.total, comparison.currency))
            parts.append(
                f'<rect class="bar series-{index}" x="{_number(x)}" '
                f'y="{_number(min(top, zero))}" width="{_number(width)}" '
                f'height="{_number(abs(zero - top))}" fill="{fill}" data-series={name} '
                f'data-year="{year.year}" data-value="{year.total}"><title>{label}</title></rect>'
            )
    parts.append("</g>")
    return parts


def _lines(comparison: Comparison, y_of: _YOf) -> list[str]:
    parts = []
    marks = (
        ("walk-away", "Walk-away", comparison.walk_away, WALK_AWAY_STROKE, "6 4"),
        ("target", "Target", comparison.target, TARGET_STROKE, "2 3"),
    )
    for css, word, value, stroke, dashes in marks:
        if value is None:
            continue
        y = _number(y_of(float(value)))
        label = escape(f"{word} {amount_text(value, comparison.currency)}")
        parts.append(
            f'<g class="{css}"><line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
            f'stroke="{stroke}" stroke-width="2" stroke-dasharray="{dashes}" '
            f'data-value="{value}"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y}" dy="-4" text-anchor="end" fill="{stroke}">'
            f"{label}</text></g>"
        )
    return parts


def _legend(comparison: Comparison) -> list[str]:
    parts = ['<g class="legend">']
    per_row = 3
    for index, column in enumerate(comparison.columns):
        x = LEFT + (index % per_row) * (PLOT_WIDTH / per_row)
        y = PLOT_BOTTOM + 40 + (index // per_row) * 20
        name = f"{column.name} (current job)" if column.baseline else column.name
        parts.append(
            f'<rect class="swatch series-{index}" x="{_number(x)}" y="{y - 10}" width="12" '
            f'height="12" fill="{_fill(index, baseline=column.baseline)}"/>'
            f'<text x="{_number(x + 18)}" y="{y}">{escape(name)}</text>'
        )
    parts.append("</g>")
    return parts
