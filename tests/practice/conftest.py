"""Fixtures of the practice tests."""

from __future__ import annotations

import pytest

from nextround.practice import jobs


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What would have been handed to the transcription worker, which never runs here."""
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", lambda pk: queued.append(pk))
    return queued
