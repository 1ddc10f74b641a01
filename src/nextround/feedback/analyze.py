"""Measured feedback on one practice answer, typed or transcribed from speech.

Everything here is hand-written rules over words and their neighbours: no model, no Django, so
each figure can be explained and a 300-word answer takes about 2 ms (benchmarks/answers.py).
The thresholds and weights live in ``thresholds.py``; the rules and the reasons for them are
listed in docs/practice.md.

The text is split once into tokens (words and punctuation marks, with offsets) by the text
toolkit, which compares words in lower case without apostrophes: "I'm" and a transcript's "Im"
are the same word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nextround.errors import Invalid
from nextround.feedback import thresholds as t
from nextround.feedback.report import (
    AnswerReport,
    Component,
    Pause,
    Repeat,
    Span,
    StarPart,
    Tally,
    TermUse,
    TimedWord,
)
from nextround.text import (
    STOPWORDS,
    Quantity,
    Tokens,
    content_stems,
    quantities_in,
    seconds_to_say,
    stem,
    stems,
    voice_of,
    word_count,
)
from nextround.text import words as text_words

STAR_PARTS = ("situation", "task", "action", "result")

# --- Word classes the rules look at -----------------------------------------------------------


def _word_set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Vocal fillers with their spelling variants (um, umm, uhm, uh, uhh, er, erm, ah, eh, hm, hmm,
# mm, mhm). Written as whole-token patterns so "umbrella" or "hmmm" never half-match.
_VOCAL = re.compile(r"u+h*m+|u+h+|e+r+m*|a+h+|e+h+|h+m+|m+h*m+")
# A pause in writing: a transcript marks one with a comma, a dash or an ellipsis.
_PAUSE_MARKS = frozenset({",", "...", "…", "—", "–", "-", ";"})
# Marks after which a new clause starts.
_CLAUSE_MARKS = _PAUSE_MARKS | frozenset({".", "!", "?", ":", "(", '"', "“", "^"})
_CONJUNCTIONS = _word_set("and but or so because cause then plus")
_SUBJECTS = _word_set("i you we they he she it")
_BE = _word_set("is are was were am be been being im its thats hes shes theyre were youre whats")
_DETERMINERS = _word_set(
    "a an the this that these those my our your his her their its some any every each"
)
# Words that turn a following "like" into the verb: "I like", "would like", "don't like".
_LIKE_VERB_BEFORE = _SUBJECTS | _word_set(
    """would wouldnt id youd wed theyd should could might will do does did dont doesnt didnt
    not really also always never still genuinely truly people"""
)
# "to like" is the verb after words that take an infinitive of liking ("want to like it",
# "learned to like Python") or before its object ("to like the job"); otherwise "to" is the
# infinitive marker or the preposition with padding after it ("asked us to like run").
_LIKE_TO_VERB_BEFORE = _word_set(
    """want wants wanted wanting would id love loves loved hate hates hated prefer going
    learn learns learned learnt learning come came grow grew seem seems seemed start started
    begin began tend tends tended try tried used need needs needed hope hoped"""
)
# Words that open a clause and need its subject next, so "like" cannot follow as the verb or
# as a preposition: "where like they listen", "when like nobody came".
_LIKE_CLAUSE_BEFORE = _word_set(
    "where when whenever whether if unless although though while whereas since until how why"
)
# Relative or complement words after which "like" can be the verb ("people who like sports")
# but not when a subject follows: "is that like I have to" is padding.
_RELATIVES = _word_set("that who which")
_SUBJECT_ONLY = _word_set("i we they he she")
# Prepositions: "like" right after one is neither the verb nor a comparison ("for like a
# billion", "instead of like a break"); "kind of like" and "sort of like" are left alone.
_PREPOSITIONS = _word_set(
    """of for on in with about through at from into onto by over during without towards
    toward against among between within"""
)
# Forms of "have": "like" after them is neither the verb ("have liked") nor a comparison.
_HAVE = _word_set("have has had having ive weve youve theyve hadnt havent hasnt")
_LIKE_OBJECTS = _DETERMINERS | _word_set(
    """me you him her it us them myself yourself himself herself itself ourselves themselves
    people everyone everybody everything anyone anybody anything someone somebody something
    nobody nothing what whatever how when where who doing working being"""
)
# Words that make "like" mean "similar to" or "about": "looks like", "something like 20%".
_LIKE_SIMILE_BEFORE = _word_set(
    """look looks looked looking seem seems seemed sound sounds sounded feel feels felt
    feeling something anything nothing everything more much just exactly very things stuff
    ones someone somebody"""
)
# Words after "like" that show it is padding, not a comparison: "like really hard".
_LIKE_PADDING_AFTER = _word_set(
    """really very so super totally just kind kinda sort sorta basically literally actually
    honestly pretty"""
)
_NUMBER_WORDS = _word_set(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million half dozen"""
)
_SAID = _word_set("said say mentioned mention told")
# "what kind of role", "a sort of tool": the noun, not padding.
_TYPE_BEFORE = _word_set(
    """what which this that these those any some the a an every each one same different no
    other another certain particular right wrong my our your his her their whatever
    new similar special first only"""
)
# "you know that/how/him": the verb with an object, not the filler.
_KNOW_OBJECTS = _DETERMINERS | _word_set(
    """how what why where when who whom whether if about him her it them me us anything
    everything something nothing someone somebody more much enough exactly all both which
    lots"""
)
_YOU_KNOW_NOT_BEFORE = _word_set(
    "do did dont didnt if as would will could can might may should let to what"
)
# "I mean it/that/to": meaning something, not the filler.
_MEAN_OBJECTS = _word_set("it that to by what this these those every no exactly")
_I_MEAN_NOT_BEFORE = _word_set("what do did dont didnt which if you not")
# Counted as fillers wherever they appear; the other word fillers have rules of their own.
_ALWAYS_FILLERS = frozenset({"basically", "literally"})


# --- Fillers ----------------------------------------------------------------------------------


