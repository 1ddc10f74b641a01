from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews.models import Round
from nextround.workspace import demo


@pytest.fixture
def final_round(user: User) -> Round:
    """The demo's final round: a panel in three days, after a first round with notes, a
    debrief, a story told, a strength and a quote."""
    opportunity, _ = demo.demo_load(owner=user, now=timezone.now())
    return opportunity.rounds.get(is_final=True)
