"""The prep services: a plan item's progress, and the questions kept to ask."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nextround.errors import Invalid, NotFound
from nextround.interviews.models import Person, Round
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from tests.prep.helpers import plan_of, row_of

pytestmark = pytest.mark.django_db


# --- plan progress -------------------------------------------------------------------------


def test_plan_item_done_todo_and_skipped(two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    done = prep.plan_item_set(round_=second, key="stories-for-needs", status="done", note=" STAR ")
    assert (done.status, done.note, done.reason) == ("done", "STAR", "")
    skipped = prep.plan_item_set(
        round_=second, key="clothes", status="skipped", reason="  Suit is ready  "
    )
    assert (skipped.status, skipped.reason) == ("skipped", "Suit is ready")
    rp = plan_of(second)
    assert row_of(rp, "stories-for-needs").progress.status == "done"
    assert row_of(rp, "stories-for-needs").progress.note == "STAR"
    assert row_of(rp, "clothes").progress.reason == "Suit is ready"
    assert [i.key for i in rp.readiness.skipped] == ["clothes"]

    reopened = prep.plan_item_set(round_=second, key="clothes", status="todo")
    assert (reopened.status, reopened.reason) == ("todo", "")  # a reason only goes with a skip
    assert PlanProgress.objects.filter(round=second).count() == 2
    assert row_of(plan_of(second), "clothes").progress.status == "todo"


def test_skip_without_a_reason_is_refused_and_saves_nothing(
    two_rounds: tuple[Round, Round],
) -> None:
    second = two_rounds[1]
    with pytest.raises(Invalid) as caught:
        prep.plan_item_set(round_=second, key="clothes", status="skipped")
    assert list(caught.value.field_errors) == ["reason"]
    with pytest.raises(Invalid) as caught:
        prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="   ")
    assert "reason" in caught.value.field_errors
    assert PlanProgress.objects.count() == 0

    prep.plan_item_set(round_=second, key="documents", status="done")
    with pytest.raises(Invalid):
        prep.plan_item_set(round_=second, key="documents", status="skipped", reason="")
    assert PlanProgress.objects.get(round=second, key="documents").status == "done"


def test_unknown_key_or_status_is_refused(two_rounds: tuple[Round, Round]) -> None:
    with pytest.raises(NotFound):
        prep.plan_item_set(round_=two_rounds[1], key="practise-case", status="done")
    with pytest.raises(NotFound):
        prep.plan_item_set(round_=two_rounds[1], key="no-such-item", status="done")
    with pytest.raises(Invalid):
        prep.plan_item_set(round_=two_rounds[1], key="clothes", status="finished")
    assert PlanProgress.objects.count() == 0


# --- questions to ask ----------------------------------------------------------------------


def test_ask_adopt_refuses_a_person_not_attending_and_an_unknown_id(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first = two_rounds[0]
    with pytest.raises(Invalid, match="Sam Lee does not attend"):
        prep.ask_adopt(round_=first, person=people[1], bank_id="first-months-priorities")
    with pytest.raises(NotFound):
        prep.ask_adopt(round_=first, person=people[0], bank_id="no-such-question")
    with pytest.raises(Invalid):
        prep.ask_create(round_=first, person=people[1], text="Anything?")
    with pytest.raises(Invalid):
        prep.ask_create(round_=first, person=None, text="   ")
    assert AskItem.objects.count() == 0


def test_a_kept_suggestion_keeps_the_wording_for_the_field(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    opportunity = second.opportunity
    opportunity.company = "Northgate General Hospital"
    opportunity.role_title = "Nurse Manager"
    opportunity.save()
    item = prep.ask_adopt(round_=second, person=people[2], bank_id="direction-three-years")
    assert item.text.startswith("Where do you want the hospital to be in three years")


def test_items_ticked_from_records_keep_skips_and_the_candidates_notes(
    two_rounds: tuple[Round, Round],
) -> None:
    """``plan_items_tick``, as research and money use it: ticks with the reason as the note,
    leaves a skipped item alone, keeps a note the candidate wrote, updates one it wrote."""
    second = two_rounds[1]
    now = timezone.now()
    reasons = {"research-company-news": "Ticked by your research: 3 items.", "clothes": "Ticked."}
    prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="remote", now=now)
    changed = prep.plan_items_tick(rounds=[second], reasons=reasons, now=now)
    assert changed == [f"{second.number}:research-company-news"]
    news = PlanProgress.objects.get(round=second, key="research-company-news")
    assert (news.status, news.note) == ("done", "Ticked by your research: 3 items.")
    assert PlanProgress.objects.get(round=second, key="clothes").status == "skipped"
    again = {"research-company-news": "Ticked by your research: 4 items."}
    assert prep.plan_items_tick(rounds=[second], reasons=again, now=now)
    news.refresh_from_db()
    assert news.note == "Ticked by your research: 4 items."
    prep.plan_item_set(round_=second, key="research-company-news", note="Read the 10-K")
    assert not prep.plan_items_tick(rounds=[second], reasons=again, now=now)
    news.refresh_from_db()
    assert news.note == "Read the 10-K"
    assert prep.plan_items_tick(rounds=[second], reasons={"no-such-item": "x"}, now=now) == []
