"""Background transcription inside the web server's process (``core.jobs.Worker``).

An upload queues its attempt once it is committed. A stopped server leaves attempts queued;
`nextround serve` queues them again when it starts (`services.resume_pending`). Pages never
queue: a GET must not start work.
"""

from __future__ import annotations

from nextround.core.jobs import Worker


def _transcribe(pk: int) -> None:
    from nextround.practice.services import transcribe_attempt  # services import this module

    transcribe_attempt(pk)


_worker = Worker("transcribe", _transcribe)
enqueue = _worker.enqueue
is_active = _worker.is_active
busy = _worker.busy
