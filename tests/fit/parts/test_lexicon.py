"""The phrase patterns of the STAR reader (nextround.fit.parts.lexicon, matched by
nextround.fit.parts.phrases): matched only where a word that starts them stands, they must find
what a search along the sentence finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nextround.fit.parts import lexicon as lex
from nextround.fit.parts import phrases, sentences_in, weigh

OWN = Path(__file__).resolve().parents[3] / "evaluation" / "data" / "star" / "own_answers.jsonl"
PHRASES = {name: value for name, value in vars(lex).items() if isinstance(value, phrases.Phrases)}


def _sentences() -> list[str]:
    found = []
    for line in OWN.read_text(encoding="utf-8").splitlines():
        answer = json.loads(line)
        for piece in ("before", "situation", "task", "action", "result", "after"):
            found += sentences_in(answer[piece])
    return found


def test_an_anchored_find_gives_the_match_a_search_gives_on_every_written_sentence() -> None:
    checked = 0
    for sentence in _sentences():
        said = weigh.read(sentence)
        if said is None:
            continue
        for name, pattern in PHRASES.items():
            searched = pattern.search(said.text)
            if not said.bag.isdisjoint(pattern.keys):
                found = pattern.find(said)
                # the same match, where it stands included: the leftmost one
                assert (found and found.span()) == (searched and searched.span()), (name, sentence)
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("body", "firsts"),
    [
        (r"as\s+a\s+result | in\s+the\s+end", {"as", "in"}),
        (r"(?:my|our)\s+job\s+was | (?<!from\s)(?:zero|no\s+more)", {"my", "our", "zero", "no"}),
        (r"it['’]s\s+used", {"it's", "it’s"}),
    ],
)
def test_first_words_are_read_from_the_pattern(body: str, firsts: set[str]) -> None:
    assert set(phrases.alternatives_by_first(body)) == firsts


def test_an_alternative_that_does_not_start_with_a_whole_word_is_refused() -> None:
    # "thank(?:ed|s)?" would be looked for as " thank " and never found in "thanked".
    with pytest.raises(ValueError, match="plain word"):
        phrases.Phrases("thanked", r"thank(?:ed|s)?\b")


@pytest.mark.parametrize(
    ("alternatives", "gate"),
    [
        ([r"the\s+(?:problem|issue)\s+was\b"], {"problem", "issue"}),
        ([r"my\s+(?:\w+\s+)?job\s+was\b"], {"job"}),
        ([r"i\s+had\s+(?:a|an)\b", r"i\s+worked\s+(?:as|at)\b"], {"had", "worked"}),
        ([r"it['’]s\s+(?!over\b)done\s+now"], {"done"}),
        # Nothing needed past the first word: a word without a space after it ("at\b" may be
        # "at-risk"), an optional group, a word a quantifier cuts.
        ([r"as\s+at\b"], None),
        ([r"as\s+(?:a\s+)?result"], None),
        ([r"the\s+results?\s+were"], None),
        ([r"the\s+problem\s+was", r"there\b"], None),
    ],
)
def test_what_a_first_words_alternatives_need(
    alternatives: list[str], gate: set[str] | None
) -> None:
    # "the problem was": the sentence holds "problem" wherever it matches, so a sentence
    # without it is not matched at its "the"s.
    assert phrases._gate(alternatives) == (None if gate is None else frozenset(gate))


def test_a_setting_is_matched_at_a_word_with_only_the_alternatives_that_start_with_it() -> None:
    # weigh.opens_on_setting relies on it: each alternative's first word is followed by a
    # space, so no other alternative matches where a word stands.
    checked = 0
    for sentence in _sentences():
        said = weigh.read(sentence)
        if said is None:
            continue
        at = 0
        for word in said.words:
            at = said.text.index(f" {word} ", at) + 1
            own = lex.SETTING.by_first.get(word)
            expected = lex.SETTING.pattern.match(said.text, at) is not None
            assert (own is not None and own.match(said.text, at) is not None) == expected
            checked += 1
    assert checked > 10000