class _Scan:
    """A walk over the tokens, left to right, remembering which ones were fillers."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens
        self.words = tokens.words
        self.marks = tokens.marks
        self.size = tokens.size
        self.filler_at: set[int] = set()

    def word(self, i: int) -> str:
        """The word at ``i``; "" for a mark or outside the text, so that lookups miss."""
        return self.words[i] if 0 <= i < self.size else ""

    def mark(self, i: int) -> str:
        """The mark at ``i``; "" for a word, "^" before the start and "$" after the end."""
        if i < 0:
            return "^"
        return self.marks[i] if i < self.size else "$"

    def clause_start(self, i: int) -> bool:
        """Whether token ``i`` opens a clause. Fillers are see-through: "things, um like" is
        read as "things like"."""
        j = i - 1
        while j in self.filler_at:
            j -= 1
        mark = self.mark(j)
        if mark:
            return mark in _CLAUSE_MARKS
        return self.words[j] in _CONJUNCTIONS

    def pause_after(self, i: int) -> bool:
        """A comma, dash or ellipsis, or another filler, right after token ``i``."""
        mark = self.mark(i + 1)
        if mark:
            return mark in _PAUSE_MARKS
        nxt = self.words[i + 1]
        return nxt in _ALWAYS_FILLERS or nxt == "like" or bool(_VOCAL.fullmatch(nxt))


def find_fillers(text: str, tokens: Tokens | None = None) -> list[Span]:
    """Filler words and phrases in order, with offsets into ``text``."""
    tokens = Tokens(text) if tokens is None else tokens
    return _spans(text, tokens, _filler_ranges(text, tokens))


def _spans(text: str, tokens: Tokens, ranges: list[tuple[int, int]]) -> list[Span]:
    """Spans of text for (first, last) token ranges."""
    found = []
    for first, last in ranges:
        start, end = tokens.starts[first], tokens.ends[last]
        found.append(Span(text=text[start:end], start=start, end=end))
    return found


def _filler_ranges(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """(first, last) token indices of each filler, left to right, none overlapping."""
    scan = _Scan(tokens)
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < scan.size:
        word = scan.words[i]
        last = None
        if word:
            rule = _FILLER_RULES.get(word)
            if rule is not None:
                last = rule(scan, text, i)
            elif _VOCAL.fullmatch(word):
                last = _vocal(scan, text, i)
        if last is None:
            i += 1
            continue
        scan.filler_at.update(range(i, last + 1))
        ranges.append((i, last))
        i = last + 1
    return ranges


def _vocal(scan: _Scan, text: str, i: int) -> int | None:
    raw = text[scan.tokens.starts[i] : scan.tokens.ends[i]]
    if len(raw) > 1 and raw.isupper():
        return None  # "ER", "AH": abbreviations, not sounds
    if scan.words[i].startswith("m") and scan.word(i - 1)[:1].isdigit():
        return None  # "5 mm" is millimetres
    return i


def _always(scan: _Scan, text: str, i: int) -> int | None:
    # "basically" and "literally" almost never carry meaning in spoken answers.
    return i


def _you_know(scan: _Scan, text: str, i: int) -> int | None:
    if scan.word(i + 1) != "know":
        return None
    if scan.word(i - 1) in _YOU_KNOW_NOT_BEFORE:
        return None  # "do you know", "as you know": a real question or reference
    if [scan.word(i + k) for k in (2, 3, 4)] == ["what", "i", "mean"]:
        return i + 4  # the whole tag "you know what I mean"
    if scan.word(i + 2) in _KNOW_OBJECTS:
        return None  # "you know how it works": knowing something
    return i + 1


def _i_mean(scan: _Scan, text: str, i: int) -> int | None:
    if scan.word(i + 1) != "mean":
        return None
    if scan.word(i - 1) in _I_MEAN_NOT_BEFORE or scan.word(i + 2) in _MEAN_OBJECTS:
        return None  # "what I mean is", "I mean it": meaning, not padding
    return i + 1


def _okay_so(scan: _Scan, text: str, i: int) -> int | None:
    # "Okay so" / "Alright, so" opening a clause: a run-up before the answer starts.
    if not scan.clause_start(i):
        return None
    j = i + 1 if scan.mark(i + 1) == "," else i
    return j + 1 if scan.word(j + 1) == "so" else None


def _so(scan: _Scan, text: str, i: int) -> int | None:
    # Only "so" that opens a clause and is followed by a pause or another filler ("So, um");
    # "so I decided" and "so that" are the conjunction and carry meaning.
    if not scan.clause_start(i) or not scan.pause_after(i):
        return None
    return i


def _actually(scan: _Scan, text: str, i: int) -> int | None:
    # Only when set off like an aside: "Actually, ..." or ", actually," — inside a clause it
    # is an ordinary adverb ("what actually happened").
    if scan.clause_start(i) and scan.pause_after(i):
        return i
    if scan.mark(i - 1) == "," and scan.mark(i + 1) in {",", ".", "$"}:
        return i
    return None


def _right(scan: _Scan, text: str, i: int) -> int | None:
    # A tag question ("..., right?") or an opening marker ("Right, so"); never "the right
    # person" or "right now".
    if scan.word(i - 1) in {"all", "thats", "is", "the"}:
        return None
    if scan.mark(i + 1) == "?":
        return i
    if scan.clause_start(i) and scan.mark(i + 1) == ",":
        return i
    return None


def _like(scan: _Scan, text: str, i: int) -> int | None:
    return i if _like_is_filler(scan, i) else None


def _like_is_filler(scan: _Scan, i: int) -> bool:
    # The word before is read through vocal fillers and their commas: in "seemed, um, like"
    # it is "seemed".
    j = i - 1
    while _vocal_at(scan, j) or (
        scan.mark(j) == "," and (_vocal_at(scan, j - 1) or _vocal_at(scan, j + 1))
    ):
        j -= 1
    before, after = scan.word(j), scan.word(i + 1)
    if before in _LIKE_VERB_BEFORE or before in _LIKE_SIMILE_BEFORE:
        return False  # "I like Python", "looks like rain", "something like 20%"
    if before == "to" and (scan.word(j - 1) in _LIKE_TO_VERB_BEFORE or after in _LIKE_OBJECTS):
        return False  # "want to like it", "to like the job": the verb
    if before == "to":
        return True  # "asked us to like run", "compared to like freshmen"
    if after in _SUBJECTS and scan.word(i + 2) in _SAID:
        return False  # "like I said": as I said
    if before in _PREPOSITIONS and scan.word(j - 1) not in {"kind", "sort"}:
        return not _hyphenated(scan, i)  # "for like a billion"; not "with like-minded people"
    if before in _HAVE:
        return True  # "we had like a column", "they have like trained me"
    if before in _LIKE_CLAUSE_BEFORE or (before in _RELATIVES and after in _SUBJECT_ONLY):
        return True  # "where like they listen"; "the thing is that like I forgot"
    if scan.pause_after(i) or _vocal_before(scan, i):
        return True  # "it was, like, hard"; "and like, um"; "we, uh, like tried"
    if after in _LIKE_PADDING_AFTER or after in _NUMBER_WORDS or after[:1].isdigit():
        return True  # "like really hard"; "like 20 people" (a guess, not a comparison)
    if before in _BE:
        return after not in _DETERMINERS  # "it was like a maze" compares; "I was like no"
    if scan.clause_start(i):
        # "and like we tried": padding. A sentence opening "Like the others, ..." compares.
        return not (scan.mark(i - 1) in {".", "!", "?", "^"} and after in _DETERMINERS)
    return False  # a preposition: "tools like Jira"


def _hyphenated(scan: _Scan, i: int) -> bool:
    """Whether token ``i`` is joined to the next word by a hyphen: "like-minded"."""
    ends, starts = scan.tokens.ends, scan.tokens.starts
    return (
        scan.mark(i + 1) == "-"
        and bool(scan.word(i + 2))
        and ends[i] == starts[i + 1]
        and ends[i + 1] == starts[i + 2]
    )


def _vocal_at(scan: _Scan, j: int) -> bool:
    """Whether token ``j`` was counted as a vocal filler ("um", "uh")."""
    return j in scan.filler_at and bool(_VOCAL.fullmatch(scan.words[j]))


def _vocal_before(scan: _Scan, i: int) -> bool:
    """A vocal filler ("um", "uh") just before token ``i``, a comma allowed between."""
    return _vocal_at(scan, i - 2 if scan.mark(i - 1) == "," else i - 1)


def _kind_of_filler(scan: _Scan, text: str, i: int) -> int | None:
    last = _kind_of(scan, i)
    if last is None or not _kind_of_pads(scan, last):
        return None
    return last


def _kind_of(scan: _Scan, i: int) -> int | None:
    """The last token of "kind of"/"sort of"/"kinda"/"sorta" used loosely, or None; "what kind
    of role" names a type."""
    word = scan.word(i)
    if word in {"kinda", "sorta"}:
        return i
    if word in {"kind", "sort"} and scan.word(i + 1) == "of":
        return None if scan.word(i - 1) in _TYPE_BEFORE else i + 1
    return None


