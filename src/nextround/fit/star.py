"""Analysis of one STAR story: are the four parts there and long enough to do their jobs, is the
result backed by numbers, does the action say "I", how long it takes to tell, and what to fix
first. Plain regular expressions, no models: it runs on every save and live as the candidate
types, so it must stay well under 5 ms per story.

Quantities: `StoryReport.quantities` are found in the result, with offsets into the result
text; `StoryReport.number_quantities` are found in the separate "numbers" field, with offsets
into that field. Either kind makes the story `quantified`.
"""

from __future__ import annotations

import msgspec

from nextround.fit.parts import tells
from nextround.text import Quantity, Voice, find_quantities, seconds_to_say, voice_of, word_count
from nextround.text.speaking import STORY_SECONDS

PARTS = ("situation", "task", "action", "result")

PRESENT_WORDS = 3  # fewer is a placeholder ("TODO", "big win"), not a part
# Enough words for each part to carry its job:
SUBSTANTIAL_WORDS = {
    "situation": 15,  # two short sentences: where you were and what was at stake
    "task": 8,  # one sentence naming what you were responsible for
    "action": 30,  # about three concrete steps of ten words each
    "result": 12,  # the outcome plus what it meant, beyond a bare figure
}
SITUATION_MAX_WORDS = 60  # ~25 s of setup; past that the listener waits for the point
MAX_SUGGESTIONS = 5  # more than five fixes at once is a rewrite, not advice

# Score out of 100. A part earns its full weight when substantial and half when merely present;
# voice (only when there is an action) earns full for first-person, half for mixed or neutral
# (no I/we at all), none for team; length earns full inside STORY_SECONDS; balance (only
# when there is an action) earns full when the action is the longest part and outweighs
# situation and task together.
SCORE_WEIGHTS = {
    "situation": 10,
    "task": 10,
    "action": 20,
    "result": 15,
    "quantified": 20,
    "voice": 10,
    "length": 10,
    "balance": 5,
}
assert sum(SCORE_WEIGHTS.values()) == 100
# A story with a blocking problem scores at most this, whatever its other points: one that has
# no action, no result or no number, an action or result too thin to carry its job, or is too
# short to tell is not ready, and a score near 100 beside such a fix would contradict it.
BLOCKED_SCORE_MAX = 60

_HINTS = {
    "situation": "say where you were and what was at stake.",
    "task": "say what you were responsible for.",
    "action": "walk through the steps you took yourself.",
    "result": "say what changed, with a number if you can.",
}


class PartCheck(msgspec.Struct, frozen=True):
    part: str
    words: int
    present: bool
    substantial: bool
    note: str  # "" when there is nothing to fix


class StoryReport(msgspec.Struct, frozen=True):
    parts: tuple[PartCheck, ...]
    quantified: bool
    quantities: tuple[Quantity, ...]  # in the result; offsets into the result text
    number_quantities: tuple[Quantity, ...]  # in the numbers field; offsets into that field
    voice: Voice  # counted in the action part
    words: int
    seconds: int
    length_warning: str  # "" when inside STORY_SECONDS
    suggestions: tuple[str, ...]  # the blocking fixes first
    score: int
    score_note: str = ""  # why the score is capped; "" when it is not


# --- The story ------------------------------------------------------------------------------


def speaking_seconds(words: int) -> int:
    """How long the story takes to tell, in whole seconds."""
    return round(seconds_to_say(words))


