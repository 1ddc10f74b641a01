"""The follow-ups after a round: thank-you notes, status checks, answers to open concerns, a
feedback request after the decision, and the point to stop chasing. Dates only, as pure
functions; plain Python, nothing here imports Django."""

from nextround.cadence.business import canonical_region, next_business_day, working_day
from nextround.cadence.schedule import (
    THANKS_AFTER,
    Decision,
    FollowUp,
    Kind,
    Outcome,
    Reply,
    RoundFacts,
    Sent,
    schedule,
)

__all__ = [
    "THANKS_AFTER",
    "Decision",
    "FollowUp",
    "Kind",
    "Outcome",
    "Reply",
    "RoundFacts",
    "Sent",
    "canonical_region",
    "next_business_day",
    "schedule",
    "working_day",
]
