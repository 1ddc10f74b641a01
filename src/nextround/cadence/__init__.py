"""The follow-ups after a round: thank-you notes, status checks, answers to open concerns, a
feedback request after the decision, and the point to stop chasing. Dates only, as pure
functions; plain Python, nothing here imports Django."""

from nextround.cadence.business import next_business_day, working_day
from nextround.cadence.schedule import (
    Decision,
    FollowUp,
    Kind,
    Reply,
    RoundFacts,
    Sent,
    schedule,
)

__all__ = [
    "Decision",
    "FollowUp",
    "Kind",
    "Reply",
    "RoundFacts",
    "Sent",
    "next_business_day",
    "schedule",
    "working_day",
]