def analyze_story(
    *,
    title: str = "",  # accepted so callers can pass a whole story; a label is not analysed
    situation: str = "",
    task: str = "",
    action: str = "",
    result: str = "",
    numbers: str = "",
) -> StoryReport:
    texts = {"situation": situation, "task": task, "action": action, "result": result}
    counts = {part: word_count(texts[part]) for part in PARTS}
    parts = tuple(_check_part(part, counts) for part in PARTS)
    quantities = tuple(find_quantities(result))
    number_quantities = tuple(find_quantities(numbers))
    voice = voice_of(action)
    words = sum(counts.values())
    seconds = speaking_seconds(words)
    checks = {p.part: p for p in parts}
    quantified = bool(quantities or number_quantities)
    blocking = _blocking_fixes(checks, quantified=quantified)
    capped = bool(blocking) or seconds < STORY_SECONDS[0]
    points = _score(checks, counts, quantified=quantified, voice=voice, seconds=seconds)
    return StoryReport(
        parts=parts,
        quantified=quantified,
        quantities=quantities,
        number_quantities=number_quantities,
        voice=voice,
        words=words,
        seconds=seconds,
        length_warning=_length_warning(seconds),
        suggestions=_suggestions(
            checks, counts, blocking, quantities, number_quantities, voice, steps=_steps(action)
        ),
        score=min(points, BLOCKED_SCORE_MAX) if capped else points,
        score_note=_score_note(points) if capped else "",
    )


def _score_note(points: int) -> str:
    low = STORY_SECONDS[0]
    until = (
        f"until the story has an action and a result with a number, each long enough, and "
        f"takes at least {low} seconds to tell"
    )
    if points <= BLOCKED_SCORE_MAX:
        return f"At most {BLOCKED_SCORE_MAX} {until}."
    return f"Capped at {BLOCKED_SCORE_MAX} (its parts earn {points}) {until}."


def _check_part(part: str, counts: dict[str, int]) -> PartCheck:
    words = counts[part]
    present = words >= PRESENT_WORDS
    substantial = words >= SUBSTANTIAL_WORDS[part]
    return PartCheck(
        part=part,
        words=words,
        present=present,
        substantial=substantial,
        note=_part_note(part, counts, substantial=substantial),
    )


def _part_note(part: str, counts: dict[str, int], *, substantial: bool) -> str:
    words = counts[part]
    if words == 0:
        return f"Missing — {_HINTS[part]}"
    if not substantial:
        return f"Only {_words(words)} — {_HINTS[part]}"
    if part == "situation" and words > SITUATION_MAX_WORDS:
        return f"{_words(words)} of setup — keep the two or three facts the listener needs."
    if part == "action":
        longer = [p for p in PARTS if p != "action" and counts[p] > words]
        if longer:
            return f"Shorter than the {longer[0]} — make this the longest part."
    return ""


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def _length_warning(seconds: int) -> str:
    low, high = STORY_SECONDS
    if seconds < low:
        return (
            f"About {seconds} seconds — too thin to be convincing; aim for {low}–{high} by "
            "adding the steps you took and what changed."
        )
    if seconds > high:
        return (
            f"About {seconds} seconds — trim to under {high}: cut background first; "
            "interviewers ask for detail when they want it."
        )
    return ""


def _steps(action: str) -> bool:
    """Whether the action field tells a step taken, read as the answer analyzer reads an
    answer's sentences (``fit.parts``): a field of background ("The team was short of
    staff.") or of intentions ("We needed to cut costs.") does not."""
    return word_count(action) < PRESENT_WORDS or tells(action, "action")


def _suggestions(
    checks: dict[str, PartCheck],
    counts: dict[str, int],
    blocking: list[str],
    quantities: tuple[Quantity, ...],
    number_quantities: tuple[Quantity, ...],
    voice: Voice,
    *,
    steps: bool,
) -> tuple[str, ...]:
    """Fixes in order of how much each would change the interviewer's impression: the blocking
    ones (they cap the score) first."""
    found = [
        *blocking,
        *_unsaid_figure(checks, quantities, number_quantities),
        *_untold_steps(steps=steps),
        *_action_fixes(checks["action"], counts, voice),
        *_framing_fixes(checks, voice),
    ]
    return tuple(found[:MAX_SUGGESTIONS])


