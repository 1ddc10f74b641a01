"""Which listeners a strength speaks to, read from its own words: a hiring manager hears about
delivery, a peer about working together, an executive about outcomes, HR about the process.

Word stems, matched against the stems of the strength's name, description and backing stories
(``text.stems``), so "delivered", "delivering" and "delivery" are one. A strength no stem points
anywhere keeps no angle and is told only where any strength fits (``letters.drafts``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nextround.letters.model import Angle
from nextround.text import stem, words

# Stems of words that say what a strength is about, per angle.
_WORDS: dict[Angle, tuple[str, ...]] = {
    "delivery": (
        "deliv",
        "ship",
        "launch",
        "deadlin",
        "execut",
        "built",
        "build",
        "complet",
        "finish",
        "plan",
        "priorit",
        "rollout",
        "implement",
        "project",
        "schedul",
        "reliabl",
    ),
    "collaboration": (
        "team",
        "teammat",
        "collabor",
        "partner",
        "mentor",
        "coach",
        "togeth",
        "cross",
        "stakehold",
        "communic",
        "listen",
        "trust",
        "support",
        "help",
        "colleagu",
        "share",
    ),
    "outcomes": (
        "result",
        "revenu",
        "cost",
        "save",
        "saving",
        "growth",
        "grow",
        "profit",
        "impact",
        "custom",
        "reduc",
        "increas",
        "improv",
        "margin",
        "retent",
        "outcom",
        "strateg",
    ),
    "process": (
        "respons",
        "prompt",
        "flexibl",
        "avail",
        "notic",
        "start",
        "relocat",
        "refer",
        "organ",
        "clear",
        "timeli",
        "punctual",
    ),
}
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|percent|k\b|m\b)|[$€£]\s*\d")


def angles_of(texts: Iterable[str]) -> tuple[Angle, ...]:
    """The angles the texts speak to, most mentioned first (ties in the order of ``_WORDS``);
    a figure such as "30%" or "$40k" counts toward outcomes."""
    joined = " ".join(texts)
    stems = [stem(w) for w in words(joined)]
    counts: dict[Angle, int] = {}
    for angle, wanted in _WORDS.items():
        hits = sum(1 for s in stems if s.startswith(wanted))
        if angle == "outcomes":
            hits += len(_FIGURE.findall(joined))
        if hits:
            counts[angle] = hits
    order = list(_WORDS)
    return tuple(sorted(counts, key=lambda a: (-counts[a], order.index(a))))
