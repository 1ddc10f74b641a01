"""A statement's kind: a responsibility, a must-have or a nice-to-have. The heading that
governs the statement decides first ("Required", "Responsibilities", "Nice to have"); the
statement's own cue words ("at least 3 years", "you will") decide where no heading tells, and an
explicit "preferred" or "a plus" makes any line nice-to-have."""

from __future__ import annotations

import re

from nextround.fit.requirements.tokens import starts_with_verb

RESPONSIBILITY = "responsibility"
MUST = "must-have"
NICE = "nice-to-have"
KINDS = (RESPONSIBILITY, MUST, NICE)
# The section of a heading that introduces the role ("About the role", "Job description"): its
# lines are mostly duties, but the cue words of a line decide.
ROLE = "role"

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
            r"day[- ]to[- ]day|\btasks\b|accountabilit|what you will be doing|key result|"
            r"your impact|what the job is|the work\b|you.?ll be$|"
            r"(?:in this (?:job|role|position),? )?you will$"
        ),
    ),
    (
        ROLE,
        re.compile(
            r"\bthe role\b|about the (role|job|position)|your role|role overview|in this role|"
            r"the job\b|job description|the opportunity|position summary|overview|summary"
        ),
    ),
    (
        MUST,
        re.compile(
            r"requirement|qualification|^required\b|required (skills|experience)|minimum|"
            r"what we ask|we.?re asking|must[- ]have|you should have|you must have|you.?ll need|"
            r"what you.?ll (bring|need)|what you bring|"
            r"what you need|looking for|who you are|essential|skills|experience|about you|"
            r"you have|you bring|you will (need|have)|criteria|person spec|competenc|"
            r"profile|the person|the candidate|you.?re|ideal candidate|knowledge"
        ),
    ),
)
_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|desirable|desired|ideally|bonus|nice[- ]to[- ]have|"
    r"advantageous|an advantage|beneficial|would be (?:great|nice|useful|helpful)|"
    r"not (?:essential|required|necessary|needed)|helpful)\b|\bplus\W*$"
)
# Under a heading, only an explicit word makes a line nice-to-have: "ideally in retail" in a
# must-have line qualifies part of it.
_STRONG_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|desirable|bonus|nice[- ]to[- ]have|advantageous|"
    r"an advantage|would be (?:great|nice|useful|helpful)|"
    r"not (?:essential|required|necessary|needed))\b|\bplus\W*$|^ideally\b"
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


def marks_nice(text: str) -> bool:
    """Whether the line says outright that it is not required ("preferred", "a plus")."""
    return bool(_STRONG_NICE_CUE.search(text.lower()))


def heading_kind(heading: str) -> str | None:
    """The kind a heading gives the statements under it, if it names one."""
    low = heading.lower()
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(low):
            return kind
    return None


def kind_of(text: str, section: str | None) -> str:
    """The kind of a statement under a heading of the given kind (None: no telling heading).
    A heading of requirements, nice-to-haves or responsibilities decides; only an explicit
    "preferred" or "a plus" makes a line under it nice-to-have. Under a heading that only
    introduces the role, or under none, the line's cue words decide."""
    low = text.lower()
    if section == NICE:
        return NICE
    if section in (MUST, RESPONSIBILITY):
        return NICE if _STRONG_NICE_CUE.search(low) else section
    if _NICE_CUE.search(low):
        return NICE
    verb_led = starts_with_verb(text) or bool(_YOU_WILL.match(text))
    if _MUST_CUE.search(low) and not (section == ROLE and verb_led):
        return MUST
    if section == ROLE:
        return RESPONSIBILITY
    if verb_led and not _YOU_HAVE.match(text):
        return RESPONSIBILITY
    return MUST
