"""Analysis of one STAR story: are the four parts there and long enough to do their jobs, is the
result backed by numbers, does the action say "I", how long it takes to tell, and what to fix
first. Plain regular expressions, no models: it runs on every save and live as the candidate
types, so it must stay well under 5 ms per story.

Quantities: `StoryReport.quantities` are found in the result, with offsets into the result
text; `StoryReport.number_quantities` are found in the separate "numbers" field, with offsets
into that field. Either kind makes the story `quantified`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from nextround.playbook.text import STOPWORDS

WORDS_PER_MINUTE = 150  # a calm interview pace; faster sounds rehearsed
TARGET_SECONDS = (60, 150)  # under a minute sounds thin; over 2½ the listener drifts
PARTS = ("situation", "task", "action", "result")

PRESENT_WORDS = 3  # fewer is a placeholder ("TODO", "big win"), not a part
# Enough words for each part to carry its job:
SUBSTANTIAL_WORDS = {
    "situation": 15,  # two short sentences: where you were and what was at stake
    "task": 8,  # one sentence naming what you were responsible for
    "action": 30,  # about three concrete steps of ten words each
    "result": 12,  # the outcome plus what it meant, beyond a bare figure
}
SITUATION_MAX_WORDS = 60  # ~25 s of setup; past that the listener waits for the point
FIRST_PERSON_RATIO = 2  # "I" at least twice as often as "we" reads as your own work
MAX_SUGGESTIONS = 5  # more than five fixes at once is a rewrite, not advice

# Score out of 100. A part earns its full weight when substantial and half when merely present;
# voice (only when there is an action) earns full for first-person, half for mixed or neutral
# (no I/we at all), none for team; length earns full inside TARGET_SECONDS; balance (only
# when there is an action) earns full when the action is the longest part and outweighs
# situation and task together.
SCORE_WEIGHTS = {
    "situation": 10,
    "task": 10,
    "action": 20,
    "result": 15,
    "quantified": 20,
    "voice": 10,
    "length": 10,
    "balance": 5,
}
assert sum(SCORE_WEIGHTS.values()) == 100

_HINTS = {
    "situation": "say where you were and what was at stake.",
    "task": "say what you were responsible for.",
    "action": "walk through the steps you took yourself.",
    "result": "say what changed, with a number if you can.",
}


class PartCheck(msgspec.Struct, frozen=True):
    part: str
    words: int
    present: bool
    substantial: bool
    note: str  # "" when there is nothing to fix


class Quantity(msgspec.Struct, frozen=True):
    text: str
    start: int  # offsets into the text that was searched
    end: int
    kind: str  # "percent" | "money" | "count" | "time" | "rank" | "multiple"


class Voice(msgspec.Struct, frozen=True):
    i_count: int
    we_count: int
    verdict: str  # "first-person" | "mixed" | "team" | "none"


class StoryReport(msgspec.Struct, frozen=True):
    parts: tuple[PartCheck, ...]
    quantified: bool
    quantities: tuple[Quantity, ...]  # in the result; offsets into the result text
    number_quantities: tuple[Quantity, ...]  # in the numbers field; offsets into that field
    voice: Voice  # counted in the action part
    words: int
    seconds: int
    length_warning: str  # "" when inside TARGET_SECONDS
    suggestions: tuple[str, ...]
    score: int


# --- Quantities -----------------------------------------------------------------------------

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

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "percent",
            rf"{_START}(?:{_RAW_DIGITS}\s?(?:-|–|to)\s?)?{_NUM}\s?"
            r"(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)",
        ),
        ("money", rf"(?<!\w)(?:us\$|[$€£¥₹]|(?:usd|eur|gbp)\s?)\s?{_NUM}"),
        ("money", rf"{_START}{_NUM}\s?(?:dollars?|euros?|pounds?|usd|eur|gbp|bucks)\b"),
        (
            "time",
            rf"{_START}{_NUM}\s?-?\s?{_UNIT}\b(?:\s+(?:a|per|each|every)\s+{_PERIOD}\b|"
            r"\s+(?:early|earlier|ahead\s+of\s+schedule|ahead|sooner|faster|quicker)\b)?",
        ),
        ("rank", rf"(?<!\w)top\s+(?:{_DIGITS}|{_WORDNUM})(?:\s?%|\s+percent\b)?"),
        ("rank", r"(?<![\w#&])#\s?\d+(?![\d.,]\d|\w)"),
        ("rank", r"(?<!\w)(?:no\.\s?\d{1,2}\b|number\s+(?:one|1)\b)"),
        ("rank", rf"(?<!\w){_ORD}\s+(?:place|position|spot|rank)\b"),
        ("rank", rf"(?<!\w)(?:ranked|placed|finished|came)\s+(?:#\s?\d+|{_ORD}|top\s+{_NUM})\b"),
        ("rank", rf"(?<!\w){_ORD}\s+(?:out\s+of|of)\s+{_NUM}\s+[a-z]+"),
        (
            "rank",
            rf"(?<!\w){_ORD}\s+(?:in|among|across)\s+(?:the\s+|our\s+|my\s+|its\s+|their\s+)?"
            r"(?!all\b|the\b)[a-z]+",
        ),
        ("multiple", r"(?<!\w)(?:doubl|tripl|trebl|quadrupl|halv)(?:ed|ing)\b(?!\s+down)"),
        ("multiple", r"(?<!\w)by\s+(?:a\s+|one\s+|two\s+)?(?:half|thirds?)\b"),
        ("multiple", r"(?<!\w)(?:cut|reduced|slashed|brought\s+down)\s+(?:\w+\s+){0,2}in\s+half\b"),
        ("multiple", rf"{_START}{_DIGITS}\s?[x×](?!\w)"),
        (
            "multiple",
            rf"{_START}{_NUM}\s+times\s+(?:faster|quicker|more|higher|larger|bigger|greater|"
            r"fewer|less|lower|smaller|cheaper)\b",
        ),
        ("multiple", r"(?<!\w)twice\s+(?:as|the)\s+[a-z]+"),
        ("multiple", rf"(?<!\w)(?:\d+|{_SMALL}|{_TENS})-?fold\b"),
        ("count", rf"{_START}(?P<num>{_NUM})\s+(?:{_MODIFIERS}\s+)?(?P<noun>[a-z][a-z'’-]*)"),
        (
            "count",
            rf"(?<!\w)(?:hundreds|thousands|millions|dozens)\s+of\s+(?:{_MODIFIERS}\s+)?"
            r"(?P<noun>[a-z][a-z'’-]*)",
        ),
    )
)

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
    st nd rd th o'clock point points years year months month weeks week days day hours hour
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
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "count" and not _counts_something(m):
                continue
            yield Quantity(text=m.group(), start=m.start(), end=m.end(), kind=kind)


def _counts_something(m: re.Match[str]) -> bool:
    """A count needs a real noun after it, and "one thing" or "in 2019 revenue" is not one."""
    noun = m.group("noun").lower()
    if noun in _NOT_NOUNS:
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


# --- Voice ----------------------------------------------------------------------------------

_I = re.compile(r"(?<![\w(])(?:i(?!\.e\.)|me|my|mine|myself)(?![\w)])", re.IGNORECASE)
_WE = re.compile(r"(?<!\w)(?:we|us|our|ours|ourselves)(?!\w)", re.IGNORECASE)


def voice_of(text: str) -> Voice:
    """Who did it: counts of I/me/my/mine/myself against we/us/our/ours/ourselves."""
    i_count = len(_I.findall(text))
    we_count = sum(1 for w in _WE.findall(text) if w != "US")  # "the US" is a country
    if i_count == 0 and we_count == 0:
        verdict = "none"
    elif we_count >= i_count:
        verdict = "team"
    elif i_count >= FIRST_PERSON_RATIO * we_count:
        verdict = "first-person"
    else:
        verdict = "mixed"
    return Voice(i_count=i_count, we_count=we_count, verdict=verdict)


# --- The story ------------------------------------------------------------------------------

_ALNUM = re.compile(r"[^\W_]")


def word_count(text: str) -> int:
    """Spoken words: whitespace-separated tokens with a letter or digit ("$2.4M" is one)."""
    return sum(1 for token in text.split() if _ALNUM.search(token))


def speaking_seconds(words: int) -> int:
    return round(words * 60 / WORDS_PER_MINUTE)


def analyze_story(
    *,
    title: str = "",  # accepted so callers can pass a whole story; a label is not analysed
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    numbers: str = "",
) -> StoryReport:
    texts = {"situation": situation, "task": task, "action": action, "result": result}
    counts = {part: word_count(texts[part]) for part in PARTS}
    parts = tuple(_check_part(part, counts) for part in PARTS)
    quantities = tuple(find_quantities(result))
    number_quantities = tuple(find_quantities(numbers))
    voice = voice_of(action)
    words = sum(counts.values())
    seconds = speaking_seconds(words)
    checks = {p.part: p for p in parts}
    quantified = bool(quantities or number_quantities)
    return StoryReport(
        parts=parts,
        quantified=quantified,
        quantities=quantities,
        number_quantities=number_quantities,
        voice=voice,
        words=words,
        seconds=seconds,
        length_warning=_length_warning(seconds),
        suggestions=_suggestions(checks, counts, quantities, number_quantities, voice),
        score=_score(checks, counts, quantified=quantified, voice=voice, seconds=seconds),
    )


def _check_part(part: str, counts: dict[str, int]) -> PartCheck:
    words = counts[part]
    present = words >= PRESENT_WORDS
    substantial = words >= SUBSTANTIAL_WORDS[part]
    return PartCheck(
        part=part,
        words=words,
        present=present,
        substantial=substantial,
        note=_part_note(part, counts, substantial=substantial),
    )


def _part_note(part: str, counts: dict[str, int], *, substantial: bool) -> str:
    words = counts[part]
    if words == 0:
        return f"Missing — {_HINTS[part]}"
    if not substantial:
        return f"Only {_words(words)} — {_HINTS[part]}"
    if part == "situation" and words > SITUATION_MAX_WORDS:
        return f"{_words(words)} of setup — keep the two or three facts the listener needs."
    if part == "action":
        longer = [p for p in PARTS if p != "action" and counts[p] > words]
        if longer:
            return f"Shorter than the {longer[0]} — make this the longest part."
    return ""


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def _length_warning(seconds: int) -> str:
    low, high = TARGET_SECONDS
    if seconds < low:
        return (
            f"About {seconds} seconds — too thin to be convincing; aim for {low}–{high} by "
            "adding the steps you took and what changed."
        )
    if seconds > high:
        return (
            f"About {seconds} seconds — trim to under {high}: cut background first; "
            "interviewers ask for detail when they want it."
        )
    return ""


def _suggestions(
    checks: dict[str, PartCheck],
    counts: dict[str, int],
    quantities: tuple[Quantity, ...],
    number_quantities: tuple[Quantity, ...],
    voice: Voice,
) -> tuple[str, ...]:
    """Fixes in order of how much each would change the interviewer's impression."""
    action, result = checks["action"], checks["result"]
    background = counts["situation"] + counts["task"]
    found: list[str] = []
    if not action.present:
        found.append("Add the action: the steps you took yourself, one by one, and why.")
    if not result.present:
        found.append("Add the result: what changed because of what you did, with a number.")
    elif not quantities and number_quantities:
        found.append(
            f"Say a figure in the result — your numbers field has “{number_quantities[0].text}”"
            " but the result never mentions it."
        )
    elif not quantities:
        found.append(
            "Put a number on the result: time or money saved, people or customers affected, "
            "or a before-and-after figure."
        )
    if action.present and voice.verdict == "team":
        found.append(
            f"The action says “we” {_times(voice.we_count)} and “I” {_times(voice.i_count)} — "
            "say what you did yourself: “I wrote…”, “I decided…”."
        )
    if action.present and not action.substantial:
        found.append(
            f"The action is only {_words(action.words)} — walk through two or three steps you "
            "took and why you chose them."
        )
    if action.present and background > action.words:
        found.append(
            f"Situation and task take {background} words against {action.words} for the action"
            " — cut the background to a sentence or two and spend the time on what you did."
        )
    elif counts["situation"] > SITUATION_MAX_WORDS:
        found.append(
            f"The situation runs to {counts['situation']} words — keep the two or three facts "
            "the listener needs to follow the rest."
        )
    if not checks["task"].present:
        found.append("Add the task: one sentence on what you were responsible for.")
    if not checks["situation"].present:
        found.append("Add the situation: a sentence on where you were and what was at stake.")
    if action.present and voice.verdict == "mixed":
        found.append(
            f"You switch between “I” ({voice.i_count}) and “we” ({voice.we_count}) — make clear"
            " which steps were yours."
        )
    if result.present and not result.substantial:
        found.append(
            f"The result is only {_words(result.words)} — add what it meant for the team, the "
            "customer or the business."
        )
    return tuple(found[:MAX_SUGGESTIONS])


