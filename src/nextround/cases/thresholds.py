"""Every threshold the case feedback uses, in one place, each with where its value comes from,
as in ``nextround.feedback.thresholds``. "Published" names the source; "our choice" means no
source gave a figure and we picked one, with the reason. docs/rehearsal.md carries the same
table; a test checks that every constant here appears there.
"""

from __future__ import annotations

# --- Input ------------------------------------------------------------------------------------

# Our choice: about 3,000 words, far more than anyone says in a 30-minute case; the cap keeps one
# request from tying up the analyzer. The same cap as a practice answer.
MAX_CASE_CHARS = 20_000
# Our choice: the scratch structure is a short tree; 200 lines is far beyond any useful one.
MAX_TREE_LINES = 200

# --- Phases (target minutes) --------------------------------------------------------------------

# Our choice, from the usual shape of a 30-minute case round as interview guides describe it
# (a short clarifying exchange, a pause to structure, most of the time on the analysis, a
# one-to-two-minute close); no study gives exact shares, so these are round numbers.
PHASE_TARGET_MINUTES: dict[str, float] = {
    "clarify": 3,
    "structure": 3,
    "analyse": 15,
    "recommend": 2,
}
# Our choice: a phase up to a quarter past its target is on time; more is "over". A phase under
# a third of its target is "rushed" (a structure made in 40 seconds is rarely thought through).
PHASE_OVER_FACTOR = 1.25
PHASE_RUSHED_FACTOR = 0.33

# --- Clarifying questions ---------------------------------------------------------------------

# Our choice: one question before the structure shows the candidate checked the goal; guides
# commonly suggest two or three (the objective, the scope, a definition).
CLARIFY_MIN_QUESTIONS = 1
# Our choice: when the answer announces no structure and states no sum, "before diving in"
# means this share of its words from the start.
CLARIFY_OPENING_SHARE = 0.3

# --- Assumptions ------------------------------------------------------------------------------

# Our choice: a sizing or a money case needs at least two numbers to reason with; stating them
# out loud ("let's assume 40% of households...") lets the interviewer correct them early.
ASSUMPTIONS_MIN = 2

# --- Structure --------------------------------------------------------------------------------

# Our choice: two to five top-level branches; one is not a structure, and past five the listener
# cannot hold them (the "magical number" of working memory is about four chunks, Cowan 2001).
BRANCHES_MIN = 2
BRANCHES_MAX = 5
# Our choice: two branches sharing more than a third of their meaningful word stems (Jaccard)
# likely cover the same ground, which is what "mutually distinct" asks to avoid.
BRANCH_OVERLAP_MAX = 0.34

# --- Arithmetic -------------------------------------------------------------------------------

# Our choice: a stated result within 2% of the true one (or off by less than 0.5) counts as
# right, since candidates round as they speak ("7,000 times 31% is about 2,200").
ARITHMETIC_TOLERANCE = 0.02
ARITHMETIC_ABSOLUTE = 0.5

# --- The close ----------------------------------------------------------------------------------

# Our choice: the close is the last paragraph, or the last few sentences of an answer typed as
# one block; its first sentence should carry the recommendation (answer first, then why).
CLOSE_SENTENCES = 4
