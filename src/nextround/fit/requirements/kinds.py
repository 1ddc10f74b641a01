"""A statement's kind: a responsibility, a must-have or a nice-to-have. The heading that
governs the statement names a kind ("Responsibilities", "Nice to have"); the statement's own cue
words ("preferred", "at least 3 years") override it or decide where no heading does."""

from __future__ import annotations

import re

from nextround.fit.requirements.tokens import starts_with_verb

RESPONSIBILITY = "responsibility"
MUST = "must-have"
NICE = "nice-to-have"
KINDS = (RESPONSIBILITY, MUST, NICE)

_HEADING_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        NICE,
        re.compile(
            r"nice[- ]to[- ]have|preferred|bonus|desirable|plus(es)?\b|advantageous|"
            r"good[- ]to[- ]have|would be (great|nice)|ideally|extra credit|not required"
        ),
    ),
    (
        RESPONSIBILITY,
        re.compile(
            r"responsibilit|what you.?ll do|what you will do|what you.?ll be doing|duties|"
            r"\bthe role\b|about the (role|job|position)|your role|role overview|day[- ]to[- ]day|"
            r"\btasks\b|accountabilit|in this role|the job\b|job description|your impact|"
            r"what you will be doing|the opportunity|position summary|key result"
        ),
    ),
    (
        MUST,
        re.compile(
            r"requirement|qualification|^required\b|required (skills|experience)|minimum|"
            r"what we ask|we.?re asking|must[- ]have|what you.?ll (bring|need)|what you bring|"
            r"what you need|looking for|who you are|essential|skills|experience|about you|"
            r"you have|you bring|you will (need|have)|criteria|person spec|competenc|"
            r"profile|the person|the candidate|you.?re|ideal candidate|knowledge"
        ),
    ),
)
_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|desirable|desired|ideally|bonus|nice[- ]to[- ]have|"
    r"advantageous|an advantage|beneficial|would be (?:great|nice|useful|helpful)|"
    r"not (?:essential|required|necessary)|helpful)\b|\bplus\W*$"
)
_MUST_CUE = re.compile(
    r"\b(?:must|essential|minimum|mandatory|necessary|need to have|at least \w+ years?|"
    r"\d+\+? years?|required(?<!as required)(?<!when required)(?<!where required)"
    r"(?<!if required))\b"
)

_YOU_WILL = re.compile(
    r"^(?:in this (?:role|position|job),? )?(you will|you'll|you’ll|you would|"
    r"the successful \w+ will)\b(?! (?:need|have|hold|bring|possess|be required))",
    re.I,
)
_YOU_HAVE = re.compile(r"^(you have|you've|you’ve|you are|you're|you’re|you bring)\b", re.I)


def heading_kind(heading: str) -> str | None:
    """The kind a heading gives the statements under it, if it names one."""
    low = heading.lower()
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(low):
            return kind
    return None


def kind_of(text: str, section: str | None) -> str:
    """The kind of a statement under a heading of the given kind (None: no telling heading)."""
    low = text.lower()
    if section == NICE or _NICE_CUE.search(low):
        return NICE
    verb_led = starts_with_verb(text) or bool(_YOU_WILL.match(text))
    if _MUST_CUE.search(low) and not (section == RESPONSIBILITY and verb_led):
        return MUST
    if section is not None:
        return section
    if verb_led and not _YOU_HAVE.match(text):
        return RESPONSIBILITY
    return MUST
