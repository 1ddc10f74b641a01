"""Which STAR part one sentence tells, from what it says: the one reader behind a practice
answer's parts (``feedback.structure``) and a story's fields (``fit.star``).

Each part has its own kinds of evidence, each with a weight; a sentence goes to the part whose
evidence weighs most, and to none below ``LEAST``. Where a sentence stands in the answer is
never evidence: a first sentence is not a situation because it comes first.

- situation: a past setting ("at my last job", "last winter", "in 2023", "when I was"), a
  problem that existed ("we had a backlog", "the lines were always jammed", "failing",
  "complaints"), a job held ("I was a shift supervisor"), others described in the past
  ("the team was", "a customer rang up");
- task: a duty or a goal ("my job was", "I had to", "I needed to", "I was asked to", "it was on
  me to", "wanted me to"), and a note that starts with a bare verb ("Restore service within 30
  minutes.", "Goal: halve the falls.");
- action: "I" or "we" with a past-tense verb of doing ("I rang", "we rebuilt"), a note that starts
  with one ("Implemented circuit breakers."), "what I did was", "I started by", "I would …" in a
  habitual story;
- result: an outcome phrase ("as a result", "in the end", "which meant"), a change with its
  size ("fell from 14 to 4", "down 21%", "improved 25%"), a change whoever made it ("the
  complaints stopped"), recognition ("was adopted", "thanked me"), an outcome without a change
  verb ("on time", "passed", "went live", "zero downtime", "nobody deteriorated", "since").

The sentence is read once into lower-case words; most evidence is a set lookup on them, and the
few patterns run only when one of their words is there, so a 300-word answer is read in well
under a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

PARTS = ("situation", "task", "action", "result")
LEAST = 1.5  # weaker evidence than this says nothing about the part
ACTION_MOST = 2.5  # the most an action's evidence weighs
SITUATION_MOST = 2.5  # the most a situation's evidence weighs: a setting said first
SITUATION_LATER = 2.0  # any other situation's evidence weighs at most this
# When two parts weigh the same, the narrower kind of evidence wins: a result or a task is said
# in few ways; a past-tense "I …ed" or a setting in many.
TIE_ORDER = ("result", "task", "action", "situation")

# Words are split at spaces once punctuation is spaced out (far cheaper than a pattern): "5,000"
# reads as "5 000" and "28.5%" as "28 5 %", which still says a figure; "%", "$", "£", "€", "~"
# and ":" stay as words of their own ("Pipeline time: 8 minutes", "down 21%").
_MARKS = ",.;!?()[]{}\"/*+=<>|"
_SPACE_OUT = str.maketrans(_MARKS, " " * len(_MARKS))  # ASCII to ASCII: the fast path
_SPACE_OUT_WIDE = str.maketrans({"“": " ", "”": " ", "…": " ", "—": " ", "–": " "})
_OWN_WORDS = ("%", "$", ":", "~", "£", "€")


def _split(low: str) -> list[str]:
    text = low.translate(_SPACE_OUT)
    if not text.isascii():
        text = text.translate(_SPACE_OUT_WIDE)
    for mark in _OWN_WORDS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    return text.split()


# Words a spoken or noted sentence opens with before it says anything.
_OPENERS = frozenset(
    "so um uh er erm and then well basically also but anyway okay ok yeah first firstly next "
    "finally afterwards actually honestly obviously like right second secondly plus".split()
)
_SUBJECTS = frozenset({"i", "we"})
_PREFIXES = frozenset({"pre", "re", "co", "de", "un", "over", "under", "cross", "double"})

# --- Verbs -----------------------------------------------------------------------------------

_IRREGULAR_PAST = frozenset(
    "built rebuilt led wrote rewrote ran made took set sat spoke met went began brought bought "
    "chose drove found gave got held kept taught told sent spent put cut drew did oversaw "
    "undertook sought broke split caught stood dealt sold paid shut rang swapped showed "
    "withdrew won hung fed laid reran redid retook reset bled dug fought lit lent rode shook "
    "swept sped upheld woke wore overtook underwent sang threw flew froze hid bent forgave "
    "mistook rethought overheard overran stuck struck spun tore understood done gone taken "
    "given written shown driven spoken chosen".split()
)
# Past tenses that tell a state of mind or a state, not a step taken.
_STATES = frozenset(
    "was were had wanted needed liked loved hated hoped seemed learned learnt realized realised "
    "wondered believed enjoyed preferred appeared happened used knew felt thought meant "
    "averaged remained lived belonged involved sounded turned stayed noticed saw "
    "disagreed".split()
)
# The base form a note's goal starts with ("Restore …", "Cut …", "Bring …").
_BASE_VERBS = frozenset(
    "achieve add address automate avoid balance bring build calm clear close coach collect "
    "complete contain convince cover create cut deal deliver design diagnose double eliminate "
    "enable ensure establish find finish fix get grow halve handle help hire hit identify "
    "implement improve increase introduce investigate isolate keep launch lead lift limit "
    "lower maintain make manage meet migrate minimise minimize modernise move negotiate obtain "
    "organise organize persuade plan prepare prevent protect provide raise reach rebuild "
    "recover recruit reduce replace resolve respond restore retain return run save secure "
    "ship solve sort speed stabilise stabilize standardise standardize stop streamline "
    "support take teach train turn upgrade win bring".split()
)
# Base forms that are also nouns: "Support queue averaged …" names a thing, not a goal.
_ALSO_NOUNS = frozenset(
    "support plan design return turn cover help balance lead close clear record change work sort "
    "move ship fix train launch double control".split()
)
_ALSO_PAST = frozenset("set cut put run hit shut let spread read".split())

# Verbs of change: with a figure or a thing that changed, they tell an outcome.
_CHANGE = frozenset(
    "reduced increased cut saved grew improved raised lowered boosted doubled tripled halved "
    "shortened dropped fell rose climbed jumped decreased declined shrank stabilised stabilized "
    "stopped disappeared exceeded beat recovered restored resolved prevented eliminated "
    "avoided achieved fallen risen grown shrunk".split()
)
_NOT_STEPS = frozenset({"caused", "required"})
# Verbs that keep or reach a level: an outcome when a figure follows ("stayed at 4.6", "went
# from 60% to 90%", "reached 89%").
_LEVEL = frozenset("went stayed remained reached hit grew".split())
_CHANGE_NOUNS = frozenset("down up reduction increase drop rise improvement fewer".split())
_PROBLEMS = frozenset(
    "problem problems issue issues complaint complaints complaining struggling late behind "
    "failing failed failure failures crashed crash outage outages shortage understaffed sick "
    "backlog delay delays spiked errors timeouts timing slow angry upset worried leaked "
    "expired broke broken jammed overspend missing down poor low lost losing risk stressed "
    "nervous empty complained rejected".split()
)
_METRICS = frozenset(
    "time times rate rates cost costs usage score scores frequency volume revenue sales wait "
    "waiting visits spend attendance losses waste satisfaction".split()
)
_FIGURE = re.compile(
    r"^(?:\d[\d,.]*\w*|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"half|third|quarter|fifth|tenth|double|dozen)$"
)
# Said before a figure that sizes a change: "fell by about 20%", "from nearly 40".
_ROUGHLY = frozenset("from by to about around nearly almost over roughly some more than".split())

# --- Phrases -----------------------------------------------------------------------------------
# Each pattern runs on the lower-case sentence only when one of its key words is in it.


class _Said(NamedTuple):
    """A sentence read once: lower case, its words, the set of them, and where it starts
    saying something (past "so", "um", "and then")."""

    low: str
    words: list[str]
    bag: frozenset[str]
    head: int
    did: bool  # "I" or "we" with a past verb of doing


class _Phrases:
    """A pattern searched for only when the sentence holds one of its key words (every
    alternative holds one): most sentences hold none of most patterns' keys."""

    __slots__ = ("keys", "pattern")

    def __init__(self, keys: str, pattern: str) -> None:
        self.keys = frozenset(keys.split())
        # Each alternative starts a word; said by a look-behind rather than by \b, the
        # search skips faster to the places where an alternative can start.
        body = re.sub(r"(^|\|)(\s*)\\b", r"\1\2", pattern)
        self.pattern = re.compile(rf"(?<![\w'’-])(?:{body})", re.VERBOSE)

    def find(self, said: _Said) -> re.Match[str] | None:
        if said.bag.isdisjoint(self.keys):
            return None
        return self.pattern.search(said.low)


