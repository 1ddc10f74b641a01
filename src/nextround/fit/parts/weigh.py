"""How much evidence a sentence holds for each STAR part (``nextround.fit.parts``): one
function a part, each the heaviest of the kinds of evidence the sentence holds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts.lexicon import Said

LEAST = 1.5  # as ``nextround.fit.parts.LEAST``: weaker evidence says nothing about a part
SCENE_AT_LEAST = 2.0  # a setting as strong as one said after the opening sentence can weigh


@lru_cache(maxsize=4096)
def read(sentence: str) -> Said | None:
    """The sentence read once; None when it draws a lesson ("what I learned…"). Remembered:
    one analysis asks about a sentence several times (its part, then how it stands against its
    neighbours, whether it opens on a setting or states a result), and answers are read again
    at each keystroke. What it returns is shared, so it is never changed."""
    low = sentence.lower()
    words = lex.split_words(low)
    bag = frozenset(words)
    did = not bag.isdisjoint(lex.SUBJECTS) and i_did(words)
    said = Said(low, words, f" {' '.join(words)} ", bag, head_at(words), did)
    return None if lex.LESSON.find(said) else said


def head_at(words: Sequence[str]) -> int:
    """Where the sentence starts saying something, past the openers ("so", "um", "and then",
    "immediately")."""
    at = 0
    while at < len(words) and (words[at] in lex.OPENERS or words[at].endswith("ly")):
        at += 1
    return at


def is_verbish(word: str) -> bool:
    """A past form, of doing or of being: "needed", "lived", "went"."""
    return word in lex.IRREGULAR_PAST or word in lex.STATES or word.endswith("ed")


def is_past(words: Sequence[str], at: int) -> bool:
    word = words[at] if at < len(words) else ""
    if word == "used":
        return words[at + 1 : at + 2] != ["to"]
    if word in lex.STATES:
        return False
    if word in lex.HELD and words[at + 1 : at + 2] and words[at + 1] in lex.HELD_WHERE:
        return False  # "I worked in the permits team": a post held, not a step
    if "-" in word and word.split("-", 1)[0] not in lex.PREFIXES:
        return False  # "latency-based", "crash-free"
    return word in lex.IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def i_did(words: Sequence[str]) -> bool:
    """ "I" or "we" with a past verb of doing, an adverb or "then"/"also" between."""
    # Only where "I" or "we" stands, picked out without a Python step per word.
    for at in compress(count(), map(lex.SUBJECTS.__contains__, words[:-1])):
        verb = at + 1
        if words[verb].endswith("ly") or words[verb] in {"then", "also", "first", "just"}:
            verb += 1
        if is_past(words, verb) and not relative(words, at, verb) and not got_word(words, verb):
            return True
    return False


def got_word(words: Sequence[str], verb: int) -> bool:
    """ "I got a call from a customer": something that came to the teller, not a step."""
    return (
        words[verb] in {"got", "received"}
        and words[verb + 1 : verb + 2] in (["a"], ["an"])
        and not lex.MESSAGES.isdisjoint(words[verb + 2 : verb + 4])
    )


def relative(words: Sequence[str], subject: int, verb: int) -> bool:
    """ "I built" describes the noun the sentence opens on, whose own verb follows: "The
    framework I built became standard." ("The next morning I rang…" is a step)."""
    head = head_at(words)
    if words[head : head + 1] == [] or words[head] not in lex.NOUN_OPENERS:
        return False
    between = words[head + 1 : subject]
    return (
        0 < len(between) <= 3
        and lex.TIME_UNITS.isdisjoint(between)
        and not any(w in lex.LINKS or w in lex.NOT_NOUNS or is_verbish(w) for w in between)
        and any(w in lex.STATES or is_past(words, at) for at, w in enumerate(words) if at > verb)
    )


