"""How much evidence a sentence holds for a STAR result (``nextround.fit.parts``): an outcome
phrase, a change with its size, recognition, others taking the work up, and results told in
plain words (a state reached, when it was reached, a comparison with before, others judging
the work)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts.phrases import Said
from nextround.fit.parts.reading import head_at, is_verbish

SIZE_REACH = 9  # words after a change verb its size may stand in
NOTHING = frozenset({"nothing", "none"})


def result(said: Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if lex.OUTCOME.find(said):
        score = 2.5
    elif lex.ABLE.find(said):
        score = 2.0  # "… and was able to answer all their questions."
    elif lex.MILD_OUTCOME.find(said):
        score = 1.5
    if (bag & lex.UPTAKE or "used" in bag) and any(
        (w in lex.UPTAKE or (w == "used" and words[at + 1 : at + 2] in (["my"], ["our"])))
        and at > head
        and words[at - 1] not in lex.SUBJECTS
        for at, w in enumerate(words)
    ):
        score = max(score, 2.5)  # "two other wards adopted it", "the head used my format"
    recognised = lex.RECOGNITION.find(said)
    if recognised and (lex.NOT_YET.isdisjoint(said.bag) or not awaited(said, recognised)):
        score = 3.0
    sized = sized_change(words)
    if sized:
        score = max(score, 3.0)
    elif not lex.CHANGE_KEYS.isdisjoint(bag) and changed(words, head):
        score = max(score, 1.5)
    if ":" in bag and bag & lex.METRICS and any(lex.FIGURE.match(w) for w in words):
        score = max(score, 2.5)  # "Pipeline time: 8 minutes."
    rest = words[head:]
    if (
        not said.did
        and rest[:1] in (["within"], ["over"], ["after"])
        and any(w in {"weeks", "months", "days", "years", "week", "month"} for w in rest[:4])
    ):
        score = max(score, 2.0)  # "Within six weeks, accuracy reached 89%."
    if bag & lex.DONE and rest[:1] not in (["i"], ["we"]) and done(said):
        score = max(score, 2.0)  # "All 95 returns filed before the deadline."
    if rest[:1] == ["no"] and any(is_verbish(w) for w in rest[1:5]):
        score = max(score, 2.0)  # "No data accessed with the key."
    if rest[:1] and rest[0] in {"prevented", "eliminated", "avoided", "achieved", "contained"}:
        score = max(score, 2.5)
    return max(score, came_about(said)) if score < 2.5 else score


def awaited(said: Said, recognised: re.Match[str]) -> bool:
    """Recognition said as what had not yet happened: "before her options were chosen", "until
    the plan was approved" (up to four words before it)."""
    before = said.text[: recognised.start()].split()[-5:]
    return not lex.NOT_YET.isdisjoint(before)


def came_about(said: Said) -> float:
    """A result told in plain words, without a change verb's size or an outcome phrase: others
    coming back for more ("recommended me to three neighbours"), a comparison with before
    ("twice as fast as before"), a perfect tense reaching to now ("hasn't cut out since"), a
    state reached ("the backlog was gone", "the complaints dried up") the more when told with
    when it was reached ("by Friday", "a month later"), what did not come back or stopped
    coming ("without another near miss"), others judging the work ("my manager said it was
    the clearest report")."""
    bag = said.bag
    if lex.RETURNED.find(said) or lex.THAN_BEFORE.find(said) or since_now(said):
        return 2.5
    words, head = said.words, said.head
    after = bool(lex.AFTERWARDS.find(said)) or later(said)
    state = settled(said) or turned(said)
    if after and (state or (not lex.CHANGE_KEYS.isdisjoint(bag) and changed(words, head))):
        return 2.5
    if state or lex.NEVER_AGAIN.find(said) or lex.NO_MORE.find(said) or judged(said):
        return 2.0
    if no_trouble(said) or now_done(said) or still_now(said):
        return 2.0
    if after and not said.did and (not lex.BE.isdisjoint(words[head:]) or at_level(said)):
        # A state or a level by then: "Two weeks later the queue was empty.", "Backlog under
        # 100 by day nine."; an event alone ("Two trucks came the next morning.") may be either.
        return 2.0
    return 0.0


def now_done(said: Said) -> bool:
    """A practice kept up to now, said of others: "the ward now checks for similar names",
    "the afternoons are busy now"; not "I now think"."""
    if "now" not in said.bag:
        return False
    words = said.words
    at = words.index("now")
    after, before = words[at + 1 : at + 2], words[max(0, at - 4) : at]
    present = bool(after) and (
        after[0] in lex.PRESENT_VERBS
        or (after[0].endswith("s") and len(after[0]) > 3 and not after[0].endswith("ss"))
    )
    return (present and words[at - 1 : at] not in (["i"], ["we"])) or (
        not after and not lex.PRESENT_BE.isdisjoint(before)
    )