def _times(n: int) -> str:
    return "1 time" if n == 1 else f"{n} times"


def _score(
    checks: dict[str, PartCheck],
    counts: dict[str, int],
    *,
    quantified: bool,
    voice: Voice,
    seconds: int,
) -> int:
    """The sum of SCORE_WEIGHTS components earned; see SCORE_WEIGHTS for the rules."""
    score = 0
    for part in PARTS:
        check = checks[part]
        if check.substantial:
            score += SCORE_WEIGHTS[part]
        elif check.present:
            score += SCORE_WEIGHTS[part] // 2
    if quantified:
        score += SCORE_WEIGHTS["quantified"]
    if checks["action"].present:
        score += _voice_points(voice)
        if _action_leads(counts):
            score += SCORE_WEIGHTS["balance"]
    if TARGET_SECONDS[0] <= seconds <= TARGET_SECONDS[1]:
        score += SCORE_WEIGHTS["length"]
    return score


def _voice_points(voice: Voice) -> int:
    weight = SCORE_WEIGHTS["voice"]
    return {"first-person": weight, "mixed": weight // 2, "none": weight // 2}.get(voice.verdict, 0)


def _action_leads(counts: dict[str, int]) -> bool:
    action = counts["action"]
    others = [counts[p] for p in PARTS if p != "action"]
    return action >= max(others) and action >= counts["situation"] + counts["task"]


def as_dict(report: StoryReport) -> dict[str, Any]:
    """The report as JSON-ready builtins (lists, not tuples), for the page's live check."""
    data: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(report))
    return data
