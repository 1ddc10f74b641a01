"""Records read from the database (``core.models.Owned.from_db``) are the records Django's own
constructor makes from the same rows, for every model of every app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.db.models.signals import post_init

from nextround.core.models import Owned
from nextround.interviews.models import Opportunity, Round, RoundNote
from nextround.workspace.demo import demo_load

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)

OWNED = sorted((m for m in apps.get_models() if issubclass(m, Owned)), key=lambda m: m._meta.label)


def _as_django_builds(model: type[models.Model]) -> dict[Any, models.Model]:
    """The records Django's own ``Model.from_db`` makes of the model's rows, by primary key,
    from the rows' values read by column name."""
    names = [f.attname for f in model._meta.concrete_fields]
    built = {}
    for values in model._default_manager.values_list(*names):
        record = models.Model.from_db.__func__(model, "default", names, values)  # type: ignore[attr-defined]
        built[record.pk] = record
    return built


def _attributes(record: models.Model) -> dict[str, Any]:
    found = dict(vars(record))
    state = found.pop("_state")
    return {**found, "_state": (state.adding, state.db)}


@pytest.mark.parametrize("model", OWNED, ids=lambda m: m._meta.label)
def test_every_model_reads_its_rows_as_django_would(user: User, model: type[Owned]) -> None:
    demo_load(owner=user, now=NOW)
    rows = list(model.objects.all())
    django_built = _as_django_builds(model)
    assert len(rows) == len(django_built)
    for row in rows:
        assert _attributes(row) == _attributes(django_built[row.pk])
        assert not row._state.adding


def test_the_demo_fills_most_models(user: User) -> None:
    # The comparison above means something only for models that have rows.
    demo_load(owner=user, now=NOW)
    filled = [m for m in OWNED if m.objects.exists()]
    assert len(filled) >= len(OWNED) // 2
    assert {Opportunity, Round, RoundNote} <= set(filled)


def test_a_record_read_saves_and_reads_back(user: User) -> None:
    demo_load(owner=user, now=NOW)
    note = RoundNote.objects.select_related("round", "person").first()
    assert note is not None
    assert note.round.pk == note.round_id
    note.text = "Changed after reading"
    note.save()
    again = RoundNote.objects.get(pk=note.pk)
    assert again.text == "Changed after reading"
    assert again.round_id == note.round_id


def test_deferred_columns_go_djangos_way(user: User) -> None:
    demo_load(owner=user, now=NOW)
    opportunity = Opportunity.objects.defer("posting_text").first()
    assert opportunity is not None
    assert opportunity.get_deferred_fields() == {"posting_text"}
    assert isinstance(opportunity.posting_text, str)  # read when asked for


def test_a_model_with_an_init_receiver_goes_djangos_way(user: User) -> None:
    demo_load(owner=user, now=NOW)
    seen: list[int] = []

    def count(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
        seen.append(instance.pk)

    post_init.connect(count, sender=Round)
    try:
        rounds = list(Round.objects.all())
    finally:
        post_init.disconnect(count, sender=Round)
    assert rounds
    assert seen == [r.pk for r in rounds]
