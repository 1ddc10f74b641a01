"""Transcription of a spoken answer, a background task (``core.tasks``) on the ``transcribe``
queue.

An upload queues its attempt once it is committed. Attempts a stopped worker left are queued
again when `nextround serve` or `nextround worker` starts (`services.resume_pending`). Pages
never queue: a GET must not start work.
"""

from __future__ import annotations

from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="transcribe")
@once
def transcribe(pk: int) -> None:
    from nextround.practice.services import transcribe_attempt  # services import this module

    transcribe_attempt(pk)


def enqueue(pk: int) -> bool:
    return enqueue_once(transcribe, pk)


def is_active(pk: int) -> bool:
    return is_queued(transcribe, pk)
