"""Tips: two to four things to do differently, the one that would raise the score most first,
each quoting the answer; when little needs fixing, what to keep doing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from nextround.feedback import thresholds as t
from nextround.feedback.delivery import duration
from nextround.feedback.report import Span
from nextround.feedback.score import Facts, blocking
from nextround.feedback.structure import STAR_PARTS
from nextround.feedback.tokens import as_quoted
from nextround.text import quantities_in, word_count, words

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
# Added to a tip about what caps the score (score.blocking), so it always comes first.
_BLOCKING_PRIORITY = 100.0


def tips(f: Facts, lost: dict[str, float]) -> list[str]:
    """Two to four tips, the one that would raise the answer most first; when little needs
    fixing, what to keep doing. ``lost`` is each score component's points lost."""
    found = [*_structure_tips(f, lost), *_delivery_tips(f, lost), *_habit_tips(f)]
    found.sort(key=lambda tip: -tip[0])
    chosen = [text for priority, text in found if priority > 0][: t.MAX_TIPS]
    for text in _keep_doing(f):
        if len(chosen) >= t.MIN_TIPS:
            break
        if text not in chosen:
            chosen.append(text)
    return chosen


def _structure_tips(f: Facts, lost: dict[str, float]) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    blocks = blocking(f)
    missing = [p for p in STAR_PARTS if not f.star[p].present]
    if f.story and missing:
        hints = "; ".join(_PART_HINTS[p] for p in missing)
        names = _or([f"the {part}" for part in missing])
        urgent = _BLOCKING_PRIORITY if {"action", "result"} & set(blocks) else 0.0
        # The points it would win back: the STAR share of the structure, and the result's own.
        worth = t.SCORE_WEIGHTS["structure"] / 4 * len(missing) / 4
        worth += lost["result"] if "result" in missing else 0.0
        found.append((worth + urgent, f"I could not find {names} in your answer: {hints}."))
    found.extend(_organisation_tips(f))
    if f.story and f.star["result"].present and not f.quantified:
        figures = quantities_in(f.sentences)  # only now: the costly search is seldom needed
        elsewhere = f" (you mention “{figures[0].text}”, but not as an outcome)" if figures else ""
        found.append(
            (
                lost["result"] + _BLOCKING_PRIORITY,
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


def _organisation_tips(f: Facts) -> list[tuple[float, str]]:
    """A tip for a point not given first and for an answer that trails off; the length has its
    own tip. Each is worth one check's share of the structure weight."""
    org = f.organisation
    worth = t.SCORE_WEIGHTS["structure"] / (4 if f.story else 3)
    found: list[tuple[float, str]] = []
    if not org.point_first and org.stall:
        found.append(
            (
                worth,
                f"You opened with “{org.stall}” before your point; give your answer in the "
                "first sentence, then the reasons or the story behind it.",
            )
        )
    elif not org.point_first:
        found.append(
            (
                worth,
                "Your first sentence does not answer the question yet; put your answer there "
                "(“Yes, because…”, “I'd pick…”, or the question's own words), then back it up.",
            )
        )
    if not org.concluded and f.seconds >= t.BRIEF_SECONDS:  # else the length tip says it
        found.append(
            (
                worth,
                "The answer stops without coming back to its point; end on one sentence that "
                "does (“So that's why…”, or what changed in the end).",
            )
        )
    return found


def _delivery_tips(f: Facts, lost: dict[str, float]) -> list[tuple[float, str]]:
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
        urgent = _BLOCKING_PRIORITY if "length" in blocking(f) else 0.0
        found.append((lost["length"] + urgent, _length_tip(f)))
    if not f.estimated and f.pace != "good":
        found.append((lost["pace"], _pace_tip(f)))
    return found


def _habit_tips(f: Facts) -> list[tuple[float, str]]:
    """Tips that cost no points: saying "we" for your own steps, long pauses, repeated phrases,
    run-on sentences."""
    found: list[tuple[float, str]] = []
    if f.story and f.star["action"].present and f.voice.verdict == "team":
        found.append(
            (
                _VOICE_PRIORITY,
                f"You said “we” {_times(f.voice.we_count)} and “I” {_times(f.voice.i_count)}; "
                "make clear which steps were yours.",
            )
        )
    if f.long_pauses:
        found.append(
            (
                _PAUSE_PRIORITY,
                f"{_count(len(f.long_pauses), 'pause')} lasted {t.LONG_PAUSE_SECONDS:g} seconds "
                "or more; jot the order of your points down beforehand so the next one comes "
                "readily.",
            )
        )
    if f.repeats:
        top = max(f.repeats, key=lambda r: r.count)
        found.append(
            (_HABIT_PRIORITY, f"You said “{top.text}” {top.count} times; vary it or leave it out.")
        )
    if f.long_sentences:
        longest = max(word_count(s.text) for s in f.long_sentences)
        found.append(
            (
                _HABIT_PRIORITY,
                f"One sentence runs to {longest} words; break it up so each step lands on its own.",
            )
        )
    return found


def _filler_tip(f: Facts) -> str:
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


def _length_tip(f: Facts) -> str:
    about = f"At about {duration(f.seconds)}"
    if f.length == "short" and f.seconds < t.BRIEF_SECONDS:
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


def _pace_tip(f: Facts) -> str:
    wpm = f"{f.wpm:.0f} words a minute"
    if f.pace == "slow":
        return (
            f"At {wpm} you sound unsure; rehearse the story until its order comes easily "
            f"(aim for {t.PACE_SLOW_BELOW}–{t.PACE_GOOD_MAX})."
        )
    if f.pace == "brisk":
        return f"At {wpm} you are a little quick; slow down and let your key points land."
    return f"At {wpm} you are rushing; slow down and pause after each key point."


def _keep_doing(f: Facts) -> list[str]:
    """Praise for what went well, then general advice, to fill up to MIN_TIPS."""
    found: list[str] = []
    if f.story and all(f.star[p].present for p in STAR_PARTS):
        found.append("All four STAR parts are there; keep that shape for your other stories.")
    if f.quantified:
        found.append(f"Keep putting numbers in your results, like “{f.headline_figure.text}”.")
    if f.organisation.point_first and f.organisation.concluded:
        found.append("You gave your point first and came back to it at the end; keep that shape.")
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
    """Each distinct word or phrase with how often it was said, most frequent first, quoted as
    first said in lower case except for "I" ("I think", not "i think"). Spellings that differ
    only in an apostrophe ("I'm", "I’m", "Im") are one phrase."""
    counts: Counter[str] = Counter()
    quoted: dict[str, str] = {}
    for span in spans:
        said = " ".join(words(span.text))
        quoted.setdefault(said, as_quoted(span.text))
        counts[said] += 1
    return [(quoted[said], n) for said, n in counts.most_common()]


def _listing(kinds: Sequence[tuple[str, int]], most: int = 3) -> str:
    """“um” ×4, “like” ×2, “you know” — the most frequent few."""
    return ", ".join(f"“{w}” ×{n}" if n > 1 else f"“{w}”" for w, n in kinds[:most])


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _or(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
