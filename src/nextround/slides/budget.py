"""A presentation plan's budgets: the slot shared out between the slides (evenly, unless the
candidate gives a slide its own minutes) and each slide's word budget for its notes at the
speaking rate, with a warning when the notes hold more words than fit."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from nextround.errors import Invalid
from nextround.slides import thresholds as t
from nextround.text import word_count


class SlideInput(msgspec.Struct, frozen=True):
    title: str
    notes: str = ""
    minutes: float | None = None  # set by hand; None shares the rest of the slot evenly


class SlideBudget(msgspec.Struct, frozen=True):
    number: int
    title: str
    seconds: float
    word_budget: int
    notes_words: int
    warning: str  # "" when the notes fit

    @property
    def over(self) -> bool:
        return bool(self.warning)


class PlanBudget(msgspec.Struct, frozen=True):
    slot_minutes: float
    words_per_minute: int
    slides: list[SlideBudget]
    warnings: list[str]  # the plan's own (the hand-set minutes exceed the slot) and each slide's

    @property
    def total_words(self) -> int:
        return sum(slide.notes_words for slide in self.slides)

    @property
    def words_that_fit(self) -> int:
        return word_budget(self.slot_minutes * 60)


def word_budget(seconds: float) -> int:
    return int(seconds * t.WORDS_PER_MINUTE / 60)


def plan_budget(slot_minutes: float, slides: Sequence[SlideInput]) -> PlanBudget:
    """Each slide's seconds and word budget; warnings for notes past their budget and for
    hand-set minutes that leave no time for the other slides."""
    if not 0 < slot_minutes <= t.MAX_SLOT_MINUTES:
        raise Invalid(f"The slot is 1 to {t.MAX_SLOT_MINUTES} minutes.")
    if len(slides) > t.MAX_SLIDES:
        raise Invalid(f"Keep the plan to {t.MAX_SLIDES} slides.")
    fixed = sum(slide.minutes or 0 for slide in slides)
    shared = [slide for slide in slides if slide.minutes is None]
    warnings = []
    if fixed > slot_minutes or (shared and fixed >= slot_minutes):
        warnings.append(
            f"The slides given their own minutes take {fixed:g} of the {slot_minutes:g}-minute "
            "slot, leaving nothing for the others."
        )
    each = max(slot_minutes - fixed, 0) / len(shared) if shared else 0.0
    budgets = []
    for number, slide in enumerate(slides, start=1):
        seconds = (slide.minutes if slide.minutes is not None else each) * 60
        budgets.append(_slide_budget(number, slide, seconds))
    warnings += [f"Slide {b.number} ({b.title}): {b.warning}" for b in budgets if b.warning]
    return PlanBudget(slot_minutes, t.WORDS_PER_MINUTE, budgets, warnings)


def _slide_budget(number: int, slide: SlideInput, seconds: float) -> SlideBudget:
    budget = word_budget(seconds)
    words = word_count(slide.notes)
    warning = ""
    if words > budget * (1 + t.NOTES_OVER_SHARE):
        warning = (
            f"the notes have {words} words; about {budget} fit in "
            f"{_clock(seconds)} at {t.WORDS_PER_MINUTE} words a minute. Cut them or give the "
            "slide more time."
        )
    return SlideBudget(number, slide.title, round(seconds, 1), budget, words, warning)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
