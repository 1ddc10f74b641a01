"""Figures in text: percentages, money, counts, times, ranks and multiples ("cut costs by 30%",
"$2.4M", "400 merchants", "in three weeks", "#1 in the region", "doubled"). Plain regular
expressions, so a story's result or a spoken answer is searched in well under a millisecond.

Years, dates, version numbers, ticket numbers and list numbering are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol

import msgspec

from nextround.text.words import STOPWORDS, normalise


class Quantity(msgspec.Struct, frozen=True):
    """A figure with its unit, as written, and where it is."""

    text: str
    start: int  # offsets into the text that was searched
    end: int
    kind: str  # "percent" | "money" | "count" | "time" | "rank" | "multiple"


_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM = (
    rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|"
    rf"half\s+a\s+dozen|a\s+dozen|a\s+hundred|a\s+thousand|dozen|hundred|{_SMALL})\b"
)
_RAW_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A digit run must be the whole number: not the head of "3.11.2", "24/7" or "2021-03-04".
_DIGITS = rf"{_RAW_DIGITS}(?!\d|[.,:/-]\d)"
_SCALE = r"(?:[kmb]|bn|mn)(?!\w)|\s+(?:hundred|thousand|million|billion|trillion)\b"
_NUM = rf"(?:{_DIGITS}(?:{_SCALE})?|{_WORDNUM}(?:\s+(?:hundred|thousand|million|billion)\b)?)"
_START = r"(?<![\w.,:/#$€£¥-])"  # not glued to a word, code, date or currency sign
_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_UNIT = (
    r"(?:milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|(?:business\s+|working\s+)?"
    r"days?|weeks?|months?|quarters?|years?|yrs?|sprints?)"
)
_PERIOD = r"(?:day|week|month|quarter|year|sprint|release)"
_MODIFIERS = (
    r"(?:new|more|fewer|additional|extra|other|major|key|large|big|small|senior|junior|active|"
    r"paying|repeat|enterprise|critical|open|full-time|part-time|direct|remote|separate|"
    r"different|returning|daily|weekly|monthly|legacy|overdue|qualified|international|local|"
    r"regional|national|global|external|internal|existing|former|unhappy|happy)"
)

# Cheap checks before each pattern is searched: most sentences hold no figure of most kinds,
# and searching a pattern along a sentence costs far more than these checks. A pattern with
# ``None`` starts with a number: it is tried only where one starts (``_NUMBER_START``). Any
# other is searched only when its text, lowered, holds one of the words or signs every match
# of it holds, or a match of the pattern given for them (checked on ASCII text only, where
# lowering is the same as ignoring case).
# An ordinal as ``_ORD`` has it, in lowered text.
_ORDINALS = re.compile(
    r"\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
)
_Cues = tuple[str, ...] | re.Pattern[str] | None
_PATTERNS: tuple[tuple[str, re.Pattern[str], _Cues], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE), cues)
    for kind, pattern, cues in (
        (
            "percent",
            rf"{_START}(?:{_RAW_DIGITS}\s?(?:-|–|to)\s?)?{_NUM}\s?"
            r"(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)",
            None,
        ),
        (
            "money",
            rf"(?<!\w)(?:us\$|[$€£¥₹]|(?:usd|eur|gbp)\s?)\s?{_NUM}",
            ("$", "€", "£", "¥", "₹", "usd", "eur", "gbp"),
        ),
        ("money", rf"{_START}{_NUM}\s?(?:dollars?|euros?|pounds?|usd|eur|gbp|bucks)\b", None),
        (
            "time",
            rf"{_START}{_NUM}\s?-?\s?{_UNIT}\b(?:\s+(?:a|per|each|every)\s+{_PERIOD}\b|"
            r"\s+(?:early|earlier|ahead\s+of\s+schedule|ahead|sooner|faster|quicker)\b)?",
            None,
        ),
        ("rank", rf"(?<!\w)top\s+(?:{_DIGITS}|{_WORDNUM})(?:\s?%|\s+percent\b)?", ("top",)),
        ("rank", r"(?<![\w#&])#\s?\d+(?![\d.,]\d|\w)", ("#",)),
        ("rank", r"(?<!\w)(?:no\.\s?\d{1,2}\b|number\s+(?:one|1)\b)", ("no.", "number")),
        (
            "rank",
            rf"(?<!\w){_ORD}\s+(?:place|position|spot|rank)\b",
            ("place", "position", "spot", "rank"),
        ),
        (
            "rank",
            rf"(?<!\w)(?:ranked|placed|finished|came)\s+(?:#\s?\d+|{_ORD}|top\s+{_NUM})\b",
            ("ranked", "placed", "finished", "came"),
        ),
        ("rank", rf"(?<!\w){_ORD}\s+(?:out\s+of|of)\s+{_NUM}\s+[a-z]+", _ORDINALS),
        (
            "rank",
            rf"(?<!\w){_ORD}\s+(?:in|among|across)\s+(?:the\s+|our\s+|my\s+|its\s+|their\s+)?"
            r"(?!all\b|the\b)[a-z]+",
            _ORDINALS,
        ),
        (
            "multiple",
            r"(?<!\w)(?:doubl|tripl|trebl|quadrupl|halv)(?:ed|ing)\b(?!\s+down)",
            ("doubl", "tripl", "trebl", "quadrupl", "halv"),
        ),
        (
            "multiple",
            r"(?<!\w)by\s+(?:(?:about|around|roughly|nearly|almost|over|just\s+over|more\s+than)\s+)?"
            r"(?:a\s+|one\s+|two\s+|three\s+)?(?:half|thirds?|quarters?|fifths?|tenths?)\b"
            # not a clock time: "by a quarter past five", "by half past six", "a quarter to ten"
            rf"(?!\s+(?:past\s+\w|to\s+(?:\d+|{_SMALL}|noon|midnight)\b))",
            ("half", "third", "quarter", "fifth", "tenth"),
        ),
        (
            "multiple",
            r"(?<!\w)(?:cut|reduced|slashed|brought\s+down)\s+(?:\w+\s+){0,2}in\s+half\b",
            ("half",),
        ),
        ("multiple", rf"{_START}{_DIGITS}\s?[x×](?!\w)", None),
        (
            "multiple",
            rf"{_START}{_NUM}\s+times\s+(?:faster|quicker|more|higher|larger|bigger|greater|"
            r"fewer|less|lower|smaller|cheaper)\b",
            None,
        ),
        ("multiple", r"(?<!\w)twice\s+(?:as|the)\s+[a-z]+", ("twice",)),
        ("multiple", rf"(?<!\w)(?:\d+|{_SMALL}|{_TENS})-?fold\b", ("fold",)),
        (
            "count",
            rf"{_START}(?P<num>{_NUM})\s+(?:{_MODIFIERS}\s+)?(?P<noun>[a-z][a-z'’-]*)",
            None,
        ),
        # A rate with nothing named after it: "falls dropped from four a week to none".
        (
            "count",
            rf"{_START}(?P<num>{_NUM})\s+(?:a|an|per|each|every)\s+(?:{_PERIOD}|shift|night|hour)\b",
            None,
        ),
        (
            "count",
            rf"(?<!\w)(?:hundreds|thousands|millions|dozens)\s+of\s+(?:{_MODIFIERS}\s+)?"
            r"(?P<noun>[a-z][a-z'’-]*)",
            ("hundreds", "thousands", "millions", "dozens"),
        ),
    )
)
# Where a pattern that starts with a number can match: where a digit or the first word of a
# number word stands, not glued to what comes before. Each find is one word or one digit,
# and no figure starts inside a word, so searching on after it passes over none.
_NUMBER_START = re.compile(
    rf"(?=[\dtfsenhado]){_START}"  # the look-ahead passes over other letters quickly
    rf"(?:\d|a(?=\s+(?:dozen|hundred|thousand))|half|dozen|hundred|{_TENS}|{_SMALL})",
    re.IGNORECASE,
)


def _for_lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without IGNORECASE, for lowered ASCII text: there it finds what the pattern
    finds ignoring case, and the regex engine compares characters faster. Every letter the
    pattern names must be in lower case for that."""
    letters = re.sub(r"\\[A-Za-z]|\(\?P<", "", pattern.pattern)
    if any(c.isupper() for c in letters):
        raise ValueError(f"a pattern searched in lowered text names a capital: {pattern.pattern}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_LOWERED = tuple(_for_lowered(pattern) for _, pattern, _ in _PATTERNS)
_LOWER_NUMBER_START = _for_lowered(_NUMBER_START)

# When two finds start at the same place and are as long, the more specific kind wins.
_PRIORITY = {"money": 0, "percent": 1, "multiple": 2, "rank": 3, "time": 4, "count": 5}

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday"
)
# Words that follow a number without being what was counted ("in 2019 we", "3 March").
_NOT_NOUNS = STOPWORDS | frozenset(
    f"""{_MONTHS} am pm and or nor but yet so of to in on at by for from with into onto over
    under than then as per via vs versus times x percent cent more less fewer out off up down
    within without across around during since until through between among against inside
    st nd rd th oclock point points years year months month weeks week days day hours hour
    minutes minute seconds second quarters quarter sprints sprint""".split()
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_BEFORE = re.compile(rf"\b(?:{'|'.join(_MONTHS.split())})\.?\s*$", re.IGNORECASE)
_LEADING_INT = re.compile(r"\d+")
_VERSION_BEFORE = re.compile(
    r"\b(?:v|version|release|python|java|node|php|ruby|rust|kotlin|swift|scala|ios|android|"
    r"windows|macos|ubuntu|debian|django|rails|react|angular|vue|postgres(?:ql)?|mysql|excel|"
    r"spark|kubernetes|terraform|html)\s*$",
    re.IGNORECASE,
)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:ticket|issue|bug|pr|pull\s+request|item|case|order|invoice|room|step|build|page|"
    r"line|story|epic|incident|change|request)\s*$",
    re.IGNORECASE,
)
_ONE = re.compile(r"one\b", re.IGNORECASE)
_ONE_TIME_BEFORE = re.compile(
    r"\b(?:in|within|under|than|by|only|just|saved|saving|cut|shaved)\s+$", re.IGNORECASE
)
_ONE_TIME_AFTER = re.compile(r"\b(?:a|per|each|every|early|earlier|ahead|sooner|faster)\b")


