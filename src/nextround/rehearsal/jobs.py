"""Recordings transcribed by background tasks (``core.tasks``) on the ``transcribe`` queue, as
practice recordings are: run-throughs, and spoken case answers. An upload queues its record
once it is committed (``services.run_through_recorded`` and ``services.case_answer_recorded``,
the one place each that queues); those a stopped worker left are queued again when `nextround
serve` or `nextround worker` starts (``services.run_through_resume``,
``services.case_answer_resume``)."""

from __future__ import annotations

from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="transcribe")
@once
def transcribe(pk: int) -> None:
    from nextround.rehearsal.services import run_through_transcribe  # services import this

    run_through_transcribe(pk)


@task(queue_name="transcribe")
@once
def transcribe_case_answer(pk: int) -> None:
    from nextround.rehearsal.services import case_answer_transcribe  # services import this

    case_answer_transcribe(pk)


def enqueue(pk: int) -> bool:
    return enqueue_once(transcribe, pk)


def is_active(pk: int) -> bool:
    return is_queued(transcribe, pk)


def enqueue_case_answer(pk: int) -> bool:
    return enqueue_once(transcribe_case_answer, pk)


def case_answer_active(pk: int) -> bool:
    return is_queued(transcribe_case_answer, pk)