_NOT_A_DUTY = r"(?!first\b|last\b|previous\b|old\b|current\b|former\b|summer\b|new\b)"
_TASK_DUTY = _Phrases(
    "job role task goal aim objective responsibility assignment mission brief mandate target priority needed had have wanted supposed expected set aimed trying asked tasked charged hired brought assigned responsible charge given it",
    rf"""\b(?:my|our|the|his|her)\s+(?:{_NOT_A_DUTY}\w+\s+)?(?:job|role|task|goal|aim|
        objective|responsibility|assignment|mission|brief|mandate|target|priority)\s+(?:was|
        were|became|is)\b
    | \b(?:i|we|it|that|this)\s+(?:\w+ly\s+)?(?:needed|had|have|wanted|was\s+supposed|
        were\s+supposed|was\s+expected|were\s+expected|set\s+out|aimed|was\s+trying|
        were\s+trying)\s+to\b
    | \b(?:i|we)\s+(?:was|were)\s+(?:\w+\s+)?(?:asked|tasked|charged|hired|brought\s+in|
        assigned|responsible|in\s+charge|expected)\b
    | \b(?:i|we)\s+(?:was|were)\s+given\s+the\b
    | \bit\s+was\s+(?:my|our|on\s+me|on\s+us|up\s+to\s+me|up\s+to\s+us)\b
    | \bneeded\s+(?:it|them|this|that)\b | \bneeded\s+to\s+be\b
    | \bhad\s+(?:a|the)\s+(?:\w+\s+)?(?:job|task)\b""",
)
# Weaker: someone asking ("asked me to" may come after the story, as recognition), a duty named.
_TASK_ASKED = _Phrases(
    "asked told wanted needed expected responsible responsibility",
    r"""\b(?:asked|told|wanted|needed|expected)\s+(?:me|us)\s+to\b | \bresponsible\s+for\b
    | \bmy\s+responsibility\b""",
)

