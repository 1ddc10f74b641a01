"""Structure: whether the answer tells a story in STAR form (situation, task, action, result),
found sentence by sentence from cue phrases, and the figures in its result.

Questions that ask for a story from the past are behavioral (``wants_story``: the question's
category when it has one, else its wording); only their answers are scored on STAR parts. How
any answer is organised (its point first, a conclusion) is ``organisation``'s.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nextround.feedback.report import StarPart
from nextround.playbook.knowledge import CATEGORIES, STORY_CATEGORIES
from nextround.text import Quantity, quantities_in

STAR_PARTS = ("situation", "task", "action", "result")

# A sentence ends at . ! ? (followed by a space) or a line break; "M.I.T" and "3.5" stay whole.
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s)|(?=\n)|[.!?]*\Z)", re.S)

_I_OR_WE = r"\b(?:i|we)(?:['’]ve|\s+have|\s+had)?\s+(?:(?:then|first|also|personally|\w+ly)\s+)?"
_IRREGULAR_ACTIONS = (
    "built|rebuilt|led|wrote|rewrote|ran|made|took|set|sat|spoke|met|went|began|brought|bought|"
    "chose|drove|found|gave|got|held|kept|taught|told|won|sent|spent|put|cut|drew|did|oversaw|"
    "undertook|sought|broke|split|caught|stood|dealt|sold|paid|shut|wound|came\\s+up\\s+with"
)
# Regular past tenses that describe a state of mind, not a step taken.
_NOT_ACTIONS = (
    "wanted|needed|liked|loved|hated|hoped|seemed|learned|realized|realised|noticed|wondered|"
    "believed|enjoyed|preferred|appeared|happened|interned|worked|used(?=\\s+to\\b)|was|were"
)
_CUES: dict[str, re.Pattern[str]] = {
    part: re.compile(pattern, re.IGNORECASE | re.VERBOSE)
    for part, pattern in {
        # Where and when: a past setting, a problem that existed, a job you held.
        "situation": r"""
            \b(?:when|while|back\s+when)\s+(?:i|we)\s+(?:was|were|worked|joined|started|had)\b
            | \b(?:at|in|during)\s+(?:my|our)\s+(?:(?:last|previous|former|old|current|first|
                summer|final)\s+)?(?:job|company|role|position|internship|team|employer|
                school|university|college|class|semester|project|placement|shift|year)\b
            | \b(?:last|this\s+past|one)\s+(?:year|summer|spring|fall|autumn|winter|semester|
                term|quarter|month)\b
            | \b(?:a\s+(?:few|couple\s+of)|two|three|several)\s+(?:years|months|weeks)\s+ago\b
            | \bback\s+in\b | \bin\s+(?:19|20)\d\d\b
            | \b(?:we|i|they|the\s+\w+|our\s+\w+)\s+(?:had|faced|(?:was|were)\s+facing|ran\s+into|
                hit)\s+(?:a|an|some|this|the)\s+(?:\w+\s+){0,2}(?:problem|issue|challenge|crisis|
                backlog|deadline|conflict|shortage|complaint|outage|bug|difficulty|situation)s?\b
            | \bthere\s+(?:was|were)\s+(?:a|an|this|some)\b
            | \bthe\s+(?:problem|issue|challenge|situation|context|background)\s+(?:was|is)\b
            | \b(?:i|we)\s+(?:was|were)\s+(?:working|interning|studying|volunteering|employed|
                part\s+of|on\s+(?:a|the))\b
            | \bi\s+(?:worked|interned|volunteered)\s+(?:as|at|for|in|on)\b
            | \b(?:the|our|my)\s+(?:team|company|client|customer|department|hospital|ward|
                school|store|restaurant|startup|lab|project|clinic|firm|office|shop|group)\s+
                (?:was|were|had)\b
        """,
        # What you were there to do.
        "task": r"""
            \b(?:my|our|the)\s+(?:job|role|task|goal|aim|objective|responsibility|assignment|
                mission|brief|mandate|target)\s+(?:was|were|became)\b
            | \b(?:i|we)\s+(?:needed|had|was\s+supposed|were\s+supposed|was\s+expected|
                were\s+expected)\s+to\b
            | \b(?:i|we)\s+(?:was|were)\s+(?:asked|tasked|charged|hired|brought\s+in|assigned|
                responsible|in\s+charge|given\s+the\s+(?:task|job|responsibility))\b
            | \bit\s+was\s+(?:my|our)\s+(?:job|responsibility|task|role)\b
            | \b(?:asked|told|wanted|needed)\s+me\s+to\b
            | \bi\s+had\s+the\s+task\b
        """,
        # Steps taken, said in the first person and the past tense.
        "action": rf"""
            {_I_OR_WE}(?:{_IRREGULAR_ACTIONS}|(?!(?:{_NOT_ACTIONS})\b)[a-z]{{3,}}ed)\b
            | \bwhat\s+i\s+did\s+was\b | \bmy\s+first\s+step\b | \bi\s+started\s+by\b
            | \bi\s+decided\s+to\b
        """,
        # What changed: an outcome phrase, a change verb, recognition, or on time / on budget.
        "result": r"""
            \bas\s+a\s+result\b | \b(?:in|by|at)\s+the\s+end\b | \bin\s+the\s+end\b
            | \b(?:which|this|that|it)\s+(?:led|leads)\s+to\b | \bresult(?:ed|s)?\s+in\b
            | \bthe\s+(?:result|outcome|impact|upshot)\b | \bended\s+up\b
            | \b(?:which|this|that)\s+meant\b
            | \b(?:i|we|it|this|that|they|the\s+\w+)\s+(?:\w+ly\s+)?(?:reduced|increased|cut|
                saved|grew|improved|raised|lowered|boosted|doubled|tripled|halved|shortened|
                sped\s+up|brought\s+down|eliminated|achieved|exceeded|beat|won|secured|landed)\b
            | \b(?:went|dropped|fell|rose|climbed|jumped|grew|increased|decreased|declined|
                shrank|improved)\s+(?:from|to|by)\b
            | \b(?:was|were|got|been)\s+(?:adopted|promoted|praised|recognised|recognized|
                chosen|selected|accepted|approved|published|awarded|rolled\s+out)\b
            | \b(?:got|received|won|earned)\s+(?:an?\s+|the\s+|great\s+|positive\s+|good\s+)?
                (?:award|promotion|praise|feedback|offer|grant|prize|raise|bonus|recognition|
                thanks)s?\b
            | \b(?:thanked|praised|congratulated|commended|recommended|promoted|rehired)\s+
                (?:me|us|the\s+team|my\s+team)\b
            | \bon\s+time\b | \bunder\s+budget\b | \bahead\s+of\s+schedule\b
            | \bsuccessful(?:ly)?\b
        """,
    }.items()
}

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
    return [Sentence(m.group(), m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def find_star(found: Sequence[Sentence]) -> tuple[dict[str, StarPart], list[Quantity]]:
    """Each STAR part with its evidence sentence, and the figures in the result sentences.

    A sentence is evidence for one part at most (``_assign``): a part's evidence is the first
    sentence with one of its cues that no other part needs; for the result, a result sentence
    that holds a figure comes first. Figures are looked for in result sentences only, as for a
    story's result (fit/star.py), which also keeps the analysis fast: finding figures is its
    costliest step."""
    cued = [s for s in found if _CUES["result"].search(s.text)]
    results, figures = _with_outcome_figures(found, cued, quantities_in(cued))
    chosen = _first_each(found, results) or _assign(found, results)
    return {part: _part(chosen[part]) for part in STAR_PARTS}, figures


# Verbs that report an outcome whoever the subject is ("which saved my team five hours a week",
# "and cut costs by 30%", "my script saved…", "rolled it out to two other units"); a sentence
# with one of them followed by a figure is a result sentence though it has no result cue.
_OUTCOME_THEN_FIGURE = re.compile(
    r"""\b(?:saved|saving|reduced|cut|increased|grew|improved|raised|lowered|boosted|shortened|
        sped\s+up|brought\s+down|eliminated|exceeded|freed\s+up|gained|generated|halved|
        doubled|tripled|(?:rolled|spread)\s+(?:\w+\s+)?out\s+to|spread\s+to|adopted\s+by|
        used\s+by)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A count of others taking the work up: "two other units adopted it".
