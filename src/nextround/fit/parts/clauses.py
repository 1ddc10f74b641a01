"""Where a long run of speech splits into the clauses a listener hears (``fit.parts``).

A transcript, or an answer typed the way it is said, can run for a minute without a full
stop: "so i was on the ward and we had two nurses off and my job was to … and then i rang …
and in the end …". Read as one sentence, it could tell one STAR part only. A run longer than
``LONG_RUN`` words is split before the words a speaker starts a new clause with: "and then",
"so I", "and we", "my job was", "in the end", "um so". Shorter sentences, and long ones
punctuated with commas, stay whole, so a written answer is read as written.

One compiled alternation, searched only in the long runs.
"""

from __future__ import annotations

import re

LONG_RUN = 30  # words; a written sentence is rarely longer, a spoken run often is
# A run with a comma every COMMA_EVERY words or more often is punctuated: its writer or the
# transcriber marked its clauses, and it is read as one sentence, as written.
COMMA_EVERY = 25
SHORTEST = 4  # words; a clause shorter than this is kept with the one before it
RUN_ON = 60  # words; a written sentence is hardly ever this long, commas or not

# Where a new clause starts; each alternative is matched at the start of a word.
_SUBJECT = r"(?:i|we|he|she|they|it|my|our|the|his|her|their|everyone|nobody)"
CLAUSE_START = re.compile(
    rf"""(?<![\w'’-])(?:
        (?:and\s+|but\s+|so\s+)?then\b
      | (?:and|but)\s+(?:so\s+)?(?:um\s+|uh\s+)?{_SUBJECT}\b
      | (?:i|we)\s+(?:\w+ly\s+|just\s+)?(?:needed|had|wanted)\s+to\b
      | (?:i|we)\s+had\s+(?:about\s+|only\s+|just\s+)?(?:a|an|one|two|three|\d+)\s+(?:\w+\s+)?
          (?:minutes|hours|days|weeks|hour|day|week|month|morning|afternoon)\s+to\b
      | it\s+was\s+(?:on|up\s+to|down\s+to)\s+(?:me|us)\b | it\s+was\s+my\s+job\b
      | (?:i|we)\s+(?:was|were)\s+(?:only\s+|just\s+)?(?:asked|booked|sent|given|told)\s+to\b
      | (?:my|our|the)\s+(?:\w+\s+)?(?:manager|boss|supervisor|director|lead|head|partner|
          owner|client|customer)\s+(?:asked|wanted|told)\b
      | (?:and\s+)?so\s+(?:um\s+|uh\s+)?(?:first\s+|then\s+)?(?!that\b){_SUBJECT}\b
      | (?:and\s+)?what\s+(?:i|we)\s+did\s+was\b | and\s+what\b
      | (?:and\s+)?(?:after\s+that|in\s+the\s+end|as\s+a\s+result|by\s+the\s+end|which\s+meant|
          at\s+the\s+end\s+of)\b
      | (?:and\s+)?(?:my|our)\s+(?:\w+\s+)?(?:job|task|role|goal|aim|responsibility|priority|
          brief|part|duty)\s+was\b
      | (?:um|uh|er|okay|right|yeah)\s+so\b
      | (?:the|our|my)\s+(?:\w+\s+){{0,2}}?(?:went\s+(?:down|up|from)|dropped|fell|rose|halved|
          doubled)\b
      | \w+\s+(?:was|were)\s+back\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_WORD = re.compile(r"\S+")


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """Where each clause of the sentence starts and ends, as offsets into it: the whole
    sentence unless it runs past LONG_RUN words."""
    if not is_long_run(sentence):
        return [(0, len(sentence))]
    starts = [0]
    for found in CLAUSE_START.finditer(sentence):
        at = found.start()
        if _words(sentence, starts[-1], at) >= SHORTEST:
            starts.append(at)
    if len(starts) > 1 and _words(sentence, starts[-1], len(sentence)) < SHORTEST:
        starts.pop()  # too short a tail stays with the clause before it
    ends = [_end_before(sentence, at) for at in starts[1:]] + [len(sentence)]
    return list(zip(starts, ends, strict=True))


def is_long_run(sentence: str) -> bool:
    """More than LONG_RUN words with fewer than one comma in COMMA_EVERY words, or more than
    RUN_ON words however many commas: speech typed with commas but no full stop."""
    words = sentence.count(" ") + 1
    return words > RUN_ON or (words > LONG_RUN and sentence.count(",") * COMMA_EVERY < words)


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _end_before(text: str, at: int) -> int:
    """The clause before ``at`` ends at its last non-space character."""
    return len(text[:at].rstrip())
