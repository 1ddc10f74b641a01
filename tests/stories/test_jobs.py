"""Embeddings prepared in the background (nextround.stories.jobs): a serving process queues an
owner when a story or an opportunity is saved, and pages then match by meaning."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.test import override_settings

from nextround.fit import semantic
from nextround.interviews.models import Opportunity
from nextround.stories import jobs, selectors, services
from nextround.stories.matching import matcher
from nextround.stories.models import Embedding
from tests.conftest import drain
from tests.stories.helpers import NEGOTIATION

pytestmark = pytest.mark.django_db(transaction=True)  # the worker sees only committed rows


@pytest.fixture(autouse=True)
def _not_serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a CLI process does (not serving)."""
    monkeypatch.setattr(jobs, "_serving", threading.Event())
    matcher.cache_clear()
    yield
    matcher.cache_clear()


def _stored_for(opportunity: Opportunity) -> int:
    texts = selectors.embedding_texts(owner=opportunity.owner)
    hashes = {semantic.text_hash(t) for t in texts}
    return Embedding.objects.filter(text_hash__in=hashes).count()


def test_a_process_that_does_not_serve_queues_nothing_on_save(posted: Opportunity) -> None:
    services.story_create(owner=posted.owner, **NEGOTIATION)
    assert not jobs.is_active(posted.owner_id)
    assert not Embedding.objects.exists()
    assert selectors.coverage(opportunity=posted).pending > 0


def test_a_serving_process_prepares_what_a_save_changes(posted: Opportunity, user: User) -> None:
    assert jobs.start() == 0  # no account has stories yet
    services.story_create(owner=user, **NEGOTIATION)
    drain("embed")
    assert selectors.coverage(opportunity=posted).pending == 0
    assert _stored_for(posted) == len(set(selectors.embedding_texts(owner=user)))
    # A new posting brings new requirements: saving it queues them too.
    services.posting_set(opportunity=posted, text="Must have: fluent Portuguese.")
    drain("embed")
    view = selectors.coverage(opportunity=posted)
    assert view.pending == 0 and view.coverage.method == "semantic"


def test_starting_to_serve_prepares_what_an_earlier_run_left(posted: Opportunity) -> None:
    services.story_create(owner=posted.owner, **NEGOTIATION)
    assert selectors.coverage(opportunity=posted).pending > 0
    assert jobs.start() == 1
    assert jobs.is_active(posted.owner_id)
    drain("embed")
    assert selectors.coverage(opportunity=posted).pending == 0


def test_each_save_queues_its_owner_once_committed(
    posted: Opportunity, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", queued.append)  # the queue itself, not the worker
    jobs._serving.set()
    services.story_create(owner=user, **NEGOTIATION)
    assert queued == [user.pk]
    services.posting_set(opportunity=posted, text="Must have: fluent Portuguese.")
    assert queued == [user.pk, user.pk]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.story_create(owner=user, **{**NEGOTIATION, "title": "Rolled back"})
        raise RuntimeError
    assert queued == [user.pk, user.pk]  # nothing queued for a write that never happened


def test_starting_to_serve_drops_the_vectors_of_models_no_longer_in_use(
    posted: Opportunity,
) -> None:
    """After the model or its precision changed, the old vectors are never read again."""
    current = matcher().model_id
    Embedding.objects.bulk_create(
        [
            Embedding(model_id="minilm-l6-0123456789ab", text_hash="a" * 64, vector=b"old"),
            Embedding(model_id=current, text_hash="b" * 64, vector=b"kept"),
        ]
    )
    jobs.start()
    assert list(Embedding.objects.values_list("model_id", flat=True)) == [current]


def test_matching_by_words_keeps_every_vector(posted: Opportunity) -> None:
    Embedding.objects.create(model_id="minilm-l6-0123456789ab", text_hash="a" * 64, vector=b"x")
    with override_settings(APP=dataclasses.replace(settings.APP, matching="lexical")):
        matcher.cache_clear()
        assert services.embeddings_drop_stale() == 0
    assert Embedding.objects.count() == 1