_FIGURE_THEN_UPTAKE = re.compile(r"\s*(?:\w+\s+){0,2}(?:adopted|took\s+up|copied|reused)\b", re.I)


def _with_outcome_figures(
    found: Sequence[Sentence], cued: list[Sentence], figures: list[Quantity]
) -> tuple[list[Sentence], list[Quantity]]:
    """The result sentences, figure-first, and their figures: the cued ones, and any other
    sentence whose figure an outcome verb reports ("…, which saved my team five hours a
    week."), so a figure counts in an answer wherever it would in a story's result."""
    more = [s for s in found if s not in cued and _may_report(s.text)]
    for sentence in more:
        reported = [q for q in quantities_in([sentence]) if _reports(sentence, q)]
        if reported:
            cued.append(sentence)
            figures.extend(reported)
    cued.sort(key=lambda s: s.start)
    figures.sort(key=lambda q: q.start)
    with_figure = [s for s in cued if any(s.start <= q.start < s.end for q in figures)]
    return with_figure + [s for s in cued if s not in with_figure], figures


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


def _may_report(text: str) -> bool:
    low = text.lower()
    if not any(stem in low for stem in _OUTCOME_STEMS):
        return False
    return bool(_OUTCOME_THEN_FIGURE.search(text) or _UPTAKE.search(text))


