"""Run-throughs transcribed by a background task (``core.tasks``) on the ``transcribe`` queue, as
practice recordings are. An upload queues its run-through once it is committed
(``services.run_through_recorded``, the one place that queues); those a stopped worker left are
queued again when `nextround serve` or `nextround worker` starts
(``services.run_through_resume``)."""

from __future__ import annotations

from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="transcribe")
@once
def transcribe(pk: int) -> None:
    from nextround.rehearsal.services import run_through_transcribe  # services import this

    run_through_transcribe(pk)


def enqueue(pk: int) -> bool:
    return enqueue_once(transcribe, pk)


def is_active(pk: int) -> bool:
    return is_queued(transcribe, pk)
