"""Which STAR part one sentence tells, from what it says: the one reader behind a practice
answer's parts (``feedback.structure``) and a story's fields (``fit.star``).

Each part has its own kinds of evidence, each with a weight; a sentence goes to the part whose
evidence weighs most, and to none below ``LEAST``. Where a sentence stands in the answer is
never evidence: a first sentence is not a situation because it comes first.

- situation: a past setting ("at my last job", "last winter", "in 2023", "when I was"), a
  problem that existed ("we had a backlog", "the lines were always jammed", "failing",
  "complaints"), a job held ("I was a shift supervisor"), others described in the past
  ("the team was", "a customer rang up");
- task: a duty or a goal ("my job was", "I had to", "I needed to", "I was asked to", "it was on
  me to", "wanted me to"), and a note that starts with a bare verb ("Restore service within 30
  minutes.", "Goal: halve the falls.");
- action: "I" or "we" with a past-tense verb of doing ("I rang", "we rebuilt"), a note that starts
  with one ("Implemented circuit breakers."), "what I did was", "I started by", "I would …" in a
  habitual story;
- result: an outcome phrase ("as a result", "in the end", "which meant"), a change with its
  size ("fell from 14 to 4", "down 21%", "improved 25%"), a change whoever made it ("the
  complaints stopped"), recognition ("was adopted", "thanked me"), an outcome without a change
  verb ("on time", "passed", "went live", "zero downtime", "nobody deteriorated", "since").

The sentence is read once into lower-case words; most evidence is a set lookup on them, and the
few patterns run only when one of their words is there, so a 300-word answer is read in well
under a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts import reading, weigh
from nextround.fit.parts.clauses import clause_bounds as clause_bounds
from nextround.fit.parts.clauses import is_long_run as is_long_run

PARTS = ("situation", "task", "action", "result")

LEAST = weigh.LEAST  # weaker evidence than this says nothing about the part

ACTION_MOST = 2.5  # the most an action's evidence weighs

SITUATION_MOST = 2.5  # the most a situation's evidence weighs: a setting said first

SITUATION_LATER = 2.0  # any other situation's evidence weighs at most this

# When two parts weigh the same, the narrower kind of evidence wins: a result or a task is said
# in few ways; a past-tense "I …ed" or a setting in many.
TIE_ORDER = ("result", "task", "action", "situation")

# A sentence ends at . ! ? (followed by a space) or a line break; "M.I.T" and "3.5" stay whole,
# and so does a sentence with "vs." or "e.g." in it. The look-behinds run only where an end
# mark stands: run at every character of the lazy scan, they made it six times slower.
NOT_AN_END = "".join(
    rf"(?<!\b{short}\.)" for short in ("vs", "e\\.g", "i\\.e", "approx", "Dr", "Mr", "Mrs", "Ms")
)
_END = rf"[.!?]+(?=\s){NOT_AN_END}|(?=\n)|[.!?]*\Z"
# Only a mark or a line break can end a sentence, so the runs between them are taken whole and
# the end is tried at each mark alone (a lazy ``.*?`` tried it at every character).
SENTENCE = re.compile(rf"\S[^.!?\n]*+(?:(?!{_END})[.!?][^.!?\n]*+)*+(?:{_END})")


def sentences_in(text: str) -> list[str]:
    """The text's sentences, a long run of speech split into its clauses (``clauses``)."""
    return [
        sentence[start:end]
        for sentence in SENTENCE.findall(text)
        for start, end in clause_bounds(sentence)
    ]


def tells(text: str, part: str) -> bool:
    """Whether any sentence of the text holds evidence for the part, whatever else it holds:
    a story's field is known to be meant as that part, so the question is only whether it
    says it."""
    weighed = _WEIGH[part]
    for sentence in sentences_in(text):
        said = weigh.read(sentence)
        if said is not None and weighed(said) >= LEAST:
            return True
    return False


