"""What the sharing page and the coach's dashboard read: the coaches one can share with, shares
in words, and what is new for a coach: items never opened, or changed since (a story edited, a
round's plan ticked, a scorecard scored)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.coaching import selectors, services
from nextround.coaching.models import Area, AuditAction, LastRead, Role
from nextround.core.models import Owned
from nextround.decision import services as decision
from nextround.interviews.models import Opportunity, Round, Stage
from nextround.interviews.selectors import carry_forward
from nextround.prep import selectors as prep_selectors
from nextround.prep import services as prep
from nextround.stories.models import Story
from tests.coaching.conftest import STRONG, account

pytestmark = pytest.mark.django_db


def share_all(candidate: User, area: Area) -> None:
    services.share(
        candidate=candidate, coach_name="cora", area=area, item_id=None, now=timezone.now()
    )


def read(coach: User, item: Owned, area: Area, *, at: datetime) -> None:
    services.record_read(viewer=coach, item=item, area=area, now=at)


def unread_ids(coach: User, area: Area) -> set[int]:
    return {item.pk for item in selectors.unread(coach, area)}


def test_coaches_are_the_active_coaches_and_administrators_but_oneself(cora: User) -> None:
    account("ana", Role.CANDIDATE)
    account("adele", Role.ADMIN)
    root = User.objects.create_superuser("root", password=STRONG)
    account("gone", Role.COACH)
    services.user_deactivate("gone")
    assert [u.username for u in selectors.coaches(candidate=root)] == ["adele", "cora"]
    assert [u.username for u in selectors.coaches(candidate=cora)] == ["adele", "root"]


def test_shares_read_in_words_even_after_the_item_is_gone(ana: User, cora: User) -> None:
    story = Story.objects.filter(owner=ana).order_by("pk").first()
    assert story is not None
    now = timezone.now()
    services.share(candidate=ana, coach_name="cora", area=Area.FIT, item_id=None, now=now)
    services.share(candidate=ana, coach_name="cora", area=Area.STORIES, item_id=story.pk, now=now)
    labels = [row.label for row in selectors.shares_given(candidate=ana)]
    assert labels == ["all fit scorecards", f"story: {story.title}"]
    story.delete()
    labels = [row.label for row in selectors.shares_given(candidate=ana)]
    assert labels == ["all fit scorecards", "story: an item that was deleted"]


def test_a_story_is_new_until_read_and_again_once_edited(ana: User, cora: User) -> None:
    share_all(ana, Area.STORIES)
    stories = list(Story.objects.filter(owner=ana))
    assert unread_ids(cora, Area.STORIES) == {s.pk for s in stories}
    now = timezone.now()
    read(cora, stories[0], Area.STORIES, at=now)
    assert stories[0].pk not in unread_ids(cora, Area.STORIES)
    Story.objects.filter(pk=stories[0].pk).update(updated_at=now + timedelta(minutes=1))
    assert stories[0].pk in unread_ids(cora, Area.STORIES)


def test_a_round_is_new_again_when_its_plan_moves(ana: User, cora: User) -> None:
    share_all(ana, Area.ROUNDS)
    round_ = Round.objects.filter(owner=ana).order_by("-starts_at").first()
    assert round_ is not None
    now = timezone.now()
    read(cora, round_, Area.ROUNDS, at=now)
    assert round_.pk not in unread_ids(cora, Area.ROUNDS)
    keys = prep_selectors.round_plan(carry=carry_forward(round_=round_), now=now).plan.item_keys()
    prep.plan_item_set(
        round_=round_, key=sorted(keys)[0], status="done", now=now + timedelta(minutes=1)
    )
    assert round_.pk in unread_ids(cora, Area.ROUNDS)


def test_a_scorecard_is_new_again_when_a_score_changes(ana: User, cora: User) -> None:
    share_all(ana, Area.FIT)
    opportunity = Opportunity.objects.filter(owner=ana).get()
    read(cora, opportunity, Area.FIT, at=timezone.now())
    assert opportunity.pk not in unread_ids(cora, Area.FIT)
    decision.score_save(opportunity=opportunity, criterion="team", score=2, note="Small team.")
    assert opportunity.pk in unread_ids(cora, Area.FIT)


def test_the_dashboard_leaves_out_unshared_and_closed_rounds(ana: User, cora: User) -> None:
    now = timezone.now()
    ahead = Round.objects.filter(owner=ana, ends_at__gt=now).get()
    assert selectors.dashboard(coach=cora, now=now) == []  # nothing shared: nobody
    services.share(candidate=ana, coach_name="cora", area=Area.FIT, item_id=None, now=now)
    (card,) = selectors.dashboard(coach=cora, now=now)
    assert card.candidate == ana and card.upcoming == []
    services.share(candidate=ana, coach_name="cora", area=Area.ROUNDS, item_id=ahead.pk, now=now)
    (card,) = selectors.dashboard(coach=cora, now=now)
    assert [r for r, _ in card.upcoming] == [ahead]
    assert {s.label for s in card.new_shares} == {
        "all fit scorecards",
        f"round plan and brief: {ahead.label} · {ahead.opportunity}",
    }
    Opportunity.objects.filter(pk=ahead.opportunity_id).update(stage=Stage.WITHDRAWN)
    (card,) = selectors.dashboard(coach=cora, now=now)
    assert card.upcoming == []


def test_the_latest_read_is_kept_and_a_comment_is_not_a_read(ana: User, cora: User) -> None:
    share_all(ana, Area.STORIES)
    story = Story.objects.filter(owner=ana).order_by("pk").first()
    assert story is not None
    now = timezone.now()
    read(cora, story, Area.STORIES, at=now)
    read(cora, story, Area.STORIES, at=now - timedelta(hours=1))  # an older read, late
    services.record_read(
        viewer=cora,
        item=story,
        area=Area.STORIES,
        now=now + timedelta(hours=1),
        action=AuditAction.COMMENTED,
    )
    assert LastRead.objects.get(coach=cora, item_id=story.pk).at == now
    (card,) = selectors.dashboard(coach=cora, now=now)
    assert card.last_looked == now
    read(ana, story, Area.STORIES, at=now + timedelta(hours=2))  # the owner's own look
    assert LastRead.objects.filter(item_id=story.pk).count() == 1


def test_the_dashboards_readiness_is_the_round_pages(ana: User, cora: User) -> None:
    now = timezone.now()
    share_all(ana, Area.ROUNDS)
    ahead = Round.objects.filter(owner=ana, ends_at__gt=now).get()
    plan = prep_selectors.round_plan(carry=carry_forward(round_=ahead), now=now)
    heaviest = plan.readiness.missing[0].key
    (card,) = selectors.dashboard(coach=cora, now=now)  # kept until the candidate's next write
    assert card.upcoming == [(ahead, plan.readiness)]
    prep.plan_item_set(round_=ahead, key=heaviest, status="done", now=now)
    expected = prep_selectors.round_plan(carry=carry_forward(round_=ahead), now=now).readiness
    (card,) = selectors.dashboard(coach=cora, now=now)
    assert card.upcoming == [(ahead, expected)]
    assert expected.score > plan.readiness.score
