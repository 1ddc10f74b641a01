"""Fillers: sounds and words that fill a pause without meaning anything ("um", "you know",
"like" as padding, "basically"). Most filler words also have a meaning, so each has a rule
that reads its neighbours: "I like Python" and "looks like rain" are not fillers; "it was,
like, hard" is."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress, count

from nextround.feedback.report import Span
from nextround.feedback.tokens import (
    CONJUNCTIONS,
    DETERMINERS,
    SUBJECTS,
    VOCAL,
    Scan,
    spans,
    word_set,
)
from nextround.text import Tokens

# Forms of "be": after them "like" compares ("it was like a maze") or pads ("I was like no").
_BE = word_set("is are was were am be been being im its thats hes shes theyre were youre whats")
# Words that turn a following "like" into the verb: "I like", "would like", "don't like".
_LIKE_VERB_BEFORE = SUBJECTS | word_set(
    """would wouldnt id youd wed theyd should could might will do does did dont doesnt didnt
    not really also always never still genuinely truly people"""
)
# "to like" is the verb after words that take an infinitive of liking ("want to like it",
# "learned to like Python") or before its object ("to like the job"); otherwise "to" is the
# infinitive marker or the preposition with padding after it ("asked us to like run").
_LIKE_TO_VERB_BEFORE = word_set(
    """want wants wanted wanting would id love loves loved hate hates hated prefer going
    learn learns learned learnt learning come came grow grew seem seems seemed start started
    begin began tend tends tended try tried used need needs needed hope hoped"""
)
# Words that open a clause and need its subject next, so "like" cannot follow as the verb or
# as a preposition: "where like they listen", "when like nobody came".
_LIKE_CLAUSE_BEFORE = word_set(
    "where when whenever whether if unless although though while whereas since until how why"
)
# Relative or complement words after which "like" can be the verb ("people who like sports")
# but not when a subject follows: "is that like I have to" is padding.
_RELATIVES = word_set("that who which")
_SUBJECT_ONLY = word_set("i we they he she")
# Prepositions: "like" right after one is neither the verb nor a comparison ("for like a
# billion", "instead of like a break"); "kind of like" and "sort of like" are left alone.
_PREPOSITIONS = word_set(
    """of for on in with about through at from into onto by over during without towards
    toward against among between within"""
)
# Forms of "have": "like" after them is neither the verb ("have liked") nor a comparison.
_HAVE = word_set("have has had having ive weve youve theyve hadnt havent hasnt")
_LIKE_OBJECTS = DETERMINERS | word_set(
    """me you him her it us them myself yourself himself herself itself ourselves themselves
    people everyone everybody everything anyone anybody anything someone somebody something
    nobody nothing what whatever how when where who doing working being"""
)
# Words that make "like" mean "similar to" or "about": "looks like", "something like 20%".
_LIKE_SIMILE_BEFORE = word_set(
    """look looks looked looking seem seems seemed sound sounds sounded feel feels felt
    feeling something anything nothing everything more much just exactly very things stuff
    ones someone somebody"""
)
# Words after "like" that show it is padding, not a comparison: "like really hard".
_LIKE_PADDING_AFTER = word_set(
    """really very so super totally just kind kinda sort sorta basically literally actually
    honestly pretty"""
)
_NUMBER_WORDS = word_set(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million half dozen"""
)
_SAID = word_set("said say mentioned mention told")
# "what kind of role", "a sort of tool": the noun, not padding.
_TYPE_BEFORE = word_set(
    """what which this that these those any some the a an every each one same different no
    other another certain particular right wrong my our your his her their whatever
    new similar special first only"""
)
# "you know that/how/him": the verb with an object, not the filler.
_KNOW_OBJECTS = DETERMINERS | word_set(
    """how what why where when who whom whether if about him her it them me us anything
    everything something nothing someone somebody more much enough exactly all both which
    lots"""
)
_YOU_KNOW_NOT_BEFORE = word_set(
    "do did dont didnt if as would will could can might may should let to what"
)
# "I mean it/that/to": meaning something, not the filler.
_MEAN_OBJECTS = word_set("it that to by what this these those every no exactly")
_I_MEAN_NOT_BEFORE = word_set("what do did dont didnt which if you not")


