"""The report (nextround.feedback.report): the "I"/"we" counts it carries, and its JSON form."""

from __future__ import annotations

import json

import pytest

from nextround.feedback import Pause, analyze_answer
from nextround.jsonform import json_form
from tests.feedback.helpers import NURSE, STORY_QUESTION


@pytest.mark.parametrize(
    ("text", "verdict", "i", "we"),
    [
        ("I planned the shifts and I trained my team myself.", "first-person", 4, 0),
        ("We planned it, we trained our team and I helped.", "team", 1, 3),
        ("I planned it, I trained them, and we shipped.", "first-person", 2, 1),
        ("The plan worked.", "none", 0, 0),
    ],
)
def test_voice_counts_i_against_we(text: str, verdict: str, i: int, we: int) -> None:
    report = analyze_answer(text)
    assert (report.voice, report.i_count, report.we_count) == (verdict, i, we)


def test_json_shape() -> None:
    report = analyze_answer(
        NURSE,
        question=STORY_QUESTION,
        seconds=75.04,
        requirements=["training"],
        company_terms=["patient safety"],
        pauses=[Pause(3.0, 4.6), Pause(9.0, 12.5)],
    )
    data = json.loads(json.dumps(json_form(report)))
    assert set(data) == {
        "words",
        "seconds",
        "seconds_estimated",
        "wpm",
        "pace",
        "length",
        "fillers",
        "hedges",
        "star",
        "organisation",
        "quantified_result",
        "quantities",
        "voice",
        "long_sentences",
        "repeated_phrases",
        "requirements",
        "company_terms",
        "hesitations",
        "long_pauses",
        "score",
        "components",
        "tips",
        "score_note",
    }
    assert data["seconds"] == 75.0
    assert set(data["fillers"]) == {"count", "per_minute", "per_100_words", "items"}
    assert set(data["hedges"]) == {"count", "per_minute", "per_100_words", "items"}
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert set(data["star"]["task"]) == {"present", "evidence", "start", "end"}
    assert set(data["organisation"]) == {
        "point_first",
        "opening",
        "stall",
        "concluded",
        "closing",
        "length_fits",
    }
    first = NURSE.index(" My job")
    assert data["organisation"]["opening"] == {"text": NURSE[:first], "start": 0, "end": first}
    assert set(data["voice"]) == {"i", "we", "verdict"}
    assert data["requirements"] == {"used": ["training"], "missed": []}
    assert data["company_terms"] == {"used": [], "missed": ["patient safety"]}
    assert data["hesitations"] == [{"start": 3.0, "end": 4.6, "seconds": 1.6}]
    assert data["long_pauses"] == [{"start": 9.0, "end": 12.5, "seconds": 3.5}]
    assert set(data["components"]["structure"]) == {"points", "out_of", "note"}
    assert data["quantities"][0] == {
        "text": "60%",
        "start": NURSE.index("60%"),
        "end": NURSE.index("60%") + 3,
    }
