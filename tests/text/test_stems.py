"""Stems and stem overlap (nextround.text.stems)."""

from __future__ import annotations

import random
import sys
import threading
from importlib import resources

import pytest
import snowballstemmer

from nextround.text import content_stems, overlap, stem, stems, words
from nextround.text.stems import stem_set


def test_forms_of_one_word_share_a_stem() -> None:
    assert stem("managed") == stem("management") == stem("managing")
    assert stem("stakeholders") == stem("stakeholder")
    assert stem("excellent") != stem("experience")


@pytest.mark.parametrize("spelling", ["I'm managing", "I’m managing", "Im managing"])
def test_every_spelling_of_a_contraction_has_the_same_stems(spelling: str) -> None:
    assert stems(spelling) == ["im", stem("managing")]


def test_content_stems_leave_out_stop_words() -> None:
    assert content_stems("I am managing the stakeholders") == frozenset(
        {stem("managing"), stem("stakeholders")}
    )
    assert content_stems("I’m the one you're hiring") == frozenset({stem("hiring")})


def test_overlap_is_the_jaccard_similarity_of_two_stem_sets() -> None:
    a = content_stems("managed stakeholders in finance")
    b = content_stems("stakeholder management")
    assert overlap(a, b) == pytest.approx(2 / 3)
    assert overlap(a, a) == 1.0
    assert overlap(a, frozenset()) == 0.0
    assert overlap(frozenset(), frozenset()) == 0.0


def _vocabulary() -> list[str]:
    """Every distinct word of the built-in data files: thousands of real words."""
    found: set[str] = set()
    root = resources.files("nextround")
    for package in ("playbook", "fit"):
        for entry in (root / package / "data").iterdir():
            if entry.name.endswith(".toml"):
                found.update(words(entry.read_text(encoding="utf-8")))
    for entry in (root / "playbook" / "data" / "questions").iterdir():
        if entry.name.endswith(".toml"):
            found.update(words(entry.read_text(encoding="utf-8")))
    return sorted(found)


def test_eight_threads_stem_like_one() -> None:
    """The web server answers from eight threads: each must get the stem one thread gets, and
    the cache must keep only those."""
    vocabulary = _vocabulary()
    assert len(vocabulary) > 2000
    reference = {w: snowballstemmer.stemmer("english").stemWord(w) for w in vocabulary}
    stem.cache_clear()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    errors: list[BaseException] = []
    wrong: list[str] = []
    start = threading.Barrier(8)

    def run(seed: int) -> None:
        order = list(vocabulary)
        random.Random(seed).shuffle(order)
        start.wait()
        for word in order:
            try:
                got = stem(word)
            except Exception as exc:  # counted; the assertion names them
                errors.append(exc)
                continue
            if got != reference[word]:
                wrong.append(word)

    try:
        threads = [threading.Thread(target=run, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    kept_wrong = [w for w in vocabulary if stem(w) != reference[w]]
    assert (len(errors), len(wrong), len(kept_wrong)) == (0, 0, 0), (errors[:3], wrong[:10])


def test_stem_set_is_the_set_of_each_words_stem() -> None:
    said = set(words("We managed the stakeholders and scheduled shifts; managing them took time"))
    assert stem_set(said) == frozenset(map(stem, said))
    assert stem_set(said) == frozenset(map(stem, said))  # again, from what it remembers