def find_fillers(text: str, tokens: Tokens | None = None) -> list[Span]:
    """Filler words and phrases in order, with offsets into ``text``."""
    tokens = Tokens(text) if tokens is None else tokens
    return spans(tokens, filler_ranges(tokens))


def filler_ranges(tokens: Tokens) -> list[tuple[int, int]]:
    """(first, last) token indices of each filler, left to right, none overlapping."""
    scan = Scan(tokens)
    ranges: list[tuple[int, int]] = []
    after = 0  # the first token not inside a filler already found
    # Only the few tokens a filler can start with are looked at, picked out without a Python
    # step per token: the words with a rule, unless the word their filler needs next is
    # nowhere in the text ("i" without "mean"), and the sounds, looked for among the distinct
    # words, one per line, in one search (a word holds no line break).
    distinct = tokens.distinct
    starting = {w for w in _FILLER_RULES if _SECOND_WORD.get(w, w) in distinct}
    starting.update(_SOUND_LINE.findall("\n".join(distinct)))
    for i in compress(count(), map(starting.__contains__, scan.words)):
        if i < after:
            continue
        word = scan.words[i]
        rule = _FILLER_RULES.get(word)
        if rule is not None:
            last = rule(scan, i)
        elif VOCAL.fullmatch(word):
            last = _vocal(scan, i)
        else:
            last = _drawn_out(scan, i)
        if last is None:
            continue
        scan.filler_at.update(range(i, last + 1))
        ranges.append((i, last))
        after = last + 1
    return ranges


def _vocal(scan: Scan, i: int) -> int | None:
    raw = scan.tokens.written(i)
    if len(raw) > 1 and raw.isupper():
        return None  # "ER", "AH": abbreviations, not sounds
    if scan.words[i].startswith("m") and scan.word(i - 1)[:1].isdigit():
        return None  # "5 mm" is millimetres
    return i


def _always(scan: Scan, i: int) -> int | None:
    # "basically" and "literally" almost never carry meaning in spoken answers.
    return i


def _you_know(scan: Scan, i: int) -> int | None:
    if scan.word(i + 1) != "know":
        return None
    if scan.word(i - 1) in _YOU_KNOW_NOT_BEFORE:
        return None  # "do you know", "as you know": a real question or reference
    if [scan.word(i + k) for k in (2, 3, 4)] == ["what", "i", "mean"]:
        return i + 4  # the whole tag "you know what I mean"
    if scan.word(i + 2) in _KNOW_OBJECTS:
        return None  # "you know how it works": knowing something
    return i + 1


def _i_mean(scan: Scan, i: int) -> int | None:
    if scan.word(i + 1) != "mean":
        return None
    if scan.word(i - 1) in _I_MEAN_NOT_BEFORE or scan.word(i + 2) in _MEAN_OBJECTS:
        return None  # "what I mean is", "I mean it": meaning, not padding
    return i + 1


def _okay_so(scan: Scan, i: int) -> int | None:
    # "Okay so" / "Alright, so" opening a clause: a run-up before the answer starts.
    if not scan.clause_start(i):
        return None
    j = i + 1 if scan.mark(i + 1) == "," else i
    return j + 1 if scan.word(j + 1) == "so" else None


def _so(scan: Scan, i: int) -> int | None:
    # "So" or "well" opening a clause counts only when it holds the floor: another filler, an
    # ellipsis or a dash after it ("So, um", "Well..."), or nothing after it ("…, so."). A
    # comma alone does not: writers and transcribers put one after the connective ("So, I
    # called them") and after the reply word ("Well, it depends"), which carry meaning.
    if not scan.clause_start(i) or not scan.holds_after(i):
        return None
    return i


def _drawn_out(scan: Scan, i: int) -> int | None:
    # "Sooo", "welll": a word stretched to hold the floor is a filled pause, whatever follows.
    return i


def _actually(scan: Scan, i: int) -> int | None:
    # Only when set off like an aside: "Actually, ..." or ", actually," — inside a clause it
    # is an ordinary adverb ("what actually happened").
    if scan.clause_start(i) and scan.pause_after(i):
        return i
    if scan.mark(i - 1) == "," and scan.mark(i + 1) in {",", ".", "$"}:
        return i
    return None


