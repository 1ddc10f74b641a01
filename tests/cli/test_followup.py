"""`nextround thanks`: the drafts with their sameness figures as JSON, .eml files, --sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

from nextround.followup.models import Sent
from nextround.interviews.models import Person, Round
from tests.followup.test_transfer import _debrief


def test_thanks_prints_json_with_figures_and_writes_eml_files(
    ok: Callable[..., str], tmp_path: Path, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _debrief(panel, people)
    out = json.loads(ok("thanks", str(panel.pk), "--json", "--eml", str(tmp_path / "mail")))
    notes = {n["person"]["name"]: n for n in out["notes"]}
    assert "the intake backlog" in notes["Dana Ortiz"]["body"]
    assert notes["Priya Nair"]["missing"].startswith("Write down something about Priya Nair")
    figure = notes["Dana Ortiz"]["similarity"][0]
    assert 0 <= figure["jaccard"] < 0.30 and figure["too_similar"] is False
    assert len(out["eml"]) == 2  # Priya has no note yet
    for path in out["eml"]:
        message = message_from_bytes(Path(path).read_bytes(), policy=policy.default)
        assert message["X-Unsent"] == "1" and message["Subject"]


def test_thanks_marks_a_note_sent_and_refuses_bad_input(
    ok: Callable[..., str],
    bad: Callable[..., str],
    rounds: list[Round],
    people: list[Person],
) -> None:
    panel = rounds[1]
    said = ok("thanks", str(panel.pk), "--sent", str(people[0].pk), "--on", "2026-12-04")
    assert "sent on 2026-12-04" in said
    assert Sent.objects.get().sent_on == date(2026, 12, 4)
    assert "--on goes with --sent" in bad("thanks", str(panel.pk), "--on", "2026-12-04")
    assert bad("thanks", "999999")
    assert bad("thanks", str(panel.pk), "--sent", str(people[0].pk), "--on", "1492-01-01")
    assert Sent.objects.count() == 1
