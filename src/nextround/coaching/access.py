"""The one way of asking what a user may see of someone else's material.

Every record has an owner, and each app's own pages fetch by owner, so nobody reaches another
account's records through them. A coach sees a candidate's material only through the coaching
pages, and those fetch only through the functions here: a record is visible to its owner, and
to a coach while a ``Share`` of its area, or of the record itself, stands.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from nextround.coaching.models import Area, Share
from nextround.core.models import Owned
from nextround.errors import NotFound
from nextround.interviews.models import Opportunity, Round
from nextround.practice.models import Attempt
from nextround.stories.models import Story

#: The record a share of each area names by its id.
AREA_MODELS: dict[Area, type[Owned]] = {
    Area.STORIES: Story,
    Area.PRACTICE: Attempt,
    Area.ROUNDS: Round,  # the round's plan and brief
    Area.FIT: Opportunity,  # the opportunity's fit scorecard
}

NOTHING_HERE = "There is nothing at this address."


def _shares(viewer: User, candidate_id: int, area: Area) -> QuerySet[Share]:
    return Share.objects.filter(candidate_id=candidate_id, coach=viewer, area=area)


def may_see(viewer: User, *, candidate_id: int, area: Area, item_id: int) -> bool:
    """Whether ``viewer`` may read the candidate's item of ``area``."""
    if viewer.pk == candidate_id:
        return True
    if not viewer.is_active:
        return False
    whole_or_item = Q(item_id__isnull=True) | Q(item_id=item_id)
    return _shares(viewer, candidate_id, area).filter(whole_or_item).exists()


def item_get(viewer: User, area: Area, pk: int) -> Owned:
    """The item of ``area`` with id ``pk`` if ``viewer`` may see it; NotFound otherwise, with
    the same words whether it does not exist or is not shared, so ids reveal nothing."""
    model = AREA_MODELS[area]
    item = model._default_manager.filter(pk=pk).first()
    if item is None or not may_see(viewer, candidate_id=item.owner_id, area=area, item_id=pk):
        raise NotFound(NOTHING_HERE)
    return item


def items_shared(viewer: User, candidate: User, area: Area) -> QuerySet[Owned]:
    """The candidate's items of ``area`` that ``viewer`` may see."""
    model = AREA_MODELS[area]
    mine = model._default_manager.filter(owner=candidate)
    if viewer.pk == candidate.pk:
        return mine
    shares = _shares(viewer, candidate.pk, area)
    if not viewer.is_active or not shares.exists():
        return mine.none()
    if shares.filter(item_id__isnull=True).exists():
        return mine
    return mine.filter(pk__in=shares.values("item_id"))


def candidates_of(coach: User) -> QuerySet[User]:
    """The accounts that share anything with ``coach``."""
    if not coach.is_active:
        return User.objects.none()
    return User.objects.filter(shares_given__coach=coach, is_active=True).distinct()


def candidate_get(viewer: User, pk: int) -> User:
    """The candidate with id ``pk`` if they share anything with ``viewer``; NotFound with the
    same words as an item's otherwise."""
    candidate = candidates_of(viewer).filter(pk=pk).first()
    if candidate is None:
        raise NotFound(NOTHING_HERE)
    return candidate


@dataclass(frozen=True)
class Sharing:
    """Every share standing for one coach, read once (the dashboard's): whose they are, and
    the items of each area they cover, asked without another look at the shares."""

    shares: list[Share]

    def candidate_ids(self) -> list[int]:
        """The candidates, each once, in the order of their shares."""
        return list(dict.fromkeys(share.candidate_id for share in self.shares))

    def of(self, candidate_ids: Collection[int]) -> Sharing:
        """The shares of those candidates only."""
        return Sharing([share for share in self.shares if share.candidate_id in candidate_ids])

    def items(self, area: Area) -> QuerySet[Owned]:
        """The items of ``area`` these shares cover: a whole area by its owner, a single item
        by its id and owner. Nothing when none of them is of ``area``."""
        mine = [share for share in self.shares if share.area == area]
        covered = Q(owner_id__in=[share.candidate_id for share in mine if share.item_id is None])
        for share in mine:
            if share.item_id is not None:
                covered |= Q(owner_id=share.candidate_id, pk=share.item_id)
        return AREA_MODELS[area]._default_manager.filter(covered)


def sharing_of(coach: User) -> Sharing:
    """The shares standing for ``coach``, with their candidates: those of active candidates,
    while the coach is active; in one query."""
    if not coach.is_active:
        return Sharing([])
    shares = Share.objects.filter(coach=coach, candidate__is_active=True).select_related(
        "candidate"
    )
    return Sharing(list(shares.order_by("candidate__username", "area", "item_id")))