def _kind_of_pads(scan: _Scan, last: int) -> bool:
    """Loose "kind of" is a filler when nothing it softens follows (a pause, another filler, a
    new clause) and a hedge when it softens the next word ("kind of hard")."""
    after = scan.word(last + 1)
    return (
        not after
        or scan.pause_after(last)
        or after in _SUBJECTS
        or after in _CONJUNCTIONS
        or after == "like"
    )


_FillerRule = Callable[[_Scan, str, int], int | None]
# The rule for each word a filler can start with; vocal fillers are matched by _VOCAL.
_FILLER_RULES: dict[str, _FillerRule] = {
    "basically": _always,
    "literally": _always,
    "you": _you_know,
    "i": _i_mean,
    "okay": _okay_so,
    "ok": _okay_so,
    "alright": _okay_so,
    "so": _so,
    "actually": _actually,
    "right": _right,
    "like": _like,
    "kind": _kind_of_filler,
    "sort": _kind_of_filler,
    "kinda": _kind_of_filler,
    "sorta": _kind_of_filler,
}


# --- Hedges -----------------------------------------------------------------------------------

# Fixed phrases that soften a claim, as normalised words; checked longest first. "I think of"
# and "I believe in" are excluded in _hedge_at.
_HEDGE_LIST = (
    "i think",
    "i guess",
    "i suppose",
    "i believe",
    "i feel like",
    "i would say",
    "id say",
    "maybe",
    "probably",
    "perhaps",
    "possibly",
    "hopefully",
    "im not sure",
    "i am not sure",
    "not really sure",
    "im not certain",
    "a little bit",
    "a little",
    "a bit",
    "more or less",
    "somewhat",
)


def _by_first_word(phrases: Sequence[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples grouped by their first word, longest first."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words_ = tuple(phrase.split())
        grouped.setdefault(words_[0], []).append(words_)
    return {first: tuple(sorted(g, key=len, reverse=True)) for first, g in grouped.items()}


_HEDGE_PHRASES = _by_first_word(_HEDGE_LIST)
_HEDGE_NOT_AFTER: dict[tuple[str, ...], set[str]] = {
    ("i", "think"): {"about", "of"},
    ("i", "believe"): {"in"},
}
# "just" softens when it downplays what you did ("I just helped", "just wanted to"); it does
# not in fixed phrases of time or manner ("just in time", "just as", "just now").
_JUST_SOFTENS_AFTER = _word_set(
    """wanted want wanna trying tried thought think feel felt kind kinda sort sorta a helped
    help did do try say said guess hoped hope made followed"""
)
_JUST_NOT_AFTER = _word_set(
    "in as like now then before after because about over under enough right when"
)
_JUST_SOFTENS_BEFORE = _SUBJECTS | _word_set("im were theyre ive weve was")
_HEDGE_STARTS = frozenset(_HEDGE_PHRASES) | _word_set("just kind sort kinda sorta")


def find_hedges(text: str, tokens: Tokens | None = None) -> list[Span]:
    """Words and phrases that soften a claim, in order, with offsets into ``text``."""
    tokens = Tokens(text) if tokens is None else tokens
    scan = _Scan(tokens)
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < scan.size:
        last = _hedge_at(scan, i) if scan.words[i] in _HEDGE_STARTS else None
        if last is None:
            i += 1
            continue
        ranges.append((i, last))
        i = last + 1
    return _spans(text, tokens, ranges)


def _hedge_at(scan: _Scan, i: int) -> int | None:
    for phrase in _HEDGE_PHRASES.get(scan.words[i], ()):
        n = len(phrase)
        if any(scan.word(i + k) != phrase[k] for k in range(1, n)):
            continue
        if scan.word(i + n) in _HEDGE_NOT_AFTER.get(phrase, ()):
            continue
        return i + n - 1
    if scan.words[i] == "just":
        return i if _just_softens(scan, i) else None
    last = _kind_of(scan, i)
    if last is not None and not _kind_of_pads(scan, last):
        return last  # "kind of hard": the loose "kind of" that softens the next word
    return None


def _just_softens(scan: _Scan, i: int) -> bool:
    after = scan.word(i + 1)
    if after in _JUST_NOT_AFTER:
        return False
    return scan.word(i - 1) in _JUST_SOFTENS_BEFORE or after in _JUST_SOFTENS_AFTER


# --- Sentences and STAR -----------------------------------------------------------------------

# A sentence ends at . ! ? (followed by a space) or a line break; "M.I.T" and "3.5" stay whole.
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s)|(?=\n)|[.!?]*\Z)", re.S)

