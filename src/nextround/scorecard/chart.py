"""The decision as a picture: one horizontal bar per option, its weighted total on the 1–5 scale
split into each criterion's points (weight × score / 100), options that fail a gate drawn pale
with the gate named. Rendered on the server as an SVG string, like ``pay.chart``: no inline
style or script (the Content-Security-Policy refuses them), colours as presentation attributes,
``role="img"`` with a ``<title>`` and a ``<desc>`` holding the same figures as sentences, a
``<title>`` on every segment, every name escaped."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from nextround.scorecard.criteria import BY_KEY
from nextround.scorecard.score import HIGHEST, Total

WIDTH = 720
# Each option's name stands above its bar, so a long "Employer — Job title" keeps the whole
# width instead of being cut at a left margin.
LEFT, RIGHT, TOP = 16, 150, 12
ROW = 52
NAME = 14  # the name's line above the bar
BAR = 22
LEGEND_ROW = 20
LEGEND_COLUMNS = 2  # criterion names run to 32 characters
PLOT_WIDTH = WIDTH - LEFT - RIGHT
# Okabe–Ito colours and two more, told apart with the common kinds of colour blindness.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#882255",
)
GATED_OPACITY = "0.35"
TITLE = "Weighted totals (1 to 5)"


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _label(key: str, labels: Mapping[str, str]) -> str:
    if key in labels:
        return labels[key]
    return BY_KEY[key].label if key in BY_KEY else key


def chart_summary(totals: Sequence[Total]) -> str:
    sentences = [f"{TITLE}."]
    for total in totals:
        line = f"{total.name}: {total.total:.2f}"
        if total.provisional:
            line += " (some criteria not scored yet)"
        if total.failed:
            line += "; fails: " + ", ".join(total.failed)
        sentences.append(line + ".")
    return " ".join(sentences)


def chart_svg(
    totals: Sequence[Total],
    *,
    labels: Mapping[str, str] | None = None,
    id_prefix: str = "decision-chart",
) -> str:
    """The chart as one ``<svg>`` element, the options in the order given."""
    labels = labels or {}
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "decision-chart"
    keys = list(dict.fromkeys(p.key for t in totals for p in t.parts))
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    legend_rows = -(-len(keys) // LEGEND_COLUMNS)
    height = TOP + ROW * max(len(totals), 1) + 32 + LEGEND_ROW * legend_rows
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="decision-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{prefix}-title">{TITLE}</title>',
        f'<desc id="{prefix}-desc">{escape(chart_summary(totals))}</desc>',
    ]
    parts += _axis(len(totals))
    for row, total in enumerate(totals):
        parts += _bar(row, total, colour, labels)
    parts += _legend(keys, colour, labels, top=TOP + ROW * max(len(totals), 1) + 32)
    parts.append("</svg>")
    return "\n".join(parts)


def _x(value: float) -> float:
    return LEFT + value / HIGHEST * PLOT_WIDTH


def _axis(rows: int) -> list[str]:
    bottom = TOP + ROW * max(rows, 1)
    parts = ['<g class="axis">']
    for value in range(HIGHEST + 1):
        x = _number(_x(value))
        parts.append(
            f'<line class="grid" x1="{x}" x2="{x}" y1="{TOP}" y2="{bottom}" stroke="#DDDDDD" '
            f'data-value="{value}"/>'
        )
        parts.append(
            f'<text class="tick" x="{x}" y="{bottom + 16}" text-anchor="middle">{value}</text>'
        )
    parts.append("</g>")
    return parts


def _bar(row: int, total: Total, colour: Mapping[str, str], labels: Mapping[str, str]) -> list[str]:
    top = TOP + row * ROW
    heading = total.name + (" — fails: " + "; ".join(total.failed) if total.failed else "")
    y = top + NAME + (ROW - NAME - BAR) / 2
    gated = bool(total.failed)
    css = "option gated" if gated else "option"
    opacity = f' fill-opacity="{GATED_OPACITY}"' if gated else ""
    parts = [
        f'<g class="{css}" data-option={quoteattr(total.name)} data-total="{total.total:.2f}">',
        f'<text class="name" x="{LEFT}" y="{_number(top + NAME)}">{escape(heading)}</text>',
    ]
    start = 0.0
    for part in total.parts:
        if not part.points:
            continue
        label = _label(part.key, labels)
        score = "not scored, counted as 3" if part.score is None else f"scored {part.score}"
        title = escape(f"{total.name}, {label}: weight {part.weight}, {score}, {part.points:.2f}")
        parts.append(
            f'<rect class="segment" x="{_number(_x(start))}" y="{_number(y)}" '
            f'width="{_number(_x(start + part.points) - _x(start))}" height="{BAR}" '
            f'fill="{colour[part.key]}"{opacity} data-criterion="{escape(part.key)}" '
            f'data-value="{part.points:.4f}"><title>{title}</title></rect>'
        )
        start += part.points
    note = f"{total.total:.2f}"
    parts.append(
        f'<text class="value" x="{_number(min(_x(start) + 6, WIDTH - RIGHT))}" '
        f'y="{_number(y + BAR / 2)}" dominant-baseline="middle">{escape(note)}</text>'
    )
    parts.append("</g>")
    return parts


def _legend(
    keys: Sequence[str], colour: Mapping[str, str], labels: Mapping[str, str], *, top: int
) -> list[str]:
    parts = ['<g class="legend">']
    for index, key in enumerate(keys):
        x = 16 + (index % LEGEND_COLUMNS) * ((WIDTH - 32) / LEGEND_COLUMNS)
        y = top + (index // LEGEND_COLUMNS) * LEGEND_ROW
        parts.append(
            f'<rect class="swatch" x="{_number(x)}" y="{y - 10}" width="12" height="12" '
            f'fill="{colour[key]}"/>'
            f'<text x="{_number(x + 18)}" y="{y}">{escape(_label(key, labels))}</text>'
        )
    parts.append("</g>")
    return parts