_SETTING = _Phrases(
    "when while before year summer spring fall autumn winter quarter month week weekend night christmas friday saturday sunday monday ago back early there had problem issue challenge situation context background worked interned volunteered i'm i’m first about",
    r"""\b(?:when|while|back\s+when|before)\s+(?:i|we)\s+(?:was|were|worked|joined|started|had|
        arrived)\b
    | \b(?:last|this\s+past|one|that)\s+(?:year|summer|spring|fall|autumn|winter|semester|term|
        quarter|month|week|weekend|night|christmas|friday|saturday|sunday|monday)\b
    | \b(?:a\s+(?:few|couple\s+of)|two|three|several|some)\s+(?:years|months|weeks)\s+ago\b
    | \bback\s+in\b | \bearly\s+in\s+my\b
    | \bthere\s+(?:was|were)\b | \bwe\s+had\s+(?:a|an|some|this|one|two)\b
    | \bthe\s+(?:problem|issue|challenge|situation|context|background)\s+(?:was|is)\b
    | \b(?:i|we)\s+(?:worked|interned|volunteered)\s+(?:as|at|for|in|on)\b
    | \bi['’]m\s+an?\b | \b(?:my|our)\s+first\s+job\b | \bi\s+had\s+(?:a|an)\b
    | \babout\s+to\b""",
)

_ACTION_PHRASE = _Phrases(
    "did step started decided so",
    r"""\bwhat\s+i\s+did\s+was\b | \bmy\s+first\s+step\b | \b(?:i|we)\s+started\s+(?:by|with)\b
    | \b(?:i|we)\s+decided\s+to\b | \bso\s+i\s+(?!was\b|had\b|needed\b|wanted\b)\w+""",
)