def _blocking_fixes(checks: dict[str, PartCheck], *, quantified: bool) -> list[str]:
    """What keeps the story from being told at all: an action and a result with a number, each
    long enough to do its job. Each caps the score at BLOCKED_SCORE_MAX, as does a story too
    short to convince (its length warning)."""
    action, result = checks["action"], checks["result"]
    found: list[str] = []
    if not action.present:
        found.append("Add the action: the steps you took yourself, one by one, and why.")
    if not result.present:
        found.append("Add the result: what changed because of what you did, with a number.")
    elif not quantified:
        found.append(
            "Put a number on the result: time or money saved, people or customers affected, "
            "or a before-and-after figure."
        )
    if action.present and not action.substantial:
        found.append(
            f"The action is only {_words(action.words)} — walk through two or three steps you "
            "took and why you chose them."
        )
    if result.present and not result.substantial:
        found.append(
            f"The result is only {_words(result.words)} — add what it meant for the team, the "
            "customer or the business."
        )
    return found


def _unsaid_figure(
    checks: dict[str, PartCheck],
    quantities: tuple[Quantity, ...],
    number_quantities: tuple[Quantity, ...],
) -> list[str]:
    """A figure kept in the numbers field but never said in the result."""
    if not checks["result"].present or quantities or not number_quantities:
        return []
    return [
        f"Say a figure in the result — your numbers field has “{number_quantities[0].text}”"
        " but the result never mentions it."
    ]


def _untold_steps(*, steps: bool) -> list[str]:
    if steps:
        return []
    return [
        "The action does not tell a step you took: say each one with what you did (“I rang "
        "the supplier…”, “Rebuilt the rota…”)."
    ]


def _action_fixes(action: PartCheck, counts: dict[str, int], voice: Voice) -> list[str]:
    """Whose action it was, whether it is told in enough steps, and what crowds it out."""
    found: list[str] = []
    background = counts["situation"] + counts["task"]
    if action.present and voice.verdict == "team":
        found.append(
            f"The action says “we” {_times(voice.we_count)} and “I” {_times(voice.i_count)} — "
            "say what you did yourself: “I wrote…”, “I decided…”."
        )
    if action.present and background > action.words:
        found.append(
            f"Situation and task take {background} words against {action.words} for the action"
            " — cut the background to a sentence or two and spend the time on what you did."
        )
    elif counts["situation"] > SITUATION_MAX_WORDS:
        found.append(
            f"The situation runs to {counts['situation']} words — keep the two or three facts "
            "the listener needs to follow the rest."
        )
    return found


def _framing_fixes(checks: dict[str, PartCheck], voice: Voice) -> list[str]:
    """The set-up and a mixed voice: worth fixing once the core is there."""
    action = checks["action"]
    found: list[str] = []
    if not checks["task"].present:
        found.append("Add the task: one sentence on what you were responsible for.")
    if not checks["situation"].present:
        found.append("Add the situation: a sentence on where you were and what was at stake.")
    if action.present and voice.verdict == "mixed":
        found.append(
            f"You switch between “I” ({voice.i_count}) and “we” ({voice.we_count}) — make clear"
            " which steps were yours."
        )
    return found


def _times(n: int) -> str:
    return "1 time" if n == 1 else f"{n} times"


def _score(
    checks: dict[str, PartCheck],
    counts: dict[str, int],
    *,
    quantified: bool,
    voice: Voice,
    seconds: int,
) -> int:
    """The sum of SCORE_WEIGHTS components earned; see SCORE_WEIGHTS for the rules."""
    score = 0
    for part in PARTS:
        check = checks[part]
        if check.substantial:
            score += SCORE_WEIGHTS[part]
        elif check.present:
            score += SCORE_WEIGHTS[part] // 2
    if quantified:
        score += SCORE_WEIGHTS["quantified"]
    if checks["action"].present:
        score += _voice_points(voice)
        if _action_leads(counts):
            score += SCORE_WEIGHTS["balance"]
    if STORY_SECONDS[0] <= seconds <= STORY_SECONDS[1]:
        score += SCORE_WEIGHTS["length"]
    return score


def _voice_points(voice: Voice) -> int:
    weight = SCORE_WEIGHTS["voice"]
    return {"first-person": weight, "mixed": weight // 2, "none": weight // 2}.get(voice.verdict, 0)


def _action_leads(counts: dict[str, int]) -> bool:
    action = counts["action"]
    others = [counts[p] for p in PARTS if p != "action"]
    return action >= max(others) and action >= counts["situation"] + counts["task"]
