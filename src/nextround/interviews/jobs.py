"""Question notes tagged by meaning by a background task (``core.tasks``, the ``tag`` queue).

Telling a question's kind by its meaning runs the sentence-embedding model (the ``ml`` extra),
and no request waits on a model: in a serving process a save tags the question at once by its
words and opening, then queues the note, once the write is committed, for a worker to tag it
again with the embeddings. Only a serving process queues (``start``, called by `nextround
serve`); a command or a test tags by meaning in the foreground.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="tag")
@once
def tag(note_id: int) -> None:
    from nextround.interviews.services import note_tag_by_meaning  # services import this module

    note_tag_by_meaning(note_id=note_id)


def enqueue(note_id: int) -> bool:
    return enqueue_once(tag, note_id)


def is_active(note_id: int) -> bool:
    return is_queued(tag, note_id)


_serving = threading.Event()


def start() -> None:
    """Tag questions by meaning in the background from now on."""
    _serving.set()


def serving() -> bool:
    """Whether requests leave the embedding model to the background worker."""
    return _serving.is_set()


def tag_later(note_id: int) -> None:
    """Queue the note for tagging by meaning once the current transaction commits."""
    transaction.on_commit(lambda: enqueue(note_id))
