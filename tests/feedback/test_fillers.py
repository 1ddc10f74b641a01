"""Fillers (nextround.feedback.fillers): which sounds and words fill a pause and which carry
meaning. Every answer here is hand-written for these tests; offsets are computed from the text
with str.index so each one can be checked by eye."""

from __future__ import annotations

import pytest

from nextround.feedback.fillers import find_fillers
from nextround.feedback.hedges import find_hedges
from tests.feedback.helpers import at, spans


def test_vocal_fillers_with_spelling_variants_and_offsets() -> None:
    # A chef: 5 vocal fillers, each a different spelling.
    text = "Umm, the kitchen, uh, ran out of stock. Erm, I called uhm the supplier. Hmm."
    assert spans(find_fillers(text)) == [
        at(text, "Umm"),
        at(text, "uh"),
        at(text, "Erm"),
        at(text, "uhm"),
        at(text, "Hmm"),
    ]


def test_sounds_that_are_abbreviations_or_units_are_not_fillers() -> None:
    text = "I worked in the ER for two years and the gap was 5 mm wide, umbrella or not."
    assert find_fillers(text) == []


def test_multi_word_fillers_have_exact_offsets() -> None:
    # A teacher: "you know", "I mean", "kind of" before a pause, then "um".
    text = "You know, the class was lively. I mean, we kind of, um, ran out of time."
    assert spans(find_fillers(text)) == [
        at(text, "You know"),
        at(text, "I mean"),
        at(text, "kind of"),
        at(text, "um"),
    ]


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("I like Python and SQL.", []),
        ("It looks like the release will slip.", []),
        ("Something like 20% of calls were dropped.", []),
        ("I would like to lead the migration.", []),
        ("We used tools like Jira and Confluence.", []),
        ("Like I said, the audit came first.", []),
        ("It was like a maze in the warehouse.", []),
        ("It was, like, really hard to staff.", ["like"]),
        ("And like we shipped it anyway.", ["like"]),
        ("We had like 20 people on the call.", ["like"]),
        ("I was like no way, not this week.", ["like"]),
        # After a comma, "like" before a determiner gives an example; before a pause it pads.
        ("It needs a screen, like a phone has.", []),
        ("It needs a screen, like, a big one.", ["like"]),
    ],
)
def test_like_counts_only_when_it_fills(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("So I decided to call the supplier.", []),
        ("We met early so that nobody waited.", []),
        ("So, um, the audit started on Monday.", ["So", "um"]),
        # A comma after "so" or "well" is punctuation, not a held pause.
        ("I was tired, so, I went home.", []),
        ("So, I called the supplier.", []),
        ("Well, it depends on the ward.", []),
        ("Well, um, it depends on the ward.", ["Well", "um"]),
        ("So... we started again.", ["So"]),
        ("We had no budget, so.", ["so"]),
        ("The audit went well.", []),
        ("Sooo the budget was tight.", ["Sooo"]),
        ("Okay so the budget was tight.", ["Okay so"]),
        ("Alright, so the budget was tight.", ["Alright, so"]),
        ("That is right.", []),
        ("She was the right person for it.", []),
        ("We met the deadline, right?", ["right"]),
        ("Right, so the patient was stable.", ["Right"]),
        ("Actually, the ward was short of staff.", ["Actually"]),
        ("Nobody knew what actually happened.", []),
        ("It worked, actually.", ["actually"]),
        ("Do you know how the ledger works?", []),
        ("As you know, we closed the books.", []),
        ("You know, we closed the books.", ["You know"]),
        ("I mean it when I say the team did well.", []),
        ("What I mean is that the team did well.", []),
        ("I mean, the team did well.", ["I mean"]),
        ("Basically the report was late, literally a week late.", ["Basically", "literally"]),
    ],
)
def test_ambiguous_fillers(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers


def test_kind_of_as_a_type_is_neither_filler_nor_hedge() -> None:
    text = "What kind of role is this, and what sort of team?"
    assert find_fillers(text) == []
    assert find_hedges(text) == []


def test_loose_kind_of_is_a_hedge_before_a_word_and_a_filler_before_a_pause() -> None:
    text = "It was kind of hard. We kind of, um, stalled."
    assert spans(find_hedges(text)) == [at(text, "kind of")]
    assert spans(find_fillers(text)) == [at(text, "kind of", 20), at(text, "um")]


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        # A vocal filler next to "like"; the word before is read through the filler.
        ("We then, uh, like tried it twice.", ["uh", "like"]),
        ("We, uh, like pizza.", ["uh"]),
        ("She proposed uh like a rota.", ["uh", "like"]),
        ("We met like, um, twice.", ["like", "um"]),
        ("They seemed um like nice people.", ["um"]),
        ("We sold things um like mugs.", ["um"]),
        ("I, um, like Python.", ["um"]),
        ("Tools, um, like Jira helped.", ["um", "like"]),
        # "to like": padding unless the verb ("want to like it", "to like the job").
        ("The coach asked us to like run laps.", ["like"]),
        ("We found ways to like test the idea.", ["like"]),
        ("I want to like my next job.", []),
        ("I learned to like Python.", []),
        ("It is hard to like the commute.", []),
        ("I would like to lead it.", []),
        # After "have": never the verb.
        ("We have like a column for it.", ["like"]),
        ("Mentors have like trained me well.", ["like"]),
        # After a word that needs a subject next.
        ("I met people where like they listen.", ["like"]),
        ("The catch is that like I forgot.", ["like"]),
        ("People who like sports joined.", []),
        ("I picked teams that like the outdoors.", []),
        # After a preposition.
        ("It sold for like a billion dollars.", ["like"]),
        ("We talked about like how to start.", ["like"]),
        ("It is kind of like a relay.", ["kind of"]),  # "like" compares
        ("I work with like-minded people.", []),
    ],
)
def test_like_rules_on_hand_written_sentences(text: str, fillers: list[str]) -> None:
    assert [s.text for s in find_fillers(text)] == fillers
