"""Structure: whether the answer tells a story in STAR form (situation, task, action, result),
each sentence's part read from what it says by the reader stories share (``fit.parts``), and
the figures in its result.

Questions that ask for a story from the past are behavioral (``wants_story``: the question's
category when it has one, else its wording); only their answers are scored on STAR parts. How
any answer is organised (its point first, a conclusion) is ``organisation``'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nextround.feedback.report import StarPart
from nextround.fit import parts
from nextround.fit.parts import SENTENCE, clause_bounds, is_long_run, parts_of
from nextround.playbook.knowledge import CATEGORIES, STORY_CATEGORIES
from nextround.text import Quantity, quantities_in

STAR_PARTS = ("situation", "task", "action", "result")


# Questions that ask for a story from the past (behavioral); others ("why us?", "what is your
# weakness?") are judged on whether they give an example, not on all four STAR parts.
_STORY_QUESTION = re.compile(
    r"""\btell\s+(?:me|us)\s+about\s+(?:a|an|one|the)\s+(?:time|situation|occasion|project|
        moment|example|challenge|mistake|failure|conflict|decision)\b
    | \bdescribe\s+(?:a|an|one)\s+(?:time|situation|occasion|project|moment)\b
    | \b(?:give|share)\s+(?:me\s+|us\s+)?(?:an?\s+)?(?:example|experience)\b
    | \bwalk\s+(?:me|us)\s+through\s+a\s+(?:time|situation|project)\b
    | \bexample\s+of\s+(?:a\s+time|when|how)\b | \bhave\s+you\s+ever\b
    | \ba\s+time\s+(?:when|that|where|you)\b
    | \bhow\s+did\s+you\s+(?:handle|deal|resolve|manage|approach|overcome|solve|respond)\b
    | \bwhat\s+did\s+you\s+do\s+when\b
    | \b(?:biggest|greatest|proudest|toughest|hardest)\s+(?:challenge|achievement|
        accomplishment|mistake|failure|success)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def wants_story(question: str | None, category: str | None = None) -> bool:
    """True when the answer should be a STAR story. One rule: a known category decides (the
    playbook's story categories: behavioral); only without one does the wording decide, and
    no question at all counts as a story (most practice questions ask for one)."""
    if category in CATEGORIES:
        return category in STORY_CATEGORIES
    return question is None or not question.strip() or bool(_STORY_QUESTION.search(question))


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    return [Sentence(m.group(), m.start(), m.end()) for m in SENTENCE.finditer(text)]


def find_star(found: Sequence[Sentence]) -> tuple[dict[str, StarPart], list[Quantity]]:
    """Each STAR part with its evidence sentence, and the figures in the result sentences.

    Each sentence tells one part at most, read from what it says (``fit.parts``, which a
    story's fields share); a part's evidence is its first sentence, and for the result a
    result sentence that holds a figure comes first. Figures are looked for in result
    sentences, and in any sentence where an outcome verb reports one ("…, which saved my team
    five hours a week"), as for a story's result (fit/star.py); looking nowhere else keeps the
    analysis fast, as finding figures is its costliest step."""
    if any(is_long_run(s.text) for s in found):  # a long run of speech, clause by clause
        found = [
            Sentence(s.text[a:b], s.start + a, s.start + b)
            for s in found
            for a, b in clause_bounds(s.text)
        ]
    told = dict(zip((id(s) for s in found), parts_of(s.text for s in found), strict=True))
    results, figures = _with_outcome_figures(
        found, told, quantities_in([s for s in found if told[id(s)] == "result"])
    )
    shown: dict[str, StarPart] = {}
    for part in STAR_PARTS:
        own = results if part == "result" else [s for s in found if told[id(s)] == part]
        shown[part] = _part(own[0] if own else None)
    return shown, figures


