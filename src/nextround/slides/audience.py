"""The questions a presentation's audience will likely ask, drafted from the slides and the
people: a figure on a slide invites "how did you measure it, and what was it before?"; a
recommendation or next step invites cost, risk, timeline and what would be dropped (asked
about what the slide leaves out); a strong claim with no figure invites "what shows that?";
and each listener asks from where they sit (the hiring manager about the team, an executive
about cost, payback and the decision, a peer about method and data, HR about working with
others).

The order is one rule: people and slides take turns, a person first. People come in order of
whose yes decides (the decision-maker the candidate marked, else the brief's guess: the hiring
manager, else the manager's manager, else an executive), then the most senior (executive,
manager's manager, hiring manager, peer, HR, other); slide questions come next steps
first, then figures, then claims, each in slide order. Questions with the same wording are
asked once, naming every source."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import zip_longest

import msgspec

from nextround.briefing.rules import decision_maker
from nextround.slides import thresholds as t
from nextround.text import find_quantities

# The relations the app records (interviews.models.Relation), most senior first.
RELATION_RANK = ("executive", "managers_manager", "hiring_manager", "peer", "hr", "other")
KIND_RANK = ("next step", "figure", "claim")

# A title tells a relation the candidate left as "other" (first match wins).
_TITLE_HINTS = (
    ("hr", re.compile(r"\b(?:recruit\w*|talent|hr|human resources|people partner)\b", re.I)),
    (
        "executive",
        re.compile(r"\b(?:chief|c[efot]o|vp|vice president|president|director|head)\b", re.I),
    ),
    ("hiring_manager", re.compile(r"\b(?:manager|lead|supervisor)\b", re.I)),
    (
        "peer",
        re.compile(r"\b(?:engineer|analyst|scientist|specialist|designer|nurse|developer)\b", re.I),
    ),
)
_NEXT_STEP = re.compile(
    r"\b(?:recommend\w*|propos\w*|next steps?|roadmap|proposal|plan|we should|i would|"
    r"the ask|decision)\b",
    re.I,
)
_COST = re.compile(r"\b(?:cost\w*|budget\w*|spend|invest\w*|price\w*|fund\w*)\b|[$€£]", re.I)
_RISK = re.compile(r"\b(?:risks?|downside|mitigat\w*|fallback|if it fails)\b", re.I)
_TIMELINE = re.compile(
    r"\b(?:days?|weeks?|months?|quarters?|q[1-4]|timeline|deadline|phase \d|by (?:the )?end|"
    r"(?:19|20)\d\d|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b",
    re.I,
)
_FROM_TO = re.compile(r"\bfrom\b.*\d.*\bto\b", re.I)
_STRONG = re.compile(
    r"\b(?:best|clearly|obviously|always|never|proven|guarantee\w*|the only|everyone|"
    r"significant(?:ly)?|dramatic(?:ally)?|world[- ]class|industry[- ]leading|game[- ]chang\w*|"
    r"transform\w*|will (?:solve|fix|eliminate|double))\b",
    re.I,
)
_CHANGE = re.compile(
    r"\b(?:from|cut|reduc\w*|rose|risen|grew|grown|fell|fallen|drop\w*|increas\w*|"
    r"decreas\w*|improv\w*|saved?|lower\w*|rais\w*)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_FIGURE_KINDS = {"percent", "money", "multiple", "rank"}
QUOTE_CHARS = 70


class Listener(msgspec.Struct, frozen=True):
    """One person in the audience, as plain values."""

    name: str
    title: str = ""
    relation: str = "other"  # one of RELATION_RANK
    decision_maker: bool = False


class SlideText(msgspec.Struct, frozen=True):
    number: int
    title: str
    text: str = ""  # what the slide shows
    notes: str = ""  # what the candidate means to say


class LikelyQuestion(msgspec.Struct, frozen=True):
    text: str
    reason: str  # why they may ask it, naming the slide or the person
    source: str  # "Slide 3" or the person's name (several joined with " and ")
    kind: str  # "person" | one of KIND_RANK


def likely_questions(
    *,
    slides: Sequence[SlideText],
    audience: Sequence[Listener],
    limit: int = t.AUDIENCE_QUESTIONS,
) -> list[LikelyQuestion]:
    """At most ``limit`` questions, people and slides taking turns (see the module's rule)."""
    from_people = _dedupe(_person_question(p) for p in _by_seniority(audience))
    from_slides = _dedupe(sorted(_slide_questions(slides), key=_slide_order))
    turns = [q for pair in zip_longest(from_people, from_slides) for q in pair if q is not None]
    return _dedupe(turns)[:limit]


def effective_relation(listener: Listener) -> str:
    """The recorded relation; for "other", the one the title suggests."""
    if listener.relation in RELATION_RANK and listener.relation != "other":
        return listener.relation
    for relation, pattern in _TITLE_HINTS:
        if pattern.search(listener.title):
            return relation
    return "other"


# --- people -----------------------------------------------------------------------------------


def _by_seniority(audience: Sequence[Listener]) -> list[Listener]:
    """The decision-maker first (the one marked, else the brief's guess by relation), then the
    most senior."""
    relations = [effective_relation(p) for p in audience]
    decider = next((i for i, p in enumerate(audience) if p.decision_maker), None)
    if decider is None:
        decider = decision_maker(relations)
    order = sorted(
        range(len(audience)),
        key=lambda i: (
            i != decider,
            RELATION_RANK.index(relations[i]),
            audience[i].name.casefold(),
        ),
    )
    return [audience[i] for i in order]


_ROLE_QUESTIONS: dict[str, tuple[str, str]] = {
    "executive": (
        "What would this cost, when would it pay back, and what decision are you asking us "
        "to make?",
        "is senior: they weigh cost and payback, and want the decision spelled out",
    ),
    "managers_manager": (
        "How does this serve the department's goals, and what do you need me to approve?",
        "is the manager's manager: they look at the wider goals and what they must sign off",
    ),
    "hiring_manager": (
        "How would this land with the team, and what would you need from them in the first months?",
        "is the hiring manager: their team would live with the change",
    ),
    "peer": (
        "How did you get the data behind this, and what would change your conclusion?",
        "would work beside you: they look at the method and the data",
    ),
    "hr": (
        "Who did you work with to put this together, and how did you handle disagreement?",
        "is in HR or recruiting: they listen for how you work with others",
    ),
    "other": (
        "Which part of this would you start with in your first weeks, and why that one?",
        "is in the room: anyone may ask where you would begin",
    ),
}


def _person_question(listener: Listener) -> LikelyQuestion:
    text, why = _ROLE_QUESTIONS[effective_relation(listener)]
    return LikelyQuestion(text, f"{listener.name} {why}.", listener.name, "person")


# --- slides -----------------------------------------------------------------------------------


def _slide_order(question: LikelyQuestion) -> tuple[int, int]:
    return KIND_RANK.index(question.kind), int(question.source.split()[-1])


def _slide_questions(slides: Sequence[SlideText]) -> Iterable[LikelyQuestion]:
    for slide in slides:
        body = f"{slide.text}\n{slide.notes}"
        source = f"Slide {slide.number}"
        where = f"{source} ({slide.title})"
        yield from _next_step_questions(slide, body, source, where)
        yield from _figure_questions(body, source, where)
        yield from _claim_questions(body, source, where)


def _next_step_questions(
    slide: SlideText, body: str, source: str, where: str
) -> Iterable[LikelyQuestion]:
    """Up to two questions on what a recommendation leaves out: cost, risk, then timeline; and
    what would be dropped when it says all three."""
    if not _NEXT_STEP.search(f"{slide.title}\n{body}"):
        return
    whole = f"{slide.title}\n{body}"
    gaps = [
        (_COST, "What would it cost, and where would the money or the hours come from?", "cost"),
        (_RISK, "What is the biggest risk, and what would you do if it went wrong?", "risk"),
        (_TIMELINE, "How long would it take, and what would be done by when?", "timeline"),
    ]
    missing = [(text, what) for pattern, text, what in gaps if not pattern.search(whole)]
    missing.append(("What would you stop doing or drop to make room for it?", "priorities"))
    for text, what in missing[:2]:
        reason = f"{where} recommends a next step; it does not say its {what}."
        if what == "priorities":
            reason = f"{where} recommends a next step; people ask what gives way for it."
        yield LikelyQuestion(text, reason, source, "next step")


def _figure_questions(body: str, source: str, where: str) -> Iterable[LikelyQuestion]:
    """The first figure of the slide: how it was measured and, for a change, the baseline."""
    for sentence in _sentences(body):
        changed = bool(_CHANGE.search(sentence))
        figures = [
            q for q in find_quantities(sentence) if _is_figure(q.kind, q.text, changed=changed)
        ]
        if not figures:
            continue
        figure = figures[0].text
        text = f"How did you measure {figure}, and how sure are you of it?"
        if _FROM_TO.search(sentence):  # the before is given: ask what else could explain it
            text = f"How did you measure {figure}, and what else changed over the same period?"
        elif changed:
            text = f"What was the figure before {figure}, and over what period did it change?"
        yield LikelyQuestion(text, f"{where} states {figure}.", source, "figure")
        return


def _claim_questions(body: str, source: str, where: str) -> Iterable[LikelyQuestion]:
    """The first strong claim with no figure in its sentence."""
    for sentence in _sentences(body):
        if _STRONG.search(sentence) and not find_quantities(sentence):
            quote = _quote(sentence)
            yield LikelyQuestion(
                f"What shows that “{quote}”?",
                f"{where} makes a strong claim with no figure behind it.",
                source,
                "claim",
            )
            return


def _is_figure(kind: str, text: str, *, changed: bool) -> bool:
    """A span of time is a figure only when it changed ("waits fell to 18 minutes"); alone it
    is a plan's timeline ("measure for six weeks"). A count is one when written in digits."""
    if kind == "time":
        return changed
    return kind in _FIGURE_KINDS or (kind == "count" and any(c.isdigit() for c in text))


def _sentences(body: str) -> list[str]:
    return [s.strip(" -•*\t") for s in _SENTENCE.split(body) if s.strip(" -•*\t")]


def _quote(sentence: str) -> str:
    words = sentence.rstrip(".!?").split()
    quote = ""
    for word in words:
        if len(quote) + len(word) + 1 > QUOTE_CHARS:
            return quote + " …"
        quote = f"{quote} {word}".strip()
    return quote


# --- together ---------------------------------------------------------------------------------


def _dedupe(questions: Iterable[LikelyQuestion]) -> list[LikelyQuestion]:
    """One question per wording, keeping the first place; later sources join its own."""
    kept: dict[str, LikelyQuestion] = {}
    for question in questions:
        key = " ".join(question.text.casefold().split())
        first = kept.get(key)
        if first is None:
            kept[key] = question
        elif question.source not in first.source.split(" and "):
            kept[key] = msgspec.structs.replace(
                first,
                source=f"{first.source} and {question.source}",
                reason=f"{first.reason} {question.reason}",
            )
    return list(kept.values())
