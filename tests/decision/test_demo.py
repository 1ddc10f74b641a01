"""The demo's scorecard: five criteria scored, each on evidence, a must-have met, the rest
left open so the gaps and their questions show."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib.auth.models import User

from nextround.decision import selectors
from nextround.workspace.demo import demo_load

NOW = datetime(2026, 6, 15, 14, 30, tzinfo=UTC)


def test_the_demo_scorecard_rests_on_evidence(user: User) -> None:
    opportunity, _ = demo_load(owner=user, now=NOW)
    view = selectors.fit_view(opportunity=opportunity)
    scored = {r.criterion.key: r for r in view.rows if r.value is not None}
    assert set(scored) == {"manager", "scope", "pay", "place", "stability"}
    assert all(r.evidence for r in scored.values())
    assert {"Team dynamics", "Growth", "Culture and values"} <= set(view.gaps)
    assert any(r.asks for r in view.rows if r.criterion.key == "growth")
    assert view.total.passes and "At most three office days a week" not in view.total.unknown
    # loading it again adds nothing
    _, added = demo_load(owner=user, now=NOW)
    assert not added