@lru_cache(maxsize=4096)
def part_of(sentence: str) -> str | None:
    """The STAR part the sentence tells, or None when it tells none (an opinion, a lesson, a
    greeting): the part ``part_scores`` weighs most, a tie going to the first in TIE_ORDER.
    Answers are read again at each keystroke, so recent sentences are remembered."""
    said = weigh.read(sentence)
    if said is None:
        return None
    # Each part is weighed only when it could still win: action and situation evidence weighs
    # ACTION_MOST and SITUATION_MOST at most, and a tie goes to the part weighed first.
    best, weight = "result", weigh.result(said)
    task = weigh.task(said)
    if task > weight:
        best, weight = "task", task
    if weight < ACTION_MOST:
        action = weigh.action(said)
        if action > weight:
            best, weight = "action", action
    if weight < SITUATION_MOST:
        # Above the weight of a setting said later on, only one said first can win.
        opening = weight >= SITUATION_LATER and weigh.opens_on_setting(said)
        situation = SITUATION_MOST if opening else weigh.situation(said) if weight < 2.0 else 0.0
        if situation > weight:
            best, weight = "situation", situation
    return best if weight >= LEAST else None


def forget() -> None:
    """Empty the memory of sentences read (for timing a first analysis)."""
    part_of.cache_clear()
    reading.read.cache_clear()


def parts_of(found: Iterable[str]) -> list[str | None]:
    """Each sentence's part, in the order told. A sentence that says none by itself but tells
    what happened (a past verb, a figure) is read by where it stands against the steps: before
    every action, it sets the scene; after the last one, it tells what came of them ("Two
    offers on the day."). With no action told, where it stands says nothing. A post held just
    before the duty drawn from it ("i was the shift manager" / "so i had to…") is the task's."""
    texts = list(found)
    told = [part_of(s) for s in texts]
    own = list(told)
    for at in range(len(told) - 1):
        if told[at : at + 2] == ["situation", "task"] and weigh.role_for(texts[at], texts[at + 1]):
            told[at] = "task"  # "I was the shift manager, so I had to…": why the duty was mine
    if "situation" not in told:
        for at in range(len(told) - 1):
            if own[at : at + 2] == ["task", "task"] and weigh.sets_scene(texts[at]):
                # "On a night shift I was in charge of twelve beds and we were two nurses short.
                # I had to…": the first of two duties that also sets the scene is the scene.
                told[at] = "situation"
                break
    steps = [at for at, part in enumerate(told) if part == "action"]
    if not steps:
        return told
    for at, part in enumerate(told):
        if at < steps[0] and part == "result" and weigh.state_before(texts[at]):
            told[at] = "situation"  # a change before any step is the state the story met
        elif at > steps[-1] and part == "task" and weigh.only_asked(texts[at]):
            told[at] = "result"  # "my manager asked me to write it up for the board"
        elif (
            at > steps[-1]
            and part == "situation"
            and (weigh.weak_setting(texts[at]) or weigh.none_there(texts[at]))
        ):
            # "Suite runs in 8 minutes." after the steps is their outcome, and so is "There
            # were no mix-ups during their stay.": what did not happen after them
            told[at] = "result"
        elif steps[0] < at < steps[-1] and part == "situation" and weigh.weak_scene(texts[at]):
            told[at] = None  # "and the doctor had gone home": the steps' story, not a scene
        elif part is None and (at < steps[0] or at > steps[-1]) and _tells_what_happened(texts[at]):
            told[at] = "situation" if at < steps[0] else "result"
    return told


def _tells_what_happened(sentence: str) -> bool:
    said = weigh.read(sentence)
    if said is None:
        return False  # a lesson drawn
    words = said.words
    return (
        any(reading.is_verbish(w) or lex.FIGURE.match(w) for w in words)
        and not lex.PRESENT & said.bag
    )


_WEIGH = {
    "situation": weigh.situation,
    "task": weigh.task,
    "action": weigh.action,
    "result": weigh.result,
}


def part_scores(sentence: str) -> dict[str, float]:
    """How much evidence the sentence holds for each part; none at all for a lesson drawn."""
    said = weigh.read(sentence)
    if said is None:
        return dict.fromkeys(PARTS, 0.0)
    return {part: weighed(said) for part, weighed in _WEIGH.items()}
