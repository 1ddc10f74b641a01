"""A sentence read once (nextround.fit.parts.reading)."""

from __future__ import annotations

from nextround.fit.parts import forget, reading


def test_a_sentence_is_read_once_and_remembered_until_forgotten() -> None:
    sentence = "I rebuilt the rota so that replenishment came first."
    first = reading.read(sentence)
    assert first is not None and first.did
    assert reading.read(sentence) is first  # remembered, not read again
    forget()
    again = reading.read(sentence)
    assert again == first and again is not first


def test_a_lesson_drawn_is_read_as_nothing() -> None:
    assert reading.read("What I learned is that timing matters more than effort.") is None
