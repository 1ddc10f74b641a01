"""How much evidence a sentence holds for each STAR part (``nextround.fit.parts``): one
function a part, each the heaviest of the kinds of evidence the sentence holds (the result's
in ``outcome``), and how a sentence stands against its neighbours. Sentences are read by
``reading``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts.outcome import result as result
from nextround.fit.parts.phrases import Said
from nextround.fit.parts.reading import is_past, is_verbish
from nextround.fit.parts.reading import read as read

LEAST = 1.5  # as ``nextround.fit.parts.LEAST``: weaker evidence says nothing about a part
SCENE_AT_LEAST = 2.0  # a setting as strong as one said after the opening sentence can weigh


def situation(said: Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    where = place(said)  # looked for once: whether it opens the sentence, and whether it is there
    if _opens_on_setting(said, where):
        score = 2.5  # said first, a setting frames the sentence: "At my last job, I rewrote …"
    elif (
        where is not None
        or lex.SETTING.find(said)
        or in_year(said)
        or i_was(said)
        or had_been(said)
    ):
        score = 2.0
    if bag & lex.PROBLEMS:
        score = max(score, 1.5 + 0.5 * (score > 0))
    rest = words[head:]
    if 0 < len(rest) <= 12 and verbless(rest):
        score = max(score, 1.5)  # a note setting the scene: "Hotel of 90 rooms."
    others = bool(rest) and rest[0] not in lex.SUBJECTS and not said.did
    if others and any(w in {"was", "were", "had", "took", "averaged", "kept"} for w in rest[:8]):
        score = max(score, 1.5)  # others in the past: "A customer rang up", "Falls averaged …"
    return score


def verbless(words: Sequence[str]) -> bool:
    if len(words) < 2 or not lex.PRONOUNS.isdisjoint(words):
        return False
    return (
        not any(
            w in lex.VERBS or w.endswith("ing") or is_past(words, at) for at, w in enumerate(words)
        )
        and words[0] not in lex.BASE_VERBS
    )


def place(said: Said) -> int | None:
    """Where "at/in/during/on/for my/our/the/a …" names a place or time of work (up to three
    words before its noun), the index of its first word."""
    if said.bag.isdisjoint(lex.PLACES) or said.bag.isdisjoint(lex.PLACE_PREPOSITIONS):
        return None
    words = said.words
    for at in compress(count(), map(lex.PLACE_PREPOSITIONS.__contains__, words)):
        word = words[at]
        if (
            words[at + 1 : at + 2]
            and words[at + 1] in lex.PLACE_DETERMINERS
            and (word, words[at + 1]) != ("for", "the")  # "a card for the team": for whom
            and not lex.PLACES.isdisjoint(_up_to_break(words[at + 2 : at + 6]))
        ):
            return at
    return None


def _up_to_break(words: Sequence[str]) -> Sequence[str]:
    """The words before the first that ends a noun phrase ("in the meantime and the site" is
    not "in … the site")."""
    for at, word in enumerate(words):
        if word in lex.PHRASE_BREAKS:
            return words[: at + 1]
    return words


def opens_on_setting(said: Said) -> bool:
    """The sentence starts (past its openers) with where or when it happened."""
    return _opens_on_setting(said, place(said))


def _opens_on_setting(said: Said, where: int | None) -> bool:
    """As ``opens_on_setting``, with the sentence's ``place`` given."""
    if said.head >= len(said.words):
        return False
    if where == said.head:
        return True
    first = said.words[said.head]
    if first not in lex.SETTING_FIRSTS:
        return False
    text = said.text
    at = text.find(f" {first} ") + 1
    # Only what can start with the word is tried there: the setting's alternatives that start
    # with it (each starts with a word and a space), a year after "in" or "of", "I was".
    setting = lex.SETTING.by_first.get(first)
    return bool(
        (setting is not None and setting.match(text, at))
        or (first in YEAR_FIRSTS and lex.YEAR.match(text, at))
        or (first in lex.SUBJECTS and lex.I_WAS.match(text, at))
    )


YEAR_FIRSTS = frozenset({"in", "of"})


def in_year(said: Said) -> re.Match[str] | None:
    """ "in 2019", "of 2023": a four-digit year said as a time."""
    if "19" not in said.low and "20" not in said.low:
        return None
    return lex.YEAR.search(said.text)


