"""Measured feedback on one practice answer, typed or transcribed from speech.

Everything here is hand-written rules over words and their neighbours: no model, no Django, so
each figure can be explained and a 300-word answer takes about 1 ms (benchmarks/answers.py).
The thresholds and weights live in ``thresholds.py``; the rules and the reasons for them are
listed in docs/practice.md. Each kind of rule has its module: ``fillers``, ``hedges``,
``structure`` (STAR and figures), ``organisation`` (point first, a conclusion, a length that
holds it), ``delivery`` (length, pace, pauses, long sentences, repeats),
``relevance``, ``score`` and ``tips``; this one measures an answer with them.

The text is split once into tokens (words and punctuation marks, with offsets) by the text
toolkit, which compares words in lower case without apostrophes: "I'm" and a transcript's "Im"
are the same word.
"""

from __future__ import annotations

from collections.abc import Sequence

from nextround.errors import Invalid
from nextround.feedback import thresholds as t
from nextround.feedback.delivery import (
    heard_pauses,
    long_sentences,
    repeated_phrases,
    speaking_time,
    tally,
)
from nextround.feedback.fillers import filler_ranges
from nextround.feedback.hedges import find_hedges
from nextround.feedback.organisation import organisation
from nextround.feedback.relevance import term_uses
from nextround.feedback.report import (
    AnswerReport,
    Component,
    Pause,
    Pronouns,
    Span,
    TimedWord,
)
from nextround.feedback.score import Facts, score
from nextround.feedback.structure import find_star, sentences, sets_situation, wants_story
from nextround.feedback.tips import tips
from nextround.feedback.tokens import spans
from nextround.text import Tokens, voice_of, word_count

# Raise whenever a change to the analysis changes the score, the filler rate or the pace: the
# figures stored with older attempts (for the history charts) are then recomputed.
FIGURES_VERSION = 3


def analyze_answer(
    text: str,
    *,
    question: str | None = None,
    category: str | None = None,
    seconds: float | None = None,
    words: Sequence[TimedWord] | None = None,
    requirements: Sequence[str] = (),
    company_terms: Sequence[str] = (),
    pauses: Sequence[Pause] = (),
) -> AnswerReport:
    """Measure one answer. ``seconds`` is its spoken length when known; ``words`` the speech
    recogniser's timed words (their span gives the length when ``seconds`` is not given);
    ``pauses`` the silences measured in the audio. Without either, the length is estimated
    from the word count and pace is not scored. ``category`` is the question's kind from the
    playbook ("behavioral"…): when given, it alone says whether a story is expected."""
    _check(text)
    facts = _measure(
        text,
        question=question,
        story=wants_story(question, category),
        seconds=seconds,
        timed=words or (),
        terms=(requirements, company_terms),
        pauses=pauses,
    )
    total, components, lost, note = score(facts)
    return _report(facts, total, components, tips(facts, lost), note)


def _measure(
    text: str,
    *,
    question: str | None,
    story: bool,
    seconds: float | None,
    timed: Sequence[TimedWord],
    terms: tuple[Sequence[str], Sequence[str]],  # the requirements, the company's terms
    pauses: Sequence[Pause],
) -> Facts:
    """Every rule run once over the answer."""
    tokens = Tokens(text)
    fillers_at = filler_ranges(tokens)
    found = sentences(text)
    # Sentences are separated by whitespace alone, so no spoken word straddles two of them and
    # the answer's word count is the sum of theirs.
    counts = [word_count(s.text) for s in found]
    word_total = sum(counts)
    secs, estimated = speaking_time(word_total, seconds, timed)
    star, result_quantities = find_star(found)
    hesitations, long_pauses = heard_pauses(pauses)
    requirement_use, company_use = term_uses(tokens, *terms)
    return Facts(
        story=story,
        words=word_total,
        seconds=secs,
        estimated=estimated,
        fillers=tally(spans(tokens, fillers_at), word_total, secs),
        hedges=tally(find_hedges(text, tokens), word_total, secs),
        star=star,
        organisation=organisation(
            text,
            found,
            question=question,
            seconds=secs,
            story_opens=story and bool(found) and sets_situation(found[0].text),
        ),
        result_quantities=result_quantities,
        sentences=found,
        voice=voice_of(text),
        long_sentences=long_sentences(found, counts),
        repeats=repeated_phrases(tokens, fillers_at),
        hesitations=hesitations,
        long_pauses=long_pauses,
        requirements=requirement_use,
        company_terms=company_use,
    )


def _check(text: str) -> None:
    if not text or not text.strip():
        raise Invalid("There is no answer to analyse: type or record what you would say.")
    if len(text) > t.MAX_ANSWER_CHARS:
        raise Invalid(
            f"The answer is too long to analyse: {len(text):,} characters, and the limit is "
            f"{t.MAX_ANSWER_CHARS:,}. A spoken answer rarely needs more than 400 words."
        )


def _report(
    f: Facts, total: int, components: dict[str, Component], advice: list[str], note: str
) -> AnswerReport:
    return AnswerReport(
        words=f.words,
        seconds=round(f.seconds, 1),
        seconds_estimated=f.estimated,
        wpm=round(f.wpm, 1),
        pace=f.pace,
        length=f.length,
        fillers=f.fillers,
        hedges=f.hedges,
        star=f.star,
        organisation=f.organisation,
        quantified_result=f.quantified,
        quantities=[Span(text=q.text, start=q.start, end=q.end) for q in f.result_quantities],
        pronouns=Pronouns(f.voice.i_count, f.voice.we_count, f.voice.verdict),
        long_sentences=f.long_sentences,
        repeated_phrases=f.repeats,
        requirements=f.requirements,
        company_terms=f.company_terms,
        hesitations=f.hesitations,
        long_pauses=f.long_pauses,
        score=total,
        components=components,
        tips=advice,
        score_note=note,
    )
