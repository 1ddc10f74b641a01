"""Words and tokens (nextround.text.words): one normalisation for every matcher and rule."""

from __future__ import annotations

import pytest

from nextround.text import STOPWORDS, Tokens, normalise, word_count, words


@pytest.mark.parametrize(
    ("written", "compared"),
    [
        ("I'm", "im"),
        ("I’m", "im"),  # a curly apostrophe, as phones and word processors type it
        ("Im", "im"),  # a transcript without the apostrophe
        ("DON'T", "dont"),
        ("team’s", "teams"),
        ("Zürich", "zürich"),
    ],
)
def test_a_word_is_compared_in_lower_case_without_apostrophes(written: str, compared: str) -> None:
    assert normalise(written) == compared
    assert words(written) == [compared]


def test_words_split_on_everything_but_letters_digits_and_inner_apostrophes() -> None:
    text = "I’m sure we don't use snake_case — it's 3.5x faster, isn't it?"
    assert words(text) == [
        "im",
        "sure",
        "we",
        "dont",
        "use",
        "snake",
        "case",
        "its",
        "3",
        "5x",
        "faster",
        "isnt",
        "it",
    ]


def test_an_apostrophe_at_the_edge_of_a_word_is_not_part_of_it() -> None:
    assert words("the students' 'best' ideas") == ["the", "students", "best", "ideas"]


def test_word_count_counts_spoken_words_not_punctuation() -> None:
    # "$2.4M" and "well-known" are one word each when said; the dash and the full stop none.
    assert word_count("We saved $2.4M — a well-known win .") == 6
    assert word_count("") == 0
    assert word_count("... — !") == 0


def test_word_count_splits_on_any_whitespace_and_ignores_underscores() -> None:
    # A piece of underscores alone is not a word; one with a letter anywhere in it is.
    assert word_count("snake_case _ __ _a") == 2
    # Line and paragraph separators and no-break spaces separate pieces as spaces do.
    assert word_count("one\u2028two\u3000three\x1cfour\tfive\nsix") == 6
    assert word_count("(a) [b] “c”") == 3


def test_tokens_keep_words_marks_and_offsets_in_step() -> None:
    text = "Well... I’m done, ok?"
    tokens = Tokens(text)
    assert tokens.size == 7
    assert tokens.words == ["well", "", "im", "done", "", "ok", ""]
    assert tokens.marks == ["", "...", "", "", ",", "", "?"]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)] == [
        "Well",
        "...",
        "I’m",
        "done",
        ",",
        "ok",
        "?",
    ]


def test_tokens_quote_each_token_as_written() -> None:
    tokens = Tokens("I'm sure, I’M SURE")
    assert tokens.words[0] == tokens.words[3] == "im"
    assert [tokens.written(i) for i in (0, 3)] == ["I'm", "I’M"]


def test_tokens_and_words_agree_on_the_words() -> None:
    text = "Um, I’d say the ward's rota—honestly—worked... mostly."
    assert [w for w in Tokens(text).words if w] == words(text)


def test_stop_words_are_in_the_compared_form() -> None:
    assert {"im", "youre", "youve", "its", "the"} <= STOPWORDS
    assert all("'" not in w and "’" not in w for w in STOPWORDS)
    assert "id" not in STOPWORDS  # "ID" is a word of its own ("200 ID cards")


def test_word_count_splits_at_the_control_characters_str_split_splits_at() -> None:
    # Unit and record separators are whitespace to str.split, as the count must treat them.
    assert word_count("one\x1ctwo\x1fthree - four") == 4


def test_tokens_know_their_distinct_words() -> None:
    tokens = Tokens("So, I think so. I'm sure!")
    assert tokens.distinct == frozenset({"so", "i", "think", "im", "sure", ""})
