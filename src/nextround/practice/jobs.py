"""Background transcription inside the web server's process.

One worker thread: transcription already uses both cores, so two at once would only make each
slower, and the request threads stay free to serve pages (including the progress the worker
writes to the database). An upload queues its attempt once it is committed. A stopped server
leaves attempts queued; `nextround serve` queues them again when it starts
(`services.resume_pending`). Pages never queue: a GET must not start work.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections, connections

log = logging.getLogger(__name__)
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nextround-transcribe")
_active: set[int] = set()  # queued or running in this process
_lock = threading.Lock()


def enqueue(pk: int) -> Future[None] | None:
    """Queue an attempt for transcription, once; returns None when it is already queued."""
    with _lock:
        if pk in _active:
            return None
        _active.add(pk)
    return _executor.submit(_run, pk)


def is_active(pk: int) -> bool:
    with _lock:
        return pk in _active


def busy() -> bool:
    """Whether any transcription is queued or running in this process."""
    with _lock:
        return bool(_active)


def _run(pk: int) -> None:
    from nextround.practice.services import transcribe_attempt  # services import this module

    close_old_connections()
    try:
        transcribe_attempt(pk)
    except Exception:  # a thread has no caller to tell: log it, the page shows it still queued
        log.exception("transcription job %s failed", pk)
    finally:
        with _lock:
            _active.discard(pk)
        connections.close_all()  # this thread's connections; the pool thread lives on
