"""`nextround fit` and `nextround decide`: the same selectors as the pages, worked by hand."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib.auth.models import User

from nextround.decision import services
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity


def test_fit_prints_the_scorecard_and_json(
    ok: Callable[..., str], bad: Callable[..., str], demo: Opportunity
) -> None:
    # The demo: scope, manager and pay 4 (weights 15 each), place 3 (10), stability 4 (5), the
    # other 40 of weight unscored at 3: (60 + 60 + 60 + 30 + 20 + 120) / 100 = 3.50.
    text = ok("fit", str(demo.pk))
    assert "Weighted total: 3.50 of 5 (provisional" in text
    assert "Gate: At most three office days a week: met" in text
    assert "Ask next (Growth): " in text
    out = json.loads(ok("fit", str(demo.pk), "--json"))
    manager = next(c for c in out["criteria"] if c["key"] == "manager")
    assert manager["score"] == 4 and manager["evidence"][0]["kind"] == "note"
    assert out["pay"]["walk_away"] == "63995.00" and out["pay"]["suggested_score"] == 4
    assert "Growth" in out["gaps"]
    assert "No opportunity with id 999999" in bad("fit", "999999")


def test_decide_prints_the_flip_margin(
    ok: Callable[..., str], user: User, demo: Opportunity
) -> None:
    rival = interviews.opportunity_create(owner=user, company="Contoso", role_title="Lead")
    for key, score in (("manager", 4), ("team", 5), ("growth", 5)):
        services.score_save(opportunity=rival, criterion=key, score=score, note="")
    # Contoso: (60 + 50 + 50 + 65 × 3) / 100 = 3.55, ahead of the demo's 3.50. Weighing team
    # at v (the others rescaled), Contoso's rest averages 305/90 and the demo's 320/90:
    # 2v/100 = (100 - v)/600 at v = 100/13 ≈ 7.7, a change of 2.3 (growth the same, later).
    text = ok("decide")
    assert "1  Contoso — Lead" in text and "3.55*" in text
    assert (
        "The flip margin is 2.3 points of weight: lower “Team dynamics” from 10 to 7.7 and "
        "Tidewater Freight — Senior Operations Analyst draws level with Contoso — Lead; at 7 it "
        "leads." in text
    )
    out = json.loads(ok("decide", "--json"))
    assert [s["name"] for s in out["standings"]] == [
        "Contoso — Lead",
        "Tidewater Freight — Senior Operations Analyst",
    ]
    assert out["flip_margin"]["smallest"]["criterion"] == "team"
    assert abs(out["flip_margin"]["smallest"]["level_at"] - 100 / 13) < 1e-9
    services.decision_record(owner=user, chosen=rival, reasons="The team.", standings=[])
    assert "Contoso — Lead. The team." in ok("decide")