_OUTCOME = _Phrases(
    "result end led leads resulted results outcome impact upshot ended meant time schedule budget sum target successful successfully live handed since passed recovery thank thanked thanks list nobody one none zero further more neither online track normal service working deadline other used",
    r"""\bas\s+a\s+result\b | \bin\s+the\s+end\b | \bat\s+the\s+end\s+of\s+the\s+(?:day|month|
        term|quarter|year|week|meeting|three|six)\b | \bby\s+the\s+end\s+of\b
    | \b(?:which|this|that|it)\s+(?:led|leads)\s+to\b | \bresult(?:ed)?\s+in\b
    | \bwhich\s+results\s+in\b
    | \bthe\s+(?:result|outcome|impact|upshot)\s+(?:was|is|of)\b | \bended\s+up\b
    | \b(?:which|this|that|it)\s+meant\b
    | \b(?:on|ahead\s+of)\s+(?:time|schedule)\b
    | \b(?:under|within|on|below)\s+(?:the\s+)?(?:\w+\s+)?(?:budget|contract\s+sum|target)\b
    | \bsuccessful(?:ly)?\b | \bwent\s+live\b | \bhanded\s+over\b | \bever\s+since\b
    | \bpassed\b(?!\s+(?:them|it|him|her|the|on|to|over|along|through|by)\b)
    | \bfull\s+recovery\b | \bthank(?:ed|s)?\b | \bwaiting\s+list\b
    | \b(?:zero|no\s+further|no\s+more|not\s+one)\b
    | \bback\s+(?:online|on\s+track|to\s+normal|in\s+service|working)\b
    | \bbefore\s+the\s+deadline\b | \bused\s+by\s+(?:\w+\s+)?\d
    | \bto\s+(?:\w+\s+){0,2}other\s+(?:units|wards|teams|sites|stores|branches|departments|
        schools|hospitals|offices|regions|countries|clients|customers|practices|shifts)\b""",
)
# Milder: words an outcome is often told with, but a step or a setting can be too.
_MILD_OUTCOME = _Phrases(
    "nobody one none neither time since signed now still happy pleased delighted fine safely grateful became next following later fewer earlier faster quicker sooner better again continued appreciated highest",
    r"""\bfirst\s+time\b | \bsince\W*$
    | \bsigned\b | \bnow\b | \bstill\b | \b(?:happy|pleased|delighted|fine|safely|grateful)\b
    | \bbecame\b | \bthe\s+(?:next|following)\s+(?:year|month|quarter|term|week)\b
    | \blater\W*$ | \bfewer\b | \b(?:nobody|no\s+one|none\s+of|neither)\b
    | \b(?:earlier|faster|quicker|sooner|better|again|continued|appreciated|highest)\b""",
)
_ABLE = _Phrases(
    "able managed",
    r"\b(?:was|were)\s+able\s+to\b | \bmanaged\s+to\b",
)
_RECOGNITION = _Phrases(
    "adopted promoted praised recognised recognized approved awarded commended published accepted selected chosen extended used thanked congratulated rehired award prize promotion praise bonus recognition distinction marks commendation",
    r"""\b(?:was|were|been|got|being|is|are|it['’]s|that['’]s)\s+(?:\w+\s+)?(?:adopted|promoted|praised|
        recognised|recognized|approved|awarded|commended|published|accepted|selected|chosen|
        extended|used\s+(?:by|at|in|across))\b
    | \b(?:thanked|praised|commended|congratulated|promoted|rehired)\s+(?:me|us|the|my|our)\b
    | \b(?:won|got|received|earned|awarded|gave)\s+(?:\w+\s+){0,4}(?:award|prize|promotion|
        praise|bonus|recognition|distinction|marks|commendation)\b
""",
)
_UPTAKE = frozenset({"adopted", "copied", "reused"})
# Work finished, said of the work: "All 95 returns filed before the deadline."
_DONE = frozenset(
    "filed placed done completed delivered finished closed resolved fixed sorted served shipped "
    "hired filled met achieved ready restored".split()
)
# What someone learned or would do next time: no part of the story.
_LESSON = _Phrases(
    "learned learnt taught took takeaway lesson looking next future would",
    r"""\b(?:learned|learnt|taught\s+me|took\s+from|takeaway)\b
    | \b(?:the|a|my)\s+(?:\w+\s+)?lesson\s+(?:i|was|here|is)\b
    | \blooking\s+back\b | \bnext\s+time\b | \bin\s+future\b
    | \b(?:i|we)\s+would\s+have\b""",
)


