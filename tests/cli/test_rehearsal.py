from __future__ import annotations

import json
from collections.abc import Callable

from nextround.interviews.models import Round
from nextround.rehearsal import services


def test_case_prints_one_of_the_kind_that_suits_the_field(ok: Callable[..., str]) -> None:
    for _ in range(5):  # a random pick: every pick must fit
        case = json.loads(ok("case", "--kind", "operations", "--field", "clinical", "--json"))
        assert case["kind"] == "operations" and "clinical" in case["fields"]
    out = ok("case", "--key", "ward-discharge")
    assert out.startswith("Discharges before noon (operations; key ward-discharge)")
    assert "Facts the interviewer gives when asked:" in out


def test_case_refuses_what_it_cannot_give(bad: Callable[..., str]) -> None:
    assert "riddles" in bad("case", "--kind", "riddles")
    assert "No case in the bank" in bad("case", "--key", "nope")
    assert "No case of that kind" in bad("case", "--kind", "product", "--field", "trades")


def test_present_prints_the_budgets_with_a_warning(
    ok: Callable[..., str], bad: Callable[..., str], rounds: list[Round]
) -> None:
    panel = rounds[1]
    assert "No plan yet" in ok("present", str(panel.pk))
    plan = services.plan_save(round_=panel, changes={"slot_minutes": 2, "brief": "Your plan"})
    services.slide_add(plan=plan, fields={"title": "Long", "notes": "word " * 200})
    services.slide_add(plan=plan, fields={"title": "Short", "text": "Costs fell 12%."})
    out = ok("present", str(panel.pk))
    assert " 1. Long — 60 s, 200/150 words of notes  !" in out
    assert "Audience: Dana Ortiz (Director of Operations)" in out
    assert "Warning: Slide 1 (Long): the notes have 200 words" in out
    data = json.loads(ok("present", str(panel.pk), "--json"))
    assert data["slot_minutes"] == 2
    assert [s["word_budget"] for s in data["slides"]] == [150, 150]
    assert data["slides"][0]["warning"] and not data["slides"][1]["warning"]
    # Dana decides (hiring manager), Priya is her manager, Sam a peer: each asks as such.
    asked = data["questions"]
    assert [q["source"] for q in asked if q["kind"] == "person"] == [
        "Dana Ortiz",
        "Priya Nair",
        "Sam Lee",
    ]
    assert all(q["text"].endswith("?") and q["reason"] for q in asked)
    assert "Questions they may ask:" in out
    assert f" 1. {asked[0]['text']}\n    ({asked[0]['reason']})" in out
    assert "No round with id" in bad("present", "999999")
