"""Thank-you drafts, one per interviewer, from our own templates.

Each note greets the person, calls back to something from their debrief, tells the strength
that fits their relation to the role (a hiring manager hears about delivery, a peer about
working together, an executive about outcomes, HR about the process), answers a concern they
raised when the candidate has an answer, restates interest and closes. Every slot has several
phrasings; the one used depends on the slot, the company and the person's place in the panel,
so the notes of one panel never share a phrasing (for panels of up to four) and the same input
always gives the same note. The body stays within ``min_words``–``max_words`` (60–150): long
free text is shortened with an ellipsis, short notes get a plain sentence more.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from nextround.errors import Invalid
from nextround.letters.model import (
    ANGLE_OF,
    Angle,
    Candidate,
    Debrief,
    Draft,
    Interviewer,
    MissingDebrief,
    Panelist,
    Strength,
)
from nextround.text import word_count

MIN_WORDS = 60
MAX_WORDS = 150

GREETINGS = ("Dear {name},", "Hello {name},", "Hi {name},", "Dear {name},")
SIGN_OFFS = ("Best regards,", "Kind regards,", "With thanks,", "All the best,")
SUBJECTS = (
    "Thank you for our conversation",
    "Thanks for your time on the {role} interview",
    "Following up on the {role} role at {company}",
    "Thank you, and a note on the {role} role",
)
OPENINGS = (
    "Thank you for taking the time to talk with me about the {role} role at {company}.",
    "I appreciated our conversation about the {role} position at {company}.",
    "Thanks again for meeting with me during my interviews for the {role} job at {company}.",
    "It was a real pleasure to speak with you about the {role} opening at {company}.",
)
CALLBACKS = {
    "specific": (
        "I keep coming back to what you said about {detail}.",
        "Your point about {detail} stayed with me after we finished.",
        "I especially valued hearing about {detail}.",
        "Hearing you describe {detail} gave me a much clearer picture of the work.",
    ),
    "cared_about": (
        "It was clear how much {detail} matters to you, and it matters to me as well.",
        "I noticed how strongly you care about {detail}, and I share that.",
        "What you said about {detail} told me a lot about how the team works.",
        "I liked how directly you spoke about {detail}.",
    ),
    "topic": (
        "Our discussion of {detail} was the part I enjoyed most.",
        "I found our exchange on {detail} especially useful.",
        "Talking through {detail} with you was a highlight for me.",
        "I'm still thinking about our conversation on {detail}.",
    ),
}
STRENGTHS: dict[Angle, tuple[str, ...]] = {
    "delivery": (
        "As the person I would work for, you may want to know how I deliver: {summary}",
        "On getting work over the line, here is what I would bring: {summary}",
        "You asked what you could count on me for, and this is my best answer: {summary}",
        "When it comes to delivering, one example says it well: {summary}",
    ),
    "collaboration": (
        "Working alongside you, I would bring the same habits I showed here: {summary}",
        "As a future teammate, this is how I like to work with others: {summary}",
        "On working together day to day, an example of how I do it: {summary}",
        "I think we would work well together, and this is why: {summary}",
    ),
    "outcomes": (
        "On the results that matter most at your level: {summary}",
        "If it helps to see the outcomes I aim for, here is one: {summary}",
        "Looking at the bigger picture, this is the kind of result I bring: {summary}",
        "In terms of impact on the business, one example: {summary}",
    ),
    "process": (
        "Thank you as well for keeping the process so clear; one thing worth noting for it: "
        "{summary}",
        "I appreciated how well organised every step has been, and I'd add this: {summary}",
        "You have made the process easy to follow, so let me add one point: {summary}",
        "Thanks for guiding me through each stage so clearly; for the record, {summary}",
    ),
    "general": (
        "One thing I would bring to the role: {summary}",
        "If it helps, here is what I would bring: {summary}",
        "A short example of what I would add: {summary}",
        "Something I'd bring to the team: {summary}",
    ),
}
# HR hears about the process even when no strength speaks to it.
PROCESS_ONLY = (
    "Thank you as well for keeping the process so clear and well organised.",
    "I appreciated how smoothly and openly every step has been handled.",
    "You have made the whole process easy to follow, which I value.",
    "Thanks for guiding me through each stage so clearly.",
)
CONCERNS = (
    "You asked about {raised}. {answer}",
    "On your question about {raised}: {answer}",
    "I have thought more about {raised}, which you raised. {answer}",
    "Since you mentioned {raised}, let me add this: {answer}",
)
INTERESTS = (
    "I am even more interested in the role now and would be glad to bring this to {company}.",
    "Our conversation made me more certain that I want to join your team at {company}.",
    "I remain very keen on this opportunity and on what we could build together.",
    "Everything I heard confirms my interest in the {role} role.",
)
CLOSES = (
    "If there is anything else you need from me, I am happy to send it.",
    "Please let me know if I can answer anything further.",
    "I look forward to hearing about the next steps.",
    "Thank you again for your time and your openness.",
)
FILLERS = (
    "I left with a clear sense of the team's priorities and where I could help first.",
    "The questions you asked gave me a lot to think about, in a good way.",
    "It was useful to hear how the team works from one day to the next.",
    "I enjoyed how open and straightforward the conversation was.",
)

_SPACE = re.compile(r"\s+")
# Free text is shortened to this many words first, then fewer until the note fits.
_CLIP_START = 30
_CLIP_LEAST = 4


def draft_thanks(
    candidate: Candidate,
    panel: Sequence[Panelist],
    *,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
) -> list[Draft | MissingDebrief]:
    """One draft per interviewer of the round, in the panel's order; a ``MissingDebrief`` for
    someone whose debrief has nothing to call back to."""
    if min_words < 1 or max_words < min_words:
        raise Invalid(
            "The word range must be at least one word, and its least no more than its most."
        )
    if not clean(candidate.name):
        raise Invalid("The candidate needs a name to sign the notes with.")
    used: set[str] = set()
    out: list[Draft | MissingDebrief] = []
    for position, panelist in enumerate(panel):
        person = panelist.interviewer
        if not clean(person.name):
            raise Invalid(f"Interviewer {position + 1} needs a name.")
        found = _detail(panelist.debrief)
        if found is None:
            out.append(_missing(person))
            continue
        strength = _pick_strength(candidate.strengths, ANGLE_OF[person.relation], used)
        if strength is not None:
            used.add(strength.title)
        out.append(
            _compose(
                candidate,
                person,
                panelist.debrief or Debrief(),
                found,
                strength,
                position,
                min_words=min_words,
                max_words=max_words,
            )
        )
    return out


def _missing(person: Interviewer) -> MissingDebrief:
    return MissingDebrief(
        interviewer=person,
        missing=("specific", "cared_about", "topics"),
        message=(
            f"Write down something about {clean(person.name)} first: something particular they "
            "said, what they cared about most, or a topic you discussed. A thank-you note needs "
            "one detail from your conversation."
        ),
    )


def _detail(debrief: Debrief | None) -> tuple[str, str] | None:
    """The debrief's best detail for the callback, with its kind: something particular they said,
    else what they cared about, else the first topic."""
    if debrief is None:
        return None
    for kind, text in (
        ("specific", debrief.specific),
        ("cared_about", debrief.cared_about),
        *(("topic", t) for t in debrief.topics),
    ):
        if clean(text):
            return kind, text
    return None


def _pick_strength(strengths: Sequence[Strength], angle: Angle, used: set[str]) -> Strength | None:
    """The strength that speaks to the person's angle, preferring one not yet told to this panel;
    for the general angle, or when none speaks to it, the first not yet told (HR, whose angle is
    the process, gets one only if it speaks to the process)."""
    usable = [s for s in strengths if clean(s.summary)]
    fitting = [s for s in usable if angle in s.angles]
    for choice in (fitting, [] if angle == "process" else usable):
        fresh = [s for s in choice if s.title not in used]
        if fresh or choice:
            return (fresh or choice)[0]
    return None


def _compose(
    candidate: Candidate,
    person: Interviewer,
    debrief: Debrief,
    found: tuple[str, str],
    strength: Strength | None,
    position: int,
    *,
    min_words: int,
    max_words: int,
) -> Draft:
    angle = ANGLE_OF[person.relation]
    concern = next((c for c in debrief.concerns if clean(c.raised) and clean(c.answer)), None)
    kind, detail_text = found
    # The next debrief detail, if any, can fill a short note.
    extras = [t for t in (debrief.cared_about, *debrief.topics) if clean(t) and t != detail_text][
        :1
    ]

    def pick(slot: str, options: Sequence[str]) -> str:
        return options[_index(slot, candidate.company, position, len(options))]

    clip = _CLIP_START
    while True:
        role = _clip(candidate.role, min(clip, 8))
        company = _clip(candidate.company, min(clip, 8))
        detail = _phrase(_clip(detail_text, clip))
        greeting = pick("greeting", GREETINGS).format(name=_clip(person.greet_as or person.name, 6))
        sign_off = f"{pick('sign_off', SIGN_OFFS)}\n{_clip(candidate.name, 6)}"
        first = [
            pick("opening", OPENINGS).format(role=role, company=company),
            pick("callback", CALLBACKS[kind]).format(detail=detail),
        ]
        middle: list[tuple[str, str]] = []
        if strength is not None:
            summary = sentence(_clip(strength.summary, clip))
            middle.append(("strength", pick("strength", STRENGTHS[angle]).format(summary=summary)))
        elif angle == "process":
            middle.append(("process", pick("process", PROCESS_ONLY)))
        if concern is not None:
            answer = sentence(_clip(concern.answer, clip))
            line = pick("concern", CONCERNS).format(
                raised=_phrase(_clip(concern.raised, min(clip, 12))),
                answer=answer,
            )
            middle.append(("concern", line))
        last = [
            pick("interest", INTERESTS).format(role=role, company=company),
            pick("close", CLOSES),
        ]
        body = _body(greeting, first, middle, last, sign_off)
        if word_count(body) <= max_words or clip <= _CLIP_LEAST:
            break
        clip -= 2
    # Too long even with every free text short: drop the concern, then the strength.
    while word_count(body) > max_words and middle:
        middle.pop()
        body = _body(greeting, first, middle, last, sign_off)
    # Too short: another detail from the debrief, then plain sentences of ours.
    fillers = [
        pick("extra", CALLBACKS["topic"]).format(detail=_phrase(_clip(t, 12))) for t in extras
    ] + [
        FILLERS[(_index("filler", candidate.company, position, len(FILLERS)) + k) % 4]
        for k in range(4)
    ]
    added: list[str] = []
    while word_count(body) < min_words and fillers:
        candidate_line = fillers.pop(0)
        trial = _body(greeting, first + added + [candidate_line], middle, last, sign_off)
        if word_count(trial) > max_words:
            continue
        added.append(candidate_line)
        body = trial
    kinds = {kind for kind, _ in middle}
    subject = pick("subject", SUBJECTS).format(
        role=_clip(candidate.role, 8), company=_clip(candidate.company, 8)
    )
    return Draft(
        interviewer=person,
        subject=subject,
        body=body,
        words=word_count(body),
        detail=detail,
        strength=strength.title if strength is not None and "strength" in kinds else "",
        concern=clean(concern.raised) if concern is not None and "concern" in kinds else "",
    )


def _body(
    greeting: str,
    first: list[str],
    middle: list[tuple[str, str]],
    last: list[str],
    sign_off: str,
) -> str:
    paragraphs = [
        greeting,
        " ".join(first),
        " ".join(line for _, line in middle),
        " ".join(last),
        sign_off,
    ]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def _index(slot: str, company: str, position: int, size: int) -> int:
    """A phrasing for the slot: a stable start from the slot and the company, then one step per
    place in the panel, so neighbours in a panel never share a phrasing."""
    digest = hashlib.sha256(f"{slot}\x00{company.casefold()}".encode()).digest()
    return (int.from_bytes(digest[:4], "big") + position) % size


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _clip(text: str, most: int) -> str:
    """The text on one line, cut to ``most`` words with an ellipsis."""
    words = clean(text).split(" ")
    if len(words) <= most:
        return " ".join(words)
    return " ".join(words[:most]).rstrip(",;:.") + "…"


def _phrase(text: str) -> str:
    """Free text to sit inside a sentence: no full stop at its end."""
    return text.rstrip(" .!;:,") if not text.endswith("…") else text


def sentence(text: str) -> str:
    """Free text as a sentence of its own: a capital first letter, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."
