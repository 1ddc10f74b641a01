"""Sentences the story analyzer and the answer analyzer must agree on: a quantified result is
one figure rule (nextround.text.find_quantities) for both, number words included."""

from __future__ import annotations

# A result with a figure, and the figure, as written.
QUANTIFIED_RESULTS: tuple[tuple[str, str], ...] = (
    ("I automated the weekly report, which saved my team five hours a week.", "five hours a week"),
    ("Saved my team five hours a week.", "five hours a week"),
    ("My script saved the team five hours a week.", "five hours a week"),
    ("We rolled it out to two other units.", "two other units"),
    ("Two other units adopted it within a month.", "Two other units"),
    ("As a result we signed a dozen new clients.", "a dozen new clients"),
    ("In the end errors fell by 30%.", "30%"),
)
# Results without a figure: years, versions and vague amounts are not figures.
UNQUANTIFIED_RESULTS: tuple[str, ...] = (
    "In the end we moved to Python 3.11 in 2019.",
    "As a result we saved a few hours.",
    "In the end it saved us several weeks.",
    "The result was that the team was much happier.",
)