def situation(said: Said) -> float:
    words, bag, head = said.words, said.bag, said.head
    score = 0.0
    if opens_on_setting(said):
        score = 2.5  # said first, a setting frames the sentence: "At my last job, I rewrote …"
    elif place(said) is not None or lex.SETTING.find(said) or in_year(said) or i_was(said):
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
    for at, word in enumerate(words):
        if (
            word in lex.PLACE_PREPOSITIONS
            and words[at + 1 : at + 2]
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
    if said.head >= len(said.words):
        return False
    if place(said) == said.head:
        return True
    first = said.words[said.head]
    if first not in lex.SETTING_FIRSTS:
        return False
    at = said.text.find(f" {first} ") + 1
    return any(p.match(said.text, at) for p in (lex.SETTING.pattern, lex.YEAR, lex.I_WAS))


def in_year(said: Said) -> re.Match[str] | None:
    """ "in 2019", "of 2023": a four-digit year said as a time."""
    if "19" not in said.low and "20" not in said.low:
        return None
    return lex.YEAR.search(said.text)


def i_was(said: Said) -> re.Match[str] | None:
    """ "I was working on…", "we were a team of five": where the teller was."""
    if said.bag.isdisjoint(lex.SUBJECTS) or said.bag.isdisjoint({"was", "were"}):
        return None
    return lex.I_WAS.search(said.text)


def task(said: Said) -> float:
    low, words, bag, head = said.low, said.words, said.bag, said.head
    score = 0.0
    if lex.TASK_DUTY.find(said) or needed_to(said):
        score = 3.0
    elif lex.TASK_ASKED.find(said):
        score = 2.0
    rest = words[head:]
    if not rest:
        return score
    if rest[1:2] == [":"] and rest[0] in {"goal", "task", "aim", "objective", "target", "brief"}:
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


def needed_to(said: Said) -> bool:
    """ "I needed to", "we had to", "it had to" (an adverb may come between), "it was my job /
    on me / up to me"."""
    words = said.words
    if not lex.NEEDS.isdisjoint(said.bag):
        for at, word in enumerate(words[1:-1], start=1):
            if word in lex.NEEDS and words[at + 1] == "to":
                who = words[at - 1]
                if who in lex.NEEDERS or (
                    who.endswith("ly") and words[at - 2 : at - 1] and (words[at - 2] in lex.NEEDERS)
                ):
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
    if lex.RECOGNITION.find(said):
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


def came_about(said: Said) -> float:
    """A result told in plain words, without a change verb's size or an outcome phrase: others
    coming back for more ("recommended me to three neighbours"), a comparison with before
    ("twice as fast as before"), a perfect tense reaching to now ("hasn't cut out since"), a
    state reached ("the backlog was gone", "the complaints dried up") the more when told with
    when it was reached ("by Friday", "a month later"), what did not come back, others
    judging the work ("my manager said it was the clearest report")."""
    bag = said.bag
    if lex.RETURNED.find(said) or lex.THAN_BEFORE.find(said) or since_now(said):
        return 2.5
    words, head = said.words, said.head
    after = bool(lex.AFTERWARDS.find(said)) or later(said)
    state = settled(said) or turned(said)
    if after and (state or (not lex.CHANGE_KEYS.isdisjoint(bag) and changed(words, head))):
        return 2.5
    if state or lex.NEVER_AGAIN.find(said) or judged(said) or no_trouble(said) or now_done(said):
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
        w in lex.DONE
        and (at == 0 or words[at - 1] not in {"be", "to", "would", "will"})
        and words[at - 2 : at] != ["had", "been"]  # the state before the story
        for at, w in enumerate(words)
    )


def sized_change(words: Sequence[str]) -> bool:
    """A change with its size: "fell from 14 to 4", "down 21%", "improved 25%", "by half",
    "restored in 18 minutes"; not a state before the story ("had dropped to 65%")."""
    if lex.SIZEABLE.isdisjoint(words):
        return False
    for at, word in enumerate(words):
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
        if changed and not before_story(words, at) and has_size(words[at + 1 : at + 6]):
            return True
    return False


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
            if size and lex.FIGURE.match(size[0]):
                return True
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
    return any(
        (w in lex.CHANGE or went_up(words, at))
        and not before_story(words, at)
        and words[at - 1] not in lex.SUBJECTS
        and words[at + 1 : at + 2] != ["out"]
        for at, w in enumerate(words)
        if at >= head
    )


def went_up(words: Sequence[str], at: int) -> bool:
    """ "scores went up", "costs came down": a change; not "went up to the ward"."""
    return (
        words[at] in {"went", "came"}
        and words[at + 1 : at + 2] in (["up"], ["down"])
        and lex.NOT_RISEN.isdisjoint(words[at + 2 : at + 3])
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
