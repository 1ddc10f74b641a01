"""The background worker (nextround.core.jobs): each key queued once, failures logged and let go."""

from __future__ import annotations

import threading

import pytest

from nextround.core.jobs import Worker


def test_a_key_is_queued_once_while_its_job_is_queued_or_running() -> None:
    release = threading.Event()
    ran: list[int] = []

    def run(key: int) -> None:
        release.wait(10)
        ran.append(key)

    worker = Worker("test", run)
    first = worker.enqueue(7)
    assert first is not None
    assert worker.enqueue(7) is None  # the same key again: already in hand
    second = worker.enqueue(8)
    assert worker.is_active(7) and worker.is_active(8) and worker.busy()
    release.set()
    first.result(10)
    assert second is not None
    second.result(10)
    assert ran == [7, 8]
    assert not worker.busy()
    again = worker.enqueue(7)  # done, so it may run again
    assert again is not None
    again.result(10)
    assert ran == [7, 8, 7]


def test_a_failing_job_is_logged_and_its_key_let_go(caplog: pytest.LogCaptureFixture) -> None:
    def run(key: int) -> None:
        raise RuntimeError(f"model missing for {key}")

    worker = Worker("test", run)
    future = worker.enqueue(3)
    assert future is not None
    future.result(10)  # the failure does not escape the thread
    assert not worker.is_active(3)
    assert "test job 3 failed" in caplog.text
    assert "model missing for 3" in caplog.text
