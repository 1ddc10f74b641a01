"""Question openings that settle the category on their own, checked before any model.

Each rule is a regular expression written for a wording an interviewer uses for one kind of
question only ("tell me about a time…" asks for a past story, "what would you do if…" for a
hypothetical, "any questions for us?" closes the interview). They are kept narrow: a rule that
fires must be right nearly every time, and whatever no rule covers goes to the models. The
rules' precision on the bank's own texts is tested (tests/playbook/test_openings.py) and
reported in docs/playbook.md.
"""

from __future__ import annotations

import re
from functools import cache

# Checked in this order; the first rule that matches decides. Presentation, pay and closing
# come first because their words are specific and they can sit inside any other opening ("tell
# me about a time you negotiated your salary" is still about a story, so behavioral's openings
# are checked before salary's vaguer words: see RULES).
_ASK = r"^(can you |could you |please |so |now )?"
_PRESENTATION = [
    r"\b(prepare|give|deliver|make|do|show)\b[^.?!]{0,30}\bpresentation\b",
    r"\byour (\w+ ){0,2}(presentation|deck|slides)\b",  # "your deck", "your pitch deck"
    r"\b(walk|take|talk) (me|us) through (your|the) (\w+ ){0,2}(deck|slides|presentation)\b",
    r"\bpresent (to (me|us|the panel)|your (findings|recommendation|plan|proposal|work|case))\b",
]
_PAY = r"(salary|compensation|remuneration|pay)"
_SALARY = [
    rf"\b(your|the|what|expected|current|desired|starting|base|minimum) {_PAY}\b",
    rf"\b{_PAY} (expectations?|range|requirements?|history|band|package)\b",
    r"\bcounter[- ]?offers?\b",
    r"\bnotice period\b",
    r"\b(pay|rate|package) (expectations?|range|requirements?)\b",
    r"\bexpect(ing|ations?)?\b[^.?!]{0,20}\b(paid|pay|earn)\b",
    r"\b(earn|earning|paid) (now|currently|at the moment)\b",
    r"\bwhen (could|can|would) you start\b",
    r"\b(start date|earliest start)\b",
    r"\b(willing|open|able) to (relocate|travel|move)\b",
    r"\brelocat(e|ing|ion)\b",
    r"\bon[- ]call\b",
]
_NOT_ASKED = r"(we|i) (haven't|have not|didn't) (asked|covered|talked)"
_CLOSING = [
    r"\b(any|have|got) (other |more |further |final )?questions "
    r"(for|about) (me|us|the (team|role|company))\b",
    r"\bwhat (questions|can i tell you)\b[^.?!]{0,30}\b(for|about) (me|us|the role)\b",
    rf"\bis there anything (else )?(you('d| would)? (like|want) to (ask|add|know)|{_NOT_ASKED})\b",
    rf"\banything (else )?{_NOT_ASKED}\b",
    r"\b(any|what) (concerns|reservations|doubts) (do |would )?you (have|had)\b"
    r"[^.?!]{0,20}\b(role|job|us|position|company)\b",
    r"\bwhere are you (in|with) (the|your|other) (process|interviews|search)\b",
]
_MOMENT = r"(time|occasion|situation|instance|moment)"
_BEHAVIORAL = [
    rf"{_ASK}(tell|talk|walk) (me|us) (about|through) (a|one|an|the last|some) "
    rf"({_MOMENT}|example)s?\b",
    rf"{_ASK}describe (a|an|one|the last) {_MOMENT}\b",
    rf"{_ASK}(give|share|tell)( me| us)? (an|one|a specific|a recent|a real|some) examples?\b"
    r"[^.?!]{0,40}\b(when|where|of (a time|how you|when you)|in which)\b",
    r"\b(tell|talk) (me|us) about a time\b",
    r"\bdescribe a (time|situation|occasion) (when|where|in which|you)\b",
    r"\bthink (of|about|back to) a time\b",
    r"\b(can you )?recall a (time|situation|moment)\b",
    r"\bgive (me|us) an example of (a time|when|how you|a situation)\b",
]
_APPROACH = [
    r"\bfirst (30|60|90|100|thirty|sixty|ninety|hundred|few|three|six)\b"
    r"[^.?!]{0,20}\b(days|weeks|months)\b",
    r"\b30[- /,]+60[- /,]+90\b",
    r"\bfirst (day|week|month|year|quarter) (here|in (this|the) (role|job))\b",
]
_SOMEONE = (
    r"(colleague|coworker|co-worker|manager|customer|client|patient|team ?member|report|"
    r"stakeholder|boss|situation where|situation in which|conflict)"
)
_SITUATIONAL = [
    r"^what (would|will|should) you do (if|when|about)\b",
    r"\bwhat would you do if\b",
    r"^(imagine|suppose|picture this|let's say|say that)\b",
    rf"\bhow would you (handle|respond to|react to|deal with|approach) (a|an|your|the) "
    rf"{_SOMEONE}\b",
    r"\bhow would you (handle|respond|react) if\b",
    r"\bif you (found|discovered|saw|noticed|were asked|disagreed)\b"
    r"[^.?!]{0,60}\bwhat would you do\b",
]
# Design or improvement of a product, estimates and market sizing. A system or program design
# is technical, so technical words veto the case opening (see _TECHNICAL_WORDS).
_CASE = [
    r"\bhow would you (design|improve|redesign|estimate|size|grow|monetise|monetize|"
    r"measure the success of|price|launch)\b",
    r"^design (a|an|the)?\b",
    r"^(estimate|guess)\b",
    r"\bhow many\b[^.?!]{0,60}\b(are there|are sold|would (you|there)|could|fit|"
    r"do you (think|estimate|guess)|in (the|a) (world|city|country|year|day))\b",
    r"\bhow much\b[^.?!]{0,40}\b(is spent|would you (estimate|guess)|do you think)\b",
    r"\bmarket (size|sizing)\b",
    r"\bsize the market\b",
]
_TECHNICAL_WORDS = re.compile(
    r"\b(system|systems|api|apis|database|schema|algorithm|architecture|service|services|"
    r"cache|caching|server|servers|network|protocol|class|function|query|queries|test cases?|"
    r"test plan|pipeline|code|program|distributed|scalable|url shortener|data structure)\b"
)

RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("presentation", tuple(_PRESENTATION)),
    ("behavioral", tuple(_BEHAVIORAL)),
    ("salary", tuple(_SALARY)),
    ("closing", tuple(_CLOSING)),
    ("approach", tuple(_APPROACH)),
    ("situational", tuple(_SITUATIONAL)),
    ("case", tuple(_CASE)),
)


@cache
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((category, re.compile("|".join(patterns))) for category, patterns in RULES)


def normalised(text: str) -> str:
    """Lower case, one space between words, curly apostrophes made straight."""
    return " ".join(text.lower().replace("\u2019", "'").split())


def opening_category(text: str) -> str | None:
    """The category an unmistakable wording gives, or None when the models must decide."""
    said = normalised(text)
    for category, pattern in _compiled():
        if pattern.search(said) is None:
            continue
        if category == "case" and _TECHNICAL_WORDS.search(said):
            return None
        return category
    return None
