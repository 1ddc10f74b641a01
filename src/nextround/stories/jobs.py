"""Sentence embeddings prepared by a background task (``core.tasks``, the ``embed`` queue), so
that no page waits on the model. Saving a story or an opportunity (its posting) queues its owner
once the write is committed; the coverage and concerns pages show word matching until every text
they need has a stored vector, and say so.

Only a serving process queues on save (``start``, called by `nextround serve` before it forks its
web workers): a CLI command embeds what it asks for itself.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import transaction
from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="embed")
@once
def prepare(owner_id: int) -> None:
    from nextround.stories.services import embeddings_prepare  # services import this module

    embeddings_prepare(owner_id=owner_id)


def enqueue(owner_id: int) -> bool:
    return enqueue_once(prepare, owner_id)


def is_active(owner_id: int) -> bool:
    return is_queued(prepare, owner_id)


_serving = threading.Event()


def start() -> int:
    """Queue on every save from now on, and queue now every account that has stories (what
    the last run or an import left unembedded). Returns how many accounts were queued."""
    from nextround.stories.models import Story
    from nextround.stories.services import embeddings_drop_stale

    embeddings_drop_stale()  # tells the matcher once (it hashes the model file): no page does
    _serving.set()
    owners = set(Story.objects.values_list("owner_id", flat=True))
    for owner_id in sorted(owners):
        enqueue(owner_id)
    return len(owners)


def queue_on_save(sender: type, instance: Any, **kwargs: object) -> None:
    """``post_save`` receiver for stories and opportunities (connected in ``apps``)."""
    if _serving.is_set():
        owner_id = instance.owner_id
        transaction.on_commit(lambda: enqueue(owner_id))
