"""How long words take to say, and how long an interview answer should take: the one home of
the speaking rate and the length targets that the story analyzer (``fit/star.py``) and the
practice-answer analyzer (``feedback``) share. Each value says where it comes from, as in
``feedback/thresholds.py``, which names them for the answer analyzer's table in docs/practice.md.
"""

from __future__ import annotations

# Published: about 150 wpm is the rate most often quoted for conversational English (NCVS, as
# cited by Lisa B. Marshall's blog and the Wikipedia "Words per minute" article): a calm
# interview pace. Text that was never spoken (a typed answer, a written story) is timed at it.
WORDS_PER_MINUTE = 150

# Published: career advice puts a standard interview answer at one to two minutes
# (climbtheladder.com; the same band for behavioral answers on other advice sites). A spoken
# answer inside it is "good"; under it "short", over it "long".
ANSWER_SECONDS_MIN = 60
ANSWER_SECONDS_MAX = 120
# Our choice: past two and a half minutes the listener loses the thread; an answer is
# "rambling".
RAMBLING_SECONDS = 150

# A written story is not a spoken answer: it is the material a telling is cut from, and the
# candidate trims it to the question on the day. So the story analyzer warns only when telling
# the whole story would be too thin for a good answer or would ramble; between two minutes and
# RAMBLING_SECONDS a story is fine, where a spoken answer of that length is merely "long".
STORY_SECONDS = (ANSWER_SECONDS_MIN, RAMBLING_SECONDS)


def seconds_to_say(words: int) -> float:
    """How long ``words`` words take to say at WORDS_PER_MINUTE."""
    return words * 60 / WORDS_PER_MINUTE
