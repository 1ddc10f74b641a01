from __future__ import annotations

import pytest

from nextround.errors import Invalid
from nextround.slides import thresholds as t
from nextround.slides.budget import SlideInput, plan_budget


def test_the_slot_is_shared_evenly_with_word_budgets_at_the_speaking_rate() -> None:
    plan = plan_budget(10, [SlideInput("Intro"), SlideInput("Plan"), SlideInput("Ask")])
    assert [s.seconds for s in plan.slides] == pytest.approx([200, 200, 200])
    # 200 s at 150 words a minute is 500 words.
    assert t.WORDS_PER_MINUTE == 150
    assert [s.word_budget for s in plan.slides] == [500, 500, 500]
    assert plan.warnings == []


def test_hand_set_minutes_leave_the_rest_to_the_others() -> None:
    plan = plan_budget(
        12, [SlideInput("Title", minutes=1), SlideInput("Body"), SlideInput("Close", minutes=3)]
    )
    assert [s.seconds for s in plan.slides] == [60, 480, 180]


def test_notes_longer_than_their_budget_get_a_warning() -> None:
    long_notes = "word " * 200  # 1 minute holds 150 words; 165 still fit
    plan = plan_budget(2, [SlideInput("Short", "just a few words"), SlideInput("Long", long_notes)])
    short, long = plan.slides
    assert not short.over
    assert long.over and "200 words" in long.warning and "about 150 fit" in long.warning
    assert plan.warnings == [f"Slide 2 (Long): {long.warning}"]


def test_hand_set_minutes_past_the_slot_are_a_warning() -> None:
    plan = plan_budget(5, [SlideInput("A", minutes=5), SlideInput("B")])
    assert plan.slides[1].seconds == 0
    assert "leaving nothing" in plan.warnings[0]


@pytest.mark.parametrize("slot", [0, -1, t.MAX_SLOT_MINUTES + 1])
def test_a_slot_out_of_range_is_refused(slot: float) -> None:
    with pytest.raises(Invalid):
        plan_budget(slot, [SlideInput("A")])
