"""Thank-you notes after a round: one draft per interviewer from our own templates, a check that
the panel's notes do not read as copies, and the files and links that hand a draft to the
candidate's own mail program. Plain Python; nothing here imports Django or sends mail."""

from nextround.letters.angles import angles_of
from nextround.letters.drafts import MAX_WORDS, MIN_WORDS, draft_thanks
from nextround.letters.followups import (
    concern_answer,
    decline_offer,
    feedback_request,
    status_check,
)
from nextround.letters.mail import MAILTO_LIMIT, Mailbox, eml_bytes, mailto_link
from nextround.letters.model import (
    ANGLE_OF,
    Angle,
    Candidate,
    Concern,
    Debrief,
    Draft,
    Interviewer,
    MissingDebrief,
    Panelist,
    Relation,
    Strength,
)
from nextround.letters.similarity import TOO_SIMILAR, Similarity, note_core, panel_similarity

__all__ = [
    "ANGLE_OF",
    "MAILTO_LIMIT",
    "MAX_WORDS",
    "MIN_WORDS",
    "TOO_SIMILAR",
    "Angle",
    "Candidate",
    "Concern",
    "Debrief",
    "Draft",
    "Interviewer",
    "Mailbox",
    "MissingDebrief",
    "Panelist",
    "Relation",
    "Similarity",
    "Strength",
    "angles_of",
    "concern_answer",
    "decline_offer",
    "draft_thanks",
    "eml_bytes",
    "feedback_request",
    "mailto_link",
    "note_core",
    "panel_similarity",
    "status_check",
]