_UPTAKE = re.compile(r"\b(?:adopted|took\s+up|copied|reused)\b", re.IGNORECASE)


def _reports(sentence: Sentence, q: Quantity) -> bool:
    """The figure follows an outcome verb, or is a count of others who took the work up."""
    at = q.start - sentence.start
    verb = _OUTCOME_THEN_FIGURE.search(sentence.text)
    if verb is not None and verb.end() <= at:
        return True
    return q.kind == "count" and bool(
        _FIGURE_THEN_UPTAKE.match(sentence.text, q.end - sentence.start)
    )


def _candidates(found: Sequence[Sentence], part: str, most: int) -> list[Sentence]:
    """The first ``most`` sentences with one of the part's cues; the cue search is costly, so
    it stops there. An opening sentence that sets the scene is a situation without a cue."""
    hits = list(itertools.islice((s for s in found if _CUES[part].search(s.text)), most))
    scene = part == "situation" and len(hits) < most and found and found[0] not in hits
    if scene and _sets_the_scene(found[0].text):
        hits.append(found[0])
    return hits


# Which part keeps a sentence that two parts could quote, when the number of parts found is the
# same either way: the narrower cues first (a result or a task is said in few ways; a past-tense
# "I ...ed" or a setting is said in many).
_CLAIM_ORDER = ("result", "task", "action", "situation")
_Choice = dict[str, Sentence | None]  # each part's evidence


def _first_each(found: Sequence[Sentence], results: list[Sentence]) -> _Choice | None:
    """Each part's first sentence, when no two parts want the same one (the usual case, and as
    cheap as it was before a sentence could serve only one part); else None."""
    firsts: list[Sentence | None] = []
    for part in _CLAIM_ORDER:
        hits = results if part == "result" else _candidates(found, part, 1)
        firsts.append(hits[0] if hits else None)
    taken = [id(s) for s in firsts if s is not None]
    return dict(zip(_CLAIM_ORDER, firsts, strict=True)) if len(taken) == len(set(taken)) else None


def _assign(found: Sequence[Sentence], results: list[Sentence]) -> _Choice:
    """Evidence for each part, no sentence used twice: as many parts as can be shown, then each
    part's earliest sentence (for the result: figure-first) in ``_CLAIM_ORDER``.

    Each part is offered its first four candidates: enough, as the three other parts can take
    at most three. So at most 5**4 choices are tried, each a few comparisons."""
    most = len(STAR_PARTS)
    options = [
        [*(results[:most] if part == "result" else _candidates(found, part, most)), None]
        for part in _CLAIM_ORDER
    ]
    best: tuple[Sentence | None, ...] = (None,) * len(_CLAIM_ORDER)
    best_count = 0
    for choice in itertools.product(*options):
        used = [id(s) for s in choice if s is not None]
        if len(used) > best_count and len(set(used)) == len(used):
            best, best_count = choice, len(used)
    return dict(zip(_CLAIM_ORDER, best, strict=True))


# A verb in the past tense: "was", "had", "shouted", "broke".
_PAST = re.compile(
    r"\b(?:was|were|had|did|went|came|got|broke|fell|began|lost|left|ran|took|\w{2,}ed)\b",
    re.IGNORECASE,
)


def _sets_the_scene(first: str) -> bool:
    """Without a situation cue, an opening sentence told in the past tense that is not yet your
    own action, task or result still sets the scene ("A customer shouted at me in the store.")."""
    if not _PAST.search(first):
        return False
    return not any(_CUES[part].search(first) for part in ("task", "action", "result"))


def _part(sentence: Sentence | None) -> StarPart:
    if sentence is None:
        return StarPart(present=False, evidence="")
    return StarPart(present=True, evidence=sentence.text, start=sentence.start, end=sentence.end)


def sets_situation(text: str) -> bool:
    """Whether a sentence sets a story's scene with a situation cue: "At my last job…", "Last
    year…", "When I was working at…"."""
    return bool(_CUES["situation"].search(text))


def states_result(text: str) -> bool:
    """Whether a sentence says what changed (a STAR result cue): "As a result, …", "We cut
    the wait by half."."""
    return bool(_CUES["result"].search(text))
