"""The prep section of the workspace export: plan progress and kept questions per round."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.interviews.models import Person, Round
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from nextround.workspace.transfer import workspace_export, workspace_import

pytestmark = pytest.mark.django_db


def test_export_and_import_keep_plan_progress_and_kept_questions(
    two_rounds: tuple[Round, Round], people: list[Person], other_user: User
) -> None:
    second = two_rounds[1]
    prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="Uniform")
    kept = prep.ask_adopt(round_=second, person=people[0], bank_id="first-months-priorities")
    prep.ask_update(item=kept, answer="The reporting rebuild.")
    workspace_import(
        owner=other_user, document=workspace_export(owner=second.owner, now=timezone.now())
    )
    copied = PlanProgress.objects.filter(owner=other_user)
    assert [(p.key, p.status, p.reason) for p in copied] == [("clothes", "skipped", "Uniform")]
    assert [(a.bank_id, a.answer) for a in AskItem.objects.filter(owner=other_user)] == [
        ("first-months-priorities", "The reporting rebuild.")
    ]
