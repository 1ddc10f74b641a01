"""The shapes the answer analyzer reads and returns. Plain msgspec structs, no Django, so the web
app, the command line and the optional speech package share one vocabulary.

Offsets (``start``/``end``) are character positions in the analysed text, end exclusive, so a
caller can highlight ``text[start:end]``. A report's JSON form is
``nextround.jsonform.json_form(report)``.
"""

from __future__ import annotations

import msgspec


class TimedWord(msgspec.Struct, frozen=True):
    """One recognised word with its timing in seconds from the start of the recording."""

    word: str
    start: float
    end: float


class Pause(msgspec.Struct, frozen=True):
    """A silence inside an answer, measured from the audio (seconds from the start)."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


class PauseSpan(msgspec.Struct, frozen=True):
    """A pause as the report lists it: where it starts and ends and how long it lasts, in
    seconds to a tenth."""

    start: float
    end: float
    seconds: float


class Span(msgspec.Struct, frozen=True):
    """A stretch of the answer: a filler, a hedge, a long sentence, a quantity."""

    text: str
    start: int
    end: int


class Tally(msgspec.Struct, frozen=True):
    """Occurrences of one kind of word (fillers, hedges), with their rates."""

    count: int
    per_minute: float
    per_100_words: float
    items: list[Span]


class StarPart(msgspec.Struct, frozen=True):
    """One STAR part: whether the answer has it, and the sentence that shows it."""

    present: bool
    evidence: str  # "" when absent
    start: int = -1  # offsets of the evidence; -1 when absent
    end: int = -1


class Organisation(msgspec.Struct, frozen=True):
    """How easy the answer is to follow (see ``organisation``): its point first, a close that
    comes back to it, and a length that holds it."""

    point_first: bool  # the opening answers the question, without stalling first
    opening: Span  # the first sentence
    stall: str  # the stalling phrase heard before the point ("I guess"); "" when none
    concluded: bool  # the last full sentence wraps up, states a result or returns to the question
    closing: Span  # that last full sentence; empty (offsets -1) when there is none
    length_fits: bool  # from BRIEF_SECONDS to TARGET_SECONDS_MAX of speech

    @property
    def passed(self) -> int:
        """How many of the three checks the answer passes."""
        return self.point_first + self.concluded + self.length_fits


class Component(msgspec.Struct, frozen=True):
    """One part of the score: points earned out of its weight, and why."""

    points: float
    out_of: int
    note: str


class Repeat(msgspec.Struct, frozen=True):
    """A phrase said more often than it should be."""

    text: str
    count: int


class TermUse(msgspec.Struct, frozen=True):
    used: list[str]
    missed: list[str]


class Pronouns(msgspec.Struct, frozen=True, rename={"i_count": "i", "we_count": "we"}):
    """How often the answer says "I" and "we", and the verdict (see ``nextround.text.voice``);
    "i" and "we" in JSON."""

    i_count: int
    we_count: int
    verdict: str  # "first-person" | "mixed" | "team" | "none"


class AnswerReport(msgspec.Struct, frozen=True):
    """Everything measured in one answer, its score and tips. In JSON the "I"/"we" counts sit
    under "voice"; in Python ``voice`` is the verdict and ``i_count``/``we_count`` the counts."""

    words: int
    seconds: float
    seconds_estimated: bool  # True when estimated from the word count (typed answers)
    wpm: float
    pace: str  # "slow" | "good" | "brisk" | "fast"
    length: str  # "short" | "good" | "long" | "rambling"
    fillers: Tally
    hedges: Tally
    star: dict[str, StarPart]  # keys: situation, task, action, result
    organisation: Organisation
    quantified_result: bool
    quantities: list[Span]
    pronouns: Pronouns = msgspec.field(name="voice")
    long_sentences: list[Span]
    repeated_phrases: list[Repeat]
    requirements: TermUse
    company_terms: TermUse
    hesitations: list[PauseSpan]  # pauses >= the hesitation threshold (from audio; none if typed)
    long_pauses: list[PauseSpan]  # pauses >= the long-pause threshold
    score: int  # 0-100, the sum of the components' points, rounded
    components: dict[str, Component]
    tips: list[str]  # two to four, most useful first
    score_note: str = ""  # why the score is capped below its components' sum; "" when it is not

    @property
    def i_count(self) -> int:
        return self.pronouns.i_count

    @property
    def we_count(self) -> int:
        return self.pronouns.we_count

    @property
    def voice(self) -> str:
        """The verdict on "I" against "we": "first-person", "mixed", "team" or "none"."""
        return self.pronouns.verdict