def i_was(said: Said) -> re.Match[str] | None:
    """ "I was working on…", "we were a team of five": where the teller was."""
    if said.bag.isdisjoint(lex.SUBJECTS) or said.bag.isdisjoint({"was", "were"}):
        return None
    # The words are joined by single spaces, so a match holds one of these: looking for them
    # costs far less than a search along the sentence, and most sentences with "I" and "was"
    # do not hold them side by side.
    text = said.text
    if not any(map(text.__contains__, I_WAS_PAIRS)):
        return None
    return lex.I_WAS.search(text)


I_WAS_PAIRS = ("i was ", "i were ", "we was ", "we were ")


def had_been(said: Said) -> bool:
    """ "I'd been running the counter for a month": what the teller had been doing."""
    bag = said.bag
    return (
        "been" in bag
        and not bag.isdisjoint(lex.HAD_BEEN_SUBJECTS)
        and lex.HAD_BEEN.search(said.text) is not None
    )


def task(said: Said) -> float:
    low, words, bag, head = said.low, said.words, said.bag, said.head
    score = 0.0
    if lex.TASK_DUTY.find(said) or needed_to(said):
        score = 3.0
    elif lex.TASK_ASKED.find(said) or (
        not said.did and not bag.isdisjoint(lex.GROUPS) and lex.ASKED_ALL.find(said)
    ):
        score = 2.0
    rest = words[head:]
    if not rest:
        return score
    if ":" in bag and labelled_duty(rest):
        return 4.0
    if rest[0] in {"needed", "had"} and rest[1:2] == ["to"]:
        return 3.0
    # "Support inbox at a software firm.", "Plan approved …": a noun, not a goal, unless its
    # object follows ("Support the night team", "Cover two wards").
    verb_next = rest[0] in lex.ALSO_NOUNS and (
        any(is_verbish(w) for w in rest[1:3])
        or not (rest[1:2] and (rest[1] in lex.OBJECT_STARTS or lex.FIGURE.match(rest[1])))
    )
    deadline = bool(bag & lex.DEADLINE) or "by the end" in low
    if rest[0] in lex.BASE_VERBS and rest[0] not in lex.ALSO_PAST and not verb_next:
        # A note's goal: "Restore service within 30 minutes."
        score = max(score, 3.5 if deadline else 3.0)
    elif rest[0] in lex.ALSO_PAST and deadline:
        score = max(score, 3.5)
    return score


def labelled_duty(rest: Sequence[str]) -> bool:
    """A note headed by a duty's label, its colon within five words: "Goal: halve the falls.",
    "Remit from the area manager: shorter queues …", "My brief: …"."""
    first = 1 if rest[:1] in (["my"], ["our"], ["the"]) else 0
    return (
        rest[first : first + 1] != []
        and rest[first] in lex.DUTY_LABELS
        and ":" in rest[first + 1 : first + 6]
    )


def needed_to(said: Said) -> bool:
    """ "I needed to", "we had to", "it had to" (an adverb may come between), "somebody's got
    to" (not "we got to the site"), "it was my job / on me / up to me", a duty said as whose
    it was ("putting it right was down to me", "the call was mine"), "I was to …", a thing
    that "needed doing" or "had to be done"."""
    words, bag = said.words, said.bag
    if not lex.NEEDS.isdisjoint(bag):
        # Both tests need one of NEEDS ("needed", "wanted" among them): only there are they run.
        for at in compress(count(1), map(lex.NEEDS.__contains__, words[1:-1])):
            word = words[at]
            if words[at + 1] == "to":
                who = words[at - 1]
                if who in lex.NEEDERS or (
                    who.endswith("ly") and words[at - 2 : at - 1] and (words[at - 2] in lex.NEEDERS)
                ):
                    return True
                elif (
                    words[at + 2 : at + 3] == ["be"]
                    and words[at + 3 : at + 4]
                    and (words[at + 3] in lex.DONE)
                ):
                    return True  # "whatever I did had to be done in fifty minutes"
            elif (
                word in {"needed", "wanted"}
                and words[at + 1].endswith("ing")
                and words[at + 1] not in lex.NOT_GERUNDS
            ):
                return True  # "ten minutes of airtime needed filling"
    # The word scans run only where their phrase can stand (a substring test costs far less).
    text = said.text
    if (
        not lex.MINE_WORDS.isdisjoint(bag)
        and any(p in text for p in lex.MINE_ENDS)
        and whose_duty(words)
    ):
        return True
    if "got" in bag and not lex.GOT_NEEDERS.isdisjoint(bag):
        for who in bag & lex.GOT_NEEDERS:
            if f" {who} got to " in text:
                return True  # "somebody's got to tell the owner"
    if not lex.OWNED.isdisjoint(bag) and not lex.CHOICES.isdisjoint(bag) and chose_mine(words):
        return True
    if (" was to " in text or " were to " in text) and was_to(words):
        return True
    if "it" in said.bag and "was" in said.bag:
        return any(
            w == "it"
            and words[at + 1 : at + 2] == ["was"]
            and words[at + 2 : at + 3]
            and (
                words[at + 2] in lex.ITS_MINE
                or words[at + 2 : at + 5] in (["down", "to", "me"], ["down", "to", "us"])
            )
            for at, w in enumerate(words)
        )
    return False


