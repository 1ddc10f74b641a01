"""Case feedback on hand-checked answers: a structured one and a rambling one, with arithmetic
right and wrong. Each expectation below was worked out by reading the answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nextround.cases import thresholds as t
from nextround.cases.feedback import analyse_case
from nextround.cases.phases import phase_times
from nextround.errors import Invalid

STRUCTURED = """Before I start, what counts as a repair here: only paid work in a shop, or \
mobile mechanics too? And is the year a calendar year?

Thanks. I'd look at three areas: how many bikes there are, how often each needs a paid repair, \
and how many repairs go to shops rather than being done at home.

Let's assume households average 2.3 people, so 500,000 / 2.3 = 217,000 households. I'll take \
a third of them owning a bike: 217,000 x 1/3 = 72,000 households. Say 1.5 bikes each, so \
72,000 x 1.5 = 108,000 bikes. I assume 40% of bikes get a paid repair in a year, so \
108,000 x 40% = 43,200 repairs.

My recommendation is to plan on about 43,000 paid repairs a year. The main risk is the share \
repaired at home, which could be far higher in a student city. As a next step I would check \
the 40% against what two local shops say about their yearly jobs."""

STRUCTURE_TREE = """- Bikes in the city
  - households
  - bikes per household
- Repair frequency
  - wear and punctures
  - servicing
- Paid share
  - shops
  - mobile mechanics
"""

RAMBLING = """So yeah, bikes, there are lots of bikes in cities and people ride them a lot, \
especially in summer, and I think that repairs are a big thing because bikes break, and I \
had a bike once that broke all the time, it was really annoying, and the shop was expensive. \
I guess the number is kind of big. There are 500,000 people and 500,000 times 30% is 200,000 \
bike owners. So maybe 200,000 repairs and probably some more because people have two bikes \
sometimes. It depends on lots of things really. Anyway it is a big number, probably around \
200,000 or so, and shops would like that."""


def test_structured_answer_passes_its_checks() -> None:
    report = analyse_case(STRUCTURED, structure=STRUCTURE_TREE)
    checks = {check.key: check for check in report.checks}
    assert len(report.questions) == 2
    assert checks["clarify"].passed
    # "Let's assume…2.3", "I'll take a third", "Say 1.5 bikes", "I assume 40%".
    assert len(report.assumptions) == 4
    assert checks["assumptions"].passed
    assert report.announced_branches == 3
    assert [branch.label for branch in report.branches] == [
        "Bikes in the city",
        "Repair frequency",
        "Paid share",
    ]
    assert report.overlaps == []
    assert checks["structure"].passed
    # 500,000/2.3 = 217,391 (217,000 within 2%); 217,000/3 = 72,333; 72,000 x 1.5 = 108,000;
    # 108,000 x 0.4 = 43,200: all four right.
    assert [calc.stated for calc in report.calculations] == [217_000, 72_000, 108_000, 43_200]
    assert all(calc.right for calc in report.calculations)
    assert checks["arithmetic"].passed
    assert checks["close"].passed
    assert checks["timing"].passed is None  # no phases were timed
    assert report.tips == []


def test_rambling_answer_fails_where_it_should() -> None:
    report = analyse_case(RAMBLING)
    checks = {check.key: check for check in report.checks}
    assert report.questions == []
    assert checks["clarify"].passed is False
    assert checks["assumptions"].passed is False
    assert report.announced_branches == 0 and report.branches == []
    assert checks["structure"].passed is False
    # 500,000 x 30% is 150,000, not 200,000.
    [calc] = report.calculations
    assert (calc.stated, calc.computed, calc.right) == (200_000, 150_000, False)
    assert "comes to 150,000" in checks["arithmetic"].items[0]
    assert checks["arithmetic"].passed is False
    assert checks["close"].passed is False
    assert "lead with the recommendation" in checks["close"].note
    assert 2 <= len(report.tips) <= 4


def test_overlapping_branches_are_reported() -> None:
    tree = "- customer price of the product\n- price customers pay for the product\n- costs"
    report = analyse_case("I'd look at three areas.", structure=tree)
    assert len(report.overlaps) == 1
    assert report.overlaps[0].jaccard > t.BRANCH_OVERLAP_MAX
    check = next(c for c in report.checks if c.key == "structure")
    assert check.passed is False and "overlap" in check.note


def test_announced_count_must_match_the_tree() -> None:
    report = analyse_case("I see two parts here.", structure="- revenue\n- costs\n- market")
    check = next(c for c in report.checks if c.key == "structure")
    assert check.passed is False and "differ" in check.note


def test_phases_feed_the_timing_check() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    started = {
        "clarify": start,
        "structure": start + timedelta(minutes=2),
        "analyse": start + timedelta(minutes=4),
        "recommend": start + timedelta(minutes=30),  # analysis 26 min against 15
    }
    phases = phase_times(started, start + timedelta(minutes=32))
    report = analyse_case(STRUCTURED, structure=STRUCTURE_TREE, phases=phases)
    check = next(c for c in report.checks if c.key == "timing")
    assert check.passed is False
    assert "analyse over" in check.note
    assert "Analyse: 26:00 of 15:00 (over)" in check.items


@pytest.mark.parametrize("answer", ["", "   ", "x" * (t.MAX_CASE_CHARS + 1)])
def test_empty_or_huge_answers_are_refused(answer: str) -> None:
    with pytest.raises(Invalid):
        analyse_case(answer)
