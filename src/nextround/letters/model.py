"""What a thank-you draft is made from and what comes out: the interviewer, what the candidate
noted about them after the round (the debrief), the candidate with their strengths, and either a
``Draft`` or a ``MissingDebrief`` saying what to write down first. Plain msgspec Structs."""

from __future__ import annotations

from typing import Literal

import msgspec

Relation = Literal["hiring_manager", "managers_manager", "executive", "peer", "hr", "other"]
# What a person in each relation to the role most wants to hear about.
Angle = Literal["delivery", "collaboration", "outcomes", "process", "general"]

ANGLE_OF: dict[Relation, Angle] = {
    "hiring_manager": "delivery",
    "managers_manager": "outcomes",
    "executive": "outcomes",
    "peer": "collaboration",
    "hr": "process",
    "other": "general",
}


class Interviewer(msgspec.Struct, frozen=True):
    name: str
    title: str = ""
    relation: Relation = "other"
    email: str = ""
    greet_as: str = ""  # how the note addresses them; their name when blank


class Concern(msgspec.Struct, frozen=True):
    """A doubt the interviewer raised, and the answer the candidate means to give."""

    raised: str
    answer: str = ""


class Debrief(msgspec.Struct, frozen=True):
    """The candidate's notes on one interviewer, written just after the round."""

    topics: tuple[str, ...] = ()
    cared_about: str = ""  # what mattered most to them
    specific: str = ""  # something particular they said or shared
    concerns: tuple[Concern, ...] = ()


class Strength(msgspec.Struct, frozen=True):
    """A strength or story of the candidate, in a sentence, and the angles it speaks to."""

    title: str
    summary: str
    angles: tuple[Angle, ...] = ()


class Candidate(msgspec.Struct, frozen=True):
    name: str
    role: str
    company: str
    strengths: tuple[Strength, ...] = ()


class Panelist(msgspec.Struct, frozen=True):
    """One interviewer of the round with the debrief on them, if the candidate wrote one."""

    interviewer: Interviewer
    debrief: Debrief | None = None


class Draft(msgspec.Struct, frozen=True):
    interviewer: Interviewer
    subject: str
    body: str
    words: int
    detail: str  # the debrief detail the note calls back to, as it appears in the body
    strength: str = ""  # the title of the strength it tells, if any
    concern: str = ""  # the concern it answers, if any


class MissingDebrief(msgspec.Struct, frozen=True):
    """No note for this interviewer until the debrief says something about them."""

    interviewer: Interviewer
    missing: tuple[str, ...]  # the debrief's fields to fill in, any one is enough
    message: str
