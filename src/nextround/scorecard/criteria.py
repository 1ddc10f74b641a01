"""The default criteria of the fit scorecard, each with anchors for 1, 3 and 5 (so a score means
the same thing next week), a default weight, and the questions-to-ask themes whose answers are
evidence for it (``playbook.knowledge.THEME_LABELS``)."""

from __future__ import annotations

import msgspec


class Criterion(msgspec.Struct, frozen=True, kw_only=True):
    key: str
    label: str
    low: str  # what a 1 looks like
    middle: str  # what a 3 looks like
    high: str  # what a 5 looks like
    weight: int  # the default share of 100
    themes: tuple[str, ...] = ()  # ask themes that gather evidence for it

    def anchor(self, score: int) -> str:
        """The written anchor nearest a score (2 reads as between 1 and 3)."""
        if score <= 1:
            return self.low
        if score == 3:
            return self.middle
        if score >= 5:
            return self.high
        lower, upper = (self.low, self.middle) if score == 2 else (self.middle, self.high)
        return f"Between “{lower}” and “{upper}”"


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        key="scope",
        label="Responsibilities and scope",
        low="The work is narrower or more junior than I want, or nobody could say what it is.",
        middle="The work is clear and reasonable, but much like what I do today.",
        high="Clear ownership of problems that matter, a step up from my current job.",
        weight=15,
        themes=("first_months", "success", "hard_problems"),
    ),
    Criterion(
        key="manager",
        label="The manager's style",
        low="I would struggle under this manager: vague, controlling, or hard to reach.",
        middle="A workable manager; we have not yet talked about how they support people.",
        high="I have seen how they give feedback and back their people, and it suits me.",
        weight=15,
        themes=("manager_style",),
    ),
    Criterion(
        key="team",
        label="Team dynamics",
        low="Tension, high turnover, or a team that works around each other.",
        middle="A functioning team I know little about beyond the interviews.",
        high="People I would learn from, who help each other and argue well.",
        weight=10,
        themes=("team", "cross_team"),
    ),
    Criterion(
        key="culture",
        label="Culture and values",
        low="What they reward clashes with what I value.",
        middle="Nothing against it, nothing that draws me in.",
        high="How they decide and what they reward match what I care about.",
        weight=10,
        themes=("culture",),
    ),
    Criterion(
        key="growth",
        label="Growth",
        low="No visible path to learn or move on from here.",
        middle="Some learning, a path that depends on luck.",
        high="A path I can see, with people who have taken it.",
        weight=10,
        themes=("growth",),
    ),
    Criterion(
        key="strengths",
        label="Use of my strengths",
        low="The job would use little of what I do best.",
        middle="It uses some of my strengths some of the time.",
        high="My top strengths are what the job needs most days.",
        weight=10,
        themes=("hard_problems", "success"),
    ),
    Criterion(
        key="pay",
        label="Pay against target and walk-away",
        low="At or near my walk-away number.",
        middle="Between my walk-away number and my target.",
        high="At or above my target.",
        weight=15,
        themes=("pay_benefits",),
    ),
    Criterion(
        key="place",
        label="Location and schedule",
        low="The commute, hours or travel would wear me down.",
        middle="Workable with some give on my side.",
        high="Where, when and how much I work fit my life.",
        weight=10,
        themes=(),  # no bank theme: ask the recruiter, or read the offer's terms
    ),
    Criterion(
        key="stability",
        label="Stability",
        low="Funding, layoffs or direction make the job itself uncertain.",
        middle="No warning signs, but little I have checked.",
        high="A steady business with a plan I have heard and checked.",
        weight=5,
        themes=("direction", "decision"),
    ),
)

KEYS: tuple[str, ...] = tuple(c.key for c in CRITERIA)
BY_KEY: dict[str, Criterion] = {c.key: c for c in CRITERIA}
DEFAULT_WEIGHTS: dict[str, int] = {c.key: c.weight for c in CRITERIA}
