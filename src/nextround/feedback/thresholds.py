"""Every threshold and weight the answer analyzer uses, in one place. The speaking rate and the
length targets are shared with the story analyzer and come from ``nextround.text.speaking``.

Each constant says where its value comes from. "Published" points at an entry of the evaluation
notes on published figures (kept outside the repository, in the shared evaluation folder), named
by its source; "our choice" means no source gave a figure and we picked one, with the reason.
docs/practice.md carries the same table; a test checks that every constant here appears there.
"""

from __future__ import annotations

from nextround.text import speaking

# --- Input ------------------------------------------------------------------------------------

# Our choice: about 3,000 words, twenty minutes of talk, far beyond any single answer; the cap
# keeps one request from tying up the analyzer.
MAX_ANSWER_CHARS = 20_000

# --- Pace (words per minute) ------------------------------------------------------------------

# Published (see nextround/text/speaking.py, shared with the story analyzer): about 150 wpm is
# the conversational rate. Typed answers have no clock, so their speaking time is estimated at
# this rate.
TYPED_WORDS_PER_MINUTE = speaking.WORDS_PER_MINUTE
# Published: conversational rates of 110–150 wpm (Lisa B. Marshall, 2014); under 110 is below the
# usual conversational band.
PACE_SLOW_BELOW = 110
# Published: audiobook narration is set at 150–160 wpm (Marshall); the MIT mock interviews
# (Naim et al. 2015) have a median near 154 wpm, as computed in the notes from that dataset's
# features. Up to 160 is still an easy pace.
PACE_GOOD_MAX = 160
# Published: TED speakers range up to about 180 wpm (SpeakerHub via aijimmy.com) and rates past
# 180–200 are described as fast; 160–180 is brisk, above 180 fast.
PACE_BRISK_MAX = 180

# --- Length -----------------------------------------------------------------------------------

# The length targets are shared with the story analyzer, so they live with their sources in
# nextround/text/speaking.py. Published: one to two minutes for an answer (climbtheladder.com).
TARGET_SECONDS_MIN = speaking.ANSWER_SECONDS_MIN
TARGET_SECONDS_MAX = speaking.ANSWER_SECONDS_MAX
# Our choice: past two and a half minutes the listener loses the thread; the same ceiling the
# story analyzer warns at for a told story (speaking.STORY_SECONDS).
RAMBLING_SECONDS = speaking.RAMBLING_SECONDS
# Our choice: 400 words is about 160 s at TYPED_WORDS_PER_MINUTE, so a typed answer this long
# rambles whatever its clock says.
RAMBLING_WORDS = 400
# Our choice: 35 words is about 14 s of speech without a breath or a full stop; plain-language
# guides aim far lower for writing, but speech runs longer, so we flag only clear run-ons.
LONG_SENTENCE_WORDS = 35

# --- Pauses (from audio) ----------------------------------------------------------------------

# Our choice: no published cut-off was found. A silence of a second and a half inside an answer
# is noticeable to a listener; three seconds reads as losing the thread.
HESITATION_SECONDS = 1.5
LONG_PAUSE_SECONDS = 3.0

# --- Repeated phrases -------------------------------------------------------------------------

# Our choice: a phrase of three or more words, with at least two words that are not stop words
# or fillers, said three or more times in one answer sounds like a verbal habit. Phrases are
# looked for up to eight words long.
REPEAT_MIN_WORDS = 3
REPEAT_MAX_WORDS = 8
REPEAT_MIN_CONTENT_WORDS = 2
REPEAT_MIN_COUNT = 3

# --- Fillers and hedges -----------------------------------------------------------------------

# Published: spontaneous speech has about 2–6 disfluencies per 100 words (Bortfeld et al. 2001,
# Fox Tree 1995, Shriberg 1994, as summarised in a PMC article on filled pauses); the MIT
# interviewees' median is about 2 fillers per 100 words (computed in the notes from that
# dataset's features). A few fillers are normal (Shriberg, quoted in Gotthelf's "Lawyer's Guide
# to Um"), so the fillers component is full up to the low end of that range and falls linearly
# to nothing at its top.
FILLERS_FULL_AT = 2.0
FILLERS_ZERO_AT = 6.0
# Our choice: no published rate for hedges was found. One hedge per 100 words passes unnoticed;
# four makes every claim sound unsure.
HEDGES_FULL_AT = 1.0
HEDGES_ZERO_AT = 4.0

# --- Score ------------------------------------------------------------------------------------

# Our choice, out of 100: the content of a story (structure and a result with a number) weighs
# most because it is what the interviewer remembers; delivery (fillers, hedges, length, pace)
# next; relevance to the job's requirements and the company's terms when they are given.
SCORE_WEIGHTS = {
    "structure": 30,
    "result": 15,
    "fillers": 15,
    "hedges": 10,
    "length": 10,
    "pace": 10,
    "relevance": 10,
}
assert sum(SCORE_WEIGHTS.values()) == 100

# The structure component is the three organisation checks (point first, a conclusion, a
# length that holds it), counting alike; a story (behavioral question, or no question given)
# adds the share of STAR parts present as a fourth. Equal weights, none fitted to ratings: each
# check on its own agreed with human raters of structure (docs/practice.md).

# Our choice: the first this many words after the run-up are the opening that should answer the
# question (about six seconds of speech); stalling is looked for in them and the run-up.
OPENING_WORDS = 15
# Our choice: under ten seconds (about 25 words) is too brief to make a point and back it up;
# the length tip says so too. The upper end is TARGET_SECONDS_MAX.
BRIEF_SECONDS = 10

# Our choice: the share of the length and pace weights kept by each band.
LENGTH_CREDIT = {"good": 1.0, "short": 0.5, "long": 0.5, "rambling": 0.0}
PACE_CREDIT = {"good": 1.0, "slow": 0.5, "brisk": 0.5, "fast": 0.0}
# Our choice: a result without a number keeps this share of the result weight.
UNQUANTIFIED_RESULT_CREDIT = 0.5
# Our choice, the story analyzer's (fit/star.py): a story answer without an action, without a
# result, without a number in its result, or under a minute scores at most this, so a score
# never sits high beside a tip that says the story is not there yet.
BLOCKED_SCORE_MAX = 60
# Our choice: one answer cannot name every requirement; naming this many of the terms given
# (or all of them, when fewer are given) earns the full relevance weight.
RELEVANCE_FULL_AT = 3

# --- Tips -------------------------------------------------------------------------------------

# Our choice: fewer than two tips feels like no feedback, more than four is a rewrite.
MIN_TIPS = 2
MAX_TIPS = 4
