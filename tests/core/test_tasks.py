"""Background work on Django's tasks framework (nextround.core.tasks): each key queued once
across threads and processes, run by a real worker from the database queue, failures kept and
let go, and a worker that died no longer holding its key."""

from __future__ import annotations

import logging
import socket
import subprocess
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from nextround.core.models import QueuedTask
from nextround.core.tasks import (
    RUNNING_AT_MOST,
    InProcessWorkers,
    database_queue,
    enqueue_once,
    is_queued,
    once,
)
from tests.conftest import drain

pytestmark = pytest.mark.django_db(transaction=True)  # a worker sees only committed rows

ran: list[tuple[int, str]] = []


@task(queue_name="tag")
@once
def note(key: int) -> None:
    """A task of the tests: records its key and the thread that ran it; a negative key fails."""
    if key < 0:
        raise RuntimeError(f"nothing to note for {key}")
    ran.append((key, threading.current_thread().name))


@pytest.fixture(autouse=True)
def _nothing_ran() -> None:
    ran.clear()


def test_the_queue_is_the_database() -> None:
    assert database_queue()


def test_a_key_is_queued_once_until_a_worker_has_run_it() -> None:
    assert enqueue_once(note, 7)
    assert not enqueue_once(note, 7)  # the same key again: already queued
    assert enqueue_once(note, 8)
    assert is_queued(note, 7) and is_queued(note, 8)
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    drain("tag")
    assert [key for key, _ in ran] == [7, 8]
    assert all(thread != threading.current_thread().name for _, thread in ran)
    assert not is_queued(note, 7) and not QueuedTask.objects.exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert enqueue_once(note, 7)  # done, so it may run again
    drain("tag")
    assert [key for key, _ in ran] == [7, 8, 7]


def test_requests_racing_for_one_key_queue_it_once() -> None:
    start = threading.Barrier(6)
    queued: list[bool] = []

    def request() -> None:
        start.wait()
        try:
            queued.append(enqueue_once(note, 42))
        finally:
            connections.close_all()  # each thread is a connection of its own, as a process is

    threads = [threading.Thread(target=request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(queued) == [False] * 5 + [True]
    assert DBTaskResult.objects.count() == 1


def test_a_failing_task_is_kept_with_its_error_and_its_key_let_go(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        assert enqueue_once(note, -3)
        drain("tag")
    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"
    assert "nothing to note for -3" in failed.traceback
    assert "nothing to note for -3" in caplog.text  # the framework logs it too
    assert not is_queued(note, -3)
    assert enqueue_once(note, -3)


def test_a_key_held_by_a_worker_that_died_is_queued_again() -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    now = timezone.now()
    here = socket.gethostname()
    name = note.module_path
    QueuedTask.objects.create(
        task=name, key=1, queued_at=now, started_at=now, runner=f"{here}:{gone.pid}"
    )
    QueuedTask.objects.create(
        task=name, key=2, queued_at=now, started_at=now, runner="elsewhere:1234"
    )
    long_ago = now - RUNNING_AT_MOST - timedelta(minutes=1)
    QueuedTask.objects.create(
        task=name, key=3, queued_at=long_ago, started_at=long_ago, runner="elsewhere:1234"
    )
    assert not is_queued(note, 1)  # its process is gone from this computer
    assert is_queued(note, 2)  # another computer's worker, running for a minute: alive
    assert not is_queued(note, 3)  # running longer than any task does
    assert enqueue_once(note, 1) and not enqueue_once(note, 2) and enqueue_once(note, 3)
    assert QueuedTask.objects.get(key=1).runner == ""  # queued afresh


def test_worker_threads_inside_a_process_run_the_queue_until_stopped() -> None:
    workers = InProcessWorkers(["tag"])
    workers.start()
    try:
        assert enqueue_once(note, 5)
        deadline = timezone.now() + timedelta(seconds=30)
        while is_queued(note, 5) and timezone.now() < deadline:
            threading.Event().wait(0.1)
    finally:
        workers.stop()
    assert ran == [(5, "nextround-tag")]
    assert enqueue_once(note, 6)  # stopped: nobody takes it
    threading.Event().wait(1.5)
    assert is_queued(note, 6) and len(ran) == 1
