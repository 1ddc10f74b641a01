"""Organisation: whether an answer is easy to follow. Three checks, each read from what the
answer says:

- **Point first.** After any run-up ("Um, so", "Sure,"), the opening answers the question: it
  starts with a reply ("Yes", "I think", "I'd say", "My biggest strength is") or takes up the
  question's own words; and it does not stall ("I guess", "let me think", "that's a hard
  question").
- **A conclusion.** The last full sentence (a trailing "So, yeah." does not count) wraps up
  ("so", "that's why", "in the end" opening a clause), states a result, or comes back to the
  question's words.
- **A length that holds it.** Long enough to make a point, short enough to keep it: from
  BRIEF_SECONDS to TARGET_SECONDS_MAX of speech.

Staying on the question is read in the first two: the opening and the close take up its words.
These checks are what agreed with human raters of answer structure on real mock interviews
(docs/practice.md, "How it compares with human ratings"); signposting words ("first",
"another", "for example") did not, so they are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nextround.feedback import thresholds as t
from nextround.feedback.report import Organisation, Span
from nextround.feedback.structure import Sentence, states_result
from nextround.feedback.tokens import VOCAL, as_quoted, word_set
from nextround.text import content_stems, words

# Sounds, acknowledgements and run-ups said before an answer starts: "Um, so", "Sure, okay".
_RUN_UP = word_set("so well okay ok alright right sure oh and like hmm now")
# An opening that replies: yes or no, a stance, or "my <thing> is".
_REPLY = re.compile(
    r"""(?:yes|yeah|yep|no|not\s+really|definitely|absolutely|certainly|of\s+course|
        i\s+(?:think|believe|consider|feel|would|do|am|have|prefer|want)\b|i['’]?(?:d|m|ve)\b|
        my\s+\w+\s+(?:is|was|are|were|would))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Stalling before the point: buying time or doubting the answer aloud.
_STALL = re.compile(  # the look-ahead passes over other letters quickly
    r"""(?=[ilhgtdbsw])\b(?:i\s+guess|let\s+me\s+(?:see|think)|i\s+don['’]?t\s+(?:really\s+)?know|
        i['’]?m\s+not\s+(?:really\s+|quite\s+)?sure|
        (?:hard|good|tough|great|difficult|interesting|big)\s+question|sorry|
        i\s+can['’]?t\s+(?:really\s+)?think|(?:trying|have)\s+to\s+think|
        where\s+(?:do|should)\s+i\s+(?:start|begin))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A clause that wraps up: "So that's why…", "…, and in the end we shipped".
_WRAP_UP = re.compile(  # a match starts at the start, at a mark, or at "and" or "but"
    r"""(?=[,;:–—\-ab]|^)(?:^|[,;:–—-]\s*|\b(?:and|but)\s+)(?:so|that['’]?s\s+(?:why|how)|which\s+is\s+why|
        overall|in\s+the\s+end|in\s+short|ultimately|therefore|all\s+in\s+all|to\s+sum\s+up|
        which\s+means|as\s+a\s+result)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that frame a request rather than name its topic: "tell me", "give an example".
_FRAME_WORDS = frozenset(
    content_stems("tell describe explain walk talk share give example examples")
)
# Words of a sentence that only trails off: "So, yeah.", "And, uh, that's it."
_TRAILING = word_set("and so but or yeah yep yes okay ok thats it all anyway really")
_WORD = re.compile(r"\S+")


def organisation(
    text: str,
    found: Sequence[Sentence],
    *,
    question: str | None,
    seconds: float,
    story_opens: bool = False,
) -> Organisation:
    """The three checks on one answer; ``found`` are its sentences, ``seconds`` its length.
    ``story_opens``: the question asks for a story and the first sentence sets its scene,
    which answers such a question as directly as a reply would."""
    topic = content_stems(question or "") - _FRAME_WORDS
    opening, run_up = _opening(text)
    stall = _STALL.search(" ".join([*run_up, *opening]))
    replies = bool(opening) and bool(_REPLY.match(" ".join(opening)))
    echoes = bool(topic & content_stems(" ".join(opening)))
    closing = _closing(found)
    return Organisation(
        point_first=(replies or echoes or story_opens) and stall is None,
        opening=_span(found[0] if found else None),
        stall=as_quoted(stall.group()) if stall else "",
        concluded=closing is not None and _concludes(closing.text, topic),
        closing=_span(closing),
        length_fits=t.BRIEF_SECONDS <= seconds <= t.TARGET_SECONDS_MAX,
    )


def _opening(text: str) -> tuple[list[str], list[str]]:
    """The first OPENING_WORDS words after the run-up, and the run-up, as written. Only the
    words up to there are read, not the whole answer."""
    run_up: list[str] = []
    opening: list[str] = []
    for match in _WORD.finditer(text):
        said = match.group()
        if opening or not _is_run_up(said):
            opening.append(said)
            if len(opening) == t.OPENING_WORDS:
                break
        else:
            run_up.append(said)
    return opening, run_up


def _is_run_up(written: str) -> bool:
    norm = words(written)
    return not norm or all(w in _RUN_UP or VOCAL.fullmatch(w) for w in norm)


def _closing(found: Sequence[Sentence]) -> Sentence | None:
    """The last sentence that says something, passing over one that only trails off."""
    for sentence in reversed(found):
        said = words(sentence.text)
        if any(w not in _TRAILING and not VOCAL.fullmatch(w) for w in said):
            return sentence
    return None


def _concludes(closing: str, topic: frozenset[str]) -> bool:
    return (
        bool(_WRAP_UP.search(closing))
        or states_result(closing)
        or bool(topic & content_stems(closing))
    )


def _span(sentence: Sentence | None) -> Span:
    if sentence is None:
        return Span(text="", start=-1, end=-1)
    return Span(text=sentence.text, start=sentence.start, end=sentence.end)
