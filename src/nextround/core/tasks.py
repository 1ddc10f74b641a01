"""Background work on Django's tasks framework (the ``django-tasks`` backport), queued once per key.

Each kind of work is a task of one id (an attempt, an account, a note) on its own queue
(``config.TASK_QUEUES``). The backend is a setting (``NEXTROUND_TASK_BACKEND``): by default
``django-tasks-db``, which keeps the queue in nextround's own database, SQLite or PostgreSQL, so no
broker has to run. Workers are separate processes (`nextround worker`), or threads inside
`nextround serve` in local mode, so one person still runs one command.

Asking twice does not queue twice: a queued or running task holds a row of ``QueuedTask`` for its
key, taken in the database, so the rule holds across every web and worker process. A row left by
a worker that died (a process gone from this computer, or a row older than ``RUNNING_AT_MOST``)
no longer counts. A task cannot report to a caller, so the pages show what the database says
(still queued, not ready yet); a failure is logged by the framework and kept with the task.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import Task
from django_tasks.utils import get_module_path

from nextround.config import TASK_QUEUES
from nextround.core.models import QueuedTask

log = logging.getLogger(__name__)

#: Longer than any one task runs (a long run-through on a slow machine) or waits in the queue:
#: a row older than this was left by a worker on another computer that stopped.
RUNNING_AT_MOST = timedelta(hours=6)
#: How often an idle worker looks for new work.
POLL_SECONDS = 1.0


def once(function: Callable[[int], None]) -> Callable[[int], None]:
    """Make ``function(key)`` a task body that lets its key go when it ends, however it ends.
    Put it under ``@task``: ``@task(queue_name=...)`` then ``@once``."""
    name = get_module_path(function)

    @functools.wraps(function)
    def run(key: int) -> None:
        QueuedTask.objects.filter(task=name, key=key).update(
            started_at=timezone.now(), runner=_runner()
        )
        try:
            function(key)
        finally:
            QueuedTask.objects.filter(task=name, key=key).delete()

    return run


def enqueue_once(task: Task[[int], None], key: int) -> bool:
    """Queue ``task`` for ``key`` unless it is already queued or running, in any process;
    whether it was queued."""
    name = task.module_path
    now = timezone.now()
    try:
        with transaction.atomic():
            _let_go_of_the_dead(name, key, now)
            QueuedTask.objects.create(task=name, key=key, queued_at=now)
            task.enqueue(key)
    except IntegrityError:  # another request or process holds it
        return False
    return True


def is_queued(task: Task[[int], None], key: int) -> bool:
    """Whether ``task`` is queued or running for ``key``, in any process."""
    name = task.module_path
    return any(
        not _dead(row, timezone.now()) for row in QueuedTask.objects.filter(task=name, key=key)
    )


def _let_go_of_the_dead(name: str, key: int, now: datetime) -> None:
    for row in QueuedTask.objects.filter(task=name, key=key):
        if _dead(row, now):
            row.delete()


def _dead(row: QueuedTask, now: datetime) -> bool:
    """A row whose worker stopped: its process is gone from this computer, or it is older than
    any task runs."""
    if (row.started_at or row.queued_at) < now - RUNNING_AT_MOST:
        return True
    host, _, pid = row.runner.rpartition(":")
    return host == socket.gethostname() and pid.isdigit() and not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# --- workers of the database backend --------------------------------------------------------


def database_queue() -> bool:
    """Whether the configured backend keeps the queue in the database (django-tasks-db), the
    one whose workers nextround runs; other backends come with their own worker command."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def work(queues: Iterable[str] = TASK_QUEUES, *, batch: bool = False) -> None:
    """Run the tasks of ``queues`` in this thread: until the process is stopped (Ctrl+C lets
    the running task finish first), or with ``batch`` until none is ready. What `nextround
    worker` runs; django-tasks-db's worker takes each task in a transaction that locks its row,
    so any number of workers can share the queue."""
    worker = _worker(queues, batch=batch)
    if threading.current_thread() is not threading.main_thread():
        try:
            worker.run()
        finally:
            connections.close_all()  # this thread's connections
        return
    handled = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.getsignal(number) for number in handled}
    for number in handled:
        signal.signal(number, worker.shutdown)
    try:
        worker.run()
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _worker(queues: Iterable[str], *, batch: bool) -> Any:
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=list(queues),
        interval=POLL_SECONDS,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{_runner()}:{threading.current_thread().name}"[-64:],
        excluded_queue_names=[],
    )


class InProcessWorkers:
    """One worker thread per queue inside this process, as `nextround serve` runs them in local
    mode: the heavy models already use both cores, so one task of a kind runs at a time, while
    a transcription does not hold up the tagging of a question."""

    def __init__(self, queues: Iterable[str] = TASK_QUEUES) -> None:
        self._stopping = threading.Event()
        self._running: dict[str, Any] = {}
        self._threads = [
            threading.Thread(target=self._run, args=(q,), name=f"nextround-{q}", daemon=True)
            for q in queues
        ]

    def start(self) -> None:
        close_old_connections()
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Let each thread finish its task, then end it (the tests' live servers need this; a
        server's threads end with its process)."""
        self._stopping.set()
        for worker in list(self._running.values()):
            worker.running = False
        for thread in self._threads:
            thread.join(timeout=120)

    def _run(self, queue: str) -> None:
        while not self._stopping.is_set():
            worker = self._running[queue] = _worker([queue], batch=False)
            if self._stopping.is_set():  # stop() came before it could see this worker
                break
            try:
                worker.run()
            except Exception:  # a lost connection: a thread has no one to tell, so log it
                log.exception("the %s worker stopped; starting it again", queue)
                self._stopping.wait(POLL_SECONDS)
            finally:
                connections.close_all()  # this thread's connections
