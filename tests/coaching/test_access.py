"""What a coach may see of a candidate's material: nothing until a share, the whole area or
one item with one, nothing again after revoking; every share, revoke and read in the
candidate's audit log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from nextround.coaching import access, services
from nextround.coaching.models import Area, AuditAction, AuditEntry, Role, Share
from nextround.errors import Invalid, NotFound
from nextround.stories.models import Story

pytestmark = pytest.mark.django_db
STRONG = "harbour-lantern-71"


def account(name: str, role: Role) -> User:
    return services.user_add(username=name, password=STRONG, role=role)


@pytest.fixture
def people() -> dict[str, User]:
    return {
        "ana": account("ana", Role.CANDIDATE),
        "ben": account("ben", Role.CANDIDATE),
        "cora": account("cora", Role.COACH),
        "dev": account("dev", Role.COACH),
    }


def story(owner: User, title: str) -> Story:
    return Story.objects.create(owner=owner, title=title)


def test_nothing_is_visible_to_a_coach_without_a_share(people: dict[str, User]) -> None:
    mine = story(people["ana"], "The late shipment")
    assert access.item_get(people["ana"], Area.STORIES, mine.pk) == mine
    for viewer in ("ben", "cora", "dev"):
        with pytest.raises(NotFound):
            access.item_get(people[viewer], Area.STORIES, mine.pk)
        assert not access.items_shared(people[viewer], people["ana"], Area.STORIES).exists()
    assert not access.candidates_of(people["cora"]).exists()


def test_an_item_share_shows_that_item_only_and_revoking_hides_it(
    people: dict[str, User],
) -> None:
    ana, cora = people["ana"], people["cora"]
    shared, private = story(ana, "The late shipment"), story(ana, "The budget cut")
    given = services.share(
        candidate=ana, coach_name="Cora", area=Area.STORIES, item_id=shared.pk, now=timezone.now()
    )
    assert access.item_get(cora, Area.STORIES, shared.pk) == shared
    with pytest.raises(NotFound):
        access.item_get(cora, Area.STORIES, private.pk)
    with pytest.raises(NotFound):  # the other coach still sees nothing
        access.item_get(people["dev"], Area.STORIES, shared.pk)
    assert list(access.items_shared(cora, ana, Area.STORIES)) == [shared]
    assert list(access.candidates_of(cora)) == [ana]

    services.revoke(candidate=ana, share_id=given.pk, now=timezone.now())
    with pytest.raises(NotFound):
        access.item_get(cora, Area.STORIES, shared.pk)
    assert not access.candidates_of(cora).exists()


def test_an_area_share_covers_items_made_later_and_no_other_area(
    people: dict[str, User],
) -> None:
    ana, cora = people["ana"], people["cora"]
    services.share(
        candidate=ana, coach_name="cora", area=Area.STORIES, item_id=None, now=timezone.now()
    )
    later = story(ana, "Written after the share")
    assert access.item_get(cora, Area.STORIES, later.pk) == later
    assert not access.items_shared(cora, ana, Area.PRACTICE).exists()
    assert not access.items_shared(cora, people["ben"], Area.STORIES).exists()


def test_a_switched_off_coach_sees_nothing(people: dict[str, User]) -> None:
    ana, cora = people["ana"], people["cora"]
    mine = story(ana, "The late shipment")
    services.share(
        candidate=ana, coach_name="cora", area=Area.STORIES, item_id=None, now=timezone.now()
    )
    services.user_deactivate("cora")
    cora.refresh_from_db()
    with pytest.raises(NotFound):
        access.item_get(cora, Area.STORIES, mine.pk)
    assert not access.candidates_of(cora).exists()


def test_only_own_items_can_be_shared_and_only_with_a_coach(people: dict[str, User]) -> None:
    ana = people["ana"]
    theirs = story(people["ben"], "Ben's story")
    now = timezone.now()
    with pytest.raises(NotFound):
        services.share(
            candidate=ana, coach_name="cora", area=Area.STORIES, item_id=theirs.pk, now=now
        )
    with pytest.raises(Invalid, match="No coach named"):
        services.share(candidate=ana, coach_name="ben", area=Area.STORIES, item_id=None, now=now)
    with pytest.raises(Invalid, match="No coach named"):
        services.share(candidate=ana, coach_name="nobody", area=Area.STORIES, item_id=None, now=now)
    assert not ana.shares_given.exists()


def test_sharing_twice_keeps_one_share(people: dict[str, User]) -> None:
    ana = people["ana"]
    for _ in range(2):
        services.share(
            candidate=ana, coach_name="cora", area=Area.FIT, item_id=None, now=timezone.now()
        )
    assert ana.shares_given.count() == 1
    assert AuditEntry.objects.filter(candidate=ana, action=AuditAction.SHARED).count() == 1


def test_the_audit_log_records_shares_reads_and_revokes(people: dict[str, User]) -> None:
    ana, cora = people["ana"], people["cora"]
    mine = story(ana, "The late shipment")
    given = services.share(
        candidate=ana, coach_name="cora", area=Area.STORIES, item_id=mine.pk, now=timezone.now()
    )
    services.record_read(viewer=cora, item=mine, area=Area.STORIES, now=timezone.now())
    services.record_read(viewer=ana, item=mine, area=Area.STORIES, now=timezone.now())  # not logged
    services.revoke(candidate=ana, share_id=given.pk, now=timezone.now())
    log = list(AuditEntry.objects.filter(candidate=ana).order_by("at", "id"))
    assert [(e.actor.username, e.action) for e in log] == [
        ("ana", AuditAction.SHARED),
        ("cora", AuditAction.READ),
        ("ana", AuditAction.REVOKED),
    ]
    assert all("The late shipment" in e.label for e in log)


def test_another_candidate_cannot_revoke_a_share(people: dict[str, User]) -> None:
    given = services.share(
        candidate=people["ana"],
        coach_name="cora",
        area=Area.ROUNDS,
        item_id=None,
        now=timezone.now(),
    )
    with pytest.raises(NotFound):
        services.revoke(candidate=people["ben"], share_id=given.pk, now=timezone.now())
    assert people["ana"].shares_given.count() == 1


def test_candidate_get_finds_only_those_who_share(people: dict[str, User]) -> None:
    ana, cora = people["ana"], people["cora"]
    services.share(
        candidate=ana, coach_name="cora", area=Area.FIT, item_id=None, now=timezone.now()
    )
    assert access.candidate_get(cora, ana.pk) == ana
    for pk in (people["ben"].pk, cora.pk, 999_999):
        with pytest.raises(NotFound, match=access.NOTHING_HERE):
            access.candidate_get(cora, pk)
    with pytest.raises(NotFound):
        access.candidate_get(people["dev"], ana.pk)


def test_the_sharing_read_once_gathers_every_candidates_shares(
    people: dict[str, User], django_assert_num_queries: Any
) -> None:
    ana, ben, cora = people["ana"], people["ben"], people["cora"]
    whole = [story(ana, "Ana one"), story(ana, "Ana two")]
    picked, unpicked = story(ben, "Ben one"), story(ben, "Ben two")
    now = timezone.now()
    services.share(candidate=ana, coach_name="cora", area=Area.STORIES, item_id=None, now=now)
    services.share(candidate=ben, coach_name="cora", area=Area.STORIES, item_id=picked.pk, now=now)
    services.share(candidate=ben, coach_name="dev", area=Area.STORIES, item_id=None, now=now)
    # A share naming someone else's item (never written by services.share) covers nothing.
    Share.objects.create(
        candidate=ben, coach=cora, area=Area.STORIES, item_id=whole[0].pk, created_at=now
    )
    with django_assert_num_queries(2):
        sharing = access.sharing_of(cora)
        seen = set(sharing.items(Area.STORIES))
    assert seen == {*whole, picked}
    assert unpicked not in seen
    assert not sharing.items(Area.PRACTICE).exists()
    services.user_deactivate("ana")  # a switched-off candidate's material drops out
    assert set(access.sharing_of(cora).items(Area.STORIES)) == {picked}
    services.user_deactivate("cora")  # and a switched-off coach sees nothing
    assert access.sharing_of(User.objects.get(username="cora")).shares == []
