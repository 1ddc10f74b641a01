"""The follow-ups after the thank-you notes, drafted from our own templates: a status check when
the decision is late, a note answering a concern still open, a request for feedback once they
have decided. Short on purpose: each asks one thing."""

from __future__ import annotations

from datetime import date

from nextround.errors import Invalid
from nextround.letters.drafts import SIGN_OFFS, clean, sentence
from nextround.letters.model import Candidate, Concern, Draft, Interviewer
from nextround.text import word_count


def _letter(candidate: Candidate, to: Interviewer, subject: str, paragraphs: list[str]) -> Draft:
    if not clean(candidate.name):
        raise Invalid("The candidate needs a name to sign the notes with.")
    name = clean(to.greet_as or to.name) or "there"
    body = "\n\n".join([f"Dear {name},", *paragraphs, f"{SIGN_OFFS[1]}\n{clean(candidate.name)}"])
    return Draft(interviewer=to, subject=subject, body=body, words=word_count(body), detail="")


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def status_check(
    candidate: Candidate,
    to: Interviewer,
    *,
    round_on: date,
    stated: date | None = None,
    earlier_checks: int = 0,
) -> Draft:
    """A short, polite question about where the decision stands."""
    role, company = clean(candidate.role), clean(candidate.company)
    opening = (
        "I hope your week is going well. "
        f"I interviewed for the {role} role at {company} on {_day(round_on)}"
    )
    opening += f", and you mentioned you expected to decide by {_day(stated)}." if stated else "."
    ask = (
        "I wanted to ask whether there is any news on the decision, and whether you need anything "
        "more from me."
        if earlier_checks == 0
        else "I am writing once more to ask whether a decision has been made; I understand these "
        "things take time, and a short word on the timing would help me plan."
    )
    return _letter(
        candidate,
        to,
        f"Checking in on the {role} role",
        [opening, ask, f"I remain very interested in joining {company}."],
    )


def concern_answer(candidate: Candidate, to: Interviewer, concern: Concern) -> Draft:
    """A note that takes up a doubt raised in the round with the answer the candidate planned."""
    if not clean(concern.answer):
        raise Invalid(
            "Write the answer you plan to give to this concern first.",
            {"answer": ["Required to draft the note."]},
        )
    role = clean(candidate.role)
    return _letter(
        candidate,
        to,
        f"A follow-up on our conversation about the {role} role",
        [
            "Thank you again for our conversation. I have kept thinking about the point you "
            f"raised about {clean(concern.raised).rstrip('.?!')}, and wanted to answer it "
            "properly.",
            sentence(concern.answer),
            "I would be glad to talk it through further if that would help.",
        ],
    )


def feedback_request(candidate: Candidate, to: Interviewer, *, offer: bool) -> Draft:
    """Once they have decided: thanks, and a request for candid feedback."""
    role, company = clean(candidate.role), clean(candidate.company)
    first = (
        f"Thank you for the offer for the {role} role and for how the process was run."
        if offer
        else f"Thank you for letting me know about your decision on the {role} role, and for "
        "the time you and the team gave me."
    )
    return _letter(
        candidate,
        to,
        f"Feedback on my interviews for the {role} role",
        [
            first,
            "If you could spare a few minutes, I would value your honest view of my interviews: "
            "what came across well, and what I could do better next time.",
            f"I enjoyed getting to know {company}, and I hope our paths cross again."
            if not offer
            else "It would help me start well and keep growing.",
        ],
    )


def decline_offer(
    candidate: Candidate, to: Interviewer, *, reason: str = "", accepted_elsewhere: bool = True
) -> Draft:
    """Turning an offer down: thanks first, the decision in one plain sentence, a reason only
    when the candidate gives one, and the door left open."""
    role, company = clean(candidate.role), clean(candidate.company)
    decided = (
        f"After a lot of thought I have accepted another offer, so I will not be taking up the "
        f"{role} role."
        if accepted_elsewhere
        else f"After a lot of thought I have decided not to take up the {role} role."
    )
    paragraphs = [
        f"Thank you for the offer to join {company} as {role}, and for the care you and the "
        "team took over the process.",
        decided,
    ]
    if clean(reason):
        paragraphs.append(sentence(reason))
    paragraphs.append(
        f"I valued every conversation and came away with real respect for the people at "
        f"{company}. I hope we stay in touch, and that our paths cross again."
    )
    return _letter(candidate, to, f"The {role} offer", paragraphs)