def whose_duty(words: Sequence[str]) -> bool:
    """ "… was down to me", "… came down to us", "… was (all) on me", "… was up to me", "it
    was going to have to be me": whatever the subject, a duty said as the teller's."""
    for at, word in enumerate(words):
        if word not in lex.MINE_WORDS or at < 3:
            continue
        before, two, three = words[at - 1], words[at - 2], words[at - 3]
        if before == "to" and two in {"down", "up"}:
            # "was down to me", "came (all) down to us"
            verb = words[at - 4] if three in lex.SO_MUCH and at >= 4 else three
            if verb in lex.BE_OR_CAME:
                return True
        elif before == "on":
            # "was on me", "was all on me"
            verb = three if two in lex.SO_MUCH else two
            if verb in {"was", "were", "is"}:
                return True
        elif before == "be" and two == "to" and three in {"have", "had"}:
            return True  # "it was going to have to be me"
    return False


def chose_mine(words: Sequence[str]) -> bool:
    """ "the call on whether to land was mine (alone)": a choice the teller had to make."""
    for at, word in enumerate(words):
        if word in lex.OWNED and at and words[at - 1] in {"was", "is"}:
            return any(w in lex.CHOICES for w in words[max(0, at - 12) : at - 1])
    return False


def was_to(words: Sequence[str]) -> bool:
    """ "I was to keep the road open": a duty given, said with "be to"."""
    for at, word in enumerate(words[:-3]):
        if (
            word in lex.SUBJECTS
            and words[at + 1] in {"was", "were"}
            and words[at + 2] == "to"
            and words[at + 3] not in {"blame", "the", "a", "an", "my", "our"}
        ):
            return True
    return False


def so_i(said: Said) -> bool:
    """ "so I rang…": a step told as what followed; not "so I think", "so I was"."""
    if "so" not in said.bag or "i" not in said.bag:
        return False
    words = said.words
    return any(
        w == "so" and words[at + 1 : at + 2] == ["i"] and is_past(words, at + 2)
        for at, w in enumerate(words)
    )


