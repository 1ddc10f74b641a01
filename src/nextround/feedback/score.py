"""The score out of 100: seven components, each earning a share of its weight with a note
that says why, so the number explains itself. ``Facts`` is everything measured in an answer,
gathered once for the score and the tips."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from nextround.feedback import thresholds as t
from nextround.feedback.delivery import duration, length_band, pace_band
from nextround.feedback.report import (
    Component,
    Organisation,
    PauseSpan,
    Repeat,
    Span,
    StarPart,
    Tally,
    TermUse,
)
from nextround.feedback.structure import STAR_PARTS, Sentence
from nextround.text import Quantity, Voice


@dataclass(frozen=True, slots=True)
class Facts:
    """What the score, the tips and the report need, measured once."""

    story: bool  # the question asks for a story (or none was given)
    words: int
    seconds: float
    estimated: bool  # seconds estimated from the word count
    fillers: Tally
    hedges: Tally
    star: dict[str, StarPart]
    organisation: Organisation
    result_quantities: list[Quantity]  # figures in the result sentences
    sentences: list[Sentence]
    voice: Voice
    long_sentences: list[Span]
    repeats: list[Repeat]
    hesitations: list[PauseSpan]
    long_pauses: list[PauseSpan]
    requirements: TermUse
    company_terms: TermUse

    @property
    def wpm(self) -> float:
        return self.words * 60 / self.seconds if self.seconds > 0 else 0.0

    @property
    def pace(self) -> str:
        return pace_band(self.wpm)

    @property
    def length(self) -> str:
        return length_band(self.seconds, self.words)

    @property
    def quantified(self) -> bool:
        return bool(self.result_quantities)

    @property
    def headline_figure(self) -> Quantity:
        """The result's figure to quote, when ``quantified``: a time span is more often when it
        happened ("within two weeks") than what changed ("from four a week to none"), so a figure
        of another kind comes first."""
        figures = self.result_quantities
        return next((q for q in figures if q.kind != "time"), figures[0])

    @property
    def terms(self) -> TermUse:
        """The requirements and company terms together."""
        return TermUse(
            used=self.requirements.used + self.company_terms.used,
            missed=self.requirements.missed + self.company_terms.missed,
        )

    @property
    def term_total(self) -> int:
        return len(self.terms.used) + len(self.terms.missed)


# A component's share earned (0–1), or None when it does not apply, with its note.
_Earned = tuple[float | None, str]


_YES = {True: "yes", False: "no"}


def _structure(f: Facts) -> _Earned:
    """The organisation checks count alike; a story adds its share of STAR parts as one more."""
    org = f.organisation
    checks = (
        f"point first: {_YES[org.point_first]}; ends on a conclusion: {_YES[org.concluded]}; "
        f"{t.BRIEF_SECONDS}–{t.TARGET_SECONDS_MAX} s long: {_YES[org.length_fits]}"
    )
    if not f.story:
        return org.passed / 3, f"{checks}."
    present = sum(f.star[p].present for p in STAR_PARTS)
    missing = [p for p in STAR_PARTS if not f.star[p].present]
    parts = f"{present} of 4 STAR parts" + (f" (missing: {', '.join(missing)})" if missing else "")
    return (org.passed + present / 4) / 4, f"{checks}; {parts}."


def _result(f: Facts) -> _Earned:
    if not f.story:
        return None, "Not counted: the question does not ask for a story."
    if f.quantified:
        return 1.0, f"A result with a number (“{f.headline_figure.text}”)."
    if f.star["result"].present:
        return t.UNQUANTIFIED_RESULT_CREDIT, "A result, but without a number."
    return 0.0, "No result stated."


def _rate_share(rate: float, full_at: float, zero_at: float) -> float:
    if rate <= full_at:
        return 1.0
    if rate >= zero_at:
        return 0.0
    return (zero_at - rate) / (zero_at - full_at)


def _fillers(f: Facts) -> _Earned:
    rate = f.fillers.per_100_words
    share = _rate_share(rate, t.FILLERS_FULL_AT, t.FILLERS_ZERO_AT)
    return share, (
        f"{rate:g} per 100 words (full marks up to {t.FILLERS_FULL_AT:g}, "
        f"none from {t.FILLERS_ZERO_AT:g})."
    )


def _hedges(f: Facts) -> _Earned:
    rate = f.hedges.per_100_words
    share = _rate_share(rate, t.HEDGES_FULL_AT, t.HEDGES_ZERO_AT)
    return share, (
        f"{rate:g} per 100 words (full marks up to {t.HEDGES_FULL_AT:g}, "
        f"none from {t.HEDGES_ZERO_AT:g})."
    )


def _length(f: Facts) -> _Earned:
    how = "estimated" if f.estimated else "measured"
    return t.LENGTH_CREDIT[f.length], (
        f"About {duration(f.seconds)} ({how}), {f.words} words: {f.length} "
        f"(target {t.TARGET_SECONDS_MIN}–{t.TARGET_SECONDS_MAX} s)."
    )


def _pace(f: Facts) -> _Earned:
    if f.estimated:
        return None, "Not counted: a typed answer has no real pace."
    return t.PACE_CREDIT[f.pace], (
        f"{f.wpm:.0f} words a minute: {f.pace} ({t.PACE_SLOW_BELOW}–{t.PACE_GOOD_MAX} is good)."
    )


def _relevance(f: Facts) -> _Earned:
    if not f.term_total:
        return None, "Not counted: no requirements or company terms were given."
    used = len(f.terms.used)
    needed = min(t.RELEVANCE_FULL_AT, f.term_total)
    return min(1.0, used / needed), (
        f"Used {used} of {f.term_total} terms (full marks from {needed})."
    )


_COMPONENTS: dict[str, Callable[[Facts], _Earned]] = {
    "structure": _structure,
    "result": _result,
    "fillers": _fillers,
    "hedges": _hedges,
    "length": _length,
    "pace": _pace,
    "relevance": _relevance,
}


# What blocks a story answer, in the words of the score's note.
_BLOCKS = {
    "action": "no action",
    "result": "no result",
    "figure": "no number in the result",
    "length": "under a minute",
}


def blocking(f: Facts) -> list[str]:
    """What keeps a story answer from doing its job, as keys of ``_BLOCKS``: the problems that
    cap a story's score in the story analyzer (fit/star.py), each with a tip. Other answers are
    not stories, so nothing blocks them."""
    if not f.story:
        return []
    found = [part for part in ("action", "result") if not f.star[part].present]
    if f.star["result"].present and not f.quantified:
        found.append("figure")
    if f.length == "short":
        found.append("length")
    return found


def score(f: Facts) -> tuple[int, dict[str, Component], dict[str, float], str]:
    """The components, the score (their points summed), each component's points lost, and a
    note when the score is capped.

    Components that do not apply get out_of 0; the weights of the others are scaled up to sum
    to 100 (largest remainders, so they stay whole numbers) and the score stays out of 100. A
    story answer with a blocking problem scores at most BLOCKED_SCORE_MAX."""
    earned = {name: rule(f) for name, rule in _COMPONENTS.items()}
    applicable = {n: t.SCORE_WEIGHTS[n] for n, (share, _) in earned.items() if share is not None}
    out_of = _scale_to_100(applicable)
    components: dict[str, Component] = {}
    lost: dict[str, float] = {}
    for name, (share, note) in earned.items():
        weight = out_of.get(name, 0)
        points = round((share or 0.0) * weight, 1)
        components[name] = Component(points=points, out_of=weight, note=note)
        lost[name] = weight - points
    total = max(0, min(100, round(sum(c.points for c in components.values()))))
    blocks = blocking(f)
    if not blocks or total <= t.BLOCKED_SCORE_MAX:
        return total, components, lost, ""
    why = ", ".join(_BLOCKS[b] for b in blocks)
    note = f"Capped at {t.BLOCKED_SCORE_MAX} (the parts earn {total}): {why}."
    return t.BLOCKED_SCORE_MAX, components, lost, note


def _scale_to_100(weights: dict[str, int]) -> dict[str, int]:
    total = sum(weights.values())
    exact = {n: w * 100 / total for n, w in weights.items()}
    scaled = {n: math.floor(v) for n, v in exact.items()}
    short = 100 - sum(scaled.values())
    by_remainder = sorted(exact, key=lambda n: (scaled[n] - exact[n], list(weights).index(n)))
    for name in by_remainder[:short]:
        scaled[name] += 1
    return scaled
