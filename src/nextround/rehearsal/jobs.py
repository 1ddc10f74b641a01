"""Run-throughs transcribed on a background thread inside the web server's process
(``core.jobs.Worker``), as practice recordings are. An upload queues its run-through once it is
committed (``services.run_through_recorded``, the one place that queues); `nextround serve`
queues again those a stopped server left (``services.run_through_resume``)."""

from __future__ import annotations

from nextround.core.jobs import Worker


def _transcribe(pk: int) -> None:
    from nextround.rehearsal.services import run_through_transcribe  # services import this

    run_through_transcribe(pk)


_worker = Worker("run-through", _transcribe)
enqueue = _worker.enqueue
is_active = _worker.is_active
busy = _worker.busy