@lru_cache(maxsize=4096)
def part_of(sentence: str) -> str | None:
    """The STAR part the sentence tells, or None when it tells none (an opinion, a lesson, a
    greeting): the part ``part_scores`` weighs most, a tie going to the first in TIE_ORDER.
    Answers are read again at each keystroke, so recent sentences are remembered."""
    said = _read(sentence)
    if said is None:
        return None
    # Each part is weighed only when it could still win: action and situation evidence weighs
    # ACTION_MOST and SITUATION_MOST at most, and a tie goes to the part weighed first.
    best, weight = "result", _result(said)
    task = _task(said)
    if task > weight:
        best, weight = "task", task
    if weight < ACTION_MOST:
        action = _action(said)
        if action > weight:
            best, weight = "action", action
    if weight < SITUATION_MOST:
        # Above the weight of a setting said later on, only one said first can win.
        opening = weight >= SITUATION_LATER and _opens_on_setting(said)
        situation = SITUATION_MOST if opening else _situation(said) if weight < 2.0 else 0.0
        if situation > weight:
            best, weight = "situation", situation
    return best if weight >= LEAST else None


def parts_of(found: Iterable[str]) -> list[str | None]:
    """Each sentence's part, in the order told. A sentence that says none by itself but tells
    what happened (a past verb, a figure) is read by where it stands against the steps: before
    every action, it sets the scene; after the last one, it tells what came of them ("Two
    offers on the day."). With no action told, where it stands says nothing."""
    texts = list(found)
    told = [part_of(s) for s in texts]
    steps = [at for at, part in enumerate(told) if part == "action"]
    if not steps:
        return told
    for at, part in enumerate(told):
        if part is None and (at < steps[0] or at > steps[-1]) and _tells_what_happened(texts[at]):
            told[at] = "situation" if at < steps[0] else "result"
    return told


def _tells_what_happened(sentence: str) -> bool:
    said = _read(sentence)
    if said is None:
        return False  # a lesson drawn
    words = said.words
    return any(_verbish(w) or _FIGURE.match(w) for w in words) and not _PRESENT & said.bag


def part_scores(sentence: str) -> dict[str, float]:
    """How much evidence the sentence holds for each part; none at all for a lesson drawn."""
    said = _read(sentence)
    if said is None:
        return dict.fromkeys(PARTS, 0.0)
    return {
        "situation": _situation(said),
        "task": _task(said),
        "action": _action(said),
        "result": _result(said),
    }


def _read(sentence: str) -> _Said | None:
    """The sentence read once; None when it draws a lesson ("what I learned…")."""
    low = sentence.lower()
    words = _split(low)
    bag = frozenset(words)
    did = not bag.isdisjoint(_SUBJECTS) and _i_did(words)
    said = _Said(low, words, bag, _head(words), did)
    return None if _LESSON.find(said) else said


def _head(words: Sequence[str]) -> int:
    """Where the sentence starts saying something, past the openers ("so", "um", "and then",
    "immediately")."""
    at = 0
    while at < len(words) and (words[at] in _OPENERS or words[at].endswith("ly")):
        at += 1
    return at


def _verbish(word: str) -> bool:
    """A past form, of doing or of being: "needed", "lived", "went"."""
    return word in _IRREGULAR_PAST or word in _STATES or word.endswith("ed")


