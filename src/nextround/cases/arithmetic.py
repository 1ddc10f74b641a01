"""Calculations stated in an answer, recomputed. "2,000 x 30% = 600", "600 times 12 is 7,200",
"30% of 2,000 is 600", "7,200 divided by 12 comes to about 600": each is found, its operands
and stated result read (commas, currency signs, %, k, m, bn, thousand, million, billion), the
sum worked out again (times and divisions before pluses and minuses) and compared with what
was stated, within ``thresholds.ARITHMETIC_TOLERANCE``. Numbers written as words ("three
hundred") are not read: a sum said that way is left unchecked."""

from __future__ import annotations

import math
import re

import msgspec

from nextround.cases import thresholds as t

# A stated sum has a few steps; a bounded chain keeps the search linear in the answer's length
# (an unbounded one took minutes on "1 x 1 x 1 x …" without an equals sign).
MAX_OPERATORS = 8
_NUMBER = (
    r"[$£€]?\d(?:[\d,]*\d)?(?:\.\d+)?"
    r"(?:\s?(?:%|percent\b|k\b|m\b|bn\b|thousand\b|million\b|billion\b))?"
)
_OPERATOR = (
    r"(?:×|\*|÷|/|\+|−|-|x(?=[\s\d$£€])|times\b|multiplied\s+by\b|divided\s+by\b"
    r"|plus\b|minus\b)"
)
_OP = rf"\s*{_OPERATOR}\s*"
_CARRIED = re.compile(rf"(?P<op>{_OPERATOR})\s*$", re.IGNORECASE)
_EQUALS = (
    r"\s*(?:=|≈|is|are|gives(?:\s+us)?|makes|equals|comes\s+to|works\s+out\s+(?:at|to))"
    r"\s*(?:about\s+|roughly\s+|around\s+|approximately\s+|approx\.?\s*|~\s*)?"
)
CHAIN = re.compile(
    rf"(?<![\w.,])(?P<sum>{_NUMBER}(?:{_OP}{_NUMBER}){{1,{MAX_OPERATORS}}})"
    rf"{_EQUALS}(?P<result>{_NUMBER})",
    re.IGNORECASE,
)
SHARE_OF = re.compile(
    rf"(?<![\w.,])(?P<share>{_NUMBER})\s+of\s+(?P<whole>{_NUMBER}|them|those|these|that|it)\b"
    rf"{_EQUALS}(?P<result>{_NUMBER})",
    re.IGNORECASE,
)
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<op>{_OPERATOR})", re.IGNORECASE)
# How far (characters) a sum may start after the result it goes on from.
_CARRY_GAP = 40
_SCALE = {
    "%": 0.01,
    "percent": 0.01,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}


class Calculation(msgspec.Struct, frozen=True):
    """One stated sum: its text and place in the answer, the stated and the true result."""

    text: str
    start: int
    end: int
    stated: float
    computed: float
    right: bool


def number_value(text: str) -> float:
    """'2,000' -> 2000, '30%' -> 0.3, '$1.5m' -> 1500000."""
    match = re.fullmatch(
        r"[$£€]?(?P<digits>[\d,.]+)\s?(?P<scale>%|percent|k|m|bn|thousand|million|billion)?",
        text.strip(),
        re.IGNORECASE,
    )
    if not match:
        raise ValueError(f"not a number: {text!r}")
    value = float(match["digits"].replace(",", ""))
    scale = (match["scale"] or "").lower()
    return value * _SCALE.get(scale, 1.0)


def _operator(text: str) -> str:
    word = " ".join(text.lower().split()).replace("−", "-")
    if word in {"x", "×", "*", "times", "multiplied by"}:
        return "*"
    if word in {"/", "÷", "divided by"}:
        return "/"
    if word in {"+", "plus"}:
        return "+"
    return "-"


def evaluate(numbers: list[float], operators: list[str]) -> float:
    """Times and divisions first, then pluses and minuses, left to right."""
    terms = [numbers[0]]
    signs: list[str] = []
    for op, number in zip(operators, numbers[1:], strict=True):
        if op == "*":
            terms[-1] *= number
        elif op == "/":
            terms[-1] = terms[-1] / number if number else float("nan")
        else:
            terms.append(number)
            signs.append(op)
    total = terms[0]
    for sign, term in zip(signs, terms[1:], strict=True):
        total = total + term if sign == "+" else total - term
    return total


def is_close(stated: float, computed: float) -> bool:
    difference = abs(stated - computed)
    return difference <= t.ARITHMETIC_ABSOLUTE or difference <= t.ARITHMETIC_TOLERANCE * abs(
        computed
    )


def _parse_chain(text: str) -> tuple[list[float], list[str]]:
    numbers: list[float] = []
    operators: list[str] = []
    for token in _TOKEN.finditer(text):
        if token["number"] and len(numbers) == len(operators):
            numbers.append(number_value(token["number"]))
        elif token["op"] and len(numbers) == len(operators) + 1:
            operators.append(_operator(token["op"]))
    return numbers, operators


def calculations(text: str) -> list[Calculation]:
    """Every stated calculation in the text, in order, each recomputed."""
    found: list[Calculation] = []
    taken: list[range] = []
    for match in CHAIN.finditer(text):
        numbers, operators = _parse_chain(match["sum"])
        if len(numbers) != len(operators) + 1 or not operators:
            continue
        start = match.start()
        carried = _carried_from(text, found[-1] if found else None, start)
        if carried is not None:  # "…is 217,391 households, x 1/3 = 72,000"
            numbers, operators = [found[-1].stated, *numbers], [carried[0], *operators]
            start = carried[1]
        found.extend(_checkable(_calculation(match, evaluate(numbers, operators), start, text)))
        taken.append(range(match.start(), match.end()))
    for match in SHARE_OF.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        whole = _whole(match["whole"], [calc for calc in found if calc.end <= match.start()])
        if whole is None:
            continue
        computed = number_value(match["share"]) * whole
        found.extend(_checkable(_calculation(match, computed, match.start(), text)))
    return sorted(found, key=lambda calc: calc.start)


def _whole(text: str, before: list[Calculation]) -> float | None:
    """The number a share is taken of: a figure, or "them"/"that" for the last result."""
    if text[0].isdigit() or text[0] in "$£€":
        return number_value(text)
    return max(before, key=lambda calc: calc.end).stated if before else None


def _carried_from(text: str, previous: Calculation | None, start: int) -> tuple[str, int] | None:
    """The operator and its place when a sum goes on from the previous result: only a few
    words without figures between that result and an operator just before ``start``."""
    if previous is None or start - previous.end > _CARRY_GAP:
        return None
    between = text[previous.end : start]
    found = _CARRIED.search(between)
    if found is None or any(ch.isdigit() for ch in between):
        return None
    return _operator(found["op"]), previous.end + found.start()


def _calculation(match: re.Match[str], computed: float, start: int, text: str) -> Calculation:
    stated = number_value(match["result"])
    return Calculation(
        text=text[start : match.end()],
        start=start,
        end=match.end(),
        stated=stated,
        computed=computed,
        right=is_close(stated, computed),
    )


def _checkable(calc: Calculation) -> list[Calculation]:
    """The calculation, unless a figure is too large to hold or a division by zero leaves no
    result: such a sum is left unchecked."""
    return [calc] if math.isfinite(calc.stated) and math.isfinite(calc.computed) else []


def figure(value: float) -> str:
    """A computed result written for the feedback: '7,200', '0.3', '1,234.57'."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