# Verbs that report an outcome whoever the subject is ("which saved my team five hours a week",
# "and cut costs by 30%", "my script saved…", "rolled it out to two other units"); a sentence
# with one of them followed by a figure is a result sentence though it has no result cue.
_OUTCOME_THEN_FIGURE = re.compile(  # the look-ahead passes over other letters quickly
    r"""(?=[srcigleabfhdtu])\b(?:saved|saving|reduced|cut|increased|grew|improved|raised|lowered|boosted|shortened|
        sped\s+up|brought\s+down|eliminated|exceeded|freed\s+up|gained|generated|halved|
        doubled|tripled|(?:rolled|spread)\s+(?:\w+\s+)?out\s+to|spread\s+to|adopted\s+by|
        used\s+by)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A count of others taking the work up: "two other units adopted it".
_FIGURE_THEN_UPTAKE = re.compile(r"\s*(?:\w+\s+){0,2}(?:adopted|took\s+up|copied|reused)\b", re.I)


def _with_outcome_figures(
    found: Sequence[Sentence], told: dict[int, str | None], figures: list[Quantity]
) -> tuple[list[Sentence], list[Quantity]]:
    """The result sentences, figure-first, and the figures of the result: those in result
    sentences, and those an outcome verb reports in any other sentence ("…, which saved my
    team five hours a week."), so a figure counts in an answer wherever it would in a story's
    result. Such a sentence becomes result evidence only when it tells no other part."""
    results = [s for s in found if told[id(s)] == "result"]
    stems = _stems_in(found)
    for sentence in found if stems else ():
        if told[id(sentence)] == "result" or not _may_report(sentence.text, stems):
            continue
        reported = [q for q in quantities_in([sentence]) if _reports(sentence, q)]
        figures.extend(reported)
        if reported and told[id(sentence)] is None:
            results.append(sentence)
    results.sort(key=lambda s: s.start)
    figures.sort(key=lambda q: q.start)
    with_figure = [s for s in results if any(s.start <= q.start < s.end for q in figures)]
    return with_figure + [s for s in results if s not in with_figure], figures


# Every outcome or uptake verb above holds one of these; a substring test is far cheaper than
# the patterns, and most sentences have none.
_OUTCOME_STEMS = (
    "sav",
    "reduc",
    "cut",
    "increas",
    "grew",
    "improv",
    "rais",
    "lower",
    "boost",
    "shorten",
    "sped",
    "brought",
    "eliminat",
    "exceed",
    "freed",
    "gain",
    "generat",
    "halv",
    "doubl",
    "tripl",
    "out to",
    "spread",
    "adopt",
    "used by",
    "took",
    "copied",
    "reused",
)


def _stems_in(found: Sequence[Sentence]) -> list[str]:
    """The outcome stems the answer holds anywhere: a sentence can hold only those, and most
    answers hold none or one, so each sentence is looked at for few stems, or not at all."""
    low = " ".join(s.text for s in found).lower()
    return [stem for stem in _OUTCOME_STEMS if stem in low]


def _may_report(text: str, stems: Sequence[str] = _OUTCOME_STEMS) -> bool:
    if not any(map(text.lower().__contains__, stems)):
        return False
    return bool(_OUTCOME_THEN_FIGURE.search(text) or _UPTAKE.search(text))


_UPTAKE = re.compile(r"(?=[atcr])\b(?:adopted|took\s+up|copied|reused)\b", re.IGNORECASE)


def _reports(sentence: Sentence, q: Quantity) -> bool:
    """The figure follows an outcome verb, or is a count of others who took the work up."""
    at = q.start - sentence.start
    verb = _OUTCOME_THEN_FIGURE.search(sentence.text)
    if verb is not None and verb.end() <= at:
        return True
    return q.kind == "count" and bool(
        _FIGURE_THEN_UPTAKE.match(sentence.text, q.end - sentence.start)
    )


def _part(sentence: Sentence | None) -> StarPart:
    if sentence is None:
        return StarPart(present=False, evidence="")
    return StarPart(present=True, evidence=sentence.text, start=sentence.start, end=sentence.end)


def sets_situation(text: str) -> bool:
    """Whether a sentence sets a story's scene with a situation cue: "At my last job…", "Last
    year…", "When I was working at…"; read as the STAR parts are, ``fit.parts``)."""
    return parts.tells(text, "situation")


def states_result(text: str) -> bool:
    """Whether a sentence says what changed (a STAR result cue): "As a result, …", "We cut
    the wait by half."."""
    return parts.tells(text, "result")