def at_level(said: Said) -> bool:
    """A figure given as a level: "under 100", "at 4.6", "down to 12"."""
    words = said.words
    return not lex.LEVEL_WORDS.isdisjoint(said.bag) and any(
        lex.FIGURE.match(w) and at and words[at - 1] in lex.LEVEL_WORDS
        for at, w in enumerate(words)
    )


def no_trouble(said: Said) -> bool:
    """No problem left, said after a verb: "the auditors raised no issue", "we had no
    complaints"; not "with no belt" (what the story met)."""
    if "no" not in said.bag or lex.PROBLEMS.isdisjoint(said.bag):
        return False
    words = said.words
    return any(
        w == "no"
        and at
        and is_verbish(words[at - 1])
        and not lex.PROBLEMS.isdisjoint(words[at + 1 : at + 3])
        for at, w in enumerate(words)
    )


def later(said: Said) -> bool:
    """ "a month later", "two weeks later"."""
    words = said.words
    return "later" in said.bag and any(
        w == "later" and at and words[at - 1] in lex.TIME_UNITS for at, w in enumerate(words)
    )


def settled(said: Said) -> bool:
    """A thing said to be in a state reached: "the backlog was gone", "the ward was calm";
    not "I was ready", "it had been fixed" (the state before the story), "was over budget"."""
    if lex.SETTLED.isdisjoint(said.bag) or lex.BE.isdisjoint(said.bag):
        return False
    words = said.words
    for at, word in enumerate(words):
        if word not in lex.SETTLED or at < 2 or words[at + 1 : at + 2] in lex.NOT_SETTLED:
            continue
        be = at - 1
        if words[be] in lex.SOFTENERS or words[be].endswith("ly"):
            be -= 1  # "was finally fixed", "was all sorted"
        if words[be] not in lex.BE or words[be - 1] in lex.SUBJECTS:
            continue
        if words[be] != "been" or words[be - 1] in lex.PERFECT:
            return True
    return False


def turned(said: Said) -> bool:
    """A change told with its particle, said of a thing: "the complaints dried up"."""
    if lex.TURN_FIRSTS.isdisjoint(said.bag):
        return False
    words = said.words
    return any(
        (w, words[at + 1]) in lex.TURNS
        and (at == 0 or words[at - 1] not in lex.SUBJECTS | {"had", "to"})
        for at, w in enumerate(words[:-1])
    )


def still_now(said: Said) -> bool:
    """What still holds now, told in the present: "she still sends us a card every Christmas",
    "she's still one of my regulars", "we still use it"; not "it was still leaking"."""
    if "still" not in said.bag:
        return False
    words = said.words
    at = words.index("still")
    before, after = words[at - 1] if at else "", words[at + 1] if at + 1 < len(words) else ""
    return (
        before in lex.PRESENT_BE
        or before.endswith(("'s", "’s", "'re", "’re"))
        or after in lex.PRESENT_BE
        or after in lex.STILL_DOING
        or (before in lex.PRONOUNS and after.endswith("s") and after[-2:] != "ss")
    )


def since_now(said: Said) -> bool:
    """A perfect tense up to now, told with "since": "it hasn't cut out since", "we've had no
    complaints since the change"; not "since 2019", "since I joined"."""
    if "since" not in said.bag or lex.PERFECT.isdisjoint(said.bag):
        return False
    words = said.words
    at = words.index("since")
    after = words[at + 1 : at + 3]
    if after and (not lex.NOT_SINCE.isdisjoint(after) or lex.FIGURE.match(after[0])):
        return False
    return any(
        w in lex.PERFECT and words[i + 1 : i + 2] != ["to"] for i, w in enumerate(words[:at])
    )


def judged(said: Said) -> bool:
    """Someone else saying the work was good: "the client told us it was far easier", "his
    son rang to say thank you"; not "I told her it was fine", nor "not happy"."""
    if lex.SAYING.isdisjoint(said.bag) or lex.PRAISE.isdisjoint(said.bag):
        return False
    words = said.words
    for at, word in enumerate(words):
        if word in lex.SAYING and at:
            who = words[at - 2] if words[at - 1].endswith("ly") and at > 1 else words[at - 1]
            told = words[at + 1 : at + 13]
            if (
                who not in lex.SUBJECTS
                and not lex.PRAISE.isdisjoint(told)
                and lex.NEGATIONS.isdisjoint(told)
            ):
                return True
    return False