_I_OR_WE = r"\b(?:i|we)(?:['’]ve|\s+have|\s+had)?\s+(?:(?:then|first|also|personally|\w+ly)\s+)?"
_IRREGULAR_ACTIONS = (
    "built|rebuilt|led|wrote|rewrote|ran|made|took|set|sat|spoke|met|went|began|brought|bought|"
    "chose|drove|found|gave|got|held|kept|taught|told|won|sent|spent|put|cut|drew|did|oversaw|"
    "undertook|sought|broke|split|caught|stood|dealt|sold|paid|shut|wound|came\\s+up\\s+with"
)
# Regular past tenses that describe a state of mind, not a step taken.
_NOT_ACTIONS = (
    "wanted|needed|liked|loved|hated|hoped|seemed|learned|realized|realised|noticed|wondered|"
    "believed|enjoyed|preferred|appeared|happened|interned|worked|used(?=\\s+to\\b)|was|were"
)
_CUES: dict[str, re.Pattern[str]] = {
    part: re.compile(pattern, re.IGNORECASE | re.VERBOSE)
    for part, pattern in {
        # Where and when: a past setting, a problem that existed, a job you held.
        "situation": r"""
            \b(?:when|while|back\s+when)\s+(?:i|we)\s+(?:was|were|worked|joined|started|had)\b
            | \b(?:at|in|during)\s+(?:my|our)\s+(?:(?:last|previous|former|old|current|first|
                summer|final)\s+)?(?:job|company|role|position|internship|team|employer|
                school|university|college|class|semester|project|placement|shift|year)\b
            | \b(?:last|this\s+past|one)\s+(?:year|summer|spring|fall|autumn|winter|semester|
                term|quarter|month)\b
            | \b(?:a\s+(?:few|couple\s+of)|two|three|several)\s+(?:years|months|weeks)\s+ago\b
            | \bback\s+in\b | \bin\s+(?:19|20)\d\d\b
            | \b(?:we|i|they|the\s+\w+|our\s+\w+)\s+(?:had|faced|(?:was|were)\s+facing|ran\s+into|
                hit)\s+(?:a|an|some|this|the)\s+(?:\w+\s+){0,2}(?:problem|issue|challenge|crisis|
                backlog|deadline|conflict|shortage|complaint|outage|bug|difficulty|situation)s?\b
            | \bthere\s+(?:was|were)\s+(?:a|an|this|some)\b
            | \bthe\s+(?:problem|issue|challenge|situation|context|background)\s+(?:was|is)\b
            | \b(?:i|we)\s+(?:was|were)\s+(?:working|interning|studying|volunteering|employed|
                part\s+of|on\s+(?:a|the))\b
            | \bi\s+(?:worked|interned|volunteered)\s+(?:as|at|for|in|on)\b
            | \b(?:the|our|my)\s+(?:team|company|client|customer|department|hospital|ward|
                school|store|restaurant|startup|lab|project|clinic|firm|office|shop|group)\s+
                (?:was|were|had)\b
        """,
        # What you were there to do.
        "task": r"""
            \b(?:my|our|the)\s+(?:job|role|task|goal|aim|objective|responsibility|assignment|
                mission|brief|mandate|target)\s+(?:was|were|became)\b
            | \b(?:i|we)\s+(?:needed|had|was\s+supposed|were\s+supposed|was\s+expected|
                were\s+expected)\s+to\b
            | \b(?:i|we)\s+(?:was|were)\s+(?:asked|tasked|charged|hired|brought\s+in|assigned|
                responsible|in\s+charge|given\s+the\s+(?:task|job|responsibility))\b
            | \bit\s+was\s+(?:my|our)\s+(?:job|responsibility|task|role)\b
            | \b(?:asked|told|wanted|needed)\s+me\s+to\b
            | \bi\s+had\s+the\s+task\b
        """,
        # Steps taken, said in the first person and the past tense.
        "action": rf"""
            {_I_OR_WE}(?:{_IRREGULAR_ACTIONS}|(?!(?:{_NOT_ACTIONS})\b)[a-z]{{3,}}ed)\b
            | \bwhat\s+i\s+did\s+was\b | \bmy\s+first\s+step\b | \bi\s+started\s+by\b
            | \bi\s+decided\s+to\b
        """,
        # What changed: an outcome phrase, a change verb, recognition, or on time / on budget.
        "result": r"""
            \bas\s+a\s+result\b | \b(?:in|by|at)\s+the\s+end\b | \bin\s+the\s+end\b
            | \b(?:which|this|that|it)\s+(?:led|leads)\s+to\b | \bresult(?:ed|s)?\s+in\b
            | \bthe\s+(?:result|outcome|impact|upshot)\b | \bended\s+up\b
            | \b(?:which|this|that)\s+meant\b
            | \b(?:i|we|it|this|that|they|the\s+\w+)\s+(?:\w+ly\s+)?(?:reduced|increased|cut|
                saved|grew|improved|raised|lowered|boosted|doubled|tripled|halved|shortened|
                sped\s+up|brought\s+down|eliminated|achieved|exceeded|beat|won|secured|landed)\b
            | \b(?:went|dropped|fell|rose|climbed|jumped|grew|increased|decreased|declined|
                shrank|improved)\s+(?:from|to|by)\b
            | \b(?:was|were|got|been)\s+(?:adopted|promoted|praised|recognised|recognized|
                chosen|selected|accepted|approved|published|awarded|rolled\s+out)\b
            | \b(?:got|received|won|earned)\s+(?:an?\s+|the\s+|great\s+|positive\s+|good\s+)?
                (?:award|promotion|praise|feedback|offer|grant|prize|raise|bonus|recognition|
                thanks)s?\b
            | \b(?:thanked|praised|congratulated|commended|recommended|promoted|rehired)\s+
                (?:me|us|the\s+team|my\s+team)\b
            | \bon\s+time\b | \bunder\s+budget\b | \bahead\s+of\s+schedule\b
            | \bsuccessful(?:ly)?\b
        """,
    }.items()
}