def _past(words: Sequence[str], at: int) -> bool:
    word = words[at] if at < len(words) else ""
    if word == "used":
        return words[at + 1 : at + 2] != ["to"]
    if word in _STATES:
        return False
    if "-" in word and word.split("-", 1)[0] not in _PREFIXES:
        return False  # "latency-based", "crash-free"
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def _i_did(words: Sequence[str]) -> bool:
    """ "I" or "we" with a past verb of doing, an adverb or "then"/"also" between."""
    for at, word in enumerate(words[:-1]):
        if word in _SUBJECTS:
            verb = at + 1
            if words[verb].endswith("ly") or words[verb] in {"then", "also", "first", "just"}:
                verb += 1
            if _past(words, verb):
                return True
    return False


def _situation(said: _Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if _opens_on_setting(said):
        score = 2.5  # said first, a setting frames the sentence: "At my last job, I rewrote …"
    elif _place(said) is not None or _SETTING.find(said) or _in_year(said) or _i_was(said):
        score = 2.0
    if bag & _PROBLEMS:
        score = max(score, 1.5 + 0.5 * (score > 0))
    rest = words[head:]
    if 0 < len(rest) <= 12 and _verbless(rest):
        score = max(score, 1.5)  # a note setting the scene: "Hotel of 90 rooms."
    if rest and rest[0] not in _SUBJECTS and not said.did:
        # Others described in the past: "A customer rang up", "Falls averaged six a month".
        if any(w in {"was", "were", "had", "took", "averaged", "kept"} for w in rest[:8]):
            score = max(score, 1.5)
    return score


_DEADLINE = frozenset({"within", "without", "under", "below"})
_VERBS = frozenset(
    "is are was were be been am has have had do does did will would can could isn't wasn't "
    "weren't didn't couldn't think believe feel guess mean know matters".split()
)
_PRONOUNS = frozenset("i we you he she they it this that".split())


def _verbless(words: Sequence[str]) -> bool:
    if len(words) < 3 or not _PRONOUNS.isdisjoint(words):
        return False
    return (
        not any(w in _VERBS or w.endswith("ing") or _past(words, at) for at, w in enumerate(words))
        and words[0] not in _BASE_VERBS
    )


# Where the teller was: "at my last job", "on a night shift", "in our busiest store".
_PLACES = frozenset(
    "job company role position internship team employer school university college class "
    "semester project placement shift year firm practice ward site depot store restaurant "
    "surgery library lab centre center hospital hotel office caseload career term migration "
    "refurbishment season launch drive close".split()
)
_PLACE_PREPOSITIONS = frozenset({"at", "in", "during", "on", "for"})
_PLACE_DETERMINERS = frozenset({"my", "our", "the", "a"})


def _place(said: _Said) -> int | None:
    """Where "at/in/during/on/for my/our/the/a …" names a place or time of work (up to three
    words before its noun), the index of its first word."""
    if said.bag.isdisjoint(_PLACES) or said.bag.isdisjoint(_PLACE_PREPOSITIONS):
        return None
    words = said.words
    for at, word in enumerate(words):
        if word in _PLACE_PREPOSITIONS and words[at + 1 : at + 2] and (
            words[at + 1] in _PLACE_DETERMINERS
        ):
            if not _PLACES.isdisjoint(words[at + 2 : at + 6]):
                return at
    return None


def _opens_on_setting(said: _Said) -> bool:
    """The sentence starts (past its openers) with where or when it happened."""
    if said.head >= len(said.words):
        return False
    if _place(said) == said.head:
        return True
    first = said.words[said.head]
    if first not in _SETTING_FIRSTS:
        return False
    at = said.low.find(first)
    return any(p.match(said.low, at) for p in (_SETTING.pattern, _YEAR, _I_WAS))


# The words a setting's phrase can start with ("last year", "in 2019", "I was working").
_SETTING_FIRSTS = frozenset(
    "when while back before last this one that a two three several some early there we the i "
    "i'm i’m my our about in of".split()
)

_YEAR = re.compile(r"\b(?:in|of)\s+(?:19|20)\d\d\b")
_I_WAS = re.compile(
    r"""\b(?:i|we)\s+(?:was|were)\s+(?:\w+ly\s+)?(?:working|interning|studying|volunteering|
        employed|part\s+of|on\s+(?:a|the)|a|an|the|in|at|due|about|launching|designing|
        resurfacing|losing|selling)\b""",
    re.VERBOSE,
)


def _in_year(said: _Said) -> re.Match[str] | None:
    """ "in 2019", "of 2023": a four-digit year said as a time."""
    if "19" not in said.low and "20" not in said.low:
        return None
    return _YEAR.search(said.low)


def _i_was(said: _Said) -> re.Match[str] | None:
    """ "I was working on…", "we were a team of five": where the teller was."""
    if said.bag.isdisjoint(_SUBJECTS) or said.bag.isdisjoint({"was", "were"}):
        return None
    return _I_WAS.search(said.low)


def _task(said: _Said) -> float:
    low, words, bag, head = said.low, said.words, said.bag, said.head
    score = 0.0
    if _TASK_DUTY.find(said):
        score = 3.0
    elif _TASK_ASKED.find(said):
        score = 2.0
    rest = words[head:]
    if not rest:
        return score
    if rest[1:2] == [":"] and rest[0] in {"goal", "task", "aim", "objective", "target", "brief"}:
        return 4.0
    if rest[0] in {"needed", "had"} and rest[1:2] == ["to"]:
        return 3.0
    verb_next = rest[0] in _ALSO_NOUNS and any(_past(words, head + k) for k in (1, 2))
    deadline = bool(bag & _DEADLINE) or "by the end" in low
    if rest[0] in _BASE_VERBS and rest[0] not in _ALSO_PAST and not verb_next:
        # A note's goal: "Restore service within 30 minutes."
        score = max(score, 3.5 if deadline else 3.0)
    elif rest[0] in _ALSO_PAST and deadline:
        score = max(score, 3.5)
    return score


def _action(said: _Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if said.did:
        score = 2.0
    rest = words[head:]
    # "Failed builds caught …": the first word describes the subject of a later verb.
    adjective = not _past(words, head + 1) and _past(words, head + 2)
    if rest and _past(words, head) and not adjective and rest[0] not in _CHANGE | _NOT_STEPS:
        score = max(score, 2.5)  # a note: "Implemented circuit breakers."
    elif rest and rest[0] in _CHANGE:
        score = max(score, 2.0)  # "Reduced TTL from 300s to 60s." may be a step
    if _ACTION_PHRASE.find(said):
        score = max(score, 2.5)
    if "would" in bag and any(
        w == "would" and words[at - 1] in _SUBJECTS for at, w in enumerate(words) if at
    ):
        score = max(score, 1.5)  # a habitual story: "I would listen to their complaint."
    return score


def _result(said: _Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if _OUTCOME.find(said):
        score = 2.5
    elif _ABLE.find(said):
        score = 2.0  # "… and was able to answer all their questions."
    elif _MILD_OUTCOME.find(said):
        score = 1.5
    if bag & _UPTAKE and any(
        w in _UPTAKE and at > head and words[at - 1] not in _SUBJECTS for at, w in enumerate(words)
    ):
        score = max(score, 2.5)  # "two other wards adopted it"
    if _RECOGNITION.find(said):
        score = 3.0
    sized = _sized_change(words)
    if sized:
        score = max(score, 3.0)
    elif bag & _CHANGE and _changed(words, head):
        score = max(score, 1.5)
    if ":" in bag and bag & _METRICS and any(_FIGURE.match(w) for w in words):
        score = max(score, 2.5)  # "Pipeline time: 8 minutes."
    rest = words[head:]
    if rest[:1] in (["within"], ["over"], ["after"]) and any(
        w in {"weeks", "months", "days", "years", "week", "month"} for w in rest[:4]
    ):
        score = max(score, 2.0)  # "Within six weeks, accuracy reached 89%."
    if bag & _DONE and rest[:1] not in (["i"], ["we"]) and _done(said):
        score = max(score, 2.0)  # "All 95 returns filed before the deadline."
    if rest[:1] == ["no"] and any(_verbish(w) for w in rest[1:5]):
        score = max(score, 2.0)  # "No data accessed with the key."
    if rest[:1] and rest[0] in {"prevented", "eliminated", "avoided", "achieved", "contained"}:
        score = max(score, 2.5)
    return score


def _done(said: _Said) -> bool:
    """Work said to be finished, not to be done: not "would be served", "to be filed"."""
    if said.did:
        return False
    words = said.words
    return any(
        w in _DONE and (at == 0 or words[at - 1] not in {"be", "to", "would", "will"})
        for at, w in enumerate(words)
    )


def _sized_change(words: Sequence[str]) -> bool:
    """A change with its size: "fell from 14 to 4", "down 21%", "improved 25%", "by half",
    "restored in 18 minutes"; not a state before the story ("had dropped to 65%")."""
    if _SIZEABLE.isdisjoint(words):
        return False
    for at, word in enumerate(words):
        if word in _LEVEL and not _before_story(words, at):
            after = words[at + 1 : at + 3]
            if word == "went" and after[:1] == ["from"]:
                return True  # "went from weekly to once a month"
            if after[:1] in (["to"], ["at"]) and word != "went" and len(after) > 1:
                if _FIGURE.match(after[1]) or after[1] in _ROUGHLY:
                    return True
            if after and _FIGURE.match(after[0]) and word in {"reached", "hit", "grew"}:
                return True
        if word in {"up", "down"} and at and _verbish(words[at - 1]) and words[at - 1] not in _MOVES:
            continue  # "set up a board", "lived up two flights"
        if (word in _CHANGE or word in _CHANGE_NOUNS) and not _before_story(words, at):
            if _sized(words[at + 1 : at + 6]):
                return True
    return False


def _sized(after: Sequence[str]) -> bool:
    """A size follows within a few words: "80%", "$200K", "by 90%", "from 14 to 4", "to six
    days", "in 18 minutes", "my team five hours"; not a stretch of time ("for three months")."""
    if after[:1] and _FIGURE.match(after[0]):
        return True  # "down 21", "improved 25%"
    for at, word in enumerate(after):
        if word in {"%", "$", "£", "€"} and at:
            return True
        follows = after[at + 1 : at + 4]
        if word in {"by", "from", "to", "in"} and follows:
            size = follows[1:] if follows[0] in _ROUGHLY else follows
            if size[:1] == ["a"]:
                size = size[1:]  # "by a third"
            if size and _FIGURE.match(size[0]):
                return True
        unit = after[at + 1 : at + 2]
        if at and _FIGURE.match(word) and unit and unit[0] in _UNITS:
            # "saved my team five hours", not "down for 3 hours"
            return after[at - 1] not in _STRETCH
    return False


# Said in the present: an opinion or a claim about oneself, not what happened.
_PRESENT = frozenset("is are am i'm i’m think believe feel always usually love enjoy".split())
_STRETCH = frozenset("for over during after within every each".split())
_UNITS = frozenset(
    "hours minutes seconds days weeks months years percent points pounds dollars euros people "
    "staff customers patients clients users calls tickets jobs".split()
)
_SIZEABLE = _CHANGE | _CHANGE_NOUNS | _LEVEL
_MOVES = frozenset("went gone go going come came was were is are been".split())


def _before_story(words: Sequence[str], at: int) -> bool:
    """A change meant ("to cut", "would cut") or told in the past perfect as the state before
    the story ("had crept up to 3%"), unless the sentence opens on when it was reached ("By the
    spring, incidents had fallen …")."""
    before = words[at - 1] if at else ""
    if before in {"to", "would"}:
        return True
    earlier = words[max(0, at - 2) : at]
    perfect = any(w == "had" or w.endswith("'d") for w in earlier)
    return perfect and words[_head(words) : _head(words) + 1] != ["by"]


def _changed(words: Sequence[str], head: int) -> bool:
    """A change said of a thing, not meant nor a step: "the complaints stopped", "it reduced
    escalations"; not "about to cut the newsletter", nor "I stopped work"."""
    return any(
        w in _CHANGE
        and not _before_story(words, at)
        and words[at - 1] not in _SUBJECTS
        and words[at + 1 : at + 2] != ["out"]
        for at, w in enumerate(words)
        if at >= head
    )