def action(said: Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if said.did:
        score = 2.0
    rest = words[head:]
    adjective = describes_subject(words, head)
    if (
        rest
        and is_past(words, head)
        and not adjective
        and rest[0] not in lex.CHANGE | lex.NOT_STEPS
        and not done_when(rest)
    ):
        score = max(score, 2.5)  # a note: "Implemented circuit breakers."
    elif rest and rest[0] in lex.CHANGE:
        score = max(score, 2.0)  # "Reduced TTL from 300s to 60s." may be a step
    if lex.ACTION_PHRASE.find(said) or so_i(said):
        score = max(score, 2.5)
    if "would" in bag and any(
        w == "would" and words[at - 1] in lex.SUBJECTS for at, w in enumerate(words) if at
    ):
        score = max(score, 1.5)  # a habitual story: "I would listen to their complaint."
    return score


def done_when(rest: Sequence[str]) -> bool:
    """A note saying when its work was finished, not what was done to what: "Delivered Sunday
    night.", "Finished a day early." ("Delivered the papers" is a step)."""
    return rest[0] in lex.DONE and rest[1:2] != [] and rest[1] in lex.DONE_WHEN


def describes_subject(words: Sequence[str], head: int) -> bool:
    """The past form the sentence opens on describes the subject of a later verb ("Failed
    builds caught …", "Leaked API key found …"); not "Replaced the shared fixture …" nor
    "Weighed and logged …", where the verb's object or a second verb follows."""
    after = words[head + 1 : head + 4]
    if not after or after[0] in lex.OBJECT_STARTS or is_past(after, 0):
        return False
    if is_past(after, 1):
        return True
    second = after[1] if len(after) > 2 else ""
    return (
        second.isalpha()
        and second not in lex.LINKS
        and not second.endswith(("ed", "ing"))
        and is_past(after, 2)
    )


def state_before(sentence: str) -> bool:
    """A change told without saying it is an outcome ("as a result", "was adopted",
    "thanked me") nor as a noted step ("Restored service in 18 minutes."): told before any
    step, it is the state the story met ("Calls tripled the next morning.")."""
    said = read(sentence)
    if said is None or noted_step(said):
        return False
    return not (lex.OUTCOME.find(said) or lex.RECOGNITION.find(said) or lex.ABLE.find(said))


def weak_setting(sentence: str) -> bool:
    """The sentence reads as a situation only by weak evidence (a problem word, a note
    without a verb, others in the past) and says what came about: an outcome cue, "no …"
    ("No late filing penalties for any client."), or a measure with its figure ("Suite runs
    in 8 minutes.", "Feedback scores 4.7 out of 5."). Told after every step, it is their
    outcome; a bare fact ("Hotel of 90 rooms.") stays the scene wherever it stands."""
    said = read(sentence)
    if said is None or opens_on_setting(said):
        return False
    scene, outcome = situation(said), result(said)
    if scene > 2.0 or (scene > 1.5 and outcome < LEAST):
        return False  # "that year" said last beside an outcome cue still tells the outcome
    words = said.words
    return (
        outcome >= LEAST
        or words[said.head : said.head + 1] == ["no"]
        or measured(said)
        or any(is_verbish(w) for w in words)  # "the kitchen went in a week late"
    )


def none_there(sentence: str) -> bool:
    """The sentence opens on "there was/were no …" ("There were no mix-ups during their
    stay."): before the steps a lack the story met, after them what did not happen."""
    said = read(sentence)
    if said is None:
        return False
    opening = said.words[said.head : said.head + 3]
    return (
        opening[:1] == ["there"]
        and opening[1:2] in (["was"], ["were"])
        and opening[2:3] in (["no"], ["never"], ["nothing"], ["nobody"])
    ) or opening[:2] in (["there", "wasn't"], ["there", "weren't"], ["there", "wasn’t"])


def measured(said: Said) -> bool:
    """A figure with what it measures: a unit, "%", a metric or "out of"."""
    words = said.words
    return any(
        lex.FIGURE.match(w)
        and (
            not lex.MEASURES.isdisjoint(words[at + 1 : at + 3])
            or not lex.METRICS.isdisjoint(words[max(0, at - 2) : at])
        )
        for at, w in enumerate(words)
    )


def noted_step(said: Said) -> bool:
    """A note that opens on a past verb of doing: "Cut the form from six pages to one."."""
    return not said.did and action(said) >= 2.0


def only_asked(sentence: str) -> bool:
    """The sentence reads as a task only because someone asked ("my manager asked me to
    write it up"): told after every step, that is recognition of the outcome."""
    said = read(sentence)
    return said is not None and task(said) < 3.0


def role_for(sentence: str, duty: str) -> bool:
    """The sentence only says which post the teller held ("i was the shift manager", "I was on
    call") and the next draws the duty from it ("so I had to…", "so it was my job…")."""
    said, then = read(sentence), read(duty)
    if said is None or then is None or then.words[:1] not in (["so"], ["and"]):
        return False
    return (
        "so" in then.words[:2]
        and i_was(said) is not None
        and place(said) is None
        and not lex.SETTING.find(said)
        and not in_year(said)
        and said.bag.isdisjoint(lex.PROBLEMS)
    )


def weak_scene(sentence: str) -> bool:
    """The sentence reads as a situation only by weak evidence (others in the past, a problem
    word, a note without a verb), with no setting named: told between two steps, it is part
    of their story ("and the doctor had gone home")."""
    said = read(sentence)
    return said is not None and situation(said) <= LEAST and not opens_on_setting(said)


def sets_scene(sentence: str) -> bool:
    """The sentence holds as much evidence of a setting as a situation said later can weigh."""
    said = read(sentence)
    return said is not None and situation(said) >= SCENE_AT_LEAST