def find_quantities(text: str) -> list[Quantity]:
    """Figures with units in `text`, in order, none overlapping; offsets index into `text`.

    Years, dates, version numbers, ticket numbers and list numbering are not figures."""
    found = [q for q in _candidates(text) if _is_figure(text, q)]
    found.sort(key=lambda q: (q.start, q.start - q.end, _PRIORITY[q.kind]))
    kept: list[Quantity] = []
    for q in found:
        if not kept or q.start >= kept[-1].end:
            kept.append(q)
    return kept


def _candidates(text: str) -> Iterator[Quantity]:
    """Every pattern's finds. ASCII text is searched lowered, with the patterns' case-sensitive
    twins (``_LOWERED``); a find's text is still quoted from ``text``."""
    low = text.lower() if text.isascii() else None
    searched = text if low is None else low
    number_start = _NUMBER_START if low is None else _LOWER_NUMBER_START
    starts = [m.start() for m in number_start.finditer(searched)]
    cued: dict[int, bool] = {}  # two patterns may share their cues
    for (kind, ignoring_case, cues), lowered in zip(_PATTERNS, _LOWERED, strict=True):
        pattern = ignoring_case if low is None else lowered
        if cues is None:
            found = _matches_at(pattern, searched, starts)
        elif low is None or _cued(low, cues, cued):
            found = pattern.finditer(searched)
        else:
            continue
        for m in found:
            if kind == "count" and not _counts_something(m):
                continue
            start, end = m.span()
            yield Quantity(text=text[start:end], start=start, end=end, kind=kind)


