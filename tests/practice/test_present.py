"""An answer's text with its fillers and hedges marked."""

from __future__ import annotations

import pytest

from nextround.feedback import analyze_answer
from nextround.practice.present import highlighted

pytestmark = pytest.mark.django_db


def test_highlighting_marks_fillers_and_hedges_and_loses_no_text() -> None:
    text = "Um, I think it was, like, sort of hard, but I just fixed it."
    report = analyze_answer(text)
    pieces = highlighted(text, report)
    assert "".join(p.text for p in pieces) == text
    marked = {(p.text.lower(), p.kind) for p in pieces if p.kind}
    assert ("um", "filler") in marked
    assert ("i think", "hedge") in marked
    assert ("like", "filler") in marked
