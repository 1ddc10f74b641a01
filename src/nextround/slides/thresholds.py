"""The figures a presentation plan and its rehearsal use, each with where it comes from (as in
``nextround.feedback.thresholds``). docs/rehearsal.md carries the same table."""

from __future__ import annotations

from nextround.feedback import thresholds as answer

# Published (via the answer analyzer, nextround/text/speaking.py): about 150 words a minute is
# the conversational rate; a slide's notes are budgeted at it.
WORDS_PER_MINUTE = answer.TYPED_WORDS_PER_MINUTE
# The answer analyzer's pace bands, so a slide's pace reads like an answer's.
PACE_SLOW_BELOW = answer.PACE_SLOW_BELOW
PACE_GOOD_MAX = answer.PACE_GOOD_MAX
PACE_BRISK_MAX = answer.PACE_BRISK_MAX
# The answer analyzer's filler rate at which its score starts to fall (fillers per 100 words).
FILLERS_FULL_AT = answer.FILLERS_FULL_AT

# Our choice: notes up to a tenth past the word budget still fit (people speed up a little);
# more is a warning that the slide will run over.
NOTES_OVER_SHARE = 0.10
# Our choice: a slide or a whole run within a tenth of its budget is on time; past it "over",
# under half of it "short".
OVER_SHARE = 0.10
SHORT_SHARE = 0.5
# Our choice: limits that keep a plan to something a person can present.
MAX_SLIDES = 80
MAX_SLOT_MINUTES = 180
MAX_NOTES_CHARS = 5_000
# Our choice: the audience's likely questions make a short practice session, not a full one.
AUDIENCE_QUESTIONS = 8