# Questions that ask for a story from the past (behavioral); others ("why us?", "what is your
# weakness?") are judged on whether they give an example, not on all four STAR parts.
_STORY_QUESTION = re.compile(
    r"""\btell\s+(?:me|us)\s+about\s+(?:a|an|one|the)\s+(?:time|situation|occasion|project|
        moment|example|challenge|mistake|failure|conflict|decision)\b
    | \bdescribe\s+(?:a|an|one)\s+(?:time|situation|occasion|project|moment)\b
    | \b(?:give|share)\s+(?:me\s+|us\s+)?(?:an?\s+)?(?:example|experience)\b
    | \bwalk\s+(?:me|us)\s+through\s+a\s+(?:time|situation|project)\b
    | \bexample\s+of\s+(?:a\s+time|when|how)\b | \bhave\s+you\s+ever\b
    | \ba\s+time\s+(?:when|that|where|you)\b
    | \bhow\s+did\s+you\s+(?:handle|deal|resolve|manage|approach|overcome|solve|respond)\b
    | \bwhat\s+did\s+you\s+do\s+when\b
    | \b(?:biggest|greatest|proudest|toughest|hardest)\s+(?:challenge|achievement|
        accomplishment|mistake|failure|success)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def wants_story(question: str | None) -> bool:
    """True when the answer should be a STAR story: a behavioral question, or no question
    given (most practice questions ask for one)."""
    return question is None or not question.strip() or bool(_STORY_QUESTION.search(question))


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    return [Sentence(m.group(), m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def find_star(found: Sequence[Sentence]) -> tuple[dict[str, StarPart], list[Quantity]]:
    """Each STAR part with its evidence sentence, and the figures in the result sentences.

    A part's evidence is the first sentence with one of its cues; for the result, the first
    result sentence that holds a figure, else the first result sentence. Figures are looked
    for in result sentences only, as for a story's result (fit/star.py), which also keeps the
    analysis fast: finding figures is its costliest step."""
    star: dict[str, StarPart] = {}
    for part in ("situation", "task", "action"):
        hit = next((s for s in found if _CUES[part].search(s.text)), None)
        star[part] = _part(hit)
    if not star["situation"].present and found and _sets_the_scene(found[0].text):
        star["situation"] = _part(found[0])
    results = [s for s in found if _CUES["result"].search(s.text)]
    figures = quantities_in(results)
    with_figure = [s for s in results if any(s.start <= q.start < s.end for q in figures)]
    best = with_figure or results
    star["result"] = _part(best[0] if best else None)
    return star, figures


# A verb in the past tense: "was", "had", "shouted", "broke".
_PAST = re.compile(
    r"\b(?:was|were|had|did|went|came|got|broke|fell|began|lost|left|ran|took|\w{2,}ed)\b",
    re.IGNORECASE,
)


def _sets_the_scene(first: str) -> bool:
    """Without a situation cue, an opening sentence told in the past tense that is not yet your
    own action, task or result still sets the scene ("A customer shouted at me in the store.")."""
    if not _PAST.search(first):
        return False
    return not any(_CUES[part].search(first) for part in ("task", "action", "result"))


def _part(sentence: Sentence | None) -> StarPart:
    if sentence is None:
        return StarPart(present=False, evidence="")
    return StarPart(present=True, evidence=sentence.text, start=sentence.start, end=sentence.end)


# --- Repeated phrases, long sentences, terms --------------------------------------------------

_FILLER_WORDS = _word_set("um uh er ah like so actually basically literally you know mean")


def repeated_phrases(tokens: Tokens, filler_ranges: Sequence[tuple[int, int]]) -> list[Repeat]:
    """Phrases of REPEAT_MIN_WORDS+ words, with REPEAT_MIN_CONTENT_WORDS words that are neither
    stop words nor fillers, said REPEAT_MIN_COUNT+ times; fillers are skipped before counting,
    and a phrase inside a longer repeated one is not listed again."""
    fillers = {k for first, last in filler_ranges for k in range(first, last + 1)}
    norms = [w for k, w in enumerate(tokens.words) if w and k not in fillers]
    levels = _repeated_grams(norms)
    found: list[Repeat] = []
    covered: set[tuple[str, ...]] = set()
    for level in reversed(levels):
        for gram, count in level.items():
            if gram not in covered and _content_words(gram) >= t.REPEAT_MIN_CONTENT_WORDS:
                found.append(Repeat(text=" ".join(gram), count=count))
            covered.update((gram[1:], gram[:-1]))  # shorter phrases inside it are not listed
    return found


def _repeated_grams(norms: Sequence[str]) -> list[dict[tuple[str, ...], int]]:
    """For n from REPEAT_MIN_WORDS up, the n-word sequences said REPEAT_MIN_COUNT+ times. A
    longer sequence can only repeat where both its shorter halves do, so only those places
    are counted."""
    n = t.REPEAT_MIN_WORDS
    starts: Sequence[int] = range(len(norms) - n + 1)
    levels: list[dict[tuple[str, ...], int]] = []
    while True:
        grams = {k: tuple(norms[k : k + n]) for k in starts}
        counts = Counter(grams.values())
        level = {g: c for g, c in counts.items() if c >= t.REPEAT_MIN_COUNT}
        if not level:
            return levels
        levels.append(level)
        if n == t.REPEAT_MAX_WORDS:
            return levels
        at = {k for k, g in grams.items() if g in level}
        starts = [k for k in sorted(at) if k + 1 in at]
        n += 1


def _content_words(gram: tuple[str, ...]) -> int:
    return sum(1 for w in gram if w not in STOPWORDS and w not in _FILLER_WORDS)


def long_sentences(found: Sequence[Sentence]) -> list[Span]:
    return [
        Span(text=s.text, start=s.start, end=s.end)
        for s in found
        if word_count(s.text) > t.LONG_SENTENCE_WORDS
    ]


def term_use(terms: Sequence[str], answer_stems: frozenset[str]) -> TermUse:
    """A term is used when every meaningful word of it appears in the answer, compared by stem
    ("managed stakeholders" uses "stakeholder management")."""
    used: list[str] = []
    missed: list[str] = []
    seen: set[str] = set()
    for raw in terms:
        term = " ".join(raw.split())
        if not term or term.casefold() in seen:
            continue
        seen.add(term.casefold())
        needed = content_stems(term) or frozenset(stems(term))
        (used if needed and needed <= answer_stems else missed).append(term)
    return TermUse(used=used, missed=missed)


# --- Timing -----------------------------------------------------------------------------------


def speaking_time(
    word_total: int, seconds: float | None, timed: Sequence[TimedWord]
) -> tuple[float, bool]:
    """Seconds and whether they were estimated: given, else from the word timings, else the
    word count at TYPED_WORDS_PER_MINUTE."""
    if seconds is not None:
        if not math.isfinite(seconds) or seconds <= 0:
            raise Invalid("The answer's length must be a positive number of seconds.")
        return float(seconds), False
    if timed:
        span = max(w.end for w in timed) - min(w.start for w in timed)
        if span > 0:
            return span, False
    return seconds_to_say(word_total), True


def pace_band(wpm: float) -> str:
    if wpm < t.PACE_SLOW_BELOW:
        return "slow"
    if wpm <= t.PACE_GOOD_MAX:
        return "good"
    if wpm <= t.PACE_BRISK_MAX:
        return "brisk"
    return "fast"


def length_band(seconds: float, word_total: int) -> str:
    if seconds > t.RAMBLING_SECONDS or word_total > t.RAMBLING_WORDS:
        return "rambling"
    if seconds < t.TARGET_SECONDS_MIN:
        return "short"
    if seconds <= t.TARGET_SECONDS_MAX:
        return "good"
    return "long"


def tally(spans: list[Span], word_total: int, seconds: float) -> Tally:
    count = len(spans)
    return Tally(
        count=count,
        per_minute=round(count * 60 / seconds, 1) if seconds > 0 else 0.0,
        per_100_words=round(count * 100 / word_total, 1) if word_total else 0.0,
        items=spans,
    )


# --- Score ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the score and tips need, gathered once."""

    story: bool
    words: int
    seconds: float
    estimated: bool
    wpm: float
    pace: str
    length: str
    fillers: Tally
    hedges: Tally
    star: dict[str, StarPart]
    quantified: bool
    result_quantities: list[Quantity]
    sentences: list[Sentence]
    terms: TermUse
    term_total: int


# A component's share earned (0–1), or None when it does not apply, with its note.
_Earned = tuple[float | None, str]


def _structure(f: _Facts) -> _Earned:
    present = [p for p in STAR_PARTS if f.star[p].present]
    missing = [p for p in STAR_PARTS if not f.star[p].present]
    if f.story:
        note = f"{len(present)} of 4 STAR parts"
        return len(present) / 4, note + (f"; missing: {', '.join(missing)}." if missing else ".")
    share = min(1.0, len(present) / t.EXAMPLE_PARTS_FOR_FULL)
    return share, (
        f"Not a story question: an example from your experience earns this "
        f"({len(present)} STAR part{'s' if len(present) != 1 else ''} found)."
    )


def _result(f: _Facts) -> _Earned:
    if not f.story:
        return None, "Not counted: the question does not ask for a story."
    if f.quantified:
        return 1.0, f"A result with a number (“{f.result_quantities[0].text}”)."
    if f.star["result"].present:
        return t.UNQUANTIFIED_RESULT_CREDIT, "A result, but without a number."
    return 0.0, "No result stated."


def _rate_share(rate: float, full_at: float, zero_at: float) -> float:
    if rate <= full_at:
        return 1.0
    if rate >= zero_at:
        return 0.0
    return (zero_at - rate) / (zero_at - full_at)


def _fillers(f: _Facts) -> _Earned:
    rate = f.fillers.per_100_words
    share = _rate_share(rate, t.FILLERS_FULL_AT, t.FILLERS_ZERO_AT)
    return share, (
        f"{rate:g} per 100 words (full marks up to {t.FILLERS_FULL_AT:g}, "
        f"none from {t.FILLERS_ZERO_AT:g})."
    )


def _hedges(f: _Facts) -> _Earned:
    rate = f.hedges.per_100_words
    share = _rate_share(rate, t.HEDGES_FULL_AT, t.HEDGES_ZERO_AT)
    return share, (
        f"{rate:g} per 100 words (full marks up to {t.HEDGES_FULL_AT:g}, "
        f"none from {t.HEDGES_ZERO_AT:g})."
    )


def _length(f: _Facts) -> _Earned:
    how = "estimated" if f.estimated else "measured"
    return t.LENGTH_CREDIT[f.length], (
        f"About {_duration(f.seconds)} ({how}), {f.words} words: {f.length} "
        f"(target {t.TARGET_SECONDS_MIN}–{t.TARGET_SECONDS_MAX} s)."
    )


def _pace(f: _Facts) -> _Earned:
    if f.estimated:
        return None, "Not counted: a typed answer has no real pace."
    return t.PACE_CREDIT[f.pace], (
        f"{f.wpm:.0f} words a minute: {f.pace} ({t.PACE_SLOW_BELOW}–{t.PACE_GOOD_MAX} is good)."
    )


def _relevance(f: _Facts) -> _Earned:
    if not f.term_total:
        return None, "Not counted: no requirements or company terms were given."
    used = len(f.terms.used)
    needed = min(t.RELEVANCE_FULL_AT, f.term_total)
    return min(1.0, used / needed), (
        f"Used {used} of {f.term_total} terms (full marks from {needed})."
    )


_COMPONENTS: dict[str, Callable[[_Facts], _Earned]] = {
    "structure": _structure,
    "result": _result,
    "fillers": _fillers,
    "hedges": _hedges,
    "length": _length,
    "pace": _pace,
    "relevance": _relevance,
}


def score(f: _Facts) -> tuple[int, dict[str, Component], dict[str, float]]:
    """The components, the score (their points summed) and each component's points lost.

    Components that do not apply get out_of 0; the weights of the others are scaled up to sum
    to 100 (largest remainders, so they stay whole numbers) and the score stays out of 100."""
    earned = {name: rule(f) for name, rule in _COMPONENTS.items()}
    applicable = {n: t.SCORE_WEIGHTS[n] for n, (share, _) in earned.items() if share is not None}
    out_of = _scale_to_100(applicable)
    components: dict[str, Component] = {}
    lost: dict[str, float] = {}
    for name, (share, note) in earned.items():
        weight = out_of.get(name, 0)
        points = round((share or 0.0) * weight, 1)
        components[name] = Component(points=points, out_of=weight, note=note)
        lost[name] = weight - points
    total = round(sum(c.points for c in components.values()))
    return max(0, min(100, total)), components, lost


def _scale_to_100(weights: dict[str, int]) -> dict[str, int]:
    total = sum(weights.values())
    exact = {n: w * 100 / total for n, w in weights.items()}
    scaled = {n: math.floor(v) for n, v in exact.items()}
    short = 100 - sum(scaled.values())
    by_remainder = sorted(exact, key=lambda n: (scaled[n] - exact[n], list(weights).index(n)))
    for name in by_remainder[:short]:
        scaled[name] += 1
    return scaled


# --- Tips -------------------------------------------------------------------------------------

_PART_HINTS = {
    "situation": "open with one sentence on where you were and what was at stake",
    "task": "say what you were responsible for (“My job was to…”)",
    "action": "walk through the steps you took yourself (“I built…”, “I asked…”)",
    "result": "finish with what changed because of what you did",
}
# Priorities of tips that cost no points; scored tips rank by the points they would win back.
_VOICE_PRIORITY = 5.0
_PAUSE_PRIORITY = 4.0
_HABIT_PRIORITY = 3.0


def tips(
    f: _Facts,
    lost: dict[str, float],
    *,
    voice: tuple[int, int, str],
    long_spans: Sequence[Span],
    repeats: Sequence[Repeat],
    long_pauses: Sequence[Pause],
) -> list[str]:
    """Two to four tips, the one that would raise the answer most first; when little needs
    fixing, what to keep doing."""
    found: list[tuple[float, str]] = []
    found += _structure_tips(f, lost)
    found += _delivery_tips(f, lost)
    i_count, we_count, verdict = voice
    if f.story and f.star["action"].present and verdict == "team":
        found.append(
            (
                _VOICE_PRIORITY,
                f"You said “we” {_times(we_count)} and “I” {_times(i_count)}; make clear "
                "which steps were yours.",
            )
        )
    if long_pauses:
        found.append(
            (
                _PAUSE_PRIORITY,
                f"{_count(len(long_pauses), 'pause')} lasted {t.LONG_PAUSE_SECONDS:g} seconds or "
                "more; jot the order of your points down beforehand so the next one comes "
                "readily.",
            )
        )
    if repeats:
        top = max(repeats, key=lambda r: r.count)
        found.append(
            (_HABIT_PRIORITY, f"You said “{top.text}” {top.count} times; vary it or leave it out.")
        )
    if long_spans:
        longest = max(word_count(s.text) for s in long_spans)
        found.append(
            (
                _HABIT_PRIORITY,
                f"One sentence runs to {longest} words; break it up so each step lands on its own.",
            )
        )
    found.sort(key=lambda tip: -tip[0])
    chosen = [text for priority, text in found if priority > 0][: t.MAX_TIPS]
    for text in _keep_doing(f):
        if len(chosen) >= t.MIN_TIPS:
            break
        if text not in chosen:
            chosen.append(text)
    return chosen


def _structure_tips(f: _Facts, lost: dict[str, float]) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    missing = [p for p in STAR_PARTS if not f.star[p].present]
    if f.story and missing:
        hints = "; ".join(_PART_HINTS[p] for p in missing)
        names = _or([f"the {part}" for part in missing])
        found.append((lost["structure"], f"I could not find {names} in your answer: {hints}."))
    elif not f.story and lost["structure"] > 0:
        found.append(
            (
                lost["structure"],
                "Back your point with something you did: one short, concrete example from your "
                "own experience makes it believable.",
            )
        )
    if f.story and f.star["result"].present and not f.quantified:
        figures = quantities_in(f.sentences)  # only now: the costly search is seldom needed
        elsewhere = f" (you mention “{figures[0].text}”, but not as an outcome)" if figures else ""
        found.append(
            (
                lost["result"],
                f"Your result has no number{elsewhere}: how much faster, cheaper or better was "
                "it, and for how many people?",
            )
        )
    if f.term_total and lost["relevance"] > 0 and f.terms.missed:
        names = _or([f"“{term}”" for term in f.terms.missed[:2]])
        found.append(
            (
                lost["relevance"],
                f"You did not mention {names}; link one of them to what you did.",
            )
        )
    return found


def _delivery_tips(f: _Facts, lost: dict[str, float]) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    if f.fillers.count and lost["fillers"] > 0:
        found.append((lost["fillers"], _filler_tip(f)))
    if f.hedges.count and lost["hedges"] > 0:
        found.append(
            (
                lost["hedges"],
                f"You softened your points {_times(f.hedges.count)} "
                f"({_listing(_kinds(f.hedges.items))}); say what you did and what happened "
                "plainly.",
            )
        )
    if f.length != "good":
        found.append((lost["length"], _length_tip(f)))
    if not f.estimated and f.pace != "good":
        found.append((lost["pace"], _pace_tip(f)))
    return found


def _filler_tip(f: _Facts) -> str:
    kinds = _kinds(f.fillers.items)
    rate = (
        f"{f.fillers.per_100_words:g} per 100 words"
        if f.estimated
        else f"{f.fillers.per_minute:g} a minute"
    )
    if len(kinds) == 1:
        said = f"You said “{kinds[0][0]}” {_times(kinds[0][1])} ({rate})"
    else:
        said = f"You used {f.fillers.count} fillers ({rate}: {_listing(kinds)})"
    return f"{said}; pause silently instead — a moment of quiet sounds more considered."


def _length_tip(f: _Facts) -> str:
    about = f"At about {_duration(f.seconds)}"
    if f.length == "short" and f.seconds < 10:
        return (
            f"At {f.words} word{'s' if f.words != 1 else ''} the answer is too brief to judge; "
            "say where you were, what you did and what changed, in one to two minutes."
        )
    if f.length == "short":
        return (
            f"{about} the answer is thin; add the steps you took and what changed, aiming for "
            "one to two minutes."
        )
    if f.length == "long":
        return f"{about} the answer runs past two minutes; cut the background to a sentence."
    return (
        f"{about} and {f.words} words the answer rambles; keep the setting to one sentence "
        "and stop once you have given the result."
    )


def _pace_tip(f: _Facts) -> str:
    wpm = f"{f.wpm:.0f} words a minute"
    if f.pace == "slow":
        return (
            f"At {wpm} you sound unsure; rehearse the story until its order comes easily "
            f"(aim for {t.PACE_SLOW_BELOW}–{t.PACE_GOOD_MAX})."
        )
    if f.pace == "brisk":
        return f"At {wpm} you are a little quick; slow down and let your key points land."
    return f"At {wpm} you are rushing; slow down and pause after each key point."


def _keep_doing(f: _Facts) -> list[str]:
    """Praise for what went well, then general advice, to fill up to MIN_TIPS."""
    found: list[str] = []
    if f.story and all(f.star[p].present for p in STAR_PARTS):
        found.append("All four STAR parts are there; keep that shape for your other stories.")
    if f.quantified:
        found.append(f"Keep putting numbers in your results, like “{f.result_quantities[0].text}”.")
    if f.fillers.per_100_words <= t.FILLERS_FULL_AT:
        found.append("Hardly any fillers; keep pausing rather than filling.")
    if not f.estimated and f.pace == "good":
        found.append(f"Your pace of {f.wpm:.0f} words a minute is easy to follow.")
    if f.length == "good":
        found.append("The length suits an interview answer: one to two minutes.")
    found.append("Say the answer aloud once more so it sounds natural rather than memorised.")
    found.append("Write down the one point you want the interviewer to remember, and end on it.")
    return found


def _kinds(spans: Sequence[Span]) -> list[tuple[str, int]]:
    """Each distinct word or phrase with how often it was said, most frequent first; in lower
    case except for "I" ("I think", not "i think")."""
    counts = Counter(_display(s.text) for s in spans)
    return counts.most_common()


def _display(said: str) -> str:
    return " ".join(
        "I" + w[1:] if w == "i" or w[:2] in ("i'", "i’") else w for w in said.lower().split()
    )


def _listing(kinds: Sequence[tuple[str, int]], most: int = 3) -> str:
    """“um” ×4, “like” ×2, “you know” — the most frequent few."""
    return ", ".join(f"“{w}” ×{n}" if n > 1 else f"“{w}”" for w, n in kinds[:most])


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _or(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    if whole < 90:
        return f"{whole} seconds"
    return f"{whole // 60}:{whole % 60:02d} minutes"


# --- The answer -------------------------------------------------------------------------------


def analyze_answer(
    text: str,
    *,
    question: str | None = None,
    seconds: float | None = None,
    words: Sequence[TimedWord] | None = None,
    requirements: Sequence[str] = (),
    company_terms: Sequence[str] = (),
    pauses: Sequence[Pause] = (),
) -> AnswerReport:
    """Measure one answer. ``seconds`` is its spoken length when known; ``words`` the speech
    recogniser's timed words (their span gives the length when ``seconds`` is not given);
    ``pauses`` the silences measured in the audio. Without either, the length is estimated
    from the word count and pace is not scored."""
    _check(text)
    tokens = Tokens(text)
    word_total = word_count(text)
    secs, estimated = speaking_time(word_total, seconds, words or ())
    wpm = word_total * 60 / secs if secs > 0 else 0.0
    filler_ranges = _filler_ranges(text, tokens)
    filler_spans = _spans(text, tokens, filler_ranges)
    found_sentences = sentences(text)
    star, result_quantities = find_star(found_sentences)
    voice = voice_of(text)
    # Stemming every word is only worth it when there are terms to look for.
    answer_stems = (
        frozenset(stem(w) for w in text_words(text))
        if requirements or company_terms
        else frozenset()
    )
    req_use = term_use(requirements, answer_stems)
    company_use = term_use(company_terms, answer_stems)
    hesitations = [p for p in pauses if t.HESITATION_SECONDS <= p.seconds < t.LONG_PAUSE_SECONDS]
    long_pauses = [p for p in pauses if p.seconds >= t.LONG_PAUSE_SECONDS]
    facts = _Facts(
        story=wants_story(question),
        words=word_total,
        seconds=secs,
        estimated=estimated,
        wpm=wpm,
        pace=pace_band(wpm),
        length=length_band(secs, word_total),
        fillers=tally(filler_spans, word_total, secs),
        hedges=tally(find_hedges(text, tokens), word_total, secs),
        star=star,
        quantified=bool(result_quantities),
        result_quantities=result_quantities,
        sentences=found_sentences,
        terms=TermUse(
            used=req_use.used + company_use.used, missed=req_use.missed + company_use.missed
        ),
        term_total=len(req_use.used)
        + len(req_use.missed)
        + len(company_use.used)
        + len(company_use.missed),
    )
    total, components, lost = score(facts)
    long_spans = long_sentences(found_sentences)
    repeats = repeated_phrases(tokens, filler_ranges)
    return AnswerReport(
        words=word_total,
        seconds=round(secs, 1),
        seconds_estimated=estimated,
        wpm=round(wpm, 1),
        pace=facts.pace,
        length=facts.length,
        fillers=facts.fillers,
        hedges=facts.hedges,
        star=star,
        quantified_result=facts.quantified,
        quantities=[Span(text=q.text, start=q.start, end=q.end) for q in result_quantities],
        i_count=voice.i_count,
        we_count=voice.we_count,
        voice=voice.verdict,
        long_sentences=long_spans,
        repeated_phrases=repeats,
        requirements=req_use,
        company_terms=company_use,
        hesitations=hesitations,
        long_pauses=long_pauses,
        score=total,
        components=components,
        tips=tips(
            facts,
            lost,
            voice=(voice.i_count, voice.we_count, voice.verdict),
            long_spans=long_spans,
            repeats=repeats,
            long_pauses=long_pauses,
        ),
    )


def _check(text: str) -> None:
    if not text or not text.strip():
        raise Invalid("There is no answer to analyse: type or record what you would say.")
    if len(text) > t.MAX_ANSWER_CHARS:
        raise Invalid(
            f"The answer is too long to analyse: {len(text):,} characters, and the limit is "
            f"{t.MAX_ANSWER_CHARS:,}. A spoken answer rarely needs more than 400 words."
        )


def as_dict(report: AnswerReport) -> dict[str, Any]:
    """The report as JSON-ready builtins, in the shape the command line prints."""
    return {
        "words": report.words,
        "seconds": round(report.seconds, 1),
        "seconds_estimated": report.seconds_estimated,
        "wpm": round(report.wpm, 1),
        "pace": report.pace,
        "length": report.length,
        "fillers": _tally_dict(report.fillers),
        "hedges": _tally_dict(report.hedges),
        "star": {
            part: {
                "present": p.present,
                "evidence": p.evidence,
                "start": p.start,
                "end": p.end,
            }
            for part, p in report.star.items()
        },
        "quantified_result": report.quantified_result,
        "quantities": [_span_dict(s) for s in report.quantities],
        "voice": {"i": report.i_count, "we": report.we_count, "verdict": report.voice},
        "long_sentences": [_span_dict(s) for s in report.long_sentences],
        "repeated_phrases": [{"text": r.text, "count": r.count} for r in report.repeated_phrases],
        "requirements": {"used": report.requirements.used, "missed": report.requirements.missed},
        "company_terms": {
            "used": report.company_terms.used,
            "missed": report.company_terms.missed,
        },
        "hesitations": [_pause_dict(p) for p in report.hesitations],
        "long_pauses": [_pause_dict(p) for p in report.long_pauses],
        "score": report.score,
        "components": {
            name: {"points": round(c.points, 1), "out_of": c.out_of, "note": c.note}
            for name, c in report.components.items()
        },
        "tips": list(report.tips),
    }


def _tally_dict(tally_: Tally) -> dict[str, Any]:
    return {
        "count": tally_.count,
        "per_minute": round(tally_.per_minute, 1),
        "per_100_words": round(tally_.per_100_words, 1),
        "items": [_span_dict(s) for s in tally_.items],
    }


def _span_dict(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def _pause_dict(pause: Pause) -> dict[str, Any]:
    return {
        "start": round(pause.start, 1),
        "end": round(pause.end, 1),
        "seconds": round(pause.seconds, 1),
    }