def _cued(low: str, cues: tuple[str, ...] | re.Pattern[str], known: dict[int, bool]) -> bool:
    """Whether the lowered text holds a cue; ``known`` remembers each set of cues' answer (by
    identity: hashing a compiled pattern hashes its whole program)."""
    if id(cues) not in known:
        known[id(cues)] = _holds_cue(low, cues)
    return known[id(cues)]


def _holds_cue(low: str, cues: tuple[str, ...] | re.Pattern[str]) -> bool:
    if isinstance(cues, re.Pattern):
        return cues.search(low) is not None
    return any(map(low.__contains__, cues))


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds when the pattern can only match at ``starts``."""
    after = 0
    for start in starts:
        if start >= after:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                after = m.end()


def _counts_something(m: re.Match[str]) -> bool:
    """A count needs a real noun after it, and "one thing" or "in 2019 revenue" is not one; a
    rate ("four a week") names its period instead."""
    noun = m.groupdict().get("noun")
    if noun is not None and normalise(noun) in _NOT_NOUNS:
        return False
    num = m.groupdict().get("num")
    if num is None:
        return True
    return not (_YEAR.fullmatch(num) or _ONE.fullmatch(num) or _is_bare_decimal(num))


def _is_bare_decimal(num: str) -> bool:
    # "3.11 cut" is a version; nobody counts 2.5 engineers unless it is "2.5 million users".
    return "." in num and num[-1].isdigit()


def _is_figure(text: str, q: Quantity) -> bool:
    before = text[max(0, q.start - 24) : q.start]
    if q.kind in ("count", "time") and _is_day_of_month(q.text) and _DATE_BEFORE.search(before):
        return False  # "March 3 ..." is a date
    if q.text[:1].isdigit() and _VERSION_BEFORE.search(before):
        return False  # "Python 3 ..." is a version
    if q.kind == "rank" and q.text.startswith("#") and _REFERENCE_BEFORE.search(before):
        return False  # "ticket #42" is an identifier
    if q.kind == "time" and _ONE.match(q.text):
        # "One day the server died" is a story beat; "in one week", "one day early" are figures.
        return bool(_ONE_TIME_BEFORE.search(before) or _ONE_TIME_AFTER.search(q.text))
    return True


def _is_day_of_month(figure: str) -> bool:
    m = _LEADING_INT.match(figure)
    return m is not None and 1 <= int(m.group()) <= 31


# Every figure find_quantities reports holds a digit or one of these words (number words,
# ordinals, "doubled", "twice", "half"...), so a piece of text without any cannot hold one.
_MAY_HOLD_FIGURE = re.compile(  # the look-ahead passes over other letters quickly
    r"(?=[\dotfsenhmbdq])(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|halv|doubl|tripl|"
    r"trebl|quadrupl|twice|thirds?|quarter|first|second|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth))",
    re.IGNORECASE,
)


_LOWER_MAY_HOLD_FIGURE = _for_lowered(_MAY_HOLD_FIGURE)


def _may_hold_figure(text: str) -> bool:
    """Whether the text holds a digit or a number word (ASCII text searched lowered)."""
    if text.isascii():
        return _LOWER_MAY_HOLD_FIGURE.search(text.lower()) is not None
    return _MAY_HOLD_FIGURE.search(text) is not None


class Piece(Protocol):
    """A stretch of a longer text, such as a sentence: its words and where it starts."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...


def quantities_in(pieces: Iterable[Piece]) -> list[Quantity]:
    """find_quantities over each piece that may hold a figure, with offsets into the longer
    text. Skipping the others first keeps the search cheap: it is the costliest step of
    analysing an answer."""
    result: list[Quantity] = []
    for piece in pieces:
        if not _may_hold_figure(piece.text):
            continue
        for q in find_quantities(piece.text):
            start, end = q.start + piece.start, q.end + piece.start
            result.append(Quantity(text=q.text, start=start, end=end, kind=q.kind))
    return result
