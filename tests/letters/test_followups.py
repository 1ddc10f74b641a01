"""The note that turns an offer down: courteous, one clear decision, a reason only when given,
and readable back as a mail message."""

from __future__ import annotations

import email
import email.policy

import pytest

from nextround.errors import Invalid
from nextround.letters import Candidate, Interviewer, Mailbox, decline_offer, eml_bytes
from tests.letters.helpers import CANDIDATE

RECRUITER = Interviewer("Priya Nair", "Recruiter", "hr", "priya@acme.example")


def test_decline_thanks_decides_and_leaves_the_door_open() -> None:
    draft = decline_offer(CANDIDATE, RECRUITER)
    body = draft.body
    assert body.startswith("Dear Priya Nair,")
    assert "Thank you for the offer to join Acme Logistics as Platform Engineer" in body
    assert "accepted another offer" in body and "not be taking up" in body
    assert body.index("Thank you") < body.index("accepted another offer")
    assert body.rstrip().endswith("Sam Rivera")
    assert "Platform Engineer" in draft.subject
    assert draft.words == len(body.split())


def test_a_reason_is_told_only_when_given() -> None:
    plain = decline_offer(CANDIDATE, RECRUITER, accepted_elsewhere=False)
    assert "decided not to take up" in plain.body and "another offer" not in plain.body
    told = decline_offer(CANDIDATE, RECRUITER, reason="the other role is closer to my family")
    assert "The other role is closer to my family." in told.body
    assert len(told.body) > len(decline_offer(CANDIDATE, RECRUITER).body)


def test_the_draft_reads_back_as_a_message() -> None:
    draft = decline_offer(CANDIDATE, RECRUITER)
    raw = eml_bytes(draft, Mailbox("Priya Nair", "priya@acme.example"), None)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == draft.subject and message["X-Unsent"] == "1"
    assert "accepted another offer" in message.get_content()


def test_a_nameless_candidate_cannot_sign() -> None:
    with pytest.raises(Invalid):
        decline_offer(Candidate(name=" ", role="Nurse", company="St Mary's"), RECRUITER)
