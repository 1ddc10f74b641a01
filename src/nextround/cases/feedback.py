"""Feedback on a case answer, measured on its text (and the scratch structure), explained the
way the practice feedback is: each check says what it looked for, what it found and what to do.

Checks, in the order a case runs:
- clarify: questions asked before diving in (before the structure is announced or the first sum
  is worked, or in the opening share of the answer when neither comes);
- assumptions: sentences that assume ("let's assume", "say", "I'll take") with a number in them;
- structure: branches announced ("three areas") or typed in the scratch area, two to five, and
  mutually distinct (low word overlap between branches);
- arithmetic: each stated calculation recomputed (``nextround.cases.arithmetic``);
- close: the close leads with the recommendation and names risks and next steps;
- timing: time per phase against its target (when the session recorded the phases).
A check's ``passed`` is None when it does not apply (no figures to check, no phases timed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import msgspec

from nextround.cases import thresholds as t
from nextround.cases.arithmetic import Calculation, calculations, figure
from nextround.cases.phases import PhaseTime
from nextround.cases.tree import Branch, Overlap, branches, overlaps
from nextround.errors import Invalid
from nextround.feedback.structure import Sentence, sentences
from nextround.text import word_count

_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
ANNOUNCED = re.compile(
    r"\b(?P<count>two|three|four|five|six|seven|[2-7])\s+(?:main\s+|key\s+|big\s+|broad\s+)?"
    r"(?:areas|parts|buckets|branches|factors|drivers|things|ways|levers|questions|pillars|"
    r"components|angles|steps|options|sides|categories|reasons|groups|segments|streams|"
    r"issues|hypotheses)\b",
    re.IGNORECASE,
)
ASSUMPTION = re.compile(
    r"\b(?:assum\w*|let'?s\s+say|let\s+us\s+say|say\s+(?:that\s+)?(?:about\s+)?\d|suppose|"
    r"i'?ll\s+take|i\s+will\s+take|i'?ll\s+use|estimate|roughly|approximately|ballpark|"
    r"guess(?:timate)?)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d|\b(?:half|a\s+third|a\s+quarter|one|two|three|four|five|ten|hundred)\b")
RECOMMEND = re.compile(
    r"\b(?:i\s+(?:would\s+)?recommend|i'?d\s+recommend|my\s+recommendation|recommend(?:ation)?|"
    r"(?:we|they|you|it|the\s+\w+)\s+should|i\s+(?:would|'d)\s+(?:advise|suggest|go\s+with)|"
    r"my\s+advice|the\s+answer\s+is|in\s+short|go\s+ahead|do\s+not\s+enter|don'?t\s+enter)\b",
    re.IGNORECASE,
)
RISK = re.compile(
    r"\b(?:risks?|risky|downsides?|could\s+(?:fail|backfire|go\s+wrong)|watch\s+out|concerns?|"
    r"danger|caveat|uncertain\w*|depends\s+on|if\s+.{0,40}\s+fails?)\b",
    re.IGNORECASE,
)
NEXT_STEPS = re.compile(
    r"\b(?:next\s+steps?|first\s+step|then\s+i\s+would|i\s+would\s+then|pilot|trial|test\s+it|"
    r"in\s+the\s+(?:next|first)\s+\w+|follow[-\s]up|to\s+confirm|validate|measure|"
    r"start\s+(?:with|by))\b",
    re.IGNORECASE,
)


class Check(msgspec.Struct, frozen=True):
    """One thing looked for: whether it passed (None: not applicable), what was found, why it
    matters and what to do; ``items`` quote what was found or missed."""

    key: str
    label: str
    passed: bool | None
    note: str
    items: list[str] = []


class CaseReport(msgspec.Struct, frozen=True):
    words: int
    checks: list[Check]
    questions: list[str]  # the clarifying questions asked before diving in
    assumptions: list[str]  # the sentences stating an assumption with a number
    announced_branches: int  # 0 when the answer announces no count
    branches: list[Branch]  # from the scratch structure
    overlaps: list[Overlap]
    calculations: list[Calculation]
    phases: list[PhaseTime]
    tips: list[str]

    @property
    def passed(self) -> int:
        return sum(1 for check in self.checks if check.passed)

    @property
    def measured(self) -> int:
        return sum(1 for check in self.checks if check.passed is not None)


def analyse_case(
    answer: str, *, structure: str = "", phases: Sequence[PhaseTime] = ()
) -> CaseReport:
    """The feedback on one case answer; ``structure`` is the scratch tree, ``phases`` the time
    per phase. Raises ``Invalid`` for an empty or too long answer."""
    if not answer.strip():
        raise Invalid("Type the answer first.", {"answer": ["Type the answer first."]})
    if len(answer) > t.MAX_CASE_CHARS:
        message = f"Keep the answer under {t.MAX_CASE_CHARS:,} characters."
        raise Invalid(message, {"answer": [message]})
    said = sentences(answer)
    sums = calculations(answer)
    announced = ANNOUNCED.search(answer)
    tree = branches(structure)
    pairs = overlaps(tree)
    dive = _dive_point(answer, announced, sums)
    questions = [s.text.strip() for s in said if s.text.rstrip().endswith("?") and s.start < dive]
    assumed = [s.text.strip() for s in said if ASSUMPTION.search(s.text)]
    with_numbers = [s for s in assumed if NUMBER.search(s)]
    count = _count(announced)
    checks = [
        _clarify_check(questions),
        _assumptions_check(with_numbers, [s for s in assumed if s not in with_numbers]),
        _structure_check(count, tree, pairs),
        _arithmetic_check(sums, has_figures=len(re.findall(r"\d+", answer)) >= 2),
        _close_check(_close(answer, said)),
        _timing_check(list(phases)),
    ]
    return CaseReport(
        words=word_count(answer),
        checks=checks,
        questions=questions,
        assumptions=with_numbers,
        announced_branches=count,
        branches=tree,
        overlaps=pairs,
        calculations=sums,
        phases=list(phases),
        tips=[_TIPS[check.key] for check in checks if check.passed is False][:4],
    )


def _count(announced: re.Match[str] | None) -> int:
    if announced is None:
        return 0
    word = announced["count"].lower()
    return _COUNT_WORDS.get(word) or int(word)


def _dive_point(answer: str, announced: re.Match[str] | None, sums: list[Calculation]) -> int:
    """Where the analysis starts: the structure announced or the first sum worked, whichever is
    first; else the end of the opening share of the answer."""
    starts = [m.start() for m in (announced,) if m] + [calc.start for calc in sums[:1]]
    if starts:
        return min(starts)
    return int(len(answer) * t.CLARIFY_OPENING_SHARE)


def _close(answer: str, said: list[Sentence]) -> list[str]:
    """The close: the last paragraph when there are several, else the last few sentences."""
    paragraphs = [p for p in re.split(r"\n\s*\n", answer) if p.strip()]
    if len(paragraphs) > 1:
        return [s.text.strip() for s in sentences(paragraphs[-1])]
    return [s.text.strip() for s in said[-t.CLOSE_SENTENCES :]]


def _clarify_check(questions: list[str]) -> Check:
    passed = len(questions) >= t.CLARIFY_MIN_QUESTIONS
    if passed:
        note = (
            f"You asked {len(questions)} question{'s' if len(questions) != 1 else ''} "
            "before diving in: the interviewer knows you checked the goal and the scope."
        )
    else:
        note = (
            "No question before you started the analysis. A case prompt leaves things out on "
            "purpose; one or two questions on the goal, the scope or a term show you check "
            "before you solve."
        )
    return Check("clarify", "Clarifying questions first", passed, note, questions)


def _assumptions_check(with_numbers: list[str], without: list[str]) -> Check:
    passed = len(with_numbers) >= t.ASSUMPTIONS_MIN
    if passed:
        note = f"{len(with_numbers)} assumptions stated with a number; each can be checked."
    else:
        note = (
            f"{len(with_numbers)} assumption{'s' if len(with_numbers) != 1 else ''} stated with "
            f"a number (aim for {t.ASSUMPTIONS_MIN} or more). Say each one out loud with its "
            'figure ("let\'s assume 40% of households") so the interviewer can correct it early.'
        )
    if without:
        note += f" {len(without)} more assumed without a figure."
    return Check("assumptions", "Assumptions stated with numbers", passed, note, with_numbers)


def _structure_check(count: int, tree: list[Branch], pairs: list[Overlap]) -> Check:
    size = len(tree) or count
    in_range = t.BRANCHES_MIN <= size <= t.BRANCHES_MAX
    items = [f"{pair.first} / {pair.second}: {pair.jaccard:.2f}" for pair in pairs]
    if not size:
        note = (
            'No structure announced ("I\'d look at three areas: …") and none typed in the '
            "scratch area. Announcing the branches first lets the interviewer follow you."
        )
        return Check("structure", "Structure announced", passed=False, note=note)
    parts = []
    if count:
        parts.append(f"You announced {count} branches.")
    if tree:
        parts.append(f"The scratch structure has {len(tree)} top-level branches.")
    if count and tree and count != len(tree):
        parts.append("The two counts differ: say the branches you wrote.")
    if not in_range:
        parts.append(f"Keep to {t.BRANCHES_MIN}–{t.BRANCHES_MAX} branches.")
    if pairs:
        parts.append(
            "Some branches overlap (shared words, Jaccard above "
            f"{t.BRANCH_OVERLAP_MAX:.2f}): make each cover its own ground."
        )
    elif tree:
        parts.append("The branches are distinct from one another.")
    else:
        parts.append("Type the branches in the scratch area to check they are distinct.")
    passed = in_range and not pairs and not (count and tree and count != len(tree))
    return Check("structure", "Structure announced", passed, " ".join(parts), items)


def _arithmetic_check(sums: list[Calculation], *, has_figures: bool) -> Check:
    wrong = [calc for calc in sums if not calc.right]
    items = [
        f"{calc.text}: {'right' if calc.right else 'comes to ' + figure(calc.computed)}"
        for calc in sums
    ]
    if not sums:
        if not has_figures:
            note = "No figures in the answer, so no sums to check."
            return Check("arithmetic", "Arithmetic shown and checked", passed=None, note=note)
        note = (
            'Figures are given, but no sum is shown step by step ("2,000 x 30% = 600"). '
            "Say each step so the interviewer can follow it and catch a slip."
        )
        return Check("arithmetic", "Arithmetic shown and checked", passed=False, note=note)
    if wrong:
        shown = f"{len(wrong)} of {len(sums)} calculations do" if len(sums) > 1 else "The sum does"
        note = f"{shown} not come out as stated: check each result aloud as you go."
    else:
        note = (
            f"All {len(sums)} stated calculations come out right."
            if len(sums) > 1
            else "The stated calculation comes out right."
        )
    return Check("arithmetic", "Arithmetic shown and checked", not wrong, note, items)


def _close_check(close: list[str]) -> Check:
    first = close[0] if close else ""
    leads = bool(RECOMMEND.search(first))
    recommends = any(RECOMMEND.search(s) for s in close)
    risks = any(RISK.search(s) for s in close)
    steps = any(NEXT_STEPS.search(s) for s in close)
    missing = []
    if not leads:
        missing.append(
            "lead with the recommendation"
            + (" (it comes later in the close)" if recommends else "")
        )
    if not risks:
        missing.append("name a risk")
    if not steps:
        missing.append("give a next step")
    if missing:
        note = "The close should " + ", ".join(missing) + "."
    else:
        note = "The close leads with the recommendation, then names risks and next steps."
    return Check(
        "close",
        "Recommendation first, with risks and next steps",
        not missing,
        note,
        [first] if first else [],
    )


def _timing_check(phases: list[PhaseTime]) -> Check:
    timed = [p for p in phases if p.seconds is not None]
    if not timed:
        return Check("timing", "Time per phase", None, "The phases were not timed.")
    off = [p for p in phases if p.verdict in {"over", "rushed", "skipped"}]
    items = [
        f"{p.label}: {_minutes(p.seconds)} of {_minutes(p.target_seconds)} ({p.verdict})"
        for p in phases
    ]
    if off:
        note = "Off target: " + ", ".join(f"{p.label.lower()} {p.verdict}" for p in off) + "."
    else:
        note = "Each phase kept near its target time."
    return Check("timing", "Time per phase", not off, note, items)


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


_TIPS = {
    "clarify": "Open with a question or two: the goal, the scope, what a term means.",
    "assumptions": "State each assumption with its number before you use it.",
    "structure": "Announce two to five distinct branches before you analyse.",
    "arithmetic": "Say each sum step by step and check the result before moving on.",
    "close": "Close with the answer first, then a risk and the next step.",
    "timing": "Keep to the phase targets: most of the time goes to the analysis.",
}
