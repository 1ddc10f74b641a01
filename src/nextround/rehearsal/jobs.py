"""Recordings transcribed on background threads inside the web server's process
(``core.jobs.Worker``), as practice recordings are: run-throughs, and spoken case answers. An
upload queues its record once it is committed (``services.run_through_recorded`` and
``services.case_answer_recorded``, the one place each that queues); `nextround serve` queues again
those a stopped server left (``services.run_through_resume``, ``services.case_answer_resume``)."""

from __future__ import annotations

from nextround.core.jobs import Worker


def _transcribe(pk: int) -> None:
    from nextround.rehearsal.services import run_through_transcribe  # services import this

    run_through_transcribe(pk)


def _transcribe_case_answer(pk: int) -> None:
    from nextround.rehearsal.services import case_answer_transcribe  # services import this

    case_answer_transcribe(pk)


_worker = Worker("run-through", _transcribe)
enqueue = _worker.enqueue
is_active = _worker.is_active
busy = _worker.busy

_case_worker = Worker("case-answer", _transcribe_case_answer)
enqueue_case_answer = _case_worker.enqueue
case_answer_active = _case_worker.is_active
