"""Version stamps: every write to an account's records renews its stamp, in the same
transaction; nothing else does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from nextround.coaching.models import Comment
from nextround.core import stamps
from nextround.core.models import QueuedTask
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round, RoundNote, StageChange
from nextround.stories.models import Embedding
from nextround.workspace import demo

pytestmark = pytest.mark.django_db

# Records of no account: a write to one renews everyone's stamp.
OF_NO_ACCOUNT: set[type[models.Model]] = {QueuedTask, Embedding}


def stamp(user: User) -> str:
    return stamps.current(user.pk).split(".")[0]


def everyone() -> str:
    return stamps.current(0).split(".")[1]


def test_every_model_of_the_app_is_listened_to() -> None:
    listened = stamps.stamped_models()
    ours = {m for m in apps.get_models() if m.__module__.startswith("nextround.")}
    assert ours - set(listened) == {apps.get_model("core", "Stamp")}
    assert User in listened
    for model in listened:
        assert post_save.has_listeners(model), model
        assert post_delete.has_listeners(model), model
        for field in model._meta.local_many_to_many:
            assert m2m_changed.has_listeners(field.remote_field.through), field


def test_every_model_names_its_accounts_or_is_known_to_name_none() -> None:
    """A new model without an account of its own renews everyone's stamp: it must be added to
    OF_NO_ACCOUNT on purpose, or reach its account through a foreign key."""
    nameless = {
        m
        for m in stamps.stamped_models()
        if m is not User and not stamps._account_fields(m) and not stamps._parent_fields(m)
    }
    assert nameless == OF_NO_ACCOUNT


def _renews(row: models.Model, write: Callable[[], object]) -> bool:
    scope = next(iter(stamps.scopes_of(row)))
    before = stamps.current(scope)
    with transaction.atomic():
        write()
    return stamps.current(scope) != before


def _first_rows() -> list[models.Model]:
    rows = [m._default_manager.order_by("pk").first() for m in stamps.stamped_models()]
    return [r for r in rows if r is not None and not isinstance(r, User)]


def test_saving_and_deleting_a_record_of_every_kind_renews_its_owners_stamp(user: User) -> None:
    demo.demo_load(owner=user, now=timezone.now())
    saved = _first_rows()
    assert len(saved) >= 20  # the demo fills most kinds of record
    for row in saved:
        assert stamps.scopes_of(row) == {user.pk} or type(row) in OF_NO_ACCOUNT, row
        assert _renews(row, row.save), type(row)
    deleted = 0
    for row in reversed(saved):  # records that belong to others first: no cascade takes them
        if type(row)._default_manager.filter(pk=row.pk).exists():
            assert _renews(row, row.delete), type(row)
            deleted += 1
    assert deleted >= 15


def test_an_account_write_renews_its_stamp_and_everyones(user: User) -> None:
    mine, theirs = stamp(user), everyone()
    user.first_name = "Dana"
    user.save()
    assert stamp(user) != mine
    assert everyone() != theirs


def test_a_record_reached_through_its_parent_renews_the_parents_owner(
    opportunity: Opportunity, user: User
) -> None:
    before = stamp(user)
    StageChange.objects.create(opportunity=opportunity, stage="offer", on=datetime(2026, 12, 1))
    assert stamp(user) != before


def test_attendees_added_and_removed_renew_the_stamp(
    rounds: list[Round], people: list[Person], user: User
) -> None:
    first = rounds[0]
    before = stamp(user)
    services.round_attendee_add(round_=first, person=people[1])
    added = stamp(user)
    assert added != before
    first.attendees.remove(people[1])
    assert stamp(user) != added
    cleared = stamp(user)
    first.attendees.clear()
    assert stamp(user) != cleared


def test_bulk_writes_renew_the_stamp(rounds: list[Round], user: User) -> None:
    before = stamp(user)
    Round.objects.filter(pk=rounds[0].pk).update(kind="Panel")
    updated = stamp(user)
    assert updated != before
    notes = RoundNote.objects.bulk_create(
        [RoundNote(owner=user, round=rounds[0], kind="free", text="Parking at the back.")]
    )
    created = stamp(user)
    assert created != updated
    notes[0].text = "Parking in front."
    RoundNote.objects.bulk_update(notes, ["text"])
    assert stamp(user) != created


def test_a_write_to_one_account_leaves_another_alone(
    rounds: list[Round], user: User, other_user: User
) -> None:
    before = stamp(other_user)
    services.note_create(round_=rounds[0], kind="free", text="Bring the portfolio.")
    assert stamp(other_user) == before


def test_a_coachs_comment_renews_the_candidates_stamp(
    rounds: list[Round], user: User, other_user: User
) -> None:
    before = stamp(user)
    comment = Comment.objects.create(
        candidate=user,
        author=other_user,
        area="rounds",
        item_id=rounds[0].pk,
        body="Lead with the result.",
        created_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    seen = stamp(user)
    assert seen != before
    Comment.objects.filter(pk=comment.pk).update(resolved_at=datetime(2026, 12, 2, tzinfo=UTC))
    assert stamp(user) != seen


def test_a_stored_vector_renews_everyones_stamp() -> None:
    before = everyone()
    Embedding.objects.bulk_create([Embedding(model_id="m", text_hash="h", vector=b"\0")])
    assert everyone() != before


def test_a_write_rolled_back_leaves_the_stamp_as_it_was(rounds: list[Round], user: User) -> None:
    before = stamp(user)
    with transaction.atomic():
        services.note_create(round_=rounds[0], kind="free", text="Bring the portfolio.")
        assert stamp(user) != before  # renewed inside the writing transaction
        transaction.set_rollback(True)
    assert stamp(user) == before


def test_the_queryset_of_every_owned_model_renews_stamps() -> None:
    """``update`` and the bulk writes send no signal: every model with an owner must have the
    stamped queryset as its default manager's."""
    owned = [
        m for m in stamps.stamped_models() if "owner" in {f.name for f in m._meta.concrete_fields}
    ]
    assert owned
    kinds: list[type[models.Model]] = [*owned, *OF_NO_ACCOUNT, Comment]
    for model in kinds:
        assert isinstance(model._default_manager.all(), stamps.StampedQuerySet), model