def _right(scan: Scan, i: int) -> int | None:
    # A tag question ("..., right?") or an opening marker ("Right, so"); never "the right
    # person" or "right now".
    if scan.word(i - 1) in {"all", "thats", "is", "the"}:
        return None
    if scan.mark(i + 1) == "?":
        return i
    if scan.clause_start(i) and scan.mark(i + 1) == ",":
        return i
    return None


def _like(scan: Scan, i: int) -> int | None:
    return i if _like_is_filler(scan, i) else None


def _like_is_filler(scan: Scan, i: int) -> bool:
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
    if after in SUBJECTS and scan.word(i + 2) in _SAID:
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
        return after not in DETERMINERS  # "it was like a maze" compares; "I was like no"
    if scan.clause_start(i):
        # "and like we tried": padding. A sentence opening "Like the others, ..." compares, and
        # after a comma "like a phone" gives an example ("a screen, like a phone has").
        return not (scan.mark(i - 1) in {".", "!", "?", "^", ","} and after in DETERMINERS)
    return False  # a preposition: "tools like Jira"


def _hyphenated(scan: Scan, i: int) -> bool:
    """Whether token ``i`` is joined to the next word by a hyphen: "like-minded"."""
    ends, starts = scan.tokens.ends, scan.tokens.starts
    return (
        scan.mark(i + 1) == "-"
        and bool(scan.word(i + 2))
        and ends[i] == starts[i + 1]
        and ends[i + 1] == starts[i + 2]
    )


def _vocal_at(scan: Scan, j: int) -> bool:
    """Whether token ``j`` was counted as a vocal filler ("um", "uh")."""
    return j in scan.filler_at and bool(VOCAL.fullmatch(scan.words[j]))


def _vocal_before(scan: Scan, i: int) -> bool:
    """A vocal filler ("um", "uh") just before token ``i``, a comma allowed between."""
    return _vocal_at(scan, i - 2 if scan.mark(i - 1) == "," else i - 1)


def _kind_of_filler(scan: Scan, i: int) -> int | None:
    last = kind_of(scan, i)
    if last is None or not kind_of_pads(scan, last):
        return None
    return last


def kind_of(scan: Scan, i: int) -> int | None:
    """The last token of "kind of"/"sort of"/"kinda"/"sorta" used loosely, or None; "what kind
    of role" names a type."""
    word = scan.word(i)
    if word in {"kinda", "sorta"}:
        return i
    if word in {"kind", "sort"} and scan.word(i + 1) == "of":
        return None if scan.word(i - 1) in _TYPE_BEFORE else i + 1
    return None


def kind_of_pads(scan: Scan, last: int) -> bool:
    """Loose "kind of" is a filler when nothing it softens follows (a pause, another filler, a
    new clause) and a hedge when it softens the next word ("kind of hard")."""
    after = scan.word(last + 1)
    return (
        not after
        or scan.pause_after(last)
        or after in SUBJECTS
        or after in CONJUNCTIONS
        or after == "like"
    )


# Filler words stretched in the spelling: "soo", "sooo", "welll".
_DRAWN_OUT = re.compile(r"so{2,}|wel{3,}")

_FillerRule = Callable[[Scan, int], int | None]
# The word a rule's filler must have next (after a comma, for "okay, so"): without it anywhere
# in the text, the rule finds nothing.
_SECOND_WORD = {
    "you": "know",
    "i": "mean",
    "okay": "so",
    "ok": "so",
    "alright": "so",
    "kind": "of",
    "sort": "of",
}
# The rule for each word a filler can start with; vocal fillers are matched by VOCAL.
_FILLER_RULES: dict[str, _FillerRule] = {
    "basically": _always,
    "literally": _always,
    "you": _you_know,
    "i": _i_mean,
    "okay": _okay_so,
    "ok": _okay_so,
    "alright": _okay_so,
    "so": _so,
    "well": _so,
    "actually": _actually,
    "right": _right,
    "like": _like,
    "kind": _kind_of_filler,
    "sort": _kind_of_filler,
    "kinda": _kind_of_filler,
    "sorta": _kind_of_filler,
}
# Vocal fillers and drawn-out words; the look-ahead turns most other words away at their first
# letter.
_SOUND_LINE = re.compile(f"(?m)^(?=[aehmusw])(?:{VOCAL.pattern}|{_DRAWN_OUT.pattern})$")