def done(said: Said) -> bool:
    """Work said to be finished, not to be done: not "would be served", "to be filed"."""
    if said.did:
        return False
    words = said.words
    return any(
        (at == 0 or words[at - 1] not in {"be", "to", "would", "will"})
        and words[at - 2 : at] != ["had", "been"]  # the state before the story
        for at in compress(count(), map(lex.DONE.__contains__, words))
    )


def sized_change(words: Sequence[str]) -> bool:
    """A change with its size: "fell from 14 to 4", "down 21%", "improved 25%", "by half",
    "restored in 18 minutes"; not a state before the story ("had dropped to 65%")."""
    if lex.SIZEABLE.isdisjoint(words):
        return False
    # Only the words a change or a level is told with are looked at (every test below needs
    # one), picked out without a Python step per word.
    for at in compress(count(), map(lex.SIZEABLE.__contains__, words)):
        word = words[at]
        if word in lex.LEVEL and not before_story(words, at):
            after = words[at + 1 : at + 3]
            if word == "went" and after[:1] == ["from"]:
                return True  # "went from weekly to once a month"
            level = word != "went" and after[:1] in (["to"], ["at"]) and len(after) > 1
            if level and (lex.FIGURE.match(after[1]) or after[1] in lex.ROUGHLY):
                return True  # "stayed at 4.6", "reached to about"
            if after and lex.FIGURE.match(after[0]) and word in {"reached", "hit", "grew"}:
                return True
        if (
            word in {"up", "down"}
            and at
            and is_verbish(words[at - 1])
            and words[at - 1] not in lex.MOVES
        ):
            continue  # "set up a board", "lived up two flights"
        changed = word in lex.CHANGE or word in lex.CHANGE_NOUNS
        if changed and not before_story(words, at) and has_size(_clause_after(words, at)):
            return True
    return False


def _clause_after(words: Sequence[str], at: int) -> Sequence[str]:
    """The words after the change verb up to where its clause ends, at most SIZE_REACH: the
    size may follow a long object ("cut the falls on the ward by a third")."""
    after = words[at + 1 : at + 1 + SIZE_REACH]
    for end, word in enumerate(after):
        if end and word in lex.CLAUSE_LINKS:
            return after[:end]
    return after


def has_size(after: Sequence[str]) -> bool:
    """A size follows within a few words: "80%", "$200K", "by 90%", "from 14 to 4", "to six
    days", "in 18 minutes", "my team five hours"; not a stretch of time ("for three months")."""
    if after[:1] and lex.FIGURE.match(after[0]):
        return True  # "down 21", "improved 25%"
    for at, word in enumerate(after):
        if word in {"%", "$", "£", "€"} and at:
            return True
        follows = after[at + 1 : at + 4]
        if word in {"by", "from", "to", "in"} and follows:
            size = follows[1:] if follows[0] in lex.ROUGHLY else follows
            if size[:1] == ["a"]:
                size = size[1:]  # "by a third"
            if size and (lex.FIGURE.match(size[0]) or (word == "to" and size[0] in NOTHING)):
                return True  # "by 90%", "down to almost nothing"
        unit = after[at + 1 : at + 2]
        if at and lex.FIGURE.match(word) and unit and unit[0] in lex.UNITS:
            # "saved my team five hours", not "down for 3 hours"
            return after[at - 1] not in lex.STRETCH
    return False


def before_story(words: Sequence[str], at: int) -> bool:
    """A change meant ("to cut", "would cut") or told in the past perfect as the state before
    the story ("had crept up to 3%"), unless the sentence opens on when it was reached ("By the
    spring, incidents had fallen …")."""
    before = words[at - 1] if at else ""
    if before in {"to", "would"}:
        return True
    earlier = words[max(0, at - 2) : at]
    perfect = any(w == "had" or w.endswith("'d") for w in earlier)
    return perfect and words[head_at(words) : head_at(words) + 1] != ["by"]


def changed(words: Sequence[str], head: int) -> bool:
    """A change said of a thing, not meant nor a step: "the complaints stopped", "it reduced
    escalations"; not "about to cut the newsletter", nor "I stopped work"."""
    # Only where a change verb, "went" or "came" stands (``CHANGE_KEYS``).
    return any(
        at >= head
        and (words[at] in lex.CHANGE or went_up(words, at))
        and not before_story(words, at)
        and words[at - 1] not in lex.SUBJECTS
        and words[at + 1 : at + 2] != ["out"]
        for at in compress(count(), map(lex.CHANGE_KEYS.__contains__, words))
    )


def went_up(words: Sequence[str], at: int) -> bool:
    """ "scores went up", "costs came down": a change; not "went up to the ward"."""
    return (
        words[at] in {"went", "came"}
        and words[at + 1 : at + 2] in (["up"], ["down"])
        and lex.NOT_RISEN.isdisjoint(words[at + 2 : at + 3])
    )
