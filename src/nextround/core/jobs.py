"""Work done on a background thread inside the web server's process.

Each kind of work has one ``Worker``: one thread, since the heavy models already use both cores
and two jobs at once would only make each slower, while the request threads stay free to serve
pages. A job is keyed by an id and queued once: asking again while it is queued or running does
nothing. A job cannot report to a caller, so its failure is logged; the pages show what the
database says (still queued, not ready yet).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections, connections

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, name: str, run: Callable[[int], None]) -> None:
        self._name = name
        self._run_job = run
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"nextround-{name}")
        self._active: set[int] = set()  # queued or running in this process
        self._lock = threading.Lock()

    def enqueue(self, key: int) -> Future[None] | None:
        """Queue the job for ``key``, once; None when it is already queued or running."""
        with self._lock:
            if key in self._active:
                return None
            self._active.add(key)
        return self._executor.submit(self._run, key)

    def is_active(self, key: int) -> bool:
        with self._lock:
            return key in self._active

    def busy(self) -> bool:
        """Whether any job is queued or running in this process."""
        with self._lock:
            return bool(self._active)

    def _run(self, key: int) -> None:
        close_old_connections()
        try:
            self._run_job(key)
        except Exception:  # a thread has no caller to tell: log it
            log.exception("%s job %s failed", self._name, key)
        finally:
            with self._lock:
                self._active.discard(key)
            connections.close_all()  # this thread's connections; the pool thread lives on
